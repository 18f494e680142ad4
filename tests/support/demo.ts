import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Engine } from '../../src/engine/types';
import { literal } from '../../src/engine/sql';
import { PURCHASE_COLUMNS } from '../../src/model/schema';
import { REPO_ROOT } from './shared';

/** Where the generated demo data lives (TENDERLENS_DEMO_DIR overrides, for a data set being regenerated elsewhere). */
export const DEMO_DIR = process.env.TENDERLENS_DEMO_DIR ?? path.join(REPO_ROOT, 'data', 'demo');

/** True when the demo files are present; under CI their absence is an error. */
export function demoAvailable(): boolean {
  const ok = ['state.csv.gz', 'quasi_public.csv.gz', 'ground-truth.csv'].every((f) => existsSync(path.join(DEMO_DIR, f)));
  if (!ok && process.env.CI === 'true')
    throw new Error(`CI=true but the demo data is missing from ${DEMO_DIR}: run npm run demo-data.`);
  if (!ok)
    console.warn(
      `[tenderlens] skipping demo-data tests: ${DEMO_DIR} has no state.csv.gz / quasi_public.csv.gz / ground-truth.csv`,
    );
  return ok;
}

/** Loads both demo CSVs into `purchases` (typed from text, so ids keep their leading zeros). */
export async function loadDemo(engine: Engine): Promise<void> {
  const select = Object.entries(PURCHASE_COLUMNS)
    .map(([c, t]) => `CAST(${c} AS ${t.replace(' NOT NULL', '')}) AS ${c}`)
    .join(', ');
  for (const f of ['state.csv.gz', 'quasi_public.csv.gz']) {
    await engine.registerFile(f, readFileSync(path.join(DEMO_DIR, f)));
    await engine.exec(`INSERT INTO purchases SELECT ${select} FROM read_csv(${literal(f)}, header = true, all_varchar = true)`);
  }
  await engine.registerFile('ground-truth.csv', readFileSync(path.join(DEMO_DIR, 'ground-truth.csv')));
  await engine.exec(
    `CREATE OR REPLACE TABLE ground_truth AS SELECT * FROM read_csv('ground-truth.csv', header = true, all_varchar = true)`,
  );
}
