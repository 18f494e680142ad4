import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeWasmEngine } from '../../src/engine/node';
import { createModel } from '../../src/model/schema';
import { DEMO_DATASETS, loadDemoFiles } from '../../src/ingest/demo';
import { runFlags } from '../../src/flags/run';
import { AGGREGATE_TABLES, buildAggregates } from '../../src/queries/aggregates';
import type { BoundSql, Filter } from '../../src/queries/filter';
import { currencyGapQuery, entityNamesQuery, overviewQuery } from '../../src/queries/overview';
import { flagSummaryQuery, flaggedPurchaseCountQuery, sectorMeasuresQuery } from '../../src/queries/flags';
import {
  currencyGapAggQuery,
  entityNamesAggQuery,
  flagSummaryAggQuery,
  flaggedPurchaseCountAggQuery,
  overviewAggQuery,
  sectorMeasuresAggQuery,
} from '../../src/queries/overviewAggregated';
import { REPO_ROOT } from '../support/shared';

// The aggregate-backed overview queries must give exactly what the base-table queries give, for
// any filter: the base queries (scans of `purchases` and `flags`) are the independent reference.

let engine: NodeWasmEngine;
let filters: [string, Filter][] = [];

const col = async (sql: string) => (await engine.query<{ v: string }>(sql)).map((r) => r.v);

beforeAll(async () => {
  engine = await NodeWasmEngine.create();
  await createModel(engine);
  await loadDemoFiles(
    engine,
    DEMO_DATASETS.map((d) => ({ ...d, bytes: new Uint8Array(readFileSync(path.join(REPO_ROOT, 'data', 'demo', d.file))) })),
  );
  // A few purchases without a tenge value, without a date, without a method, with a foreign
  // currency: the edge rows every panel treats specially.
  await engine.exec(
    `UPDATE purchases SET amount_kzt = NULL, currency = 'USD' WHERE purchase_id IN (SELECT purchase_id FROM purchases ORDER BY md5(purchase_id || 'usd') LIMIT 300)`,
  );
  await engine.exec(
    `UPDATE purchases SET signed_date = NULL WHERE purchase_id IN (SELECT purchase_id FROM purchases ORDER BY purchase_id DESC LIMIT 30)`,
  );
  await engine.exec(
    `UPDATE purchases SET method = NULL WHERE purchase_id IN (SELECT purchase_id FROM purchases ORDER BY md5(purchase_id) LIMIT 30)`,
  );
  // Refunds: negative values, which the top lists' pruning bound must survive.
  await engine.exec(
    `UPDATE purchases SET amount_kzt = -amount_kzt, amount = -amount WHERE purchase_id IN (SELECT purchase_id FROM purchases WHERE amount_kzt IS NOT NULL ORDER BY md5(purchase_id || 'neg') LIMIT 200)`,
  );
  await runFlags(engine);
  await buildAggregates(engine);

  const buyers = await col(
    `SELECT buyer_id AS v FROM purchases WHERE buyer_id IS NOT NULL GROUP BY ALL ORDER BY count(*) DESC, v LIMIT 3`,
  );
  const suppliers = await col(
    `SELECT supplier_id AS v FROM purchases WHERE supplier_id IS NOT NULL GROUP BY ALL ORDER BY count(*) DESC, v LIMIT 3`,
  );
  const methods = await col(`SELECT DISTINCT method AS v FROM purchases WHERE method IS NOT NULL ORDER BY v`);
  const years = (
    await col(`SELECT DISTINCT year(signed_date)::VARCHAR AS v FROM purchases WHERE signed_date IS NOT NULL ORDER BY v`)
  ).map(Number);
  const flaggedBuyer = await col(
    `SELECT p.buyer_id AS v FROM purchases p JOIN flags f ON f.entity_type = 'buyer' AND f.entity_id LIKE p.buyer_id || ':%' GROUP BY ALL ORDER BY v LIMIT 1`,
  );
  const buyerSuppliers = await engine.query<{ v: string }>(
    `SELECT supplier_id AS v FROM purchases WHERE buyer_id = ? AND supplier_id IS NOT NULL GROUP BY ALL ORDER BY count(*) DESC, v LIMIT 2`,
    [buyers[0]],
  );
  filters = [
    ['none', {}],
    ['one year', { years: [years[1]] }],
    ['two years', { years: [years[0], years[years.length - 1]] }],
    ['sector', { sectors: ['state'] }],
    ['one method', { methods: [methods[0]] }],
    ['two methods', { methods: [methods[0], methods[methods.length - 1]] }],
    ['three methods', { methods: methods.slice(0, 3) }],
    ['year + method + sector', { years: [years[1]], methods: [methods[1]], sectors: ['quasi_public'] }],
    ['buyer', { buyers: [buyers[0]] }],
    ['flagged buyer', { buyers: flaggedBuyer }],
    ['two buyers + year', { buyers: [buyers[1], buyers[2]], years: [years[1]] }],
    ['supplier', { suppliers: [suppliers[0]] }],
    ['supplier + method', { suppliers: [suppliers[1], suppliers[2]], methods: [methods[0], methods[1]] }],
    ['buyer + supplier', { buyers: [buyers[0]], suppliers: buyerSuppliers.map((r) => r.v) }],
    ['unknown buyer (empty)', { buyers: ['no-such-buyer'] }],
    ['unknown method (empty)', { methods: ['no-such-method'] }],
    ['year without data (empty)', { years: [1990] }],
    ['sector + unknown supplier', { sectors: ['state'], suppliers: ['nobody'] }],
  ];
});
afterAll(async () => engine.close());

