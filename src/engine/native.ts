import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DuckDBConnection,
  DuckDBDateValue,
  DuckDBInstance,
  DuckDBTypeId,
  JSDuckDBValueConverter,
  type DuckDBValueConverter,
  type JS,
} from '@duckdb/node-api';
import { QueryError } from './errors';
import { insertRecordsAsCsv } from './recordsCsv';
import { SESSION_SETUP, literal } from './sql';
import type { ColumnSpec, Engine, Param, Row } from './types';

/** Options of {@link NativeEngine.create}. */
export interface NativeEngineOptions {
  /** DuckDB worker threads; 1 makes timings comparable with single-threaded DuckDB-wasm. Default: DuckDB's own. */
  threads?: number;
}

const MS_PER_DAY = 86_400_000;

/**
 * Turns DuckDB values into the same plain JS the wasm engines return (see rows.ts):
 * every integer and DECIMAL is a number, DATE a 'YYYY-MM-DD' string, TIMESTAMP an ISO string.
 */
const plainConverter: DuckDBValueConverter<JS> = (value, type, converter) => {
  if (value === null) return null;
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.BIGNUM:
      return Number(value as bigint);
    case DuckDBTypeId.DATE: {
      const d = value as DuckDBDateValue;
      // ±infinity have no calendar day: keep DuckDB's own spelling.
      return d.isFinite ? new Date(d.days * MS_PER_DAY).toISOString().slice(0, 10) : d.toString();
    }
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ: {
      const v = JSDuckDBValueConverter(value, type, converter);
      return v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString() : String(value);
    }
    default:
      return JSDuckDBValueConverter(value, type, converter);
  }
};

/**
 * Native DuckDB (`@duckdb/node-api`) behind the {@link Engine} seam: the command line's fast
 * engine and the benchmark's baseline. Registered files are written to a private temporary
 * directory that is DuckDB's `file_search_path`, so `read_csv('name')` reads them by name as
 * in the browser.
 */
export class NativeEngine implements Engine {
  readonly kind = 'native' as const;
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    private readonly fileDir: string,
  ) {}

  /** Opens an in-memory database (milliseconds, unlike the wasm engines). */
  static async create(options: NativeEngineOptions = {}): Promise<NativeEngine> {
    const config: Record<string, string> = {};
    if (options.threads !== undefined) config.threads = String(Math.max(1, Math.floor(options.threads)));
    const instance = await DuckDBInstance.create(':memory:', config);
    const conn = await instance.connect();
    const fileDir = mkdtempSync(path.join(os.tmpdir(), 'tenderlens-native-'));
    const engine = new NativeEngine(instance, conn, fileDir);
    for (const s of SESSION_SETUP) await engine.exec(s);
    await engine.exec(`SET file_search_path = ${literal(fileDir)}`);
    return engine;
  }

  async query<T extends Row = Row>(sql: string, params: readonly Param[] = []): Promise<T[]> {
    try {
      const reader = await this.conn.runAndReadAll(sql, params.length ? [...params] : undefined);
      return (await reader.convertRowObjects(plainConverter)) as T[];
    } catch (e) {
      throw new QueryError(sql, e);
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      await this.conn.run(sql);
    } catch (e) {
      throw new QueryError(sql, e);
    }
  }

  async registerFile(name: string, data: Uint8Array): Promise<void> {
    const target = this.resolveFile(name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, data);
  }

  async dropFile(name: string): Promise<void> {
    try {
      unlinkSync(this.resolveFile(name));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }

  /**
   * Where a registered file lives on disk. Names are confined to the engine's directory so a
   * name like '../x' cannot write elsewhere.
   */
  resolveFile(name: string): string {
    const target = path.resolve(this.fileDir, name);
    if (!target.startsWith(this.fileDir + path.sep)) throw new Error(`Invalid file name: ${name}`);
    return target;
  }

  /** Same carrier as the wasm engines (recordsCsv.ts), so all engines store records identically. */
  async insertRecords(table: string, records: readonly Row[], columns: readonly ColumnSpec[]): Promise<void> {
    await insertRecordsAsCsv(this, table, records, columns);
  }

  async close(): Promise<void> {
    this.conn.closeSync();
    this.instance.closeSync();
    rmSync(this.fileDir, { recursive: true, force: true });
  }
}
