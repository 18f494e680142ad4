import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/**
 * What survives a reload, in IndexedDB (via `idb`, a 1 kB promise wrapper: IndexedDB's raw event
 * API would cost more code than it saves). Uploaded files are stored as the Blob the user gave us
 * plus the confirmed import options, and re-imported at start-up: the canonical tables are always
 * rebuilt by the same SQL, so a stored dataset can never drift from what a fresh import would give.
 */
export interface StoredDataset {
  datasetId: string;
  name: string;
  fileName: string;
  kind: 'csv' | 'xlsx' | 'json' | 'ocds';
  /** The import options the person confirmed (JSON-safe). */
  options: unknown;
  blob: Blob;
  bytes: number;
  savedAt: string;
}

/** A mapping confirmed for a header signature, offered again for files with the same header. */
export interface StoredMapping {
  signature: string;
  mapping: unknown;
  formats: unknown;
  savedAt: string;
}

interface TenderLensDB extends DBSchema {
  datasets: { key: string; value: StoredDataset };
  mappings: { key: string; value: StoredMapping };
}

let dbPromise: Promise<IDBPDatabase<TenderLensDB>> | null = null;

function db(): Promise<IDBPDatabase<TenderLensDB>> {
  dbPromise ??= openDB<TenderLensDB>('tenderlens', 1, {
    upgrade(d) {
      d.createObjectStore('datasets', { keyPath: 'datasetId' });
      d.createObjectStore('mappings', { keyPath: 'signature' });
    },
  });
  return dbPromise;
}

/** True when this browser offers IndexedDB (private windows of some browsers do not). */
export function storageAvailable(): boolean {
  return typeof indexedDB !== 'undefined';
}

const SAVED_COUNT_KEY = 'tenderlens.savedDatasets';

/**
 * How many datasets were saved when this browser last saved or removed one, read synchronously
 * (localStorage) so the first frame can decide whether the demo snapshot fits; null when never
 * written (a first visit, or data saved before this hint existed: then IndexedDB decides).
 */
export function savedDatasetsHint(): number | null {
  try {
    const v = localStorage.getItem(SAVED_COUNT_KEY);
    return v === null ? null : Number(v);
  } catch {
    return null;
  }
}

async function writeSavedCount(): Promise<void> {
  const n = await countStoredDatasets();
  try {
    localStorage.setItem(SAVED_COUNT_KEY, String(n));
  } catch {
    // No localStorage: the start-up screen asks IndexedDB instead.
  }
}

export async function saveDataset(d: StoredDataset): Promise<void> {
  await (await db()).put('datasets', d);
  await writeSavedCount();
}

export async function listStoredDatasets(): Promise<StoredDataset[]> {
  return (await db()).getAll('datasets');
}

/** How many datasets are saved in this browser (a cheap count: no blobs are read). */
export async function countStoredDatasets(): Promise<number> {
  return (await db()).count('datasets');
}

export async function deleteStoredDataset(datasetId: string): Promise<void> {
  await (await db()).delete('datasets', datasetId);
  await writeSavedCount();
}

export async function saveMapping(m: StoredMapping): Promise<void> {
  await (await db()).put('mappings', m);
}

export async function findMapping(signature: string): Promise<StoredMapping | undefined> {
  return (await db()).get('mappings', signature);
}

/** Removes every stored dataset and mapping. */
export async function clearStorage(): Promise<void> {
  const d = await db();
  await d.clear('datasets');
  await d.clear('mappings');
  await writeSavedCount();
}

/** Bytes stored by TenderLens (its own count) and the browser's quota estimate. */
export async function storageUse(): Promise<{ datasetsBytes: number; count: number; usage?: number; quota?: number }> {
  const all = await listStoredDatasets();
  const est = navigator.storage?.estimate ? await navigator.storage.estimate() : {};
  return { datasetsBytes: all.reduce((a, d) => a + d.bytes, 0), count: all.length, usage: est.usage, quota: est.quota };
}
