/**
 * The app's door to the one import path in src/ingest/ (draft.ts, importer.ts): a browser File
 * becomes a byte source, mappings confirmed earlier are recalled from IndexedDB, and writes go
 * through the session's write lock.
 */
import type { Engine } from '../engine/types';
import * as draft from '../ingest/draft';
import * as importer from '../ingest/importer';
import { blobSource } from '../ingest/source';
import { findMapping } from './storage';
import { withWriteLock } from './writeLock';

export { MAX_UPLOAD_BYTES, HEAD_BYTES, formatsFromDetection, storedOptions } from '../ingest/draft';
export type { ImportDraft, ImportOptions, OcdsDraft, TableDraft } from '../ingest/draft';
export { MAX_REENCODE_BYTES } from '../ingest/source';
export { PREVIEW_DATASET } from '../ingest/importer';
export type { ImportOutcome, ImportTimings } from '../ingest/importer';

type NamedBlob = Blob & { name: string };
type Progress = { onProgress?: (stage: string, done?: number, total?: number) => void; signal?: AbortSignal };

/** {@link draft.draftImport} on a browser File, recalling mappings confirmed earlier. */
export function draftImport(file: NamedBlob): Promise<draft.ImportDraft> {
  return draft.draftImport(blobSource(file), { recall: findMapping });
}

/** {@link importer.importTable} on a browser File, under the write lock. */
export function importTable(
  engine: Engine,
  file: NamedBlob,
  d: draft.TableDraft,
  datasetId: string,
  opts: Progress = {},
): Promise<importer.ImportOutcome> {
  return importer.importTable(engine, blobSource(file), d, datasetId, { ...opts, lock: withWriteLock });
}

/** {@link importer.previewImport} on a browser File, under the write lock. */
export function previewImport(engine: Engine, file: NamedBlob, d: draft.TableDraft, rows = 8) {
  return importer.previewImport(engine, blobSource(file), d, rows, withWriteLock);
}

/** {@link importer.importOcds} on a browser File, under the write lock. */
export function importOcds(
  engine: Engine,
  file: NamedBlob,
  d: draft.OcdsDraft,
  datasetId: string,
  opts: Progress = {},
): Promise<importer.ImportOutcome> {
  return importer.importOcds(engine, blobSource(file), d, datasetId, { ...opts, lock: withWriteLock });
}
