import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { createGunzip, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeWasmEngine } from '../../src/engine/node';
import { DEMO_DATASETS, loadDemoFiles } from '../../src/ingest/demo';
import { fingerprintChunks } from '../../src/ingest/fingerprint';
import { createModel } from '../../src/model/schema';
import { DEMO_DIR, demoAvailable } from '../support/demo';

let engine: NodeWasmEngine;
beforeAll(async () => {
  engine = await NodeWasmEngine.create();
  await createModel(engine);
});
afterAll(async () => engine.close());

describe.runIf(demoAvailable())('the demo datasets’ fingerprint', () => {
  it('is the SHA-256 of the CSV whether the browser got the .gz or a host inflated it, as Node reading the file finds', async () => {
    const d = DEMO_DATASETS[0];
    const gz = new Uint8Array(readFileSync(path.join(DEMO_DIR, d.file)));
    const csv = new Uint8Array(gunzipSync(gz));
    const expected = createHash('sha256').update(csv).digest('hex');
    const [fromGz] = await loadDemoFiles(engine, [{ ...d, bytes: gz }]);
    const [fromCsv] = await loadDemoFiles(engine, [{ ...d, bytes: csv }]);
    const streamedByNode = await fingerprintChunks(createReadStream(path.join(DEMO_DIR, d.file)).pipe(createGunzip()));
    expect([fromGz.fingerprint, fromCsv.fingerprint, streamedByNode]).toEqual([expected, expected, expected]);
    const rows = await engine.query<{ fingerprint: string }>('SELECT fingerprint FROM datasets WHERE dataset_id = ?', [
      d.datasetId,
    ]);
    expect(rows).toEqual([{ fingerprint: expected }]);
  });
});
