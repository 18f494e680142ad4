import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeWasmEngine } from '../../src/engine/node';
import { createModel } from '../../src/model/schema';
import { overviewQuery, type OverviewRow } from '../../src/queries/overview';

let engine: NodeWasmEngine;

// A small hand-made market: two state buyers, one quasi-public buyer, three suppliers.
const ROWS: [string, string, string, string, string, string, number, string, boolean][] = [
  // sector, buyer, buyer_name, supplier, supplier_name, method, amount, date, competitive
  ['state', 'B1', 'School 1', 'S1', 'Alpha', 'open', 100, '2019-01-15', true],
  ['state', 'B1', 'School 1', 'S2', 'Beta', 'direct', 50, '2019-02-10', false],
  ['state', 'B2', 'Clinic 2', 'S2', 'Beta', 'open', 30, '2020-03-01', true],
  ['quasi_public', 'Q1', 'NatCo', 'S3', 'Gamma', 'direct', 900, '2019-12-30', false],
  ['quasi_public', 'Q1', 'NatCo', 'S1', 'Alpha', 'selective', 100, '2020-06-30', true],
];

beforeAll(async () => {
  engine = await NodeWasmEngine.create();
  await createModel(engine);
  for (const [i, r] of ROWS.entries()) {
    await engine.query(
      `INSERT INTO purchases (dataset_id, purchase_id, sector, buyer_id, buyer_name, supplier_id, supplier_name, method, amount, amount_kzt, currency, signed_date, competitive)
       VALUES ('t', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'KZT', ?::DATE, ?)`,
      [`p${i}`, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[6], r[7], r[8]],
    );
  }
});
afterAll(async () => engine.close());

async function run(filter = {}) {
  const q = overviewQuery(filter, 2);
  return engine.query<OverviewRow & Record<string, unknown>>(q.sql, q.params);
}
const pick = (rows: OverviewRow[], panel: string) => rows.filter((r) => r.panel === panel);

describe('overview query on a hand-made market', () => {
  it('totals each sector and splits competitive from non-competitive value', async () => {
    const sectors = pick(await run(), 'sector');
    expect(sectors.map((r) => [r.sector, r.value, r.n, r.noncompetitive_value])).toEqual([
      ['quasi_public', 1000, 2, 900],
      ['state', 180, 3, 50],
    ]);
  });

  it('gives yearly and monthly series per sector', async () => {
    const rows = await run();
    expect(pick(rows, 'sector_year').map((r) => [r.sector, r.key, r.value])).toEqual([
      ['quasi_public', '2019', 900],
      ['quasi_public', '2020', 100],
      ['state', '2019', 150],
      ['state', '2020', 30],
    ]);
    expect(pick(rows, 'sector_month').find((r) => r.sector === 'state' && r.key === '2019-02')?.value).toBe(50);
  });

  it('ranks top buyers and suppliers per sector with their names, limited to N', async () => {
    const rows = await run();
    expect(
      pick(rows, 'top_supplier')
        .filter((r) => r.sector === 'state')
        .map((r) => [r.key, r.label, r.value]),
    ).toEqual([
      ['S1', 'Alpha', 100],
      ['S2', 'Beta', 80],
    ]);
    expect(
      pick(rows, 'top_buyer')
        .filter((r) => r.sector === 'quasi_public')
        .map((r) => [r.key, r.label, r.value]),
    ).toEqual([['Q1', 'NatCo', 1000]]);
  });

  it('applies every filter to every panel, with values bound as parameters', async () => {
    const rows = await run({ years: [2019], suppliers: ['S2', "x' OR 1=1 --"] });
    expect(pick(rows, 'sector').map((r) => [r.sector, r.value])).toEqual([['state', 50]]);
    expect(pick(rows, 'top_buyer').map((r) => r.key)).toEqual(['B1']);
    const none = await run({ methods: ['limited'] });
    expect(none).toEqual([]);
  });
});
