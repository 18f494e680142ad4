import { BUYER_YEAR_ID, COMPETITIVE } from '../common';
import { int, num, obj, str } from '../evidence';
import { sqlNumber } from '../params';
import { effectStrengthSql, pStrengthSql, valueShareTailSql } from '../strength';
import type { FlagDefinition } from '../types';

const KNOWN = `buyer_id IS NOT NULL AND signed_date IS NOT NULL AND amount IS NOT NULL AND (${COMPETITIVE}) IS NOT NULL`;

/** R013 — a buyer-year that spent most of its money without competition. */
export const R013: FlagDefinition = {
  code: 'R013',
  name: 'High use of non-competitive methods',
  explanation:
    "This buyer spent more than half of the year's money through direct awards and other procedures without open competition. Some direct awards are lawful, but a buyer that rarely competes its contracts pays more and is exposed to favouritism. The OECD benchmark for a whole country is 10–20 % of value. The flag is strong when the buyer's share is also far beyond its sector's own share for its number of purchases (exact binomial test on the value share).",
  level: 'buyer',
  entityKey: 'buyer_id:year',
  needs: ['buyer_id', 'amount', 'signed_date'],
  needsOneOf: [['method', 'competitive']],
  appliesTo: { note: 'all purchases of a buyer in a calendar year; share of value through non-competitive procedures' },
  params: [
    {
      name: 'max_share',
      default: 0.5,
      unit: 'share of value 0–1',
      source: 'FLAGS.md (OECD country benchmark 10–20 %)',
      description: "Flag when the non-competitive share of the buyer-year's value is above this",
      min: 0,
      max: 1,
    },
    {
      name: 'min_purchases',
      default: 10,
      unit: 'purchases',
      source: 'GTI practice (buyer-years with ≥ 10 contracts)',
      description: 'Buyer-years with fewer purchases are not assessed',
      min: 1,
      max: 100000,
      integer: true,
    },
    {
      name: 'alpha',
      default: 0.001,
      unit: 'p-value',
      source: 'FLAGS.md (p < 0.001, as for R029)',
      description: "p-value at which a flag becomes medium: the buyer's share against the dataset's own non-competitive share",
      min: 1e-12,
      max: 0.5,
    },
  ],
  assessed: (p) => ({ row: `(${KNOWN})`, group: { by: 'buyer_year', count: KNOWN, min: p.min_purchases } }),
  sql: (p) => `
WITH agg AS (
  SELECT dataset_id, ${BUYER_YEAR_ID} AS entity_id, any_value(buyer_id) AS buyer_id, year(signed_date) AS y,
    count(*) AS n, count(*) FILTER (WHERE NOT ${COMPETITIVE}) AS n_nc,
    sum(amount)::DOUBLE AS total, sum(amount::DOUBLE * amount) AS total_sq,
    coalesce(sum(amount) FILTER (WHERE NOT ${COMPETITIVE}), 0)::DOUBLE AS nc_value
  FROM purchases
  WHERE ${KNOWN}
  GROUP BY dataset_id, buyer_id, year(signed_date)
), assessed AS (
  SELECT * FROM agg WHERE n >= ${sqlNumber(p.min_purchases)} AND total > 0
), ordinary AS (
  -- The dataset's own non-competitive share of value: a buyer is judged against its sector's practice.
  SELECT dataset_id, sum(nc_value) / sum(total) AS level FROM assessed GROUP BY ALL
), tested AS (
  SELECT assessed.*, nc_value / total AS share, ordinary.level,
    CASE WHEN nc_value / total > ordinary.level THEN ${valueShareTailSql('nc_value / total', 'total', 'total_sq', 'ordinary.level')} ELSE 1.0 END AS p_value
  FROM assessed JOIN ordinary USING (dataset_id)
  WHERE nc_value / total > ${sqlNumber(p.max_share)}
)
SELECT dataset_id, 'buyer' AS entity_type, entity_id, 'R013' AS code, share AS value,
  least(${pStrengthSql('p_value', sqlNumber(p.alpha))}, ${effectStrengthSql(`share / ${sqlNumber(p.max_share)}`)}) AS strength,
  ${obj({
    buyer_id: str('buyer_id'),
    year: int('y'),
    share: num('share'),
    max_share: num(sqlNumber(p.max_share)),
    dataset_share: num('level'),
    p_value: num('p_value'),
    non_competitive_value: num('nc_value'),
    total_value: num('total'),
    non_competitive_purchases: int('n_nc'),
    purchases: int('n'),
  })} AS evidence
FROM tested`,
};
