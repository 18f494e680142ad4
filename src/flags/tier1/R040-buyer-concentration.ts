import { int, num, obj, str } from '../evidence';
import { sqlNumber } from '../params';
import type { FlagDefinition } from '../types';

const KNOWN = 'buyer_id IS NOT NULL AND supplier_id IS NOT NULL AND signed_date IS NOT NULL AND amount > 0';

/** R040 — a buyer-year whose money went mostly to one supplier, or to very few. */
export const R040: FlagDefinition = {
  code: 'R040',
  name: 'Buyer concentration',
  explanation:
    'One supplier received more than half of this buyer\'s money in the year, or the spending was concentrated on a few suppliers (Herfindahl–Hirschman index above 2 500, "highly concentrated" in competition law). Concentration can reflect a small market, but it is also what a captured buyer looks like.',
  level: 'buyer',
  entityKey: 'buyer_id:year',
  needs: ['buyer_id', 'supplier_id', 'amount', 'signed_date'],
  appliesTo: { note: 'all purchases of a buyer in a calendar year with a supplier and a positive amount' },
  params: [
    {
      name: 'max_top_share',
      default: 0.5,
      unit: 'share of value 0–1',
      source: 'FLAGS.md (top supplier share)',
      description: "Flag when the largest supplier's share of the buyer-year's value is above this",
      min: 0,
      max: 1,
    },
    {
      name: 'max_hhi',
      default: 2500,
      unit: 'HHI 0–10 000',
      source: 'US DOJ/FTC 2010 horizontal merger guidelines ("highly concentrated")',
      description: 'Flag when the HHI of supplier value shares is above this',
      min: 0,
      max: 10000,
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
WITH s AS (
  SELECT dataset_id, buyer_id, year(signed_date) AS y, supplier_id, count(*) AS c, sum(amount)::DOUBLE AS v
  FROM purchases WHERE ${KNOWN}
  GROUP BY ALL
), b AS (
  SELECT dataset_id, buyer_id, y, sum(c) AS n, count(*) AS n_suppliers, sum(v) AS total, sum(v * v) AS ss,
    max(v) AS top_value, arg_max(supplier_id, v) AS top_supplier
  FROM s GROUP BY ALL
), m AS (
  SELECT *, top_value / total AS top_share, 10000 * ss / (total * total) AS hhi FROM b
)
SELECT dataset_id, 'buyer' AS entity_type, buyer_id || ':' || CAST(y AS VARCHAR) AS entity_id, 'R040' AS code, hhi AS value,
  ${obj({
    buyer_id: str('buyer_id'),
    year: int('y'),
    hhi: num('hhi'),
    max_hhi: num(sqlNumber(p.max_hhi)),
    top_supplier_id: str('top_supplier'),
    top_share: num('top_share'),
    max_top_share: num(sqlNumber(p.max_top_share)),
    suppliers: int('n_suppliers'),
    purchases: int('n'),
    total_value: num('total'),
  })} AS evidence
FROM m
WHERE n >= ${sqlNumber(p.min_purchases)} AND (top_share > ${sqlNumber(p.max_top_share)} OR hhi > ${sqlNumber(p.max_hhi)})`,
};
