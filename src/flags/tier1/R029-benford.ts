import { int, num, numList, obj, str } from '../evidence';
import { sqlNumber } from '../params';
import { BENFORD_FIRST_DIGIT, chiSquareCritical, chiSquareSurvival8Sql } from '../stats';
import { effectStrengthSql, pStrengthSql } from '../strength';
import type { FlagDefinition } from '../types';

const DIGITS = [1, 2, 3, 4, 5, 6, 7, 8, 9];

/**
 * R029 — a buyer whose amounts' first digits depart from Benford's law by more than chance explains.
 *
 * Nigrini's MAD bands assume thousands of values; with a few hundred an honest buyer crosses 0.015
 * by chance. The decision therefore uses the chi-square test (8 degrees of freedom), whose threshold
 * accounts for N; the MAD and its Nigrini band are shown beside it.
 */
export const R029: FlagDefinition = {
  code: 'R029',
  name: "Amounts deviate from Benford's law",
  explanation:
    "In large sets of genuine amounts, the first digit is 1 about 30 % of the time and 9 under 5 % (Benford's law). This buyer's amounts depart from that pattern more than chance explains for its number of purchases. Invented or steered amounts (for example many just under a limit) often do; so do some legitimate price lists. It is a reason to look at the buyer, not at any single purchase.",
  level: 'buyer',
  entityKey: 'buyer_id',
  needs: ['buyer_id', 'amount'],
  appliesTo: { note: 'buyers with more than 100 purchases of at least 10 (in the dataset currency)' },
  params: [
    {
      name: 'min_purchases',
      default: 100,
      unit: 'purchases',
      source: 'GTI practice (buyers with > 100 contracts)',
      description: 'Only buyers with more than this many amounts are tested',
      min: 10,
      max: 1000000,
      integer: true,
    },
    {
      name: 'min_amount',
      default: 10,
      unit: 'currency units',
      source: 'procurement-data.md §7 (use amounts ≥ 10)',
      description: 'Amounts below this are left out of the test',
      min: 1,
      max: 1e12,
    },
    {
      name: 'alpha',
      default: 0.001,
      unit: 'p-value',
      source: 'FLAGS.md (chi-square, 8 df, p < 0.001; critical value 26.12)',
      description: "Flag when the chi-square test's p-value is below this",
      min: 1e-12,
      max: 0.5,
    },
  ],
  assessed: (p) => ({
    row: 'buyer_id IS NOT NULL',
    group: { by: 'buyer', count: `amount >= ${sqlNumber(p.min_amount)}`, min: p.min_purchases, strict: true },
  }),
  sql: (p) => {
    const counts = DIGITS.map((d) => `count(*) FILTER (WHERE d = ${d}) AS c${d}`).join(', ');
    const chi2 = DIGITS.map(
      (d) => `pow(c${d} - n * ${BENFORD_FIRST_DIGIT[d - 1]}, 2) / (n * ${BENFORD_FIRST_DIGIT[d - 1]})`,
    ).join(' + ');
    const mad = `(${DIGITS.map((d) => `abs(c${d} / n - ${BENFORD_FIRST_DIGIT[d - 1]})`).join(' + ')}) / 9`;
    const critical = chiSquareCritical(8, p.alpha);
    return `
WITH a AS (
  SELECT dataset_id, buyer_id, CAST(left(CAST(CAST(floor(amount) AS HUGEINT) AS VARCHAR), 1) AS INTEGER) AS d
  FROM purchases
  WHERE buyer_id IS NOT NULL AND amount >= ${sqlNumber(p.min_amount)}
), c AS (
  SELECT dataset_id, buyer_id, count(*)::DOUBLE AS n, ${counts}
  FROM a GROUP BY ALL HAVING count(*) > ${sqlNumber(p.min_purchases)}
), t AS (
  SELECT *, ${chi2} AS chi2, ${mad} AS mad FROM c
), s AS (
  -- mad_chance: the MAD an exactly conforming buyer shows by chance, E|p̂ − p| ≈ √(2 p (1 − p) / (π N))
  -- averaged over the digits; it shrinks as 1/√N, which is why a fixed 0.015 misleads for small N.
  SELECT *, ${chiSquareSurvival8Sql('chi2')} AS p_value,
    (${DIGITS.map((d) => `sqrt(2 * ${BENFORD_FIRST_DIGIT[d - 1]} * (1 - ${BENFORD_FIRST_DIGIT[d - 1]}) / (pi() * n))`).join(' + ')}) / 9 AS mad_chance
  FROM t
)
SELECT dataset_id, 'buyer' AS entity_type, buyer_id AS entity_id, 'R029' AS code, chi2 AS value,
  -- The chi-square decides (its threshold accounts for N); the MAD, against Nigrini's 0.015, must be
  -- large too, so a very large buyer is not flagged for a trivially small departure.
  least(${pStrengthSql('p_value', sqlNumber(p.alpha))}, ${effectStrengthSql('mad / 0.015')}) AS strength,
  ${obj({
    buyer_id: str('buyer_id'),
    n: int('n'),
    observed: numList(`[${DIGITS.map((d) => `c${d}`).join(', ')}]`),
    expected_share: numList(`[${BENFORD_FIRST_DIGIT.map((e) => `${e}::DOUBLE`).join(', ')}]`),
    chi2: num('chi2'),
    df: int('8'),
    critical_value: num(sqlNumber(critical)),
    p_value: num('p_value'),
    alpha: num(sqlNumber(p.alpha)),
    mad: num('mad'),
    mad_chance: num('mad_chance'),
    mad_band: str(
      `CASE WHEN mad <= 0.006 THEN 'close conformity' WHEN mad <= 0.012 THEN 'acceptable conformity' WHEN mad <= 0.015 THEN 'marginally acceptable conformity' ELSE 'nonconformity' END`,
    ),
  })} AS evidence
FROM s
-- Nigrini's nonconformity alone is a candidate (low unless the chi-square agrees): what the MAD band says, with what chance explains.
WHERE p_value < ${sqlNumber(p.alpha)} OR mad > 0.015`;
  },
};
