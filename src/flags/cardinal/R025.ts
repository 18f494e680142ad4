import { raw, sql } from '../../engine/sql';
import { finalCtes, procCte, type Scope } from './common';
import { fenceCte, metaRows } from './fences';
import type { CardinalIndicator } from './indicator';

/**
 * R025 Excessive unsuccessful bids: per tenderer, wins ÷ single-award processes where it has a valid
 * single-tenderer bid (each tenderer counted once per process). Flagged when its process count is at
 * or above the `percentile`-th (default 75, type 8) of all tenderers' counts and its ratio is at or
 * below Q1 − 1.5·IQR of the ratios (or `threshold`); skipped unless Q1 > 0 and that fence > 0.
 * Value: the ratio (Tenderer).
 */
export const R025: CardinalIndicator = {
  code: 'R025',
  build(scope: Scope) {
    const s = scope.settings.R025 ?? {};
    const threshold = s.threshold;
    const guard = threshold === undefined ? 'f.q1 > 0 AND f.fence > 0' : 'f.fence > 0';
    return sql`WITH ${procCte(scope)},
    ${finalCtes},
    pairs AS (
      SELECT DISTINCT s.pid, s.supplier_id, b.tenderer_id0 AS tenderer_id
      FROM single_award s JOIN cardinal_bids b ON b.pid = s.pid
      WHERE b.status = 'valid' AND b.tenderers_len = 1 AND b.tenderer_id0 IS NOT NULL
    ),
    fractions AS (
      SELECT tenderer_id, count(*) FILTER (WHERE tenderer_id = supplier_id)::DOUBLE AS wins,
        count(*)::DOUBLE AS processes,
        (count(*) FILTER (WHERE tenderer_id = supplier_id))::DOUBLE / count(*)::DOUBLE AS ratio
      FROM pairs GROUP BY tenderer_id
    ),
    busy AS (
      SELECT cardinal_q8(list_sort(list(processes)), ${s.percentile ?? 75}::DOUBLE / 100::DOUBLE) AS upper_fence FROM fractions
    ),
    ${fenceCte('fence', 'fractions', 'ratio', 'lower', threshold)},
    flagged AS (
      SELECT t.*, f.fence, u.upper_fence FROM fractions t, fence f, busy u
      WHERE ${raw(guard)} AND t.processes >= u.upper_fence AND t.ratio <= f.fence
    )
    SELECT 'Tenderer' AS grp, tenderer_id AS id, ratio AS value, NULL::VARCHAR AS ocid, wins, processes, fence AS lower_fence, upper_fence FROM flagged
    UNION ALL BY NAME SELECT 'Meta' AS grp, 'upper_fence' AS id, round(upper_fence, 4) AS value FROM busy
    UNION ALL BY NAME ${metaRows('fence', 'lower_fence', threshold === undefined)}`;
  },
};
