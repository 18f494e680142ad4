import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeWasmEngine } from '../../src/engine/node';
import {
  DEMO_ARROW_FILE,
  DEMO_ARROW_MANIFEST,
  DEMO_DATASETS,
  loadDemoArrow,
  loadDemoFiles,
  type DemoArrowManifest,
} from '../../src/ingest/demo';
import { createModel } from '../../src/model/schema';
import { DEMO_DIR } from '../support/demo';

// The browser loads the demo from a prebuilt Arrow file (no CSV parse at start-up). Stale or
// lossy, it would show other numbers than the CSVs it stands for: both checked here on the real engine.
const manifest = JSON.parse(readFileSync(path.join(DEMO_DIR, DEMO_ARROW_MANIFEST), 'utf8')) as DemoArrowManifest;
const csvs = DEMO_DATASETS.map((d) => ({ ...d, bytes: new Uint8Array(readFileSync(path.join(DEMO_DIR, d.file))) }));
let engine: NodeWasmEngine;
beforeAll(async () => {
  engine = await NodeWasmEngine.create();
  await createModel(engine);
});
afterAll(() => engine.close());

describe('the prebuilt demo in data/demo (regenerate with npm run demo-snapshot)', () => {
  it('was made from the demo CSVs as they are now', () => {
    for (const f of csvs)
      expect(manifest.sources[f.file], `${f.file} changed since ${DEMO_ARROW_FILE} was built`).toBe(
        createHash('sha256').update(f.bytes).digest('hex'),
      );
  });

  it('loads exactly the rows and dataset entries the CSV loader gives', async () => {
    await loadDemoFiles(engine, csvs);
    await engine.exec('CREATE TABLE from_csv AS SELECT * FROM purchases; DELETE FROM purchases');
    const csvDatasets = await engine.query(
      'SELECT dataset_id, name, source, sector, rows_read, rows_rejected FROM datasets ORDER BY dataset_id',
    );
    await engine.exec('DELETE FROM datasets');

    const ipc = new Uint8Array(gunzipSync(readFileSync(path.join(DEMO_DIR, DEMO_ARROW_FILE))));
    const loaded = await loadDemoArrow(engine, ipc, manifest);
    expect(loaded.map((l) => l.datasetId).sort()).toEqual(DEMO_DATASETS.map((d) => d.datasetId).sort());
    const [diff] = await engine.query<{ only_csv: number; only_arrow: number; n: number }>(
      `SELECT (SELECT count(*) FROM (SELECT * FROM from_csv EXCEPT ALL SELECT * FROM purchases))::INTEGER AS only_csv,
              (SELECT count(*) FROM (SELECT * FROM purchases EXCEPT ALL SELECT * FROM from_csv))::INTEGER AS only_arrow,
              (SELECT count(*) FROM purchases)::INTEGER AS n`,
    );
    expect(diff).toEqual({ only_csv: 0, only_arrow: 0, n: manifest.datasets.reduce((a, d) => a + d.rows, 0) });
    expect(
      await engine.query('SELECT dataset_id, name, source, sector, rows_read, rows_rejected FROM datasets ORDER BY dataset_id'),
    ).toEqual(csvDatasets);
  });

  it('keeps the fingerprint the CSV load gives the demo (reviews key on it)', async () => {
    const other = await NodeWasmEngine.create();
    try {
      await createModel(other);
      const fromCsv = await loadDemoFiles(other, csvs);
      for (const d of manifest.datasets)
        expect(d.fingerprint, d.datasetId).toBe(fromCsv.find((f) => f.datasetId === d.datasetId)?.fingerprint);
      // The CSV's own SHA-256, as sha256sum prints it for the inflated file.
      const state = csvs.find((c) => c.datasetId === 'demo-state')!;
      expect(manifest.datasets.find((d) => d.datasetId === 'demo-state')!.fingerprint).toBe(
        createHash('sha256').update(gunzipSync(state.bytes)).digest('hex'),
      );
    } finally {
      await other.close();
    }
  });
});
