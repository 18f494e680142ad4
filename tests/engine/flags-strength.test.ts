import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NodeWasmEngine } from '../../src/engine/node';
import { createModel, type Purchase } from '../../src/model/schema';
import { runFlags } from '../../src/flags/run';
import { ALL_SEVERITIES, binomialUpperTail, binomialUpperTailSql } from '../../src/flags/strength';
import { R003 } from '../../src/flags/tier1/R003-short-submission-period';
import { R018 } from '../../src/flags/tier1/R018-single-bid';
import { R029 } from '../../src/flags/tier1/R029-benford';
import { R040 } from '../../src/flags/tier1/R040-buyer-concentration';
import { TL_NEW_SUPPLIER } from '../../src/flags/tier1/TL-NEW-SUPPLIER';
import { TL_YEAR_END } from '../../src/flags/tier1/TL-YEAR-END';
import { createSplitPurchaseFlag } from '../../src/flags/tier1/R011-split-purchase';
import { MRP, thresholdRows } from '../../src/flags/thresholds';
import { flaggedPurchasesQuery, notComputableQuery } from '../../src/queries/flags';
import { flagRows, insertPurchases, purchase } from '../support/purchases';

let engine: NodeWasmEngine;
beforeAll(async () => {
  engine = await NodeWasmEngine.create();
  await createModel(engine);
});
afterAll(async () => engine.close());
beforeEach(async () => {
  await engine.exec('DELETE FROM purchases; DELETE FROM flags; DELETE FROM datasets');
});

const many = (n: number, buyer: string, f: (i: number) => Partial<Purchase>) =>
  Array.from({ length: n }, (_, i) =>
    purchase({ purchase_id: `${buyer}-${i}`, buyer_id: buyer, signed_date: '2024-05-01', amount: 100, ...f(i) }),
  );

describe('the exact binomial in SQL', () => {
  it('agrees with the TypeScript reference (property)', async () => {
    const cases = fc.sample(
      fc.tuple(
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 1, max: 80 }),
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
      ),
      {
        numRuns: 40,
        seed: 12,
      },
    );
    const sql = cases
      .map(([k, n, p], i) => `SELECT ${i} AS i, ${binomialUpperTailSql(String(k), String(n), String(p))} AS t`)
      .join(' UNION ALL ');
    const rows = await engine.query<{ i: number; t: number }>(`${sql} ORDER BY i`);
    rows.forEach((r) => {
      const [k, n, p] = cases[r.i];
      const want = binomialUpperTail(k, n, p);
      expect(Math.abs(r.t - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, want) + 1e-12);
    });
  });
});

describe('R040 judges a buyer against its size and market', () => {
  it('a tiny buyer with one supplier, or twelve purchases in a market of three, stays low; capture in a wide market is not', async () => {
    await insertPurchases(engine, [
      // ten purchases, all from the only supplier of its item
      ...many(10, 'ONE', () => ({ supplier_id: 'S-only', item_code: 'RARE' })),
      // twelve purchases spread 6/4/2 over the three suppliers of its item
      ...many(12, 'THREE', (i) => ({ supplier_id: `T${i < 6 ? 0 : i < 10 ? 1 : 2}`, item_code: 'THIN' })),
      // forty purchases, 38 from one supplier, in an item forty suppliers sell
      ...many(40, 'CAPT', (i) => ({ supplier_id: i < 38 ? 'FAV' : `W${i}`, item_code: 'WIDE' })),
      ...many(40, 'OTHER', (i) => ({ supplier_id: `W${i}`, item_code: 'WIDE' })),
    ]);
    await runFlags(engine, {}, [R040]);
    const rows = await flagRows(engine, 'R040');
    const sev = Object.fromEntries(rows.map((r) => [r.entity_id, r.severity]));
    expect(sev['ONE:2024']).toBe('low');
    expect(sev['THREE:2024']).toBe('low');
    expect(['high', 'medium']).toContain(sev['CAPT:2024']);
    const one = rows.find((r) => r.entity_id === 'ONE:2024')!;
    expect(one.evidence).toMatchObject({ market_suppliers: 1, expected_top_share: 1, p_value: 1 });
    expect(rows.find((r) => r.entity_id === 'CAPT:2024')!.evidence).toMatchObject({
      market_suppliers: 41,
      hhi: expect.any(Number),
    });
  });

  it('leaves out purchases without an amount or a supplier (missing values never add concentration)', async () => {
    await insertPurchases(engine, [
      ...many(12, 'M', (i) => ({ supplier_id: `S${i}` })),
      ...many(30, 'M-missing', (i) => ({ buyer_id: 'M', supplier_id: i % 2 ? null! : 'S0', amount: i % 2 ? 100 : null! })),
    ]);
    await runFlags(engine, {}, [R040]);
    expect(await flagRows(engine, 'R040')).toEqual([]);
  });
});

