import { BUYER_YEAR_ID, COMPETITIVE } from '../common';
import { int, num, obj, str } from '../evidence';
import { sqlNumber } from '../params';
import type { FlagDefinition } from '../types';

const KNOWN = `buyer_id IS NOT NULL AND signed_date IS NOT NULL AND amount IS NOT NULL AND (${COMPETITIVE}) IS NOT NULL`;

/** R013 — a buyer-year that spent most of its money without competition. */
export const R013: FlagDefinition = {
  code: 'R013',
  name: 'High use of non-competitive methods',
  explanation:
    "This buyer spent more than half of the year's money through direct awards and other procedures without open competition. Some direct awards are lawful, but a buyer that rarely competes its contracts pays more and is exposed to favouritism. The OECD benchmark for a whole country is 10–20 % of value.",
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
  ],
  assessed: (p) => ({ row: `(${KNOWN})`, group: { by: 'buyer_year', count: KNOWN, min: p.min_purchases } }),
  sql: (p) => `
WITH agg AS (
  SELECT dataset_id, ${BUYER_YEAR_ID} AS entity_id, any_value(buyer_id) AS buyer_id, year(signed_date) AS y,
    count(*) AS n, count(*) FILTER (WHERE NOT ${COMPETITIVE}) AS n_nc,
    sum(amount)::DOUBLE AS total, coalesce(sum(amount) FILTER (WHERE NOT ${COMPETITIVE}), 0)::DOUBLE AS nc_value
  FROM purchases
  WHERE ${KNOWN}
  GROUP BY dataset_id, buyer_id, year(signed_date)
)
SELECT dataset_id, 'buyer' AS entity_type, entity_id, 'R013' AS code, nc_value / total AS value,
  ${obj({
    buyer_id: str('buyer_id'),
    year: int('y'),
    share: num('nc_value / total'),
    max_share: num(sqlNumber(p.max_share)),
    non_competitive_value: num('nc_value'),
    total_value: num('total'),
    non_competitive_purchases: int('n_nc'),
    purchases: int('n'),
  })} AS evidence
FROM agg
WHERE n >= ${sqlNumber(p.min_purchases)} AND total > 0 AND nc_value / total > ${sqlNumber(p.max_share)}`,
};
