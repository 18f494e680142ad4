import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NodeWasmEngine } from '../../src/engine/node';
import { createModel } from '../../src/model/schema';
import { runFlags } from '../../src/flags/run';
import { R003 } from '../../src/flags/tier1/R003-short-submission-period';
import { R016 } from '../../src/flags/tier1/R016-unit-price-high';
import { R017 } from '../../src/flags/tier1/R017-unit-price-low';
import { R018 } from '../../src/flags/tier1/R018-single-bid';
import { TL_DUPLICATE } from '../../src/flags/tier1/TL-DUPLICATE';
import { TL_NEW_SUPPLIER } from '../../src/flags/tier1/TL-NEW-SUPPLIER';
import { flagRows, insertPurchases, purchase } from '../support/purchases';

let engine: NodeWasmEngine;
beforeAll(async () => {
  engine = await NodeWasmEngine.create();
  await createModel(engine);
});
afterAll(async () => engine.close());
beforeEach(async () => {
  await engine.exec('DELETE FROM purchases; DELETE FROM flags');
});

describe('R018 single bid', () => {
  it('flags competitive purchases with exactly one bidder, deriving "competitive" from the method when missing', async () => {
    await insertPurchases(engine, [
      purchase({ purchase_id: 'one', method: 'open', competitive: true, n_bidders: 1 }),
      purchase({ purchase_id: 'two', method: 'open', competitive: true, n_bidders: 2 }),
      purchase({ purchase_id: 'direct', method: 'direct', competitive: false, n_bidders: 1 }),
      purchase({ purchase_id: 'derived', method: 'selective', n_bidders: 1 }),
      purchase({ purchase_id: 'unknown', method: 'open', competitive: true }),
    ]);
    const report = await runFlags(engine, {}, [R018]);
    expect(report.computed).toEqual([expect.objectContaining({ code: 'R018', datasetId: 'd1', rows: 2 })]);
    const rows = await flagRows(engine, 'R018');
    expect(rows.map((r) => r.entity_id)).toEqual(['derived', 'one']);
    expect(rows[1]).toMatchObject({ entity_type: 'purchase', value: 1, evidence: { n_bidders: 1, method: 'open' } });
  });

  it('is not computable on a dataset without bidder counts, naming the field', async () => {
    await insertPurchases(engine, [purchase({ dataset_id: 'nob', method: 'open', competitive: true })]);
    const report = await runFlags(engine, {}, [R018]);
    expect(report.computed).toEqual([]);
    expect(report.notComputable).toEqual([{ code: 'R018', datasetId: 'nob', missing: ['n_bidders'] }]);
  });
});

describe('R003 short submission period', () => {
  it('flags fewer than 15 whole days; exactly 15 is not short', async () => {
    await insertPurchases(engine, [
      purchase({ purchase_id: 'd14', method: 'open', competitive: true, tender_start: '2024-01-01', tender_end: '2024-01-15' }),
      purchase({ purchase_id: 'd15', method: 'open', competitive: true, tender_start: '2024-01-01', tender_end: '2024-01-16' }),
      purchase({
        purchase_id: 'direct',
        method: 'direct',
        competitive: false,
        tender_start: '2024-01-01',
        tender_end: '2024-01-02',
      }),
      purchase({
        purchase_id: 'backwards',
        method: 'open',
        competitive: true,
        tender_start: '2024-01-10',
        tender_end: '2024-01-01',
      }),
    ]);
    await runFlags(engine, {}, [R003]);
    const rows = await flagRows(engine, 'R003');
    expect(rows.map((r) => [r.entity_id, r.value])).toEqual([['d14', 14]]);
    expect(rows[0].evidence).toEqual({
      days: 14,
      min_days: 15,
      tender_start: '2024-01-01',
      tender_end: '2024-01-15',
      method: 'open',
    });
  });

  it('takes per-method thresholds', async () => {
    await insertPurchases(engine, [
      purchase({
        purchase_id: 'open14',
        method: 'open',
        competitive: true,
        tender_start: '2024-01-01',
        tender_end: '2024-01-15',
      }),
      purchase({
        purchase_id: 'sel14',
        method: 'selective',
        competitive: true,
        tender_start: '2024-01-01',
        tender_end: '2024-01-15',
      }),
    ]);
    await runFlags(engine, { R003: { min_days_open: 10 } }, [R003]);
    expect((await flagRows(engine, 'R003')).map((r) => r.entity_id)).toEqual(['sel14']);
  });

  it('names both missing dates', async () => {
    await insertPurchases(engine, [purchase({ method: 'open', competitive: true })]);
    expect((await runFlags(engine, {}, [R003])).notComputable[0].missing).toEqual(['tender_start', 'tender_end']);
  });
});

