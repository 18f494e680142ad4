import { COMPETITIVE } from '../common';
import { int, obj, str } from '../evidence';
import { sqlNumber } from '../params';
import { effectStrengthSql } from '../strength';
import type { FlagDefinition, ParamValues } from '../types';

const SOURCE = 'OCP red-flag guide R003 / Cardinal default threshold (15 days)';

function minDays(p: ParamValues): string {
  return `CASE method WHEN 'open' THEN ${sqlNumber(p.min_days_open)} WHEN 'selective' THEN ${sqlNumber(p.min_days_selective)} WHEN 'limited' THEN ${sqlNumber(p.min_days_limited)} ELSE ${sqlNumber(p.min_days_other)} END`;
}

const DAYS = `date_diff('day', tender_start, tender_end)`;

/** R003 — a submission window too short for bidders other than an insider to prepare. */
export const R003: FlagDefinition = {
  code: 'R003',
  name: 'Short submission period',
  explanation:
    'When bidders get only a few days between the announcement and the deadline, only a company that knew in advance can prepare a good bid. Short periods cut competition and can hide a pre-arranged winner.',
  level: 'purchase',
  entityKey: 'purchase_id',
  needs: ['tender_start', 'tender_end'],
  needsOneOf: [['method', 'competitive']],
  appliesTo: { competitive: true, note: 'competitive procedures with both submission dates; thresholds per method' },
  params: [
    {
      name: 'min_days_open',
      default: 15,
      unit: 'days',
      source: SOURCE,
      description: 'Open procedures: flag when the whole days between start and end of submission are fewer than this',
      min: 0,
      max: 365,
      integer: true,
    },
    {
      name: 'min_days_selective',
      default: 15,
      unit: 'days',
      source: SOURCE,
      description: 'Selective procedures: the same threshold',
      min: 0,
      max: 365,
      integer: true,
    },
    {
      name: 'min_days_limited',
      default: 15,
      unit: 'days',
      source: SOURCE,
      description: 'Limited procedures marked competitive: the same threshold',
      min: 0,
      max: 365,
      integer: true,
    },
    {
      name: 'min_days_other',
      default: 15,
      unit: 'days',
      source: SOURCE,
      description: 'Competitive purchases with another or no method code',
      min: 0,
      max: 365,
      integer: true,
    },
  ],
  assessed: () => ({
    row: `(${COMPETITIVE} AND tender_start IS NOT NULL AND tender_end IS NOT NULL AND tender_end >= tender_start)`,
  }),
  sql: (p) => `
SELECT dataset_id, 'purchase' AS entity_type, purchase_id AS entity_id, 'R003' AS code, ${DAYS}::DOUBLE AS value,
  -- How short, against 40 % of the method's minimum: 9 of 15 days is medium, 4 of 15 high; a day or two short is low.
  ${effectStrengthSql(`(${minDays(p)} - ${DAYS}) / (0.4 * ${minDays(p)})`)} AS strength,
  ${obj({ days: int(DAYS), min_days: int(minDays(p)), tender_start: str('tender_start'), tender_end: str('tender_end'), method: str('method') })} AS evidence
FROM purchases
WHERE ${COMPETITIVE} AND tender_start IS NOT NULL AND tender_end IS NOT NULL AND tender_end >= tender_start
  AND ${DAYS} < ${minDays(p)}`,
};
