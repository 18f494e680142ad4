/**
 * Removing a dataset takes every row it put in the engine, OCDS loads included (issue 10): the
 * Cardinal tables other than cardinal_processes have no dataset_id, and a DELETE by dataset_id
 * on them used to throw, so the Data screen never reached the storage delete and the dataset came
 * back after a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeWasmEngine } from '../../src/engine/node';
import { CARDINAL_TABLES } from '../../src/flags/cardinal/load';
import { draftImport } from '../../src/ingest/draft';
import { importOcds } from '../../src/ingest/importer';
import { countLoadedDatasets, removeDatasetRows } from '../../src/ingest/remove';
import { bytesSource } from '../../src/ingest/source';
import { createModel } from '../../src/model/schema';
import { ocdsPackage } from '../support/ocds';

let engine: NodeWasmEngine;
beforeAll(async () => {
  engine = await NodeWasmEngine.create();
  await createModel(engine);
});
afterAll(async () => engine.close());

async function load(name: string, datasetId: string, n: number): Promise<void> {
  const source = bytesSource(name, ocdsPackage(datasetId, n));
  const draft = await draftImport(source);
  if (draft.kind !== 'ocds') throw new Error(`expected OCDS, got ${draft.kind}`);
  await importOcds(engine, source, draft, datasetId);
}

/** Rows per Cardinal table that belong to `datasetId` (through its processes' pid). */
async function cardinalRows(datasetId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of Object.keys(CARDINAL_TABLES)) {
    const [{ n }] = await engine.query<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM ${t} WHERE pid IN (SELECT pid FROM cardinal_processes WHERE dataset_id = ?)`,
      [datasetId],
    );
    out[t] = n;
  }
  return out;
}

async function canonicalRows(datasetId: string): Promise<number> {
  let total = 0;
  for (const t of ['purchases', 'bids', 'datasets']) {
    const [{ n }] = await engine.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${t} WHERE dataset_id = ?`, [
      datasetId,
    ]);
    total += n;
  }
  return total;
}

describe('removing a dataset after an OCDS upload', () => {
  it('deletes its canonical and Cardinal rows and leaves the other dataset whole', async () => {
    await load('first.json', 'upload-first', 3);
    await load('second.json', 'upload-second', 2);
    const before = await cardinalRows('upload-second');
    expect(before.cardinal_processes).toBe(2);
    expect(before.cardinal_bids).toBe(4);
    expect(before.cardinal_awards).toBe(2);
    expect(await canonicalRows('upload-first')).toBeGreaterThan(0);

    await removeDatasetRows(engine, 'upload-first');

    expect(await canonicalRows('upload-first')).toBe(0);
    const [{ orphans }] = await engine.query<{ orphans: number }>(
      `SELECT (SELECT count(*) FROM cardinal_bids WHERE pid NOT IN (SELECT pid FROM cardinal_processes))
            + (SELECT count(*) FROM cardinal_awards WHERE pid NOT IN (SELECT pid FROM cardinal_processes))
            + (SELECT count(*) FROM cardinal_parties WHERE pid NOT IN (SELECT pid FROM cardinal_processes)) AS orphans`,
    );
    expect(Number(orphans)).toBe(0);
    expect(Object.values(await cardinalRows('upload-first')).every((n) => n === 0)).toBe(true);
    expect(await cardinalRows('upload-second')).toEqual(before);
    expect(await countLoadedDatasets(engine, ['upload-first', 'upload-second'])).toBe(1);
  });

  it('removes a table dataset when no OCDS was ever loaded', async () => {
    const fresh = await NodeWasmEngine.create();
    try {
      await createModel(fresh);
      await expect(removeDatasetRows(fresh, 'never-loaded')).resolves.toBeUndefined();
    } finally {
      await fresh.close();
    }
  });
});