const pairs: [string, (f: Filter) => BoundSql, (f: Filter) => BoundSql][] = [
  ['overview', (f) => overviewQuery(f), (f) => overviewAggQuery(f)],
  // Short top lists: the pruning threshold then cuts deep into the candidates.
  ['overview, top 2', (f) => overviewQuery(f, 2), (f) => overviewAggQuery(f, 2)],
  ['overview, top 1', (f) => overviewQuery(f, 1), (f) => overviewAggQuery(f, 1)],
  ['currency gap', currencyGapQuery, currencyGapAggQuery],
  [
    'filter chip names',
    (f) => entityNamesQuery({ buyers: f.buyers ?? [], suppliers: f.suppliers ?? [] }),
    (f) => entityNamesAggQuery({ buyers: f.buyers ?? [], suppliers: f.suppliers ?? [] }),
  ],
  ['flagged count', (f) => flaggedPurchaseCountQuery(f), flaggedPurchaseCountAggQuery],
  ['flag summary', flagSummaryQuery, flagSummaryAggQuery],
  ['sector measures', (f) => sectorMeasuresQuery(f, 3), (f) => sectorMeasuresAggQuery(f, 3)],
];

/** Mean HHI is a mean of DOUBLE ratios: summed in another order it may differ in the last bits. */
function normalise(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((r) =>
    'mean_hhi' in r && typeof r.mean_hhi === 'number' ? { ...r, mean_hhi: Number(r.mean_hhi.toPrecision(12)) } : r,
  );
}

describe('aggregate-backed overview queries', () => {
  it('builds every aggregate table', async () => {
    const tables = await col(`SELECT table_name AS v FROM duckdb_tables() WHERE table_name LIKE 'agg_%' ORDER BY v`);
    expect(tables).toEqual([...AGGREGATE_TABLES].sort());
  });

  it('covers filters that select data and filters that select nothing', async () => {
    for (const [name, f] of filters) {
      const q = overviewQuery(f);
      const n = (await engine.query(q.sql, q.params)).length;
      expect(n > 0, name).toBe(!name.includes('(empty)') && name !== 'sector + unknown supplier');
    }
  });

  for (const [name, base, agg] of pairs) {
    it(`${name}: the same rows as the base-table query, for every filter`, async () => {
      let nonEmpty = 0;
      for (const [fname, f] of filters) {
        const b = base(f);
        const a = agg(f);
        const want = await engine.query(b.sql, b.params);
        const got = await engine.query(a.sql, a.params);
        expect(normalise(got), `${name} / ${fname}`).toEqual(normalise(want));
        if (want.length > 0 && !(name === 'flagged count' && want[0].n === 0)) nonEmpty++;
      }
      // The comparison means something only if most filters give rows.
      expect(nonEmpty).toBeGreaterThan(filters.length / 4);
    });
  }

  it('binds every filter value as a parameter, never pastes it', () => {
    const evil = "x'); DROP TABLE purchases; --";
    const f: Filter = { years: [2020], sectors: [evil], methods: [evil, 'open'], buyers: [evil], suppliers: [evil] };
    for (const [, , agg] of pairs) {
      const q = agg(f);
      expect(q.sql).not.toContain('DROP TABLE');
      expect(q.params).toContain(evil);
      expect(q.sql.split('?').length - 1).toBe(q.params.length);
    }
    const noEntity = overviewAggQuery({ methods: [evil] });
    expect(noEntity.sql).not.toContain('DROP TABLE');
  });

  it('the flag summary and measures are not trivially empty on the demo data', async () => {
    const s = await engine.query<{ purchases: number }>(flagSummaryAggQuery({}).sql, []);
    expect(s.length).toBeGreaterThan(3);
    const m = await engine.query<{ mean_hhi: number | null; buyer_years: number }>(
      sectorMeasuresAggQuery({ methods: ['direct', 'open'] }, 3).sql,
      sectorMeasuresAggQuery({ methods: ['direct', 'open'] }, 3).params,
    );
    expect(m.some((r) => r.buyer_years > 0 && r.mean_hhi !== null)).toBe(true);
  });
});