describe('TL-DUPLICATE', () => {
  it('flags every purchase of a set with the same buyer, supplier, item, amount and date', async () => {
    const same = { buyer_id: 'B', supplier_id: 'S', item_code: 'I', amount: 1000, signed_date: '2024-05-05' };
    await insertPurchases(engine, [
      purchase({ purchase_id: 'a', ...same }),
      purchase({ purchase_id: 'b', ...same }),
      purchase({ purchase_id: 'c', ...same, amount: 1000.01 }),
      purchase({ purchase_id: 'd', ...same, item_code: null }),
      purchase({ purchase_id: 'e', ...same, item_code: null }),
    ]);
    await runFlags(engine, {}, [TL_DUPLICATE]);
    const rows = await flagRows(engine, 'TL-DUPLICATE');
    expect(rows.map((r) => r.entity_id)).toEqual(['a', 'b']);
    expect(rows[0].evidence).toMatchObject({ copies: 2, purchase_ids: ['a', 'b'], amount: 1000 });
  });
});

describe('TL-NEW-SUPPLIER', () => {
  it("flags a supplier registered under 365 days before a contract at or above the buyer's P90", async () => {
    // Buyer amounts 1000..10000: type-7 P90 = 1000 + 0.9 * 9 * 1000 = 9100.
    const rows = Array.from({ length: 10 }, (_, i) =>
      purchase({
        purchase_id: `n${i + 1}`,
        buyer_id: 'B',
        amount: (i + 1) * 1000,
        signed_date: '2024-06-01',
        supplier_registered: '2010-01-01',
      }),
    );
    rows[9].supplier_registered = '2023-06-03'; // 364 days before, 10 000 ≥ 9 100
    rows[8].supplier_registered = '2024-01-01'; // young, but 9 000 < 9 100
    await insertPurchases(engine, [
      ...rows,
      purchase({
        purchase_id: 'old365',
        buyer_id: 'B',
        amount: 20000,
        signed_date: '2024-06-01',
        supplier_registered: '2023-06-02',
      }), // 365 days
    ]);
    await runFlags(engine, {}, [TL_NEW_SUPPLIER]);
    const flagged = await flagRows(engine, 'TL-NEW-SUPPLIER');
    expect(flagged.map((r) => r.entity_id)).toEqual(['n10']);
    // The buyer has 11 purchases, 1000..10000 and 20000: type-7 P90 h = 0.9 * 10 = 9 -> x[9] = 10000.
    expect(flagged[0].evidence).toMatchObject({ age_days: 364, buyer_quantile_amount: 10000, above: 'buyer+dataset' });
  });

  it('compares with the buyer, the dataset, or either (basis 1, 2, 0)', async () => {
    // Buyer BIG: ten purchases of 1e6 (its P90 1e6). Buyer SMALL: ten of 1000. Dataset P90 of the 20 = 1e6.
    const rows = [
      ...Array.from({ length: 10 }, (_, i) =>
        purchase({
          purchase_id: `big${i}`,
          buyer_id: 'BIG',
          amount: 1e6,
          signed_date: '2024-06-01',
          supplier_registered: '2000-01-01',
        }),
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        purchase({
          purchase_id: `small${i}`,
          buyer_id: 'SMALL',
          amount: 1000,
          signed_date: '2024-06-01',
          supplier_registered: '2000-01-01',
        }),
      ),
    ];
    rows[10].supplier_registered = '2024-01-01'; // young, in SMALL's top (1000 >= 1000) but far below the dataset P90
    await insertPurchases(engine, rows);
    const ids = async (basis: number) => {
      await runFlags(engine, { 'TL-NEW-SUPPLIER': { basis } }, [TL_NEW_SUPPLIER]);
      return (await flagRows(engine, 'TL-NEW-SUPPLIER')).map((r) => r.entity_id);
    };
    expect(await ids(0)).toEqual(['small0']);
    expect(await ids(1)).toEqual(['small0']);
    expect(await ids(2)).toEqual([]);
  });
});

