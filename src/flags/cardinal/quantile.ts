/**
 * Hyndman–Fan type-8 quantiles, the method of statrs `Data::quantile` that Cardinal's fences use.
 * DuckDB's `quantile_cont` is type 7 and gives different fences (ties collapse the IQR), so the
 * SQL side uses the {@link QUANTILE8_MACRO} macro defined here.
 *
 * h = (n + 1/3)·p + 1/3; ⌊h⌋ ≤ 0 (or p = 0) → minimum; ⌊h⌋ ≥ n (or p = 1) → maximum; otherwise
 * x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎) with 1-based order statistics. Empty data or p outside
 * [0, 1] → NaN in statrs, NULL in SQL (so no fence, no flag).
 */

/** Type-8 quantile of `values` at `p` (0–1), as statrs computes it. */
export function quantileType8(values: readonly number[], p: number): number {
  const n = values.length;
  if (n === 0 || !(p >= 0 && p <= 1)) return Number.NaN;
  const x = [...values].sort((a, b) => a - b);
  const h = (n + 1 / 3) * p + 1 / 3;
  const f = Math.floor(h);
  if (f <= 0 || p === 0) return x[0];
  if (f >= n || p === 1) return x[n - 1];
  const a = x[f - 1];
  const b = x[f];
  return a + (h - f) * (b - a);
}

/**
 * `cardinal_q8(sorted, p)`: type-8 quantile of an ascending DOUBLE list (pass
 * `list_sort(list(x))`), NULL when the list is empty or p is outside [0, 1].
 * Every constant is a DOUBLE: `1.0/3` would be DECIMAL arithmetic and round differently from statrs.
 */
export const QUANTILE8_MACRO = `
CREATE OR REPLACE TEMP MACRO cardinal_q8(xs, p) AS (
  CASE
    WHEN xs IS NULL OR len(xs) = 0 OR p IS NULL OR p < 0 OR p > 1 THEN NULL
    WHEN floor((len(xs)::DOUBLE + 1::DOUBLE / 3::DOUBLE) * p::DOUBLE + 1::DOUBLE / 3::DOUBLE) <= 0 OR p = 0 THEN xs[1]
    WHEN floor((len(xs)::DOUBLE + 1::DOUBLE / 3::DOUBLE) * p::DOUBLE + 1::DOUBLE / 3::DOUBLE) >= len(xs) OR p = 1 THEN xs[len(xs)]
    ELSE list_extract(xs, floor((len(xs)::DOUBLE + 1::DOUBLE / 3::DOUBLE) * p::DOUBLE + 1::DOUBLE / 3::DOUBLE)::BIGINT)
      + (((len(xs)::DOUBLE + 1::DOUBLE / 3::DOUBLE) * p::DOUBLE + 1::DOUBLE / 3::DOUBLE)
         - floor((len(xs)::DOUBLE + 1::DOUBLE / 3::DOUBLE) * p::DOUBLE + 1::DOUBLE / 3::DOUBLE))
      * (list_extract(xs, floor((len(xs)::DOUBLE + 1::DOUBLE / 3::DOUBLE) * p::DOUBLE + 1::DOUBLE / 3::DOUBLE)::BIGINT + 1)
         - list_extract(xs, floor((len(xs)::DOUBLE + 1::DOUBLE / 3::DOUBLE) * p::DOUBLE + 1::DOUBLE / 3::DOUBLE)::BIGINT))
  END
)`;