describe('TL-YEAR-END and R018 against the ordinary level', () => {
  it('a small buyer-year at 2× the ordinary December is low; a large one far above is not', async () => {
    await insertPurchases(engine, [
      // 40 ordinary buyer-years of 20 purchases: one in the last 12 days each (5 %)
      ...Array.from({ length: 40 }, (_, b) =>
        many(20, `O${b}`, (i) => ({ signed_date: i === 0 ? '2023-12-25' : '2023-06-01' })),
      ).flat(),
      // 10 purchases, two in the window: 20 %, over twice the ordinary level (~8 %), explained by chance
      ...many(10, 'SMALL', (i) => ({ signed_date: i < 2 ? '2023-12-25' : '2023-06-01' })),
      // 60 purchases, 30 in the window
      ...many(60, 'RUSH', (i) => ({ signed_date: i < 30 ? '2023-12-22' : '2023-06-01' })),
    ]);
    await runFlags(engine, {}, [TL_YEAR_END]);
    const rows = await flagRows(engine, 'TL-YEAR-END');
    expect(rows.find((r) => r.entity_id === 'SMALL:2023')?.severity).toBe('low');
    expect(rows.find((r) => r.entity_id === 'RUSH:2023')?.severity).toBe('high');
    expect(rows.some((r) => r.entity_id.startsWith('O'))).toBe(false);
  });

  it('an isolated single bid is low; a buyer whose lots keep drawing one bid is not', async () => {
    const lot = (n: number, buyer: string, singles: number) =>
      many(n, buyer, (i) => ({ method: 'open' as const, competitive: true, n_bidders: i < singles ? 1 : 4 }));
    await insertPurchases(engine, [
      ...Array.from({ length: 20 }, (_, b) => lot(50, `B${b}`, b === 0 ? 1 : 0)).flat(),
      ...lot(30, 'CAPT', 10),
      ...lot(1, 'TINY', 1),
    ]);
    await runFlags(engine, {}, [R018]);
    const rows = await flagRows(engine, 'R018');
    const sev = (id: string) => rows.find((r) => r.entity_id === id)?.severity;
    expect(sev('B0-0')).toBe('low');
    expect(sev('TINY-0')).toBe('low');
    expect(sev('CAPT-0')).toBe('high');
    expect(rows.filter((r) => r.entity_id.startsWith('CAPT'))).toHaveLength(10);
  });
});

describe('R011 graded by the DOZORRO bands', () => {
  const T = 8000 * 3932; // 2025 ceiling, tenge
  const R011 = createSplitPurchaseFlag(thresholdRows(MRP));
  const d = (id: string, day: string, amount: number) =>
    purchase({
      purchase_id: id,
      buyer_id: 'B',
      supplier_id: 'S',
      item_code: 'I',
      method: 'direct',
      competitive: false,
      currency: 'KZT',
      signed_date: day,
      amount,
      amount_kzt: amount,
    });

  it('two ordinary repeats crossing the limit together are at most low', async () => {
    await insertPurchases(engine, [d('a', '2025-03-01', 0.6 * T), d('b', '2025-03-20', 0.6 * T)]);
    await runFlags(engine, {}, [R011]);
    const rows = await flagRows(engine, 'R011');
    expect(rows.map((r) => r.severity)).toEqual(['low', 'low']);
  });

  it('counts a piece at exactly 95 % of the limit as "within 5 %", one tenge less as "within 10 %"', async () => {
    await insertPurchases(engine, [
      d('a', '2025-03-01', 0.95 * T),
      d('b', '2025-03-20', 0.95 * T),
      d('c', '2025-05-01', 0.95 * T - 1),
    ]);
    await runFlags(engine, {}, [R011]);
    const rows = await flagRows(engine, 'R011');
    const c = (id: string) => rows.find((r) => r.entity_id === id)!.evidence.closeness;
    expect(c('a')).toBe(1);
    expect(c('c')).toBe(0.6);
    expect(rows.find((r) => r.entity_id === 'a')!.severity).toBe('high');
  });

  it('grows with the number of pieces', async () => {
    await insertPurchases(
      engine,
      [0, 5, 10, 15, 20].map((k, i) => d(`p${i}`, `2025-04-${String(1 + k).padStart(2, '0')}`, 0.3 * T)),
    );
    await runFlags(engine, {}, [R011]);
    const five = (await flagRows(engine, 'R011'))[0].strength;
    await engine.exec('DELETE FROM purchases; DELETE FROM flags');
    await insertPurchases(
      engine,
      [0, 5, 10, 15].map((k, i) => d(`p${i}`, `2025-04-${String(1 + k).padStart(2, '0')}`, 0.3 * T)),
    );
    await runFlags(engine, {}, [R011]);
    const four = (await flagRows(engine, 'R011'))[0].strength;
    expect(five).toBeGreaterThan(four);
  });
});

