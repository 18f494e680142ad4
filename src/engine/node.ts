import { createRequire } from 'node:module';
import path from 'node:path';
import { createDuckDB, ConsoleLogger, LogLevel, NODE_RUNTIME } from '@duckdb/duckdb-wasm/blocking';
import type { DuckDBBindings, DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import type { Table } from 'apache-arrow';
import { QueryError } from './errors';
import { insertRecordsAsCsv } from './recordsCsv';
import { SESSION_SETUP } from './sql';
import { rowsFromArrow } from './rows';
import type { ColumnSpec, Engine, Param, Row } from './types';

/** apache-arrow as DuckDB-wasm's Node build loads it (its tables are not the ESM module's). */
function requireArrow(): typeof import('apache-arrow') {
  return createRequire(import.meta.url)('apache-arrow') as typeof import('apache-arrow');
}

/**
 * DuckDB-wasm's blocking build in Node: the same engine and SQL dialect as the browser,
 * used by tests and the command line (`--engine wasm`).
 */
export class NodeWasmEngine implements Engine {
  readonly kind = 'node-wasm' as const;
  private constructor(
    private readonly db: DuckDBBindings,
    private readonly conn: DuckDBConnection,
  ) {}

  /** Starts an in-memory database (about 2 s); start one per test file. */
  static async create(): Promise<NodeWasmEngine> {
    const require = createRequire(import.meta.url);
    const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm'));
    const db = await createDuckDB(
      {
        mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
        eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
      },
      new ConsoleLogger(LogLevel.WARNING),
      NODE_RUNTIME,
    );
    await db.instantiate();
    db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true, castTimestampToDate: true } });
    const conn = db.connect();
    for (const s of SESSION_SETUP) conn.query(s);
    return new NodeWasmEngine(db, conn);
  }

  async query<T extends Row = Row>(sql: string, params: readonly Param[] = []): Promise<T[]> {
    try {
      if (params.length === 0) return rowsFromArrow(this.conn.query(sql)) as T[];
      const stmt = this.conn.prepare(sql);
      try {
        return rowsFromArrow(stmt.query(...params)) as T[];
      } finally {
        stmt.close();
      }
    } catch (e) {
      throw new QueryError(sql, e);
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      this.conn.query(sql);
    } catch (e) {
      throw new QueryError(sql, e);
    }
  }

  async registerFile(name: string, data: Uint8Array): Promise<void> {
    // registerFileBuffer detaches the caller's buffer: hand it a copy.
    this.db.registerFileBuffer(name, data.slice());
  }

  async dropFile(name: string): Promise<void> {
    this.db.dropFile(name);
  }

  async insertRecords(table: string, records: readonly Row[], columns: readonly ColumnSpec[]): Promise<void> {
    await insertRecordsAsCsv(this, table, records, columns);
  }

  /** One query's result as an Arrow table, for scripts that write Arrow files (scripts/generate-demo-arrow.ts). */
  arrow(sql: string): Table {
    try {
      return this.conn.query(sql);
    } catch (e) {
      throw new QueryError(sql, e);
    }
  }

  async queryArrowIpc(sql: string): Promise<Uint8Array> {
    // The Node build loads apache-arrow through require(): encode with that same instance.
    const { tableToIPC } = requireArrow();
    return tableToIPC(this.arrow(sql), 'stream');
  }

  async insertArrowIpc(table: string, ipc: Uint8Array, append = false): Promise<void> {
    this.conn.insertArrowFromIPCStream(ipc, { name: table, create: !append });
  }

  async close(): Promise<void> {
    this.conn.close();
    this.db.reset();
  }
}
