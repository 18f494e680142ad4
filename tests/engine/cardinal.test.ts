import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeWasmEngine } from '../../src/engine/node';
import { loadCompiledReleases } from '../../src/flags/cardinal/load';
import { QUANTILE8_MACRO, quantileType8 } from '../../src/flags/cardinal/quantile';
import { runCardinal } from '../../src/flags/cardinal/run';
import { parseCardinalSettings } from '../../src/flags/cardinal/settings';

let engine: NodeWasmEngine;
beforeAll(async () => {
  engine = await NodeWasmEngine.create();
  await engine.exec(QUANTILE8_MACRO);
});
afterAll(async () => engine.close());

/** A process with one active award to W and single-tenderer valid bids (tenderer, amount, currency). */
function auction(ocid: string, bids: [string, number, string][], tender: object = {}): object {
  return {
    ocid,
    tender,
    bids: {
      details: bids.map(([id, amount, currency]) => ({ status: 'valid', tenderers: [{ id }], value: { amount, currency } })),
    },
    awards: [{ status: 'active', suppliers: [{ id: 'W' }] }],
  };
}

describe('cardinal_q8 (SQL type-8 quantile)', () => {
  it('equals the TypeScript definition on random data', async () => {
    const cases = fc.sample(
      fc.record({
        xs: fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 30 }),
        p: fc.constantFrom(0, 0.1, 0.25, 0.5, 0.75, 0.9, 1),
      }),
      60,
    );
    const sql = cases.map((_, i) => `SELECT ${i} AS i, cardinal_q8(list_sort(?::DOUBLE[]), ?::DOUBLE) AS q`).join(' UNION ALL ');
    // Lists cannot be bound: pass them as text and cast.
    const params = cases.flatMap((c) => [`[${c.xs.map((x) => x.toPrecision(17)).join(',')}]`, c.p]);
    const rows = await engine.query<{ i: number; q: number }>(`SELECT * FROM (${sql}) ORDER BY i`, params);
    rows.forEach(({ i, q }) => {
      const xs = cases[i].xs.map((x) => Number(x.toPrecision(17)));
      expect(q).toBe(quantileType8(xs, cases[i].p));
    });
  });

  it('is NULL for an empty list and for p outside [0, 1]', async () => {
    const [row] = await engine.query(`SELECT cardinal_q8([]::DOUBLE[], 0.5) AS a, cardinal_q8([1.0, 2.0], 1.5) AS b`);
    expect(row).toEqual({ a: null, b: null });
  });
});

describe('runCardinal', () => {
  it('reports R024 Meta rounded to 4 decimals and writes flags with evidence', async () => {
    const releases = [
      auction('F', [
        ['W', 1, 'USD'],
        ['L', 2, 'USD'],
      ]),
      ...[1, 2, 3, 4].map((i) =>
        auction(String(i), [
          ['W', 1, 'USD'],
          ['L', 100, 'USD'],
        ]),
      ),
    ];
    await loadCompiledReleases(engine, releases, 'meta');
    const result = await runCardinal(engine, parseCardinalSettings('[R024]'), 'meta');
    // ratios 1, 99 ×4: Q1 = 1 + 2/3·98, Q3 = 99, fence = Q1 − 1.5·(Q3 − Q1)
    expect(result.OCID).toEqual({ F: { R024: 1 } });
    expect(result.Tenderer).toEqual({ W: { R024: 0 }, L: { R024: 0 } });
    expect(result.Meta.R024).toEqual({ q1: 66.3333, q3: 99, lower_fence: 17.3333 });
    const flags = await engine.query<{ entity_type: string; entity_id: string; value: number; evidence: string }>(
      `SELECT entity_type, entity_id, value, evidence FROM flags WHERE dataset_id = 'meta' AND code = 'R024' ORDER BY entity_type, entity_id`,
    );
    expect(flags.map((f) => [f.entity_type, f.entity_id, f.value])).toEqual([
      ['ocid', 'F', 1],
      ['tenderer', 'L', 0],
      ['tenderer', 'W', 0],
    ]);
    const evidence = JSON.parse(flags[0].evidence);
    expect(evidence).toMatchObject({ winner: 'W', runner_up: 'L', winner_amount: 1, runner_up_amount: 2, ocids: ['F'] });
    expect(evidence.meta.lower_fence).toBe(17.3333);
  });

  it('takes the first currency seen as the main one and skips amounts in others', async () => {
    // The CAD process comes first, so CAD is the main currency and the USD processes are skipped.
    const releases = [
      auction('cad', [
        ['W', 1, 'CAD'],
        ['L', 1, 'CAD'],
      ]),
      auction('usd-1', [
        ['W', 1, 'USD'],
        ['L', 1, 'USD'],
      ]),
      auction('usd-2', [
        ['W', 1, 'USD'],
        ['L', 1, 'USD'],
      ]),
    ];
    await loadCompiledReleases(engine, releases, 'currency');
    const first = await runCardinal(engine, parseCardinalSettings('[R024]\nthreshold = 0.5'), 'currency');
    expect(Object.keys(first.OCID)).toEqual(['cad']);
    const usd = await runCardinal(engine, parseCardinalSettings('currency = USD\n[R024]\nthreshold = 0.5'), 'currency');
    expect(Object.keys(usd.OCID).sort()).toEqual(['usd-1', 'usd-2']);
  });

  it('applies price_comparison_procurement_methods as an allow list (unset details fail)', async () => {
    const disqualifiedLowest = (ocid: string, pmd?: string) => ({
      ocid,
      tender: pmd === undefined ? {} : { procurementMethodDetails: pmd },
      bids: {
        details: [
          { status: 'disqualified', value: { amount: 1, currency: 'USD' } },
          { status: 'valid', value: { amount: 2, currency: 'USD' } },
        ],
      },
      awards: [{ status: 'active' }],
    });
    await loadCompiledReleases(
      engine,
      [disqualifiedLowest('auction', 'Auction'), disqualifiedLowest('other', 'Other'), disqualifiedLowest('unset')],
      'allow',
    );
    const allow = await runCardinal(
      engine,
      parseCardinalSettings('price_comparison_procurement_methods = Auction\n[R036]'),
      'allow',
    );
    expect(Object.keys(allow.OCID)).toEqual(['auction']);
    const deny = await runCardinal(
      engine,
      parseCardinalSettings('no_price_comparison_procurement_methods = Auction\n[R036]'),
      'allow',
    );
    expect(Object.keys(deny.OCID).sort()).toEqual(['other', 'unset']);
  });

  it('skips lines whose ocid is not a string and runs nothing without sections', async () => {
    const loaded = await loadCompiledReleases(
      engine,
      [{ ocid: 1 }, { tender: {} }, { ocid: 'ok', tender: { numberOfTenderers: 1, procurementMethod: 'open' } }],
      'skip',
    );
    expect(loaded).toEqual({ processes: 1, skipped: 2 });
    expect((await runCardinal(engine, parseCardinalSettings('[R018]'), 'skip')).OCID).toEqual({ ok: { R018: 1 } });
    expect(await runCardinal(engine, {}, 'skip')).toEqual({ OCID: {}, Buyer: {}, ProcuringEntity: {}, Tenderer: {}, Meta: {} });
  });
});
