import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NodeWasmEngine } from '../../src/engine/node';
import { createModel, type Purchase } from '../../src/model/schema';
import { runFlags } from '../../src/flags/run';
import { createSplitPurchaseFlag } from '../../src/flags/tier1/R011-split-purchase';
import { MRP, UNVERIFIED_HISTORICAL_LIMITS, thresholdRows } from '../../src/flags/thresholds';

// The mechanism is tested with two different limits per method (the historical table), which the
// shipped single 8 000 MRP default cannot exercise.
const R011 = createSplitPurchaseFlag(thresholdRows(MRP, UNVERIFIED_HISTORICAL_LIMITS));
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

// 2025: price-quotation ceiling 8 000 MRP × 3 932 = 31 456 000 tenge; direct small purchases 100 MRP = 393 200.
const PQ_2025 = 8000 * 3932;
const DIRECT_2025 = 100 * 3932;
const pq = (p: Partial<Purchase>) =>
  purchase({
    buyer_id: 'B',
    supplier_id: 'S',
    item_code: 'I',
    method: 'open',
    competitive: true,
    method_detail: 'Запрос ценовых предложений',
    currency: 'KZT',
    ...p,
  });
const direct = (p: Partial<Purchase>) =>
  purchase({
    buyer_id: 'B',
    supplier_id: 'S',
    item_code: 'I',
    method: 'direct',
    competitive: false,
    method_detail: 'Из одного источника',
    currency: 'KZT',
    ...p,
  });

async function flagged(): Promise<string[]> {
  await runFlags(engine, {}, [R011]);
  return (await flagRows(engine, 'R011')).map((r) => r.entity_id);
}

