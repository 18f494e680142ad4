import * as duckdb from '@duckdb/duckdb-wasm';
// Self-hosted bundles: Vite copies these files into dist/; nothing is fetched from a CDN.
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { tableToIPC } from 'apache-arrow';
import { QueryError } from './errors';
import { insertRecordsAsCsv } from './recordsCsv';
import { rowsFromArrow } from './rows';
import { SESSION_SETUP } from './sql';
import type { ColumnSpec, Engine, Param, Row } from './types';

const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

/** DuckDB-wasm in a Web Worker: the app's engine. */
export class BrowserEngine implements Engine {
  readonly kind = 'browser' as const;
  private constructor(
    private readonly db: duckdb.AsyncDuckDB,
    private readonly conn: duckdb.AsyncDuckDBConnection,
    private readonly worker: Worker,
  ) {}

  /** Picks the best bundle this browser supports, starts the worker and connects. */
  static async create(): Promise<BrowserEngine> {
    const bundle = await duckdb.selectBundle(BUNDLES);
    // The worker script is same-origin (self-hosted), so it can be started directly.
    const worker = new Worker(bundle.mainWorker!);
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    // Marks on the page's performance timeline: the benchmark reads them to split cold start.
    performance.mark('tl:engine:worker');
    await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
    performance.mark('tl:engine:instantiated');
    await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true, castTimestampToDate: true } });
    const conn = await db.connect();
    for (const s of SESSION_SETUP) await conn.query(s);
    performance.mark('tl:engine:connected');
    return new BrowserEngine(db, conn, worker);
  }

  async query<T extends Row = Row>(sql: string, params: readonly Param[] = []): Promise<T[]> {
    try {
      if (params.length === 0) return rowsFromArrow(await this.conn.query(sql)) as T[];
      const stmt = await this.conn.prepare(sql);
      try {
        return rowsFromArrow(await stmt.query(...params)) as T[];
      } finally {
        await stmt.close();
      }
    } catch (e) {
      throw new QueryError(sql, e);
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      await this.conn.query(sql);
    } catch (e) {
      throw new QueryError(sql, e);
    }
  }

  async registerFile(name: string, data: Uint8Array): Promise<void> {
    // registerFileBuffer transfers (detaches) the buffer: hand the worker a copy.
    await this.db.registerFileBuffer(name, data.slice());
  }

  /** Registers a File without copying it into JS memory (large uploads). */
  async registerBrowserFile(name: string, file: File): Promise<void> {
    await this.db.registerFileHandle(name, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  }

  async dropFile(name: string): Promise<void> {
    await this.db.dropFile(name);
  }

  async insertRecords(table: string, records: readonly Row[], columns: readonly ColumnSpec[]): Promise<void> {
    await insertRecordsAsCsv(this, table, records, columns);
  }

  async insertArrowIpc(table: string, ipc: Uint8Array, append = false): Promise<void> {
    // The worker takes (detaches) the buffer: hand it a copy, as registerFile does.
    await this.conn.insertArrowFromIPCStream(ipc.slice(), { name: table, create: !append });
  }

  async queryArrowIpc(sql: string): Promise<Uint8Array> {
    try {
      return tableToIPC(await this.conn.query(sql), 'stream');
    } catch (e) {
      throw new QueryError(sql, e);
    }
  }

  /** Stops the running query, if any. */
  async cancel(): Promise<void> {
    await this.conn.cancelSent();
  }

  /** Stops the worker at once without asking it (it may have died: a message would never be answered). */
  terminate(): void {
    this.worker.terminate();
  }

  async close(): Promise<void> {
    await this.conn.close();
    await this.db.terminate();
    this.worker.terminate();
  }
}
