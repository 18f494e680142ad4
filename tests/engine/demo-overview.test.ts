import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeWasmEngine } from '../../src/engine/node';
import { createModel } from '../../src/model/schema';
import { DEMO_DATASETS, loadDemoFiles } from '../../src/ingest/demo';
import { overviewQuery, type OverviewRow } from '../../src/queries/overview';
import { shapeOverview } from '../../src/queries/overviewShape';
import { demoTotals } from '../support/demoTotals';
import { REPO_ROOT } from '../support/shared';

let engine: NodeWasmEngine;
const independent = demoTotals();

beforeAll(async () => {
  engine = await NodeWasmEngine.create();
  await createModel(engine);
  await loadDemoFiles(
    engine,
    DEMO_DATASETS.map((d) => ({ ...d, bytes: new Uint8Array(readFileSync(path.join(REPO_ROOT, 'data', 'demo', d.file))) })),
  );
});
afterAll(async () => engine.close());

async function overview(filter = {}) {
  const q = overviewQuery(filter);
  return shapeOverview(await engine.query<OverviewRow & Record<string, unknown>>(q.sql, q.params));
}

describe('the overview on the bundled demo data', () => {
  it('loads every row of both files', async () => {
    const rows = await engine.query<{ sector: string; n: number }>(
      `SELECT sector, count(*) AS n FROM purchases GROUP BY ALL ORDER BY sector`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.sector, r.n]))).toEqual(independent.rows);
  });

  it('totals each sector as the files do, and the quasi-public sector buys 4–5 times the state', async () => {
    const d = await overview();
    expect(d.totals.state.value).toBeCloseTo(independent.bySector.state, 0);
    expect(d.totals.quasi_public.value).toBeCloseTo(independent.bySector.quasi_public, 0);
    expect(d.ratio).toBeGreaterThanOrEqual(4);
    expect(d.ratio).toBeLessThanOrEqual(5);
  });

  it('gives yearly totals that match the files, and a filtered year matches its own totals', async () => {
    const d = await overview();
    for (const y of d.years) {
      for (const s of ['state', 'quasi_public']) expect(Number(y[s])).toBeCloseTo(independent.bySectorYear[`${s}:${y.key}`], 0);
    }
    const only2019 = await overview({ years: [2019] });
    expect(only2019.totals.state.value).toBeCloseTo(independent.bySectorYear['state:2019'], 0);
    expect(only2019.months.every((m) => m.key.startsWith('2019-'))).toBe(true);
  });

  it('puts about 3.5 trillion tenge a year through the quasi-public sector', async () => {
    const d = await overview({ years: [2019] });
    expect(d.totals.quasi_public.value / 1e12).toBeGreaterThan(3);
    expect(d.totals.quasi_public.value / 1e12).toBeLessThan(4);
  });
});
