import type { Engine } from '../engine/types';
import { removeCardinalRows } from '../flags/cardinal/load';
import { removeDataset } from './csv';

/**
 * Removes every row a dataset put in the engine: the canonical tables (purchases, rejects, bids,
 * flags, datasets) and, for an OCDS load, the Cardinal tables. Derived tables (risk scores, the
 * overview's aggregates) are rebuilt by the session afterwards.
 */
export async function removeDatasetRows(engine: Engine, datasetId: string): Promise<void> {
  await removeDataset(engine, datasetId);
  await removeCardinalRows(engine, datasetId);
}

/** How many of `datasetIds` are loaded (e.g. whether any demo dataset is still there after a removal). */
export async function countLoadedDatasets(engine: Engine, datasetIds: readonly string[]): Promise<number> {
  if (datasetIds.length === 0) return 0;
  const [{ n }] = await engine.query<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM datasets WHERE dataset_id IN (${datasetIds.map(() => '?').join(', ')})`,
    datasetIds,
  );
  return n;
}
