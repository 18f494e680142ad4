import { sql } from '../../engine/sql';
import { currencyCtes, type Scope } from './common';
import type { CardinalIndicator } from './indicator';

/**
 * R036 Lowest bid disqualified: in a process with an active award, among submitted bids with an
 * amount in the main currency, the lowest (first seen wins ties, Cardinal's strict `<`) is
 * disqualified while at least one valid bid has an amount. Price gate applies. Value 1.0 (OCID).
 */
export const R036: CardinalIndicator = {
  code: 'R036',
  build(scope: Scope) {
    return sql`WITH ${currencyCtes(scope)},
    priced AS (
      SELECT c.*, row_number() OVER (PARTITION BY c.pid ORDER BY c.amount, c.bid_idx) AS rn,
        bool_or(c.status = 'valid') OVER (PARTITION BY c.pid) AS has_valid
      FROM r036_candidates c
      WHERE c.currency = (SELECT currency FROM main_currency)
    )
    SELECT 'OCID' AS grp, p.ocid AS id, 1.0::DOUBLE AS value, p.ocid, c.amount AS lowest_amount
    FROM priced c JOIN proc p ON p.pid = c.pid
    WHERE c.rn = 1 AND c.status = 'disqualified' AND c.has_valid`;
  },
};
