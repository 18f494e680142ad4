/**
 * Small statistics the flags and their tests need, in plain TypeScript.
 */

/**
 * Hyndman–Fan type-8 quantile (median-unbiased; Cardinal's choice): h = (n + 1/3)·p + 1/3;
 * below 1 → minimum, at or above n → maximum, else linear between the order statistics around h.
 * DuckDB's `quantile_cont` is type 7 and differs away from the median.
 */
export function quantileType8(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1]: ${p}`);
  const x = [...values].sort((a, b) => a - b);
  const n = x.length;
  const h = (n + 1 / 3) * p + 1 / 3;
  if (h < 1) return x[0];
  if (h >= n) return x[n - 1];
  const lo = Math.floor(h);
  return x[lo - 1] + (h - lo) * (x[lo] - x[lo - 1]);
}

/**
 * Chi-square survival function P(X > x) for an even number of degrees of freedom, in closed form:
 * e^(−x/2) · Σ_{i<df/2} (x/2)^i / i!. The Benford first-digit test has 8 degrees of freedom.
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (!Number.isInteger(df) || df <= 0 || df % 2 !== 0)
    throw new RangeError('chiSquareSurvival supports even degrees of freedom only');
  if (x <= 0) return 1;
  const half = x / 2;
  let term = 1;
  let sum = 1;
  for (let i = 1; i < df / 2; i++) {
    term *= half / i;
    sum += term;
  }
  return Math.exp(-half) * sum;
}

/** The SQL form of `chiSquareSurvival(x, 8)` for a SQL expression `x`. */
export function chiSquareSurvival8Sql(x: string): string {
  const h = `((${x}) / 2.0)`;
  return `(exp(-${h}) * (1 + ${h} + pow(${h}, 2) / 2 + pow(${h}, 3) / 6))`;
}

/** The chi-square value whose upper-tail probability is `alpha` (even df), by bisection. */
export function chiSquareCritical(df: number, alpha: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1): ${alpha}`);
  let lo = 0;
  let hi = 1;
  while (chiSquareSurvival(hi, df) > alpha) hi *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (chiSquareSurvival(mid, df) > alpha) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Benford's expected first-digit frequencies, index 0 = digit 1 … index 8 = digit 9. */
export const BENFORD_FIRST_DIGIT: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => Math.log10(1 + 1 / d));

/** Nigrini's first-digit MAD bands (upper bounds, inclusive). */
export const NIGRINI_FIRST_DIGIT_BANDS = [
  { band: 'close conformity', upTo: 0.006 },
  { band: 'acceptable conformity', upTo: 0.012 },
  { band: 'marginally acceptable conformity', upTo: 0.015 },
  { band: 'nonconformity', upTo: Number.POSITIVE_INFINITY },
] as const;

/** Nigrini's band name for a first-digit mean absolute deviation. */
export function nigriniBand(mad: number): string {
  return NIGRINI_FIRST_DIGIT_BANDS.find((b) => mad <= b.upTo)!.band;
}

/** First-digit Benford test of a list of amounts (those ≥ 10 are used, as R029 does). */
export function benfordTest(amounts: readonly number[]): {
  n: number;
  counts: number[];
  chi2: number;
  p: number;
  mad: number;
  band: string;
} {
  const counts = new Array(9).fill(0);
  let n = 0;
  for (const a of amounts) {
    if (!(a >= 10)) continue;
    const d = Number(String(Math.floor(a))[0]);
    counts[d - 1]++;
    n++;
  }
  let chi2 = 0;
  let mad = 0;
  counts.forEach((c, i) => {
    const e = BENFORD_FIRST_DIGIT[i];
    chi2 += (n * (c / n - e) ** 2) / e;
    mad += Math.abs(c / n - e) / 9;
  });
  return { n, counts, chi2, p: chiSquareSurvival(chi2, 8), mad, band: nigriniBand(mad) };
}
