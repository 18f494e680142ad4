import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NodeWasmEngine } from '../../src/engine/node';
import { createModel, type Purchase } from '../../src/model/schema';
import { runFlags } from '../../src/flags/run';
import { R013 } from '../../src/flags/tier1/R013-non-competitive-share';
import { R029 } from '../../src/flags/tier1/R029-benford';
import { R040 } from '../../src/flags/tier1/R040-buyer-concentration';
import { TL_YEAR_END } from '../../src/flags/tier1/TL-YEAR-END';
import { benfordTest } from '../../src/flags/stats';
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

/** n purchases of buyer `buyer` in 2024, built by `f(i)`. */
function many(n: number, buyer: string, f: (i: number) => Partial<Purchase>): Partial<Purchase>[] {
  return Array.from({ length: n }, (_, i) =>
    purchase({ purchase_id: `${buyer}-${i}`, buyer_id: buyer, signed_date: '2024-05-01', amount: 100, ...f(i) }),
  );
}

describe('R013 non-competitive share', () => {
  it('flags a buyer-year above 50 % of value without competition; exactly 50 % is not; fewer than 10 purchases not assessed', async () => {
    const nc = (k: number) => (i: number) =>
      i < k ? { method: 'direct' as const, competitive: false } : { method: 'open' as const, competitive: true };
    await insertPurchases(engine, [...many(10, 'B60', nc(6)), ...many(10, 'B50', nc(5)), ...many(9, 'B9', nc(9))]);
    await runFlags(engine, {}, [R013]);
    const rows = await flagRows(engine, 'R013');
    expect(rows.map((r) => [r.entity_type, r.entity_id, r.value])).toEqual([['buyer', 'B60:2024', 0.6]]);
    expect(rows[0].evidence).toMatchObject({
      buyer_id: 'B60',
      year: 2024,
      non_competitive_purchases: 6,
      purchases: 10,
      non_competitive_value: 600,
      total_value: 1000,
    });
  });
});

describe('R040 buyer concentration', () => {
  it('flags a top supplier above 50 % or an HHI above 2 500, not an HHI of exactly 2 500', async () => {
    await insertPurchases(engine, [
      // top supplier 510 / 960 = 53.1 %, nine others 50 each
      ...many(10, 'TOP', (i) => (i === 0 ? { supplier_id: 'S1', amount: 510 } : { supplier_id: `T${i}`, amount: 50 })),
      // 45 / 45 / 10 % -> HHI 2025 + 2025 + 100 = 4150
      ...many(10, 'HHI', (i) => (i < 8 ? { supplier_id: ['A', 'B'][i % 2], amount: 112.5 } : { supplier_id: 'C', amount: 50 })),
      // four equal suppliers -> HHI exactly 2500, top share 25 %
      ...many(12, 'EQ', (i) => ({ supplier_id: `E${i % 4}`, amount: 100 })),
      // ten equal suppliers
      ...many(10, 'FLAT', (i) => ({ supplier_id: `F${i}`, amount: 100 })),
    ]);
    await runFlags(engine, {}, [R040]);
    const rows = await flagRows(engine, 'R040');
    expect(rows.map((r) => r.entity_id)).toEqual(['HHI:2024', 'TOP:2024']);
    const top = rows.find((r) => r.entity_id === 'TOP:2024')!;
    expect(top.evidence).toMatchObject({ top_supplier_id: 'S1', suppliers: 10, purchases: 10 });
    expect(top.value).toBeCloseTo(510 / 960, 12);
    expect(top.evidence.hhi as number).toBeCloseTo(10000 * ((510 / 960) ** 2 + 9 * (50 / 960) ** 2), 9);
    const hhi = rows.find((r) => r.entity_id === 'HHI:2024')!;
    expect(hhi.evidence.hhi as number).toBeCloseTo(4150, 9);
    expect(hhi.value).toBeCloseTo(0.45, 12);
    // Ten purchases and four buyer-years: the loose rule's candidates, explained by their size (low).
    expect(rows.map((r) => r.severity)).toEqual(['low', 'low']);
  });
});

