import { raw, sql } from '../../engine/sql';
import { priceGate, procCte, SUBMITTED, type Scope } from './common';
import type { CardinalIndicator } from './indicator';

/**
 * R028 Identical bid prices: walking a process's submitted bids in order, a bid whose (amount,
 * currency) equals that of the latest earlier bid with that price while its set of tenderer ids
 * differs. Bids without string tenderer ids are ignored. Price gate applies. Value 1.0 for the
 * process and for every tenderer of both bids.
 */
export const R028: CardinalIndicator = {
  code: 'R028',
  build(scope: Scope) {
    return sql`WITH ${procCte(scope)},
    priced AS (
      SELECT b.pid, b.bid_idx, b.amount, b.currency, list_sort(list_distinct(list(t.tenderer_id))) AS ids
      FROM proc p
      JOIN cardinal_bids b ON b.pid = p.pid
      JOIN cardinal_bid_tenderers t ON t.pid = b.pid AND t.bid_idx = b.bid_idx
      WHERE ${priceGate(scope.settings)} AND ${raw(SUBMITTED)} AND b.amount IS NOT NULL AND b.currency IS NOT NULL
      GROUP BY b.pid, b.bid_idx, b.amount, b.currency
    ),
    paired AS (
      -- Cardinal keeps the last bid seen at each price, so each bid is compared with the previous one.
      SELECT *, lag(ids) OVER (PARTITION BY pid, amount, currency ORDER BY bid_idx) AS prev_ids FROM priced
    ),
    hits AS (
      SELECT h.*, p.ocid FROM paired h JOIN proc p ON p.pid = h.pid WHERE prev_ids IS NOT NULL AND ids <> prev_ids
    )
    SELECT 'OCID' AS grp, ocid AS id, 1.0::DOUBLE AS value, ocid, amount, currency FROM hits
    UNION ALL BY NAME
    SELECT 'Tenderer' AS grp, unnest(list_concat(ids, prev_ids)) AS id, 1.0::DOUBLE AS value, ocid, amount, currency FROM hits`;
  },
};
