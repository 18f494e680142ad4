import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeWasmEngine } from '../../src/engine/node';
import { createModel } from '../../src/model/schema';
import { runFlags } from '../../src/flags/run';
import { R003 } from '../../src/flags/tier1/R003-short-submission-period';
import { R013 } from '../../src/flags/tier1/R013-non-competitive-share';
import { R018 } from '../../src/flags/tier1/R018-single-bid';
import { ALL_SEVERITIES } from '../../src/flags/strength';
import {
  flagSummaryQuery,
  flaggedPurchaseCountQuery,
  flaggedPurchasesQuery,
  notComputableQuery,
  sectorMeasuresQuery,
} from '../../src/queries/flags';
import { insertPurchases, purchase } from '../support/purchases';

let engine: NodeWasmEngine;
beforeAll(async () => {
  engine = await NodeWasmEngine.create();
  await createModel(engine);
  const base = {
    dataset_id: 'A',
    sector: 'state' as const,
    buyer_id: 'B1',
    signed_date: '2024-03-01',
    amount: 100,
    amount_kzt: 100,
    currency: 'KZT',
  };
  await insertPurchases(engine, [
    // single bid and a 9-day window
    purchase({
      ...base,
      purchase_id: 'p1',
      supplier_id: 'S1',
      method: 'open',
      competitive: true,
      n_bidders: 1,
      tender_start: '2024-01-01',
      tender_end: '2024-01-10',
    }),
    ...Array.from({ length: 9 }, (_, i) =>
      purchase({ ...base, purchase_id: `p${i + 2}`, supplier_id: `S${i + 2}`, method: 'direct', competitive: false }),
    ),
    purchase({
      ...base,
      purchase_id: 'p11',
      supplier_id: 'S11',
      method: 'open',
      competitive: true,
      n_bidders: 3,
      tender_start: '2024-01-01',
      tender_end: '2024-01-21',
    }),
    // dataset B: no bidder counts, no tender dates
    ...Array.from({ length: 10 }, (_, i) =>
      purchase({
        dataset_id: 'B',
        sector: 'quasi_public',
        purchase_id: `q${i + 1}`,
        buyer_id: 'Q1',
        supplier_id: 'Q',
        signed_date: '2024-05-01',
        amount: 50,
        amount_kzt: 50,
        method: 'open',
        competitive: true,
      }),
    ),
  ]);
  // A Cardinal (tier-2) row sharing a code: runFlags must leave it alone.
  await engine.exec(`INSERT INTO flags VALUES ('A', 'ocid', 'ocds-1', 'R018', 1, '{}', NULL, NULL)`);
  await runFlags(engine, {}, [R018, R003, R013]);
});
afterAll(async () => engine.close());

describe('runFlags', () => {
  it('records what was not computable, per dataset, naming the fields', async () => {
    const q = notComputableQuery();
    expect(await engine.query(q.sql, q.params)).toEqual([
      { dataset_id: 'B', dataset_name: 'B', code: 'R003', missing: 'tender_start, tender_end' },
      { dataset_id: 'B', dataset_name: 'B', code: 'R018', missing: 'n_bidders' },
    ]);
  });

  it('keeps tier-2 rows that share a code', async () => {
    expect(await engine.query(`SELECT entity_id FROM flags WHERE entity_type = 'ocid'`)).toEqual([{ entity_id: 'ocds-1' }]);
  });

  it("scores each purchase as its flags' strengths summed over the dataset's computable components", async () => {
    const rows = await engine.query<{
      purchase_id: string;
      score: number;
      components: string;
      n_flags: number;
      n_assessed: number;
      n_components: number;
    }>(
      `SELECT purchase_id, score, components, n_flags, n_assessed, n_components FROM risk_scores WHERE purchase_id IN ('p1', 'p2', 'p11', 'q1') ORDER BY purchase_id`,
    );
    const byId = Object.fromEntries(rows.map((r) => [r.purchase_id, { ...r, components: JSON.parse(r.components) }]));
    const strength = Object.fromEntries(
      (
        await engine.query<{ code: string; strength: number }>(
          `SELECT code, strength FROM flags WHERE entity_id IN ('p1', 'B1:2024')`,
        )
      ).map((r) => [r.code, Math.round(r.strength * 1000) / 1000]),
    );
    expect(strength.R003).toBeCloseTo(0.4, 12); // 9 of 15 days: the medium bar
    expect(byId.p1).toMatchObject({ n_flags: 3, n_assessed: 3, n_components: 3, components: strength });
    expect(byId.p1.score).toBeCloseTo((strength.R018 + strength.R003 + strength.R013) / 3, 3);
    expect(byId.p2).toMatchObject({ n_flags: 1, n_assessed: 1, components: { R013: strength.R013 } });
    // p2 was assessed by R013 alone: its one flag is divided by the dataset's three components, not by one.
    expect(byId.p2.score).toBeCloseTo(strength.R013 / 3, 3);
    expect(byId.p11.components).toEqual({ R018: 0, R003: 0, R013: strength.R013 });
    // Dataset B: R018/R003 not computable, so only R013 (not raised) counts.
    expect(byId.q1).toMatchObject({ score: 0, n_flags: 0, n_components: 1, components: { R013: 0 } });
    expect((await engine.query(`SELECT count(*) AS n FROM risk_scores`))[0].n).toBe(21);
  });
});

