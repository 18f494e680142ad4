import type { BoundSql, Filter } from './filter';
import { whereClause } from './filter';

/**
 * The overview's panels, answered by ONE scan of `purchases` with GROUPING SETS:
 * DuckDB-wasm runs one query at a time, so six queries per filter change would queue
 * (measured: 276 ms for five queries vs 83 ms for one grouping-sets scan on 1 M rows).
 *
 * Each result row is tagged with the panel it feeds.
 */
export type OverviewPanel = 'sector' | 'sector_year' | 'sector_month' | 'sector_method' | 'top_buyer' | 'top_supplier';

/** One row of the overview scan. `key`/`label` depend on the panel. */
export interface OverviewRow {
  panel: OverviewPanel;
  sector: string;
  key: string | null;
  label: string | null;
  value: number;
  n: number;
  competitive_value: number | null;
  noncompetitive_value: number | null;
}

/** How many entries the top-buyer and top-supplier lists show per sector. */
export const TOP_N = 10;

/**
 * Value is `amount_kzt`: purchases in a currency without a KZT rate are left out of sums
 * (and counted by {@link currencyGapQuery}), never added as if they were tenge. Sums stay
 * DECIMAL until the end (exact, so the aggregate-table version in overviewAggregated.ts gives
 * the very same numbers), and labels are the smallest name of an id (deterministic).
 */
export function overviewQuery(filter: Filter, topN = TOP_N): BoundSql {
  const where = whereClause(filter);
  const sql = `
WITH base AS (
  SELECT sector, year(signed_date) AS yr, strftime(signed_date, '%Y-%m') AS ym,
         coalesce(method, 'unknown') AS method,
         buyer_id, buyer_name, supplier_id, supplier_name,
         competitive, amount_kzt AS v
  FROM purchases
  WHERE ${where.sql} AND amount_kzt IS NOT NULL
),
g AS (
  SELECT
    CASE
      WHEN GROUPING(yr) = 0 THEN 'sector_year'
      WHEN GROUPING(ym) = 0 THEN 'sector_month'
      WHEN GROUPING(method) = 0 THEN 'sector_method'
      WHEN GROUPING(buyer_id) = 0 THEN 'top_buyer'
      WHEN GROUPING(supplier_id) = 0 THEN 'top_supplier'
      ELSE 'sector'
    END AS panel,
    sector,
    coalesce(yr::VARCHAR, ym, method, buyer_id, supplier_id) AS key,
    CASE WHEN GROUPING(buyer_id) = 0 THEN min(buyer_name) WHEN GROUPING(supplier_id) = 0 THEN min(supplier_name) END AS label,
    sum(v)::DOUBLE AS value,
    count(*) AS n,
    (sum(v) FILTER (WHERE competitive))::DOUBLE AS competitive_value,
    (sum(v) FILTER (WHERE NOT competitive))::DOUBLE AS noncompetitive_value
  FROM base
  GROUP BY GROUPING SETS ((sector), (sector, yr), (sector, ym), (sector, method), (sector, buyer_id), (sector, supplier_id))
)
SELECT panel, sector, key, label, value, n, competitive_value, noncompetitive_value
FROM g
WHERE panel NOT IN ('top_buyer', 'top_supplier') OR key IS NOT NULL
QUALIFY panel NOT IN ('top_buyer', 'top_supplier')
     OR row_number() OVER (PARTITION BY panel, sector ORDER BY value DESC, key) <= ${Math.max(1, Math.floor(topN))}
ORDER BY panel, sector, key`;
  return { sql, params: where.params };
}

/** Purchases the overview leaves out because they have no tenge value. */
export function currencyGapQuery(filter: Filter): BoundSql {
  const where = whereClause(filter);
  return {
    sql: `SELECT coalesce(currency, 'unknown') AS currency, count(*) AS n, sum(amount)::DOUBLE AS amount
          FROM purchases WHERE ${where.sql} AND amount_kzt IS NULL GROUP BY ALL ORDER BY n DESC, currency`,
    params: where.params,
  };
}

/** Values the filter bar offers: years, methods, sectors present in the data. */
export function filterOptionsQuery(): BoundSql {
  return {
    sql: `SELECT 'year' AS kind, year(signed_date)::VARCHAR AS value, count(*) AS n FROM purchases WHERE signed_date IS NOT NULL GROUP BY ALL
          UNION ALL SELECT 'sector', sector, count(*) FROM purchases GROUP BY ALL
          UNION ALL SELECT 'method', method, count(*) FROM purchases WHERE method IS NOT NULL GROUP BY ALL
          ORDER BY kind, value`,
    params: [],
  };
}

/** Name lookup for the buyers and suppliers in the current filter (to label filter chips); the smallest name of an id. */
export function entityNamesQuery(ids: { buyers: string[]; suppliers: string[] }): BoundSql {
  const b = ids.buyers.length ? ids.buyers : [''];
  const s = ids.suppliers.length ? ids.suppliers : [''];
  return {
    sql: `SELECT 'buyer' AS kind, buyer_id AS id, min(buyer_name) AS name FROM purchases WHERE buyer_id IN (${b.map(() => '?').join(',')}) GROUP BY ALL
          UNION ALL
          SELECT 'supplier', supplier_id, min(supplier_name) FROM purchases WHERE supplier_id IN (${s.map(() => '?').join(',')}) GROUP BY ALL
          ORDER BY kind, id`,
    params: [...b, ...s],
  };
}

/** The loaded datasets with their row counts, for the Data screen. */
export function datasetsQuery(): BoundSql {
  return {
    sql: `SELECT d.dataset_id, d.name, d.source, d.sector, d.rows_read, d.rows_rejected, d.fingerprint,
                 (SELECT count(*) FROM purchases p WHERE p.dataset_id = d.dataset_id) AS purchases,
                 (SELECT sum(amount_kzt)::DOUBLE FROM purchases p WHERE p.dataset_id = d.dataset_id) AS value_kzt
          FROM datasets d ORDER BY d.loaded_at, d.dataset_id`,
    params: [],
  };
}

/** A dataset's rejected rows, for display and CSV download. */
export function rejectsQuery(datasetId: string, limit = 1000): BoundSql {
  return {
    sql: `SELECT source_row AS line, column_name AS column, reason, raw_value AS value FROM ingest_rejects
          WHERE dataset_id = ? ORDER BY source_row, column_name LIMIT ${Math.max(1, Math.floor(limit))}`,
    params: [datasetId],
  };
}

/** The first canonical rows of a dataset exactly as loaded (the mapping preview reads a trial load). */
export function purchasesSampleQuery(datasetId: string, limit = 8): BoundSql {
  return {
    sql: `SELECT source_row AS line, purchase_id, buyer_name, supplier_name, method, method_detail, amount, currency, signed_date,
                 item_code, quantity, unit_price, n_bidders, sector
          FROM purchases WHERE dataset_id = ? ORDER BY source_row LIMIT ${Math.max(1, Math.floor(limit))}`,
    params: [datasetId],
  };
}
