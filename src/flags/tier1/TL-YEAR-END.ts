import { int, num, obj, str } from '../evidence';
import { sqlNumber } from '../params';
import { effectStrengthSql, pStrengthSql, valueShareTailSql } from '../strength';
import type { FlagDefinition } from '../types';

const KNOWN = 'buyer_id IS NOT NULL AND signed_date IS NOT NULL AND amount > 0';

/** TL-YEAR-END — a buyer-year that signed a disproportionate share of its value in the last days of the year. */
export const TL_YEAR_END: FlagDefinition = {
  code: 'TL-YEAR-END',
  name: 'Year-end rush',
  explanation:
    "This buyer signed far more of the year's value in the last days of December than the sector ordinarily does, beyond what its number of purchases explains (exact binomial test on the value share). December peaks are normal in budget-funded bodies, so the comparison is with the sector's own December, not with an even year. Budgets that lapse at year-end push buyers to spend fast, with less planning and competition; studies of US federal buying found year-end contracts of lower quality.",
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
      default: 2,
      unit: 'ratio',
      source:
        "TenderLens choice against the sector's ordinary level (which already holds the usual December peak); Liebman & Mahoney (2017) found the last week at 4.9× an even week",
      description:
        "A buyer-year is a candidate when the window's share of value is at least this many times the sector's ordinary share (or an even year's, if larger)",
      min: 1,
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
    {
      name: 'alpha',
      default: 0.0001,
      unit: 'p-value',
      source:
        'TenderLens choice: thousands of buyer-years are tested and buyers differ in their ordinary December more than a binomial allows, so 10⁻⁴ (FLAGS.md uses 10⁻³ for R029, tested on far fewer buyers)',
      description: 'p-value at which a flag becomes medium',
      min: 1e-12,
      max: 0.5,
    },
  ],
  assessed: (p) => ({ row: `(${KNOWN})`, group: { by: 'buyer_year', count: KNOWN, min: p.min_purchases } }),
  sql: (p) => {
    const days = sqlNumber(p.last_days);
    const inWindow = `signed_date > make_date(year(signed_date), 12, 31) - ${days}`;
    return `
WITH agg AS (
  SELECT dataset_id, sector, buyer_id, year(signed_date) AS y, count(*) AS n,
    count(*) FILTER (WHERE ${inWindow}) AS n_end,
    sum(amount)::DOUBLE AS total, sum(amount::DOUBLE * amount) AS total_sq,
    coalesce(sum(amount) FILTER (WHERE ${inWindow}), 0)::DOUBLE AS end_value
  FROM purchases WHERE ${KNOWN}
  GROUP BY ALL
), ordinary AS (
  -- The sector's ordinary year-end level: the dataset's pooled value share in the window, over
  -- the buyer-years the flag assesses.
  SELECT dataset_id, sector, sum(end_value) / sum(total) AS level
  FROM agg WHERE n >= ${sqlNumber(p.min_purchases)} GROUP BY ALL
), m AS (
  SELECT agg.*, end_value / total AS share, ordinary.level,
    ${days} / date_diff('day', make_date(y, 1, 1), make_date(y + 1, 1, 1))::DOUBLE AS even_share
  FROM agg JOIN ordinary ON ordinary.dataset_id = agg.dataset_id AND ordinary.sector IS NOT DISTINCT FROM agg.sector
  WHERE n >= ${sqlNumber(p.min_purchases)}
), cand AS (
  SELECT *, greatest(level, even_share) AS base FROM m WHERE share >= ${sqlNumber(p.min_ratio)} * greatest(level, even_share)
), tested AS (
  SELECT *, ${valueShareTailSql('share', 'total', 'total_sq', 'base')} AS p_value FROM cand
)
SELECT dataset_id, 'buyer' AS entity_type, buyer_id || ':' || CAST(y AS VARCHAR) AS entity_id, 'TL-YEAR-END' AS code,
  share / base AS value,
  least(${pStrengthSql('p_value', sqlNumber(p.alpha))}, ${effectStrengthSql(`share / (${sqlNumber(p.min_ratio)} * base) `)}) AS strength,
  ${obj({
    buyer_id: str('buyer_id'),
    year: int('y'),
    last_days: int(days),
    share: num('share'),
    ordinary_share: num('level'),
    even_share: num('even_share'),
    ratio: num('share / base'),
    min_ratio: num(sqlNumber(p.min_ratio)),
    p_value: num('p_value'),
    year_end_value: num('end_value'),
    total_value: num('total'),
    year_end_purchases: int('n_end'),
    purchases: int('n'),
  })} AS evidence
FROM tested`;
  },
};
