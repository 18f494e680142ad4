import { raw, sql } from '../../engine/sql';
import { currencyCtes, ratiosCte, type Scope } from './common';
import { fenceCte, metaRows } from './fences';
import type { CardinalIndicator } from './indicator';

/**
 * R024 Price close to winning bid: the second-lowest-bid ratio (see `ratios` in common.ts) at or
 * below the lower fence Q1 − 1.5·IQR (or `threshold`). Skipped unless Q1 > 0 and the fence > 0 (with
 * a threshold, only the fence is tested). Value: the ratio (OCID); 0.0 for the winner and the
 * runner-up (Tenderer).
 */
export const R024: CardinalIndicator = {
  code: 'R024',
  build(scope: Scope) {
    const threshold = scope.settings.R024?.threshold;
    // With a threshold Cardinal substitutes q1 = 1.0 so only the fence is tested.
    const guard = threshold === undefined ? 'f.q1 > 0 AND f.fence > 0' : 'f.fence > 0';
    return sql`WITH ${currencyCtes(scope)},
    ${ratiosCte},
    ${fenceCte('fence', 'ratios', 'ratio', 'lower', threshold)},
    flagged AS (
      SELECT r.*, p.ocid, f.fence FROM ratios r JOIN proc p ON p.pid = r.pid, fence f
      WHERE ${raw(guard)} AND r.ratio <= f.fence
    )
    SELECT 'OCID' AS grp, ocid AS id, ratio AS value, ocid, winner, runner_up, winner_amount, runner_up_amount, fence AS lower_fence FROM flagged
    UNION ALL BY NAME SELECT 'Tenderer' AS grp, winner AS id, 0.0::DOUBLE AS value, ocid, ratio, fence AS lower_fence FROM flagged
    UNION ALL BY NAME SELECT 'Tenderer' AS grp, runner_up AS id, 0.0::DOUBLE AS value, ocid, ratio, fence AS lower_fence FROM flagged
    UNION ALL BY NAME ${metaRows('fence', 'lower_fence', threshold === undefined)}`;
  },
};
