import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../src/engine/native';
import { NodeWasmEngine } from '../../src/engine/node';
import { QueryError } from '../../src/engine/errors';

let engine: NativeEngine;
beforeAll(async () => {
  engine = await NativeEngine.create({ threads: 1 });
});
afterAll(async () => engine.close());

// The same assertions as engine.test.ts, so the native and wasm engines agree on what callers see.
describe('the native engine (@duckdb/node-api)', () => {
  it('binds parameters and returns plain JS values', async () => {
    const rows = await engine.query(
      `SELECT ?::VARCHAR AS s, ?::INTEGER + 1 AS n, 12.5::DECIMAL(18,2) AS d, DATE '2020-12-31' AS day, 10::BIGINT AS b`,
      ["O'Brien", 41],
    );
    expect(rows).toEqual([{ s: "O'Brien", n: 42, d: 12.5, day: '2020-12-31', b: 10 }]);
  });

  it('reports a failed query with its SQL and a sentence for people', async () => {
    const err = await engine.query('SELECT * FROM no_such_table').catch((e) => e);
    expect(err).toBeInstanceOf(QueryError);
    expect(err.sql).toBe('SELECT * FROM no_such_table');
    expect(err.userMessage).toMatch(/table or column is missing/);
    const bad = await engine.exec('CREATE TABLE').catch((e) => e);
    expect(bad).toBeInstanceOf(QueryError);
    expect(bad.userMessage).toMatch(/could not be understood/);
  });

  it('has extension autoloading switched off, so offline reads fail fast instead of hanging', async () => {
    const rows = await engine.query(
      `SELECT current_setting('autoload_known_extensions') AS a, current_setting('autoinstall_known_extensions') AS b`,
    );
    expect(rows[0]).toEqual({ a: false, b: false });
  });

  it('reads a registered CSV and inserts JS records', async () => {
    await engine.registerFile('t.csv', new TextEncoder().encode('a;b\n1;x\n2;y\n'));
    expect(await engine.query(`SELECT sum(a)::DOUBLE AS s FROM read_csv('t.csv', delim=';', header=true)`)).toEqual([{ s: 3 }]);
    await engine.insertRecords(
      'recs',
      [
        { id: 'a', v: 1.5, d: '2020-01-02' },
        { id: 'b', v: null, d: null },
      ],
      [
        { name: 'id', type: 'VARCHAR' },
        { name: 'v', type: 'DOUBLE' },
        { name: 'd', type: 'DATE' },
      ],
    );
    expect(await engine.query('SELECT * FROM recs ORDER BY id')).toEqual([
      { id: 'a', v: 1.5, d: '2020-01-02' },
      { id: 'b', v: null, d: null },
    ]);
  });

  it('runs several statements in one exec, as the model DDL does', async () => {
    await engine.exec('CREATE TABLE multi (x INTEGER); INSERT INTO multi VALUES (1), (2);');
    expect(await engine.query('SELECT sum(x) AS s FROM multi')).toEqual([{ s: 3 }]);
  });

  it('forgets dropped files and keeps registered names inside its own directory', async () => {
    await engine.registerFile('gone.csv', new TextEncoder().encode('a\n1\n'));
    await engine.dropFile('gone.csv');
    await expect(engine.query(`SELECT * FROM read_csv('gone.csv')`)).rejects.toBeInstanceOf(QueryError);
    await expect(engine.registerFile('../escape.csv', new Uint8Array([0x61]))).rejects.toThrow(/Invalid file name/);
  });

  it('runs single-threaded when asked, and returns HUGEINT, BIGINT sums and TIMESTAMPs as plain values', async () => {
    expect(await engine.query(`SELECT current_setting('threads') AS t`)).toEqual([{ t: 1 }]);
    const [row] = await engine.query(
      `SELECT 170141183460469231731687303715884105727::HUGEINT > 0 AS big, sum(x)::HUGEINT AS h, sum(x) AS s, TIMESTAMP '2020-01-02 03:04:05' AS ts, NULL AS n, true AS t
       FROM range(1, 4) r(x)`,
    );
    expect(row).toEqual({ big: true, h: 6, s: 6, ts: '2020-01-02T03:04:05.000Z', n: null, t: true });
  });

  it('appends every column type insertRecords declares', async () => {
    await engine.insertRecords(
      'all_types',
      [{ s: 'x', d: 2.5, i: 7, b: 9_000_000_000, f: true, day: '2021-03-04', ts: '2021-03-04T05:06:07.000Z' }],
      [
        { name: 's', type: 'VARCHAR' },
        { name: 'd', type: 'DOUBLE' },
        { name: 'i', type: 'INTEGER' },
        { name: 'b', type: 'BIGINT' },
        { name: 'f', type: 'BOOLEAN' },
        { name: 'day', type: 'DATE' },
        { name: 'ts', type: 'TIMESTAMP' },
      ],
    );
    expect(await engine.query('SELECT * FROM all_types')).toEqual([
      { s: 'x', d: 2.5, i: 7, b: 9_000_000_000, f: true, day: '2021-03-04', ts: '2021-03-04T05:06:07.000Z' },
    ]);
  });
});

describe('native and wasm engines agree', () => {
  it('on the same aggregate over the same CSV bytes', async () => {
    const wasm = await NodeWasmEngine.create();
    try {
      const csv = new TextEncoder().encode('k,v,day\na,1.25,2020-01-31\nb,2.5,2020-02-29\na,,2021-12-31\n');
      const sql = `SELECT k, sum(v)::DECIMAL(18,2) AS v, count(*) AS n, max(day) AS last FROM read_csv('agree.csv', header=true) GROUP BY k ORDER BY k`;
      await wasm.registerFile('agree.csv', csv);
      await engine.registerFile('agree.csv', csv);
      const expected = [
        { k: 'a', v: 1.25, n: 2, last: '2021-12-31' },
        { k: 'b', v: 2.5, n: 1, last: '2020-02-29' },
      ];
      expect(await engine.query(sql)).toEqual(expected);
      expect(await wasm.query(sql)).toEqual(expected);
    } finally {
      await wasm.close();
    }
  });
});