describe('R016/R017 unit price far from peers', () => {
  /** Modified z of log prices, computed here independently of the SQL. */
  function modifiedZ(prices: number[], x: number): number {
    const med = (v: number[]) => {
      const s = [...v].sort((a, b) => a - b);
      const m = s.length >> 1;
      return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
    };
    const l = prices.map(Math.log);
    const m = med(l);
    const mad = med(l.map((v) => Math.abs(v - m)));
    return (0.6745 * (Math.log(x) - m)) / mad;
  }

  it('flags a price far above (R016) and far below (R017) its item × unit peers', async () => {
    const high = [100, 101, 99, 100, 102, 1000];
    const low = [100, 101, 99, 100, 102, 10];
    await insertPurchases(engine, [
      ...high.map((u, i) => purchase({ purchase_id: `h${i}`, item_code: 'A', unit: 'kg', unit_price: u })),
      ...low.map((u, i) => purchase({ purchase_id: `l${i}`, item_code: 'B', unit: 'kg', unit_price: u })),
      // Same item, another unit: a separate group of one, never compared with kg prices.
      purchase({ purchase_id: 'ton', item_code: 'A', unit: 't', unit_price: 100000 }),
    ]);
    await runFlags(engine, {}, [R016, R017]);
    const r16 = await flagRows(engine, 'R016');
    const r17 = await flagRows(engine, 'R017');
    expect(r16.map((r) => r.entity_id)).toEqual(['h5']);
    expect(r17.map((r) => r.entity_id)).toEqual(['l5']);
    expect(r16[0].value).toBeCloseTo(modifiedZ(high, 1000), 9);
    expect(r17[0].value).toBeCloseTo(modifiedZ(low, 10), 9);
    expect(r16[0].evidence).toMatchObject({ peers: 5, unit: 'kg', item_code: 'A' });
    expect(r16[0].evidence.peer_median as number).toBeCloseTo(Math.sqrt(100 * 101), 6);
  });

  it('needs at least 5 peers (other purchases of the item): 4 peers → no outlier, 5 → outlier; a single peer never', async () => {
    await insertPurchases(engine, [
      ...[100, 101, 99, 102, 5000].map((u, i) => purchase({ purchase_id: `four${i}`, item_code: 'F', unit_price: u })),
      ...[100, 101, 99, 102, 98, 5000].map((u, i) => purchase({ purchase_id: `five${i}`, item_code: 'G', unit_price: u })),
      purchase({ purchase_id: 'alone', item_code: 'H', unit_price: 1e9 }),
    ]);
    await runFlags(engine, {}, [R016]);
    expect((await flagRows(engine, 'R016')).map((r) => r.entity_id)).toEqual(['five5']);
  });

  it('falls back to the mean absolute deviation when most prices are equal (MAD = 0)', async () => {
    await insertPurchases(
      engine,
      [100, 100, 100, 100, 100, 1000].map((u, i) => purchase({ purchase_id: `m${i}`, item_code: 'M', unit_price: u })),
    );
    await runFlags(engine, {}, [R016]);
    const rows = await flagRows(engine, 'R016');
    // deviations 0,0,0,0,0,ln 10 -> mean ln10/6 -> z = ln10 / (1.253314 * ln10 / 6)
    expect(rows.map((r) => r.entity_id)).toEqual(['m5']);
    expect(rows[0].value).toBeCloseTo(6 / 1.253314, 9);
  });
});
