import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeWasmEngine } from '../../src/engine/node';
import { QueryError } from '../../src/engine/errors';

let engine: NodeWasmEngine;
beforeAll(async () => {
  engine = await NodeWasmEngine.create();
});
afterAll(async () => engine.close());

describe('the Node engine (blocking DuckDB-wasm)', () => {
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
  });

  it('has extension autoloading switched off, so offline reads fail fast instead of hanging', async () => {
    const rows = await engine.query(
      `SELECT current_setting('autoload_known_extensions') AS a, current_setting('autoinstall_known_extensions') AS b`,
    );
    expect(rows[0]).toEqual({ a: false, b: false });
  });

  it('reads a registered CSV and inserts JS records (as typed CSV)', async () => {
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
});
