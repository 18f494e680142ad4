import { int, num, obj, str } from '../evidence';
import { sqlNumber } from '../params';
import type { FlagDefinition } from '../types';

const KNOWN = 'buyer_id IS NOT NULL AND signed_date IS NOT NULL AND amount > 0';

/** TL-YEAR-END — a buyer-year that signed a disproportionate share of its value in the last days of the year. */
export const TL_YEAR_END: FlagDefinition = {
  code: 'TL-YEAR-END',
  name: 'Year-end rush',
  explanation:
    "This buyer signed far more of the year's value in the last days of December than an even year would give. Budgets that lapse at year-end push buyers to spend fast, with less planning and competition; studies of US federal buying found year-end contracts of lower quality.",
  level: 'buyer',
  entityKey: 'buyer_id:year',
  needs: ['buyer_id', 'signed_date', 'amount'],
  appliesTo: { note: "all purchases of a buyer in a calendar year (Kazakhstan's fiscal year)" },
  params: [
    {
      name: 'last_days',
      default: 12,
      unit: 'days',
      source: 'FLAGS.md (last 12 days of the fiscal year)',
      description: 'The year-end window: the last this many days of December',
      min: 1,
      max: 60,
      integer: true,
    },
    {
      name: 'min_ratio',
      default: 4,
      unit: 'ratio',
      source: 'Liebman & Mahoney (2017): last week 4.9× the weekly average; procurement-data.md §7 (3–5×)',
      description: "Flag when the window's share of value is at least this many times what an even year gives",
      min: 0,
      max: 1000,
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
  sql: (p) => {
    const days = sqlNumber(p.last_days);
    return `
WITH agg AS (
  SELECT dataset_id, buyer_id, year(signed_date) AS y, count(*) AS n,
    count(*) FILTER (WHERE signed_date > make_date(year(signed_date), 12, 31) - ${days}) AS n_end,
    sum(amount)::DOUBLE AS total,
    coalesce(sum(amount) FILTER (WHERE signed_date > make_date(year(signed_date), 12, 31) - ${days}), 0)::DOUBLE AS end_value
  FROM purchases WHERE ${KNOWN}
  GROUP BY ALL
), m AS (
  SELECT *, end_value / total AS share,
    ${days} / date_diff('day', make_date(y, 1, 1), make_date(y + 1, 1, 1))::DOUBLE AS even_share
  FROM agg
)
SELECT dataset_id, 'buyer' AS entity_type, buyer_id || ':' || CAST(y AS VARCHAR) AS entity_id, 'TL-YEAR-END' AS code,
  share / even_share AS value,
  ${obj({
    buyer_id: str('buyer_id'),
    year: int('y'),
    last_days: int(days),
    share: num('share'),
    even_share: num('even_share'),
    ratio: num('share / even_share'),
    min_ratio: num(sqlNumber(p.min_ratio)),
    year_end_value: num('end_value'),
    total_value: num('total'),
    year_end_purchases: int('n_end'),
    purchases: int('n'),
  })} AS evidence
FROM m
WHERE n >= ${sqlNumber(p.min_purchases)} AND share / even_share >= ${sqlNumber(p.min_ratio)}`;
  },
};
