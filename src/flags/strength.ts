/**
 * How strong a flag is (0–1) and what severity that makes, in one place, so every flag grades the
 * same way. A flag row carries `strength`; `severity` follows from it through the bands below and
 * is written by runFlags, never by a flag itself.
 *
 * Statistical flags take the smaller of two strengths: how sure we are that the pattern is not
 * chance (from a p-value) and how large it is (an effect measured against the level at which the
 * flag is worth a look). A huge buyer can be significantly but trivially unusual, a tiny buyer
 * hugely but insignificantly: neither alone makes a medium flag.
 */

/** Severity of a flag row. */
export type Severity = 'high' | 'medium' | 'low';

/** Lower bounds (inclusive) of the severity bands on strength. */
export const SEVERITY_BANDS = { high: 0.7, medium: 0.4 } as const;

/** Severities shown by default (queue, overview counts, CLI). */
export const DEFAULT_SEVERITIES: readonly Severity[] = ['high', 'medium'];

/** Every severity, strongest first. */
export const ALL_SEVERITIES: readonly Severity[] = ['high', 'medium', 'low'];

/**
 * SQL condition on a `flags` row's severity (alias `f`, or none), e.g. `f.severity IN ('high', 'medium')`.
 * Only the three known words are accepted, so nothing from a URL reaches the SQL.
 */
export function severityPredicate(severities: readonly Severity[] = DEFAULT_SEVERITIES, alias = ''): string {
  const ok = severities.filter((s) => (ALL_SEVERITIES as readonly string[]).includes(s));
  if (ok.length !== severities.length) throw new RangeError(`unknown severity in ${JSON.stringify(severities)}`);
  if (ok.length === 0) return 'FALSE';
  return `${alias ? alias + '.' : ''}severity IN (${[...new Set(ok)].map((s) => `'${s}'`).join(', ')})`;
}

/** The severity of a strength. */
export function severityOf(strength: number): Severity {
  return strength >= SEVERITY_BANDS.high ? 'high' : strength >= SEVERITY_BANDS.medium ? 'medium' : 'low';
}

/** The SQL form of `severityOf` for a SQL expression. */
export function severitySql(strength: string): string {
  return `CASE WHEN (${strength}) >= ${SEVERITY_BANDS.high} THEN 'high' WHEN (${strength}) >= ${SEVERITY_BANDS.medium} THEN 'medium' ELSE 'low' END`;
}

/** A SQL expression clamped to [0, 1]. */
export function clamp01Sql(x: string): string {
  return `least(1.0, greatest(0.0, (${x})::DOUBLE))`;
}

/**
 * Strength of a p-value: 0.4 at `alpha`, 0.1 more per decade below it. With the default
 * alpha = 10⁻³: 10⁻⁶ → 0.7 (high), 10⁻⁹ → 1, 10⁻² → 0.3 (low). A test at p < 0.001 is the FLAGS.md
 * bar for R029, and with hundreds of buyers tested a looser bar would flag several ordinary
 * buyers by chance alone.
 */
export function pStrength(p: number, alpha = 1e-3): number {
  if (!(p >= 0)) return 0;
  return Math.min(1, Math.max(0, 0.4 + 0.1 * Math.log10(alpha / Math.max(p, 1e-300))));
}

/** The SQL form of `pStrength` (alpha a SQL expression too). */
export function pStrengthSql(p: string, alpha = '0.001'): string {
  return clamp01Sql(`0.4 + 0.1 * log10((${alpha})::DOUBLE / greatest((${p})::DOUBLE, 1e-300))`);
}

/**
 * Kish's effective sample size of a value-weighted share: (Σv)² / Σv². Equal amounts give n; one
 * amount dominating gives about 1. A value share tested with a binomial on this many "purchases"
 * weighs money without pretending that one large contract is many independent draws.
 */
export function kishN(values: readonly number[]): number {
  let s = 0;
  let ss = 0;
  for (const v of values) {
    s += v;
    ss += v * v;
  }
  return ss > 0 ? (s * s) / ss : 0;
}

/**
 * The p-value of a value share `share` against the ordinary level `p0`, value-weighted: an exact
 * binomial with Kish's effective n (`sum`² / `sumsq`, rounded, at least 1) and k = round(share · n).
 * SQL expressions in, a SQL expression out.
 */
export function valueShareTailSql(share: string, sum: string, sumsq: string, p0: string): string {
  const n = `greatest(1, round((${sum})::DOUBLE * (${sum}) / nullif(${sumsq}, 0)))::BIGINT`;
  return binomialUpperTailSql(`round((${share}) * ${n})`, n, p0);
}

/**
 * Strength of an effect, as a multiple of the level at which it is worth a look: 1× → 0.4
 * (medium), 1.75× → 0.7 (high), 2.5× → 1; below 1× it falls linearly to 0.
 */
export function effectStrength(multiple: number): number {
  if (!(multiple > 0)) return 0;
  return Math.min(1, multiple <= 1 ? 0.4 * multiple : 0.4 + 0.4 * (multiple - 1));
}

/** The SQL form of `effectStrength`. */
export function effectStrengthSql(multiple: string): string {
  const m = `(${multiple})::DOUBLE`;
  return `coalesce(${clamp01Sql(`CASE WHEN ${m} <= 1 THEN 0.4 * ${m} ELSE 0.4 + 0.4 * (${m} - 1) END`)}, 0.0)`;
}

/**
 * Upper tail of the binomial distribution, P(X ≥ k) for X ~ Bin(n, p), summed exactly in log
 * space (lgamma). k ≤ 0 → 1; k > n → 0.
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const lf = (x: number) => logGamma(x + 1);
  let s = 0;
  for (let j = k; j <= n; j++) s += Math.exp(lf(n) - lf(j) - lf(n - j) + j * Math.log(p) + (n - j) * Math.log(1 - p));
  return Math.min(1, s);
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7; ~15 digits). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * The SQL form of `binomialUpperTail` for SQL expressions k, n (integers) and p. The sum runs over
 * a list of n − k + 1 terms, so call it only on candidate rows (observed above expected), never on
 * every group.
 */
export function binomialUpperTailSql(k: string, n: string, p: string): string {
  const pp = `least(greatest((${p})::DOUBLE, 1e-12), 1 - 1e-12)`;
  const kk = `greatest((${k})::BIGINT, 0)`;
  const nn = `(${n})::BIGINT`;
  return `(CASE WHEN ${kk} = 0 THEN 1.0 WHEN ${kk} > ${nn} THEN 0.0 ELSE least(1.0, list_sum(list_transform(range(${kk}, ${nn} + 1), lambda j: exp(lgamma(${nn} + 1) - lgamma(j + 1) - lgamma(${nn} - j + 1) + j * ln(${pp}) + (${nn} - j) * ln(1 - ${pp}))))) END)`;
}