describe('R029 at the edge of its sample size', () => {
  it('tests more than 100 amounts, not exactly 100; the MAD band is evidence beside the chi-square', async () => {
    const ones = (n: number, b: string) =>
      Array.from({ length: n }, (_, i) => purchase({ purchase_id: `${b}${i}`, buyer_id: b, amount: 100 + i }));
    await insertPurchases(engine, [...ones(100, 'H'), ...ones(101, 'H1')]);
    await runFlags(engine, {}, [R029]);
    const rows = await flagRows(engine, 'R029');
    expect(rows.map((r) => r.entity_id)).toEqual(['H1']);
    expect(rows[0].evidence).toMatchObject({ mad_band: 'nonconformity' });
    expect(rows[0].evidence.mad_chance as number).toBeGreaterThan(0);
  });
});

describe('risk ranking', () => {
  it('ranks a row with missing fields and one weak flag below a row with several strong flags', async () => {
    await insertPurchases(engine, [
      // Many ordinary competitive lots, so a lone single bid is weak.
      ...many(60, 'B', (i) => ({
        method: 'open' as const,
        competitive: true,
        n_bidders: 4,
        tender_start: '2024-03-01',
        tender_end: '2024-03-25',
        supplier_id: `S${i}`,
        supplier_registered: '2010-01-01',
      })),
      // weak: one bid, and no amount, dates of tender or supplier registration
      purchase({
        purchase_id: 'WEAK',
        buyer_id: 'B',
        signed_date: '2024-05-01',
        method: 'open',
        competitive: true,
        n_bidders: 1,
      }),
      // strong: a 3-day window and a supplier registered a month before, for a large amount
      purchase({
        purchase_id: 'STRONG',
        buyer_id: 'B',
        signed_date: '2024-05-01',
        method: 'open',
        competitive: true,
        n_bidders: 3,
        tender_start: '2024-04-01',
        tender_end: '2024-04-04',
        supplier_id: 'NEW',
        supplier_registered: '2024-04-01',
        amount: 100000,
      }),
    ]);
    await runFlags(engine, {}, [R018, R003, TL_NEW_SUPPLIER]);
    const s = Object.fromEntries(
      (
        await engine.query<{ purchase_id: string; score: number; n_assessed: number }>(
          `SELECT purchase_id, score, n_assessed FROM risk_scores WHERE purchase_id IN ('WEAK', 'STRONG')`,
        )
      ).map((r) => [r.purchase_id, r]),
    );
    expect(s.WEAK.n_assessed).toBe(1);
    expect(s.STRONG.n_assessed).toBe(3);
    expect(s.WEAK.score).toBeLessThan(s.STRONG.score);
    const q = flaggedPurchasesQuery({}, { limit: 10, offset: 0, severities: ALL_SEVERITIES });
    expect((await engine.query<{ purchase_id: string }>(q.sql, q.params)).map((r) => r.purchase_id)).toEqual(['STRONG', 'WEAK']);
  });
});

describe('flags per dataset', () => {
  it('computes a flag on the datasets that can, after a one-purchase file that cannot; names that file', async () => {
    await insertPurchases(engine, [
      ...many(20, 'A', (i) => ({ dataset_id: 'demo', supplier_id: `S${i}`, supplier_registered: '2010-01-01', amount: 100 + i })),
      purchase({
        dataset_id: 'demo',
        purchase_id: 'YOUNG',
        buyer_id: 'A',
        supplier_id: 'N',
        supplier_registered: '2024-04-01',
        signed_date: '2024-05-01',
        amount: 10000,
      }),
      purchase({ dataset_id: 'one', purchase_id: 'x', buyer_id: 'Z', signed_date: '2024-05-01', amount: 5 }),
    ]);
    await engine.exec(`INSERT INTO datasets (dataset_id, name, source) VALUES ('one', 'ocds-one-release.json', 'ocds')`);
    await runFlags(engine, {}, [TL_NEW_SUPPLIER]);
    expect((await flagRows(engine, 'TL-NEW-SUPPLIER')).map((r) => [r.dataset_id, r.entity_id])).toEqual([['demo', 'YOUNG']]);
    const q = notComputableQuery();
    expect(await engine.query(q.sql, q.params)).toEqual([
      { dataset_id: 'one', dataset_name: 'ocds-one-release.json', code: 'TL-NEW-SUPPLIER', missing: 'supplier_registered' },
    ]);
  });
});
