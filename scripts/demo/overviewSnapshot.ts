import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NodeWasmEngine } from '../../src/engine/node';
import { DEMO_DATASETS, loadDemoFiles } from '../../src/ingest/demo';
import { createModel } from '../../src/model/schema';
import { computeOverviewSnapshot, type OverviewSnapshot } from '../../src/queries/overviewSnapshot';

/** Where the snapshot lives, next to the demo files it is computed from. */
export const SNAPSHOT_FILE = 'overview-snapshot.json';

/**
 * Loads the demo files in `demoDir` the way the app does (`loadDemoFiles` on DuckDB-wasm, here its
 * Node build) and runs the first screen's query builders on them.
 */
export async function buildDemoOverviewSnapshot(demoDir: string): Promise<OverviewSnapshot> {
  const engine = await NodeWasmEngine.create();
  try {
    await createModel(engine);
    const files = DEMO_DATASETS.map((d) => ({ ...d, bytes: new Uint8Array(readFileSync(path.join(demoDir, d.file))) }));
    const loaded = await loadDemoFiles(engine, files);
    const demo = Object.fromEntries(loaded.map((d) => [d.datasetId, d.fingerprint]));
    return await computeOverviewSnapshot(engine, demo);
  } finally {
    await engine.close();
  }
}
