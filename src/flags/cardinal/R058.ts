import { sql } from '../../engine/sql';
import { currencyCtes, ratiosCte, type Scope } from './common';
import { fenceCte, metaRows } from './fences';
import type { CardinalIndicator } from './indicator';

/**
 * R058 Heavily discounted bid: the second-lowest-bid ratio (see `ratios` in common.ts) at or above
 * the upper fence Q3 + 1.5·IQR (or `threshold`), only if the fence > 0. Value: the ratio (OCID);
 * 0.0 for the winner (Tenderer).
 */
export const R058: CardinalIndicator = {
  code: 'R058',
  build(scope: Scope) {
    const threshold = scope.settings.R058?.threshold;
    return sql`WITH ${currencyCtes(scope)},
    ${ratiosCte},
    ${fenceCte('fence', 'ratios', 'ratio', 'upper', threshold)},
    flagged AS (
      SELECT r.*, p.ocid, f.fence FROM ratios r JOIN proc p ON p.pid = r.pid, fence f
      WHERE f.fence > 0 AND r.ratio >= f.fence
    )
    SELECT 'OCID' AS grp, ocid AS id, ratio AS value, ocid, winner, runner_up, winner_amount, runner_up_amount, fence AS upper_fence FROM flagged
    UNION ALL BY NAME SELECT 'Tenderer' AS grp, winner AS id, 0.0::DOUBLE AS value, ocid, ratio, fence AS upper_fence FROM flagged
    UNION ALL BY NAME ${metaRows('fence', 'upper_fence', threshold === undefined)}`;
  },
};
