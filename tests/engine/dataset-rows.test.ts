import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeWasmEngine } from '../../src/engine/node';
import {
  DATASET_TABLES,
  canSaveRows,
  exportDatasetRows,
  importDatasetRows,
  type ArrowEngine,
} from '../../src/engine/datasetRows';
import { createModel } from '../../src/model/schema';

// Saved rows stand in for re-importing a file on reload: they must come back exactly, every
// table, every type (DECIMAL and TIMESTAMP travel as text for that), and touch no other dataset.
let engine: ArrowEngine;
beforeAll(async () => {
  const e = await NodeWasmEngine.create();
  if (!canSaveRows(e)) throw new Error('the Node wasm engine must read and write Arrow IPC');
  engine = e;
  await createModel(engine);
});
afterAll(() => engine.close());

const snapshotOf = async (table: string, datasetId: string) =>
  engine.query(`SELECT * FROM ${table} WHERE dataset_id = ? ORDER BY ALL`, [datasetId]);

async function seed(datasetId: string, amounts: string[]): Promise<void> {
  await engine.exec(`INSERT INTO purchases (dataset_id, purchase_id, source_row, sector, buyer_id, amount, amount_kzt, signed_date, competitive, quantity)
    SELECT '${datasetId}', 'p' || i, i, 'state', 'b' || (i % 3), a::DECIMAL(18,2), a::DECIMAL(18,2), DATE '2020-01-01' + i::INTEGER, i % 2 = 0, i / 7
    FROM (SELECT unnest([${amounts.map((a) => `'${a}'`).join(', ')}]) AS a, generate_subscripts([${amounts.map(() => '0').join(', ')}], 1) AS i)`);
  await engine.exec(
    `INSERT INTO datasets VALUES ('${datasetId}', 'file.csv', 'upload', 'state', ${amounts.length}, 1, 'abc', TIMESTAMP '2026-12-03 21:07:14.123456')`,
  );
  await engine.exec(`INSERT INTO ingest_rejects VALUES ('${datasetId}', 7, 'amount', 'not a number', '12,3,4')`);
}

describe('a dataset’s saved rows (src/engine/datasetRows.ts)', () => {
  it('come back exactly, in every base table, and leave other datasets alone', async () => {
    await seed('keep', ['1.00']);
    await seed('u-1', ['0.01', '-5.50', '9999999999999999.99', '1234567.89', '0.00']);
    const before = await Promise.all(DATASET_TABLES.map((t) => snapshotOf(t, 'u-1')));
    const kept = await Promise.all(DATASET_TABLES.map((t) => snapshotOf(t, 'keep')));
    const saved = await exportDatasetRows(engine, 'u-1');
    expect(saved.tables.map((t) => [t.table, t.rows])).toEqual([
      ['purchases', 5],
      ['datasets', 1],
      ['ingest_rejects', 1],
    ]);
    for (const t of DATASET_TABLES) await engine.exec(`DELETE FROM ${t} WHERE dataset_id = 'u-1'`);
    expect(await importDatasetRows(engine, saved)).toBe(5);
    expect(await Promise.all(DATASET_TABLES.map((t) => snapshotOf(t, 'u-1')))).toEqual(before);
    expect(await Promise.all(DATASET_TABLES.map((t) => snapshotOf(t, 'keep')))).toEqual(kept);
    // Put back over rows already there (a second restore), nothing doubles.
    await importDatasetRows(engine, saved);
    expect(await Promise.all(DATASET_TABLES.map((t) => snapshotOf(t, 'u-1')))).toEqual(before);
    const [{ exact }] = await engine.query<{ exact: string }>(
      `SELECT max(amount)::VARCHAR AS exact FROM purchases WHERE dataset_id = 'u-1'`,
    );
    expect(exact).toBe('9999999999999999.99');
  });

  it('keep any DECIMAL(18,2) amount to the cent', async () => {
    const cents = fc.bigInt({ min: -(10n ** 18n) + 1n, max: 10n ** 18n - 1n });
    await fc.assert(
      fc.asyncProperty(fc.array(cents, { minLength: 1, maxLength: 20 }), async (cs) => {
        const amounts = cs.map(
          (c) => `${c < 0n ? '-' : ''}${(c < 0n ? -c : c) / 100n}.${String((c < 0n ? -c : c) % 100n).padStart(2, '0')}`,
        );
        for (const t of DATASET_TABLES) await engine.exec(`DELETE FROM ${t} WHERE dataset_id = 'prop'`);
        await seed('prop', amounts);
        const saved = await exportDatasetRows(engine, 'prop');
        await importDatasetRows(engine, saved);
        const back = await engine.query<{ a: string }>(
          `SELECT amount::VARCHAR AS a FROM purchases WHERE dataset_id = 'prop' ORDER BY source_row`,
        );
        expect(back.map((r) => r.a)).toEqual(amounts.map((a) => a.replace(/^-0\.00$/, '0.00')));
      }),
      { numRuns: 25 },
    );
  });
});
