/**
 * Loads a confirmed draft (src/ingest/draft.ts) as a dataset: tables through `loadCsv`, OCDS
 * through `loadOcds`. The app's Data screen, its start-up restore, the benchmark and the command
 * line all call these, so they measure and run the same code; only the byte source (a Blob, a
 * file on disk) and who confirmed the draft differ.
 */
import type { Engine } from '../engine/types';
import { loadCompiledReleases } from '../flags/cardinal/load';
import { purchasesSampleQuery } from '../queries/overview';
import { loadCsv, removeDataset, type Implausible, type LoadResult } from './csv';
import type { CsvDialect } from './detect';
import { removeDatasetRows } from './remove';
import { HEAD_BYTES, type OcdsDraft, type TableDraft } from './draft';
import { IngestError } from './errors';
import { parseRecordsArray, recordsToCsvBytes } from './jsonRecords';
import { loadOcds } from './ocds/load';
import { registerText, type ByteSource, type ReadableFile } from './source';
import { xlsxToCsvOffThread } from './xlsxOffThread';

/** Timings of the last import, read by the benchmark (window.__tenderlens.lastImport). */
export interface ImportTimings {
  readMs: number;
  normaliseMs: number;
  /** runFlags alone (flags and risk scores). */
  flagsMs: number;
  /** The overview's aggregate tables, built right after the flags. */
  aggregateTablesMs: number;
  /** Import done → panels refetched with the new rows. */
  aggregatesMs: number;
  /** Panels refetched → flags and aggregate tables done, or failed (then flagsMs is NaN); absent until then. */
  flagsReadyMs?: number;
  totalMs: number;
  rows: number;
}

/** What an import did. */
export interface ImportOutcome {
  datasetId: string;
  name: string;
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  /** Tables: imported rows with an empty amount (kept, with no amount). */
  emptyAmounts?: number;
  /** Tables: imported rows with a negative amount or one above the ceiling. */
  implausible?: Implausible;
  timings: Omit<ImportTimings, 'flagsMs' | 'aggregatesMs' | 'aggregateTablesMs'>;
}

/** Serialises writers of the canonical tables (the app's write lock); default: run at once. */
export type WriteLock = <T>(fn: () => Promise<T>) => Promise<T>;
const noLock: WriteLock = (fn) => fn();

/** Options of the import functions. */
export interface ImportRunOptions {
  onProgress?: (stage: string, done?: number, total?: number) => void;
  signal?: AbortSignal;
  lock?: WriteLock;
}

/** The dialect `loadCsv` reads a draft's table with (sheets and JSON tables become plain CSV). */
function loadDialect(draft: TableDraft): CsvDialect {
  const d = draft.detection.dialect;
  return draft.kind === 'csv' ? d : { ...d, delimiter: ',', quote: '"', skip: 0 };
}

/** Loads a confirmed table draft as dataset `datasetId`. Nothing already loaded is touched on failure. */
export async function importTable(
  engine: Engine,
  source: ByteSource,
  draft: TableDraft,
  datasetId: string,
  opts: ImportRunOptions = {},
): Promise<ImportOutcome> {
  const lock = opts.lock ?? noLock;
  const t0 = performance.now();
  const hint = `upload-${datasetId}.csv`;
  opts.onProgress?.('read', 0, draft.bytes);
  let readable: ReadableFile;
  if (draft.kind === 'xlsx' || draft.kind === 'json') {
    await engine.registerFile(hint, await tableAsCsv(source, draft));
    readable = { file: hint, drop: () => engine.dropFile(hint).catch(() => undefined) };
  } else {
    readable = await registerText(
      engine,
      source,
      draft.detection.encoding.encoding,
      hint,
      (d, t) => opts.onProgress?.('read', d, t),
      opts.signal,
    );
  }
  const readMs = performance.now() - t0;
  let result: LoadResult;
  try {
    if (opts.signal?.aborted) throw new DOMException('Import cancelled', 'AbortError');
    opts.onProgress?.('normalise');
    result = await lock(() =>
      loadCsv(engine, {
        datasetId,
        name: draft.fileName,
        registeredFile: readable.file,
        dialect: loadDialect(draft),
        mapping: draft.mapping,
        columnFormats: draft.formats,
        sector: draft.sector,
        currency: draft.currency,
        source: draft.kind,
        plausibility: draft.plausibility,
      }),
    );
  } catch (e) {
    await lock(() => removeDataset(engine, datasetId)).catch(() => undefined);
    throw e;
  } finally {
    await readable.drop();
  }
  const totalMs = performance.now() - t0;
  return {
    datasetId,
    name: draft.fileName,
    rowsRead: result.rowsRead,
    rowsImported: result.rowsImported,
    rowsRejected: result.rowsRejected,
    emptyAmounts: result.emptyAmounts,
    implausible: result.implausible,
    timings: { readMs, normaliseMs: totalMs - readMs, totalMs, rows: result.rowsImported },
  };
}

