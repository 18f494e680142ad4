import { raw, sql, type Fragment } from '../../engine/sql';

/**
 * The fence a fenced indicator compares with: the `threshold` setting when given, else Tukey's
 * fence from type-8 quartiles of `column` in `source` — lower: Q1 − 1.5·IQR, upper: Q3 + 1.5·IQR.
 * The CTE `name` has `q1`, `q3` (NULL when the threshold is set) and `fence`.
 * Cardinal computes the fence with a fused multiply-add; plain SQL rounds twice, which can differ
 * in the last bit only.
 */
export function fenceCte(
  name: string,
  source: string,
  column: string,
  side: 'lower' | 'upper',
  threshold: number | undefined,
): Fragment {
  if (threshold !== undefined) {
    return sql`${raw(name)} AS (SELECT NULL::DOUBLE AS q1, NULL::DOUBLE AS q3, ${threshold}::DOUBLE AS fence)`;
  }
  const fence = side === 'lower' ? '(q3 - q1) * (-1.5)::DOUBLE + q1' : '(q3 - q1) * 1.5::DOUBLE + q3';
  return raw(`${name} AS (
    SELECT q1, q3, ${fence} AS fence FROM (
      SELECT cardinal_q8(list_sort(list(${column}::DOUBLE) FILTER (WHERE ${column} IS NOT NULL)), 0.25::DOUBLE) AS q1,
             cardinal_q8(list_sort(list(${column}::DOUBLE) FILTER (WHERE ${column} IS NOT NULL)), 0.75::DOUBLE) AS q3
      FROM ${source}))`);
}

/**
 * Meta rows for a fence CTE, rounded to 4 decimals as Cardinal prints them. `prefix` gives R038's
 * `Buyer_q1`-style keys; `fenceKey` is `lower_fence` or `upper_fence`. Quartiles appear only when
 * they were computed (no threshold), as in Cardinal. With `onlyIfRows`, nothing is written when that
 * CTE is empty (R038 skips a group with no organisation above the minimum).
 */
export function metaRows(
  fenceName: string,
  fenceKey: string,
  withQuartiles: boolean,
  prefix = '',
  onlyIfRows?: string,
): Fragment {
  const where = onlyIfRows ? ` WHERE EXISTS (SELECT 1 FROM ${onlyIfRows})` : '';
  const row = (key: string, col: string) =>
    `SELECT 'Meta' AS grp, '${prefix}${key}' AS id, round(${col}, 4) AS value FROM ${fenceName}${where}`;
  const parts = withQuartiles ? [row('q1', 'q1'), row('q3', 'q3'), row(fenceKey, 'fence')] : [row(fenceKey, 'fence')];
  return raw(parts.join('\n    UNION ALL BY NAME '));
}
