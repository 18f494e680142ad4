import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { canSaveRows, exportDatasetRows, importDatasetRows, type DatasetRows } from './datasetRows';
import type { Engine } from './types';

/**
 * The browser's copy of each saved dataset's imported rows (src/engine/datasetRows.ts), so a
 * reload puts them back instead of importing the file again. Its own IndexedDB database, beside
 * the saved files ('tenderlens'): the file stays the source of truth; these rows are a cache that
 * is used only while the import options they were made with are unchanged.
 */

/** Above this many purchases the copy is not kept: exporting it would hold the rows once more in page memory. */
export const SAVED_ROWS_MAX = 2_000_000;

interface SavedRowsDB extends DBSchema {
  rows: { key: string; value: { datasetId: string; options: string; savedAt: string; rows: DatasetRows } };
}

let db: Promise<IDBPDatabase<SavedRowsDB>> | undefined;
function open(): Promise<IDBPDatabase<SavedRowsDB>> {
  db ??= openDB<SavedRowsDB>('tenderlens-rows', 1, {
    upgrade(d) {
      d.createObjectStore('rows', { keyPath: 'datasetId' });
    },
  });
  return db;
}

/**
 * Keeps the rows the engine now holds for `datasetId`, imported with `options` (the saved
 * dataset's). Call once the import is done and the screens have what they need. False when the
 * engine cannot, or the dataset is larger than {@link SAVED_ROWS_MAX}.
 */
export async function saveRowsForReload(engine: Engine, datasetId: string, options: unknown): Promise<boolean> {
  if (!canSaveRows(engine)) return false;
  const [{ n }] = await engine.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM purchases WHERE dataset_id = ?', [
    datasetId,
  ]);
  if (n > SAVED_ROWS_MAX) return false;
  const rows = await exportDatasetRows(engine, datasetId);
  await (await open()).put('rows', { datasetId, options: JSON.stringify(options), savedAt: new Date().toISOString(), rows });
  return true;
}

/**
 * Puts back the kept rows of `datasetId` if they were imported with these `options`: the number
 * of purchases restored, or null when there is no usable copy (then import the file).
 */
export async function restoreSavedRows(engine: Engine, datasetId: string, options: unknown): Promise<number | null> {
  if (!canSaveRows(engine)) return null;
  const kept = await (await open()).get('rows', datasetId);
  if (!kept || kept.options !== JSON.stringify(options) || kept.rows.version !== 1) return null;
  return importDatasetRows(engine, kept.rows);
}

/** Drops the kept rows of every dataset not in `keep` (removed since). */
export async function forgetSavedRows(keep: readonly string[]): Promise<void> {
  const d = await open();
  for (const id of await d.getAllKeys('rows')) if (!keep.includes(id)) await d.delete('rows', id);
}

/** Drops the kept rows of one dataset (it was removed). */
export async function forgetRowsOf(datasetId: string): Promise<void> {
  await (await open()).delete('rows', datasetId);
}
