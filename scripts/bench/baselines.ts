/** Baselines measured in Node on the same files as the browser figures. */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { NativeEngine } from '../../src/engine/native';
import { literal } from '../../src/engine/sql';

/** Native DuckDB, one thread: `CREATE TABLE t AS SELECT * FROM read_csv(file)` in a fresh in-memory database. */
export async function nativeReadCsv(file: string): Promise<{ ms: number; rows: number; version: string }> {
  const engine = await NativeEngine.create({ threads: 1 });
  try {
    const t0 = performance.now();
    await engine.exec(`CREATE TABLE t AS SELECT * FROM read_csv(${literal(path.resolve(file))})`);
    const ms = performance.now() - t0;
    const [{ n, v }] = await engine.query<{ n: number; v: string }>('SELECT count(*) AS n, version() AS v FROM t');
    return { ms, rows: n, version: v };
  } finally {
    await engine.close();
  }
}

/** PapaParse streaming the file with a header row (strings only, as the browser's JS fallback would start). */
export function papaParse(file: string): Promise<{ ms: number; rows: number }> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    const t0 = performance.now();
    Papa.parse<Record<string, string>>(createReadStream(file) as unknown as File, {
      header: true,
      skipEmptyLines: true,
      chunk: (res) => {
        rows += res.data.length;
      },
      complete: () => resolve({ ms: performance.now() - t0, rows }),
      error: (e: Error) => reject(e),
    });
  });
}
