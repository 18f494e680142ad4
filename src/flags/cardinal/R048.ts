import { sql } from '../../engine/sql';
import { procCte, type Scope } from './common';
import { fenceCte, metaRows } from './fences';
import type { CardinalIndicator } from './indicator';

/**
 * R048 Heterogeneous supplier: per supplier of an active award with exactly one supplier, the number
 * of distinct first-`digits` (default 2) characters of `awards[].items[].classification.id`.
 * Suppliers seen in at least `minimum_contracting_processes` (default 20) processes enter; flagged
 * when that variety is at or above Q3 + 1.5·IQR (or the integer `threshold`). No fence > 0 guard.
 * Value: the variety (Tenderer).
 */
export const R048: CardinalIndicator = {
  code: 'R048',
  build(scope: Scope) {
    const s = scope.settings.R048 ?? {};
    return sql`WITH ${procCte(scope)},
    codes AS (
      SELECT p.pid, a.supplier_id0 AS supplier_id, left(i.classification_id, ${s.digits ?? 2}::BIGINT) AS prefix
      FROM proc p
      JOIN cardinal_awards a ON a.pid = p.pid
      JOIN cardinal_award_items i ON i.pid = a.pid AND i.award_idx = a.award_idx
      WHERE a.status = 'active' AND a.items_is_array AND a.suppliers_len = 1 AND a.supplier_id0 IS NOT NULL
    ),
    suppliers AS (
      SELECT supplier_id, count(DISTINCT pid)::DOUBLE AS processes, count(DISTINCT prefix)::DOUBLE AS variety
      FROM codes GROUP BY supplier_id
      HAVING count(DISTINCT pid) >= ${s.minimum_contracting_processes ?? 20}::BIGINT
    ),
    ${fenceCte('fence', 'suppliers', 'variety', 'upper', s.threshold)},
    flagged AS (SELECT x.*, f.fence FROM suppliers x, fence f WHERE x.variety >= f.fence)
    SELECT 'Tenderer' AS grp, supplier_id AS id, variety AS value, NULL::VARCHAR AS ocid, processes, fence AS upper_fence FROM flagged
    UNION ALL BY NAME ${metaRows('fence', 'upper_fence', s.threshold === undefined)}`;
  },
};