/** An .xlsx sheet or a JSON table as the UTF-8 CSV the loader reads. */
export async function tableAsCsv(source: ByteSource, draft: TableDraft): Promise<Uint8Array> {
  if (draft.kind === 'xlsx')
    return (await xlsxToCsvOffThread(source.blob ?? (await source.bytes()), draft.sheet ?? 1, draft.fileName)).csv;
  const records = parseRecordsArray(await source.bytes(), draft.fileName);
  if (!records) throw new IngestError('unsupported', `“${draft.fileName}” is no longer a JSON table of records.`);
  return recordsToCsvBytes(records);
}

/** The dataset id of trial loads for the mapping preview. */
export const PREVIEW_DATASET = '__preview__';

/** The bytes a preview reads of a CSV file. */
const PREVIEW_BYTES = 64 * 1024;

/**
 * Loads the first rows of the file through the real import SQL and returns them as canonical
 * purchases, so the preview shows values exactly as they will be read (numbers, dates, methods).
 */
export function previewImport(
  engine: Engine,
  source: ByteSource,
  draft: TableDraft,
  rows = 8,
  lock: WriteLock = noLock,
): Promise<{ sample: Record<string, unknown>[]; rejected: number; read: number }> {
  return lock(() => previewUnlocked(engine, source, draft, rows));
}

async function previewUnlocked(
  engine: Engine,
  source: ByteSource,
  draft: TableDraft,
  rows: number,
): Promise<{ sample: Record<string, unknown>[]; rejected: number; read: number }> {
  let text: string;
  if (draft.kind !== 'csv') {
    text = new TextDecoder().decode((await tableAsCsv(source, draft)).slice(0, HEAD_BYTES));
  } else {
    text = new TextDecoder(draft.detection.encoding.encoding).decode(await source.slice(0, PREVIEW_BYTES));
  }
  // Cut at the last line break so a half line is not reported as broken.
  const cut = source.size > PREVIEW_BYTES || draft.kind !== 'csv' ? text.slice(0, Math.max(text.lastIndexOf('\n'), 0) + 1) : text;
  const name = 'preview-upload.csv';
  await engine.registerFile(name, new TextEncoder().encode(cut));
  try {
    const r = await loadCsv(engine, {
      datasetId: PREVIEW_DATASET,
      name: draft.fileName,
      registeredFile: name,
      dialect: loadDialect(draft),
      mapping: draft.mapping,
      columnFormats: draft.formats,
      sector: draft.sector,
      currency: draft.currency,
      plausibility: draft.plausibility,
    });
    const q = purchasesSampleQuery(PREVIEW_DATASET, rows);
    const sample = await engine.query(q.sql, q.params);
    return { sample, rejected: r.rowsRejected, read: r.rowsRead };
  } finally {
    await removeDataset(engine, PREVIEW_DATASET).catch(() => undefined);
    await engine.dropFile(name).catch(() => undefined);
  }
}

/** What an OCDS load adds to the outcome: bids, and what was skipped and why. */
export interface OcdsOutcome extends ImportOutcome {
  bids: number;
  skipped: { reason: string; count: number }[];
}

/**
 * Loads an OCDS file (any packaging) as dataset `datasetId`: purchases and bids for the
 * dashboard and the tier-1 flags, and the compiled releases for the Cardinal indicators,
 * from one streaming pass. On failure every row of this dataset is removed again.
 */
export function importOcds(
  engine: Engine,
  source: ByteSource,
  draft: OcdsDraft,
  datasetId: string,
  opts: ImportRunOptions = {},
): Promise<OcdsOutcome> {
  const lock = opts.lock ?? noLock;
  return lock(async () => {
    const t0 = performance.now();
    try {
      const r = await loadOcds(engine, {
        datasetId,
        name: draft.fileName,
        sector: draft.sector,
        source: source.chunks(),
        signal: opts.signal,
        onProgress: (p) => opts.onProgress?.('read', p.bytes, draft.bytes),
        onCompiledReleases: async (batch) => {
          await loadCompiledReleases(engine, batch, datasetId);
        },
      });
      const totalMs = performance.now() - t0;
      return {
        datasetId,
        name: draft.fileName,
        rowsRead: r.releases,
        rowsImported: r.purchases,
        rowsRejected: r.skipped.reduce((a, s) => a + s.count, 0),
        bids: r.bids,
        skipped: r.skipped,
        timings: { readMs: totalMs, normaliseMs: 0, totalMs, rows: r.purchases },
      };
    } catch (e) {
      await removeDatasetRows(engine, datasetId).catch(() => undefined);
      throw e;
    }
  });
}
