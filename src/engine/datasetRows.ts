import { ident, literal } from './sql';
import type { Engine } from './types';

/**
 * A loaded dataset's rows, saved so that a reload puts them back as they stand instead of
 * importing the file again (issue 15: reload with 1 M saved rows → live overview within 2× a bare
 * read_csv; the import's cleaning pass alone is 3.5× that). Arrow IPC per table: DuckDB-wasm reads
 * it back without parsing anything.
 */

/** The base tables an import writes a dataset's rows to (derived tables are rebuilt after a load). */
export const DATASET_TABLES = ['purchases', 'datasets', 'ingest_rejects', 'bids'] as const;

/** One dataset's rows per base table, as Arrow IPC streams (tables without rows left out). */
export interface DatasetRows {
  version: 1;
  datasetId: string;
  tables: { table: (typeof DATASET_TABLES)[number]; rows: number; ipc: Uint8Array }[];
}

/** Engines that can hand a query's result over as Arrow IPC and read it back (DuckDB-wasm). */
export type ArrowEngine = Engine & Required<Pick<Engine, 'insertArrowIpc' | 'queryArrowIpc'>>;

export function canSaveRows(engine: Engine): engine is ArrowEngine {
  return typeof engine.insertArrowIpc === 'function' && typeof engine.queryArrowIpc === 'function';
}

/**
 * The SELECT list that keeps every value exact through Arrow: the app's engines hand DECIMAL and
 * TIMESTAMP over as DOUBLE and DATE (castDecimalToDouble, castTimestampToDate), so those travel as
 * text and the INSERT that puts them back casts them to the column's type again.
 */
async function exactColumns(engine: Engine, table: string): Promise<string> {
  const cols = await engine.query<{ name: string; type: string }>(
    `SELECT column_name AS name, data_type AS type FROM duckdb_columns() WHERE table_name = ? AND schema_name = 'main' ORDER BY column_index`,
    [table],
  );
  return cols
    .map((c) => (/^(DECIMAL|TIMESTAMP)/.test(c.type) ? `${ident(c.name)}::VARCHAR AS ${ident(c.name)}` : ident(c.name)))
    .join(', ');
}

/** One dataset's rows from every base table, in their stored order. */
export async function exportDatasetRows(engine: ArrowEngine, datasetId: string): Promise<DatasetRows> {
  const tables: DatasetRows['tables'] = [];
  for (const table of DATASET_TABLES) {
    const where = `FROM ${table} WHERE dataset_id = ${literal(datasetId)}`;
    const [{ n }] = await engine.query<{ n: number }>(`SELECT count(*)::INTEGER AS n ${where}`);
    if (n === 0) continue;
    tables.push({ table, rows: n, ipc: await engine.queryArrowIpc(`SELECT ${await exactColumns(engine, table)} ${where}`) });
  }
  return { version: 1, datasetId, tables };
}

/**
 * Puts saved rows back: first whatever the engine holds for that dataset goes, then each table's
 * rows are appended by column position (the saved columns are the table's, in order).
 */
export async function importDatasetRows(engine: ArrowEngine, saved: DatasetRows): Promise<number> {
  for (const table of DATASET_TABLES) await engine.exec(`DELETE FROM ${table} WHERE dataset_id = ${literal(saved.datasetId)}`);
  for (const t of saved.tables) await engine.insertArrowIpc(t.table, t.ipc, true);
  return saved.tables.find((t) => t.table === 'purchases')?.rows ?? 0;
}
