/** A row as returned by the engine: plain JS values (numbers, strings, booleans, null, Date for dates). */
export type Row = Record<string, unknown>;

/** A value that can be bound to a `?` placeholder. */
export type Param = string | number | boolean | null;

/**
 * The one seam between TenderLens and DuckDB. The browser (Web Worker), the Node tests
 * (blocking wasm build) and the command line (native DuckDB) each implement it, so the
 * SQL modules above it run unchanged in all three.
 */
export interface Engine {
  /** Which implementation this is, for logs and benchmarks. */
  readonly kind: 'browser' | 'node-wasm' | 'native';
  /** Runs one statement and returns its rows. Values reach SQL only as bound `?` parameters. */
  query<T extends Row = Row>(sql: string, params?: readonly Param[]): Promise<T[]>;
  /** Runs one or more statements that return nothing of interest (DDL, INSERT … SELECT). */
  exec(sql: string): Promise<void>;
  /** Makes bytes readable by SQL under `name` (e.g. `read_csv('name')`). */
  registerFile(name: string, data: Uint8Array): Promise<void>;
  /** Forgets a registered file. */
  dropFile(name: string): Promise<void>;
  /**
   * Creates (or appends to) `table` from JS records. Used where JS parsed the input
   * (OCDS JSON), since DuckDB-wasm has no JSON reader offline.
   */
  insertRecords(table: string, records: readonly Row[], columns: readonly ColumnSpec[]): Promise<void>;
  /**
   * Creates `table` from an Arrow IPC stream, or with `append` adds its rows to the existing table
   * (by column position), read natively by DuckDB-wasm: no CSV to parse (the prebuilt demo loads
   * this way). Absent on native DuckDB, which has no Arrow reader offline.
   */
  insertArrowIpc?(table: string, ipc: Uint8Array, append?: boolean): Promise<void>;
  /** One statement's result as an Arrow IPC stream (DuckDB-wasm; see src/engine/datasetRows.ts). */
  queryArrowIpc?(sql: string): Promise<Uint8Array>;
  /** Releases the database. */
  close(): Promise<void>;
}

/** A column of a table filled by `insertRecords`. */
export interface ColumnSpec {
  name: string;
  type: 'VARCHAR' | 'DOUBLE' | 'INTEGER' | 'BIGINT' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP';
}