describe('R011 split purchase', () => {
  it('flags every member of a 30-day cluster that together reaches the ceiling', async () => {
    await insertPurchases(engine, [
      pq({ purchase_id: 'a', amount: 12e6, signed_date: '2025-03-01' }),
      pq({ purchase_id: 'b', amount: 12e6, signed_date: '2025-03-10' }),
      pq({ purchase_id: 'c', amount: 12e6, signed_date: '2025-03-20' }),
      pq({ purchase_id: 'later', amount: 12e6, signed_date: '2025-06-20' }),
    ]);
    expect(await flagged()).toEqual(['a', 'b', 'c']);
    const [a] = await flagRows(engine, 'R011');
    expect(a.evidence).toMatchObject({
      pattern: 'cluster',
      group_total_kzt: 36e6,
      group_purchases: 3,
      threshold_kzt: PQ_2025,
      threshold_mrp: 8000,
      mrp: 3932,
      method_class: 'price_quotation',
    });
    expect(a.value).toBeCloseTo(36e6 / PQ_2025, 12);
  });

  it('counts "together at or above": exactly the ceiling is a split, one tenge less is not', async () => {
    await insertPurchases(engine, [
      pq({ purchase_id: 'x1', supplier_id: 'S1', item_code: 'I1', amount: PQ_2025 / 2, signed_date: '2025-03-01' }),
      pq({ purchase_id: 'x2', supplier_id: 'S1', item_code: 'I1', amount: PQ_2025 / 2, signed_date: '2025-03-02' }),
      pq({ purchase_id: 'y1', supplier_id: 'S2', item_code: 'I2', amount: PQ_2025 / 2, signed_date: '2025-03-01' }),
      pq({ purchase_id: 'y2', supplier_id: 'S2', item_code: 'I2', amount: PQ_2025 / 2 - 1, signed_date: '2025-03-02' }),
    ]);
    expect(await flagged()).toEqual(['x1', 'x2']);
  });

  it('uses a 30-day window that does not cross the calendar year', async () => {
    await insertPurchases(engine, [
      pq({ purchase_id: 'd30a', supplier_id: 'S1', item_code: 'I1', amount: 20e6, signed_date: '2025-03-01' }),
      pq({ purchase_id: 'd30b', supplier_id: 'S1', item_code: 'I1', amount: 20e6, signed_date: '2025-03-31' }),
      pq({ purchase_id: 'd31a', supplier_id: 'S2', item_code: 'I2', amount: 20e6, signed_date: '2025-05-01' }),
      pq({ purchase_id: 'd31b', supplier_id: 'S2', item_code: 'I2', amount: 20e6, signed_date: '2025-06-01' }),
      pq({ purchase_id: 'ye1', supplier_id: 'S3', item_code: 'I3', amount: 20e6, signed_date: '2025-12-25' }),
      pq({ purchase_id: 'ye2', supplier_id: 'S3', item_code: 'I3', amount: 20e6, signed_date: '2026-01-05' }),
    ]);
    expect(await flagged()).toEqual(['d30a', 'd30b']);
  });

  it('matches by item code across suppliers, ignores competitive purchases and pieces already above the ceiling', async () => {
    await insertPurchases(engine, [
      pq({ purchase_id: 'i1', supplier_id: 'S1', amount: 20e6, signed_date: '2025-04-01' }),
      pq({ purchase_id: 'i2', supplier_id: 'S2', amount: 20e6, signed_date: '2025-04-05' }),
      purchase({
        purchase_id: 'tender',
        buyer_id: 'B',
        supplier_id: 'S9',
        item_code: 'J',
        method: 'open',
        competitive: true,
        method_detail: 'Открытый конкурс',
        amount: 20e6,
        signed_date: '2025-04-01',
      }),
      purchase({
        purchase_id: 'tender2',
        buyer_id: 'B',
        supplier_id: 'S9',
        item_code: 'J',
        method: 'open',
        competitive: true,
        method_detail: 'Открытый конкурс',
        amount: 20e6,
        signed_date: '2025-04-02',
      }),
      pq({ purchase_id: 'big', supplier_id: 'S8', item_code: 'K', amount: 40e6, signed_date: '2025-04-01' }),
      pq({ purchase_id: 'small', supplier_id: 'S8', item_code: 'K', amount: 1e6, signed_date: '2025-04-02' }),
    ]);
    expect(await flagged()).toEqual(['i1', 'i2']);
    expect((await flagRows(engine, 'R011'))[0].evidence).toMatchObject({ matched_by: ['item'] });
  });

  it('flags repeated purchases just under the direct-contract limit, not a single one', async () => {
    await insertPurchases(engine, [
      direct({ purchase_id: 'n1', supplier_id: 'S1', item_code: 'I1', amount: 360_000, signed_date: '2025-02-01' }),
      direct({ purchase_id: 'n2', supplier_id: 'S1', item_code: 'I2', amount: 0.9 * DIRECT_2025, signed_date: '2025-08-01' }),
      direct({ purchase_id: 'lone', supplier_id: 'S2', item_code: 'I3', amount: 360_000, signed_date: '2025-02-01' }),
      direct({
        purchase_id: 'below',
        supplier_id: 'S3',
        item_code: 'I4',
        amount: 0.9 * DIRECT_2025 - 1,
        signed_date: '2025-02-01',
      }),
      direct({
        purchase_id: 'below2',
        supplier_id: 'S3',
        item_code: 'I5',
        amount: 0.9 * DIRECT_2025 - 1,
        signed_date: '2025-09-01',
      }),
    ]);
    expect(await flagged()).toEqual(['n1', 'n2']);
    expect((await flagRows(engine, 'R011'))[0].evidence).toMatchObject({
      pattern: 'near_threshold',
      near_threshold_purchases: 2,
      matched_by: ['supplier'],
      threshold_kzt: DIRECT_2025,
    });
  });

  it('uses the MRP in force on the signing date (2020: 2 651 until March, 2 778 from April)', async () => {
    // 2020 price-quotation limit (4 000 MRP, unverified): 10 604 000 until 31 March, 11 112 000 from 1 April.
    await insertPurchases(engine, [
      pq({ purchase_id: 'm1', supplier_id: 'S1', item_code: 'I1', amount: 5_400_000, signed_date: '2020-03-10' }),
      pq({ purchase_id: 'm2', supplier_id: 'S1', item_code: 'I1', amount: 5_400_000, signed_date: '2020-03-20' }),
      pq({ purchase_id: 'a1', supplier_id: 'S2', item_code: 'I2', amount: 5_400_000, signed_date: '2020-04-10' }),
      pq({ purchase_id: 'a2', supplier_id: 'S2', item_code: 'I2', amount: 5_400_000, signed_date: '2020-04-20' }),
    ]);
    expect(await flagged()).toEqual(['m1', 'm2']);
  });

  it('is not computable without a supplier or an item code', async () => {
    await insertPurchases(engine, [pq({ supplier_id: null, item_code: null, amount: 1, signed_date: '2025-01-01' })]);
    expect((await runFlags(engine, {}, [R011])).notComputable[0].missing).toEqual(['supplier_id or item_code']);
  });
});
