import { sql } from '../../engine/sql';
import { finalCtes, procCte, type Scope } from './common';
import type { CardinalIndicator } from './indicator';

/**
 * R035 All except winning bid disqualified: in a process whose awards are all final, exactly one
 * tenderer has valid bids, that set equals the suppliers of the active awards, and at least
 * `threshold` (default 1, minimum 1) other tenderers have disqualified bids. Value: the number of
 * those tenderers (OCID); 0.0 for the winner (Tenderer).
 */
export const R035: CardinalIndicator = {
  code: 'R035',
  build(scope: Scope) {
    const threshold = Math.max(scope.settings.R035?.threshold ?? 1, 1);
    return sql`WITH ${procCte(scope)},
    ${finalCtes},
    awarded AS (
      SELECT a.pid, list_sort(list_distinct(list(s.supplier_id))) AS ids
      FROM final_proc f
      JOIN cardinal_awards a ON a.pid = f.pid AND a.status = 'active'
      JOIN cardinal_award_suppliers s ON s.pid = a.pid AND s.award_idx = a.award_idx
      GROUP BY a.pid
    ),
    bidders AS (
      SELECT b.pid,
        coalesce(list_sort(list_distinct(list(t.tenderer_id) FILTER (WHERE b.status = 'valid'))), []) AS valid_ids,
        coalesce(list_distinct(list(t.tenderer_id) FILTER (WHERE b.status = 'disqualified')), []) AS disqualified_ids
      FROM final_proc f
      JOIN cardinal_bids b ON b.pid = f.pid
      JOIN cardinal_bid_tenderers t ON t.pid = b.pid AND t.bid_idx = b.bid_idx
      GROUP BY b.pid
    ),
    hits AS (
      SELECT f.ocid, d.valid_ids[1] AS winner,
        (len(d.disqualified_ids) - CASE WHEN list_contains(d.disqualified_ids, d.valid_ids[1]) THEN 1 ELSE 0 END)::DOUBLE AS disqualified
      FROM final_proc f
      JOIN bidders d ON d.pid = f.pid
      LEFT JOIN awarded w ON w.pid = f.pid
      WHERE len(d.valid_ids) = 1 AND d.valid_ids = coalesce(w.ids, [])
    )
    SELECT 'OCID' AS grp, ocid AS id, disqualified AS value, ocid, winner FROM hits WHERE disqualified >= ${threshold}::DOUBLE
    UNION ALL BY NAME
    SELECT 'Tenderer' AS grp, winner AS id, 0.0::DOUBLE AS value, ocid, disqualified FROM hits WHERE disqualified >= ${threshold}::DOUBLE`;
  },
};
