import { sql } from '../../engine/sql';
import { procCte, type Scope } from './common';
import type { CardinalIndicator } from './indicator';

/**
 * R030 Late bid won: a valid bid whose `date` string sorts after the `tenderPeriod.endDate` string
 * (Cardinal compares the strings, not instants), by a tenderer that supplies an active award.
 * Value 1.0 for the process and that tenderer.
 */
export const R030: CardinalIndicator = {
  code: 'R030',
  build(scope: Scope) {
    return sql`WITH ${procCte(scope)},
    late AS (
      SELECT DISTINCT p.ocid, t.tenderer_id, b.date, p.tender_end_raw
      FROM proc p
      JOIN cardinal_bids b ON b.pid = p.pid
      JOIN cardinal_bid_tenderers t ON t.pid = b.pid AND t.bid_idx = b.bid_idx
      WHERE p.has_awards AND p.has_bid_details AND p.tender_end_raw IS NOT NULL
        AND b.status = 'valid' AND b.date IS NOT NULL AND b.date > p.tender_end_raw
        AND EXISTS (
          SELECT 1 FROM cardinal_awards a JOIN cardinal_award_suppliers s ON s.pid = a.pid AND s.award_idx = a.award_idx
          WHERE a.pid = p.pid AND a.status = 'active' AND s.supplier_id = t.tenderer_id)
    )
    SELECT 'OCID' AS grp, ocid AS id, 1.0::DOUBLE AS value, ocid, date AS bid_date, tender_end_raw AS end_date FROM late
    UNION ALL BY NAME
    SELECT 'Tenderer' AS grp, tenderer_id AS id, 1.0::DOUBLE AS value, ocid, date AS bid_date, tender_end_raw AS end_date FROM late`;
  },
};