describe('TL-YEAR-END', () => {
  it("takes buyer-years at ≥ 2× the sector's ordinary share of the last 12 days as candidates", async () => {
    // Pooled over the three buyer-years the window holds 3 of 30 equal purchases: 10 %, 2x = 20 %.
    await insertPurchases(engine, [
      ...many(10, 'RUSH', (i) => ({ signed_date: i < 2 ? '2023-12-20' : '2023-06-01' })), // 20 % -> 2x
      ...many(10, 'CALM', (i) => ({ signed_date: i < 1 ? '2023-12-31' : '2023-06-01' })), // 10 % -> 1x
      ...many(10, 'EDGE', (i) => ({ signed_date: i < 2 ? '2023-12-19' : '2023-06-01' })), // outside the window
    ]);
    await runFlags(engine, {}, [TL_YEAR_END]);
    const rows = await flagRows(engine, 'TL-YEAR-END');
    expect(rows.map((r) => r.entity_id)).toEqual(['RUSH:2023']);
    expect(rows[0].value).toBeCloseTo(2, 9);
    expect(rows[0].evidence).toMatchObject({ year_end_purchases: 2, purchases: 10, last_days: 12 });
    expect(rows[0].evidence.ordinary_share as number).toBeCloseTo(0.1, 12);
    // Two of ten purchases is what chance gives a 10 % level often enough (p ≈ 0.26): low.
    expect(rows[0].evidence.p_value as number).toBeCloseTo(0.2639, 3);
    expect(rows[0].severity).toBe('low');
  });
});

describe('R029 Benford', () => {
  // Amounts 100·10^(k/n) have first digits that follow Benford's law closely.
  const benfordLike = (n: number) => Array.from({ length: n }, (_, k) => Math.round(100 * 10 ** (k / n) * 100) / 100);

  it('flags a buyer whose first digits depart beyond chance, with chi-square, p, MAD and band as evidence', async () => {
    const ones = Array.from({ length: 150 }, (_, i) => 100 + i * 0.5);
    await insertPurchases(engine, [
      ...ones.map((a, i) => purchase({ purchase_id: `one${i}`, buyer_id: 'ONES', amount: a })),
      ...benfordLike(300).map((a, i) => purchase({ purchase_id: `ben${i}`, buyer_id: 'BEN', amount: a })),
      // exactly 100 amounts: not tested (needs more than 100)
      ...ones.slice(0, 100).map((a, i) => purchase({ purchase_id: `hundred${i}`, buyer_id: 'HUNDRED', amount: a })),
      // small amounts don't count towards the 100
      ...ones.slice(0, 100).map((a, i) => purchase({ purchase_id: `small${i}`, buyer_id: 'SMALL', amount: a })),
      ...Array.from({ length: 20 }, (_, i) => purchase({ purchase_id: `smallx${i}`, buyer_id: 'SMALL', amount: 5 })),
    ]);
    await runFlags(engine, {}, [R029]);
    const rows = await flagRows(engine, 'R029');
    expect(rows.map((r) => [r.entity_type, r.entity_id])).toEqual([['buyer', 'ONES']]);
    const expected = benfordTest(ones);
    expect(rows[0].value).toBeCloseTo(expected.chi2, 9);
    expect(rows[0].evidence).toMatchObject({ n: 150, df: 8, observed: [150, 0, 0, 0, 0, 0, 0, 0, 0], mad_band: 'nonconformity' });
    expect(rows[0].evidence.critical_value as number).toBeCloseTo(26.12, 2);
    expect(rows[0].evidence.mad as number).toBeCloseTo(expected.mad, 12);
    expect(rows[0].evidence.p_value as number).toBeCloseTo(expected.p, 12);
    expect(benfordTest(benfordLike(300)).p).toBeGreaterThan(0.5);
  });
});