describe('flag query builders on the engine', () => {
  const ALL = ALL_SEVERITIES;
  it('(a) summary by code × sector', async () => {
    const q = flagSummaryQuery({}, ALL);
    expect(await engine.query(q.sql, q.params)).toEqual([
      { code: 'R003', sector: 'state', purchases: 1, value: 100 },
      { code: 'R013', sector: 'state', purchases: 11, value: 1100 },
      { code: 'R018', sector: 'state', purchases: 1, value: 100 },
    ]);
    const none = flagSummaryQuery({ sectors: ['quasi_public'] }, ALL);
    expect(await engine.query(none.sql, none.params)).toEqual([]);
    // By default only high and medium flags count: R013 (the whole dataset buys directly) and the
    // lone single bid are low here; the 9-day window is medium.
    const dflt = flagSummaryQuery({});
    expect(await engine.query(dflt.sql, dflt.params)).toEqual([{ code: 'R003', sector: 'state', purchases: 1, value: 100 }]);
  });

  it('(b, c) list by score with paging, codes and evidence; count', async () => {
    const q = flaggedPurchasesQuery({}, { limit: 2, offset: 0, severities: ALL });
    const page = await engine.query<{ purchase_id: string; score: number; codes: string; evidence: string; n_flags: number }>(
      q.sql,
      q.params,
    );
    expect(page.map((r) => r.purchase_id)).toEqual(['p1', 'p10']);
    expect(page[0]).toMatchObject({ n_flags: 3, codes: 'R003,R013,R018' });
    const ev = JSON.parse(page[0].evidence);
    expect(Object.keys(ev)).toEqual(['R003', 'R013', 'R018']);
    expect(ev.R003).toMatchObject({ days: 9 });
    // p2…p11 tie on one R013 flag; ids order them.
    const last = flaggedPurchasesQuery({}, { limit: 5, offset: 10, severities: ALL });
    expect((await engine.query(last.sql, last.params)).map((r) => r.purchase_id)).toEqual(['p9']);
    const c = flaggedPurchaseCountQuery({}, undefined, ALL);
    expect(await engine.query(c.sql, c.params)).toEqual([{ n: 11 }]);
    const c3 = flaggedPurchaseCountQuery({}, 'R003', ALL);
    expect(await engine.query(c3.sql, c3.params)).toEqual([{ n: 1 }]);
    const only = flaggedPurchasesQuery({}, { code: 'R003', limit: 10, offset: 0 });
    expect((await engine.query(only.sql, only.params)).map((r) => r.purchase_id)).toEqual(['p1']);
    const dflt = flaggedPurchaseCountQuery({});
    expect(await engine.query(dflt.sql, dflt.params)).toEqual([{ n: 1 }]);
  });

  it('(d) absolute sector measures', async () => {
    const q = sectorMeasuresQuery({});
    const rows = await engine.query<Record<string, number | string | null>>(q.sql, q.params);
    expect(rows.map((r) => r.sector)).toEqual(['quasi_public', 'state']);
    const [quasi, state] = rows;
    expect(state).toMatchObject({ purchases: 11, value: 1100, single_bid_share: 0.5, avg_bidders: 2, buyer_years: 1 });
    expect(state.direct_share as number).toBeCloseTo(900 / 1100, 12);
    expect(state.mean_hhi as number).toBeCloseTo(10000 / 11, 9);
    expect(quasi).toMatchObject({
      purchases: 10,
      direct_share: 0,
      single_bid_share: null,
      avg_bidders: null,
      mean_hhi: 10000,
      buyer_years: 1,
    });
  });
});
