import type { Engine } from '../engine/types';
import type { Sector } from '../model/schema';
import { detectCsv, sniffFileKind, type CsvDetection, type TextEncodingName } from '../ingest/detect';
import { autoMap, headerSignature, type ColumnMapping, type MappableField } from '../ingest/mapping';
import { loadCsv, removeDataset, type FieldFormat, type LoadResult } from '../ingest/csv';
import { IngestError, checkSize } from '../ingest/errors';
import { listSheets, xlsxToCsv } from '../ingest/xlsx';
import { MAX_JSON_TABLE_BYTES, parseRecordsArray, recordsToCsvBytes } from '../ingest/jsonRecords';
import { findMapping } from './storage';
import { purchasesSampleQuery } from '../queries/overview';
import { withWriteLock } from './writeLock';
import { loadOcds } from '../ingest/ocds/load';
import { streamChunks } from '../ingest/ocds/parse';
import { CARDINAL_TABLES, loadCompiledReleases } from '../flags/cardinal/load';
import { ident } from '../engine/sql';

/**
 * The browser's import path: a File becomes a draft (what TenderLens understood, for the person
 * to confirm), then a dataset. Used by the Data screen, the start-up restore and the benchmark,
 * so all three measure and run the same code.
 */

/** Files above this are refused before reading: wasm memory is 4 GB and the table must fit. */
export const MAX_UPLOAD_BYTES = 1_500_000_000;
/** Non-UTF-8 text is re-encoded in JS memory, which costs about three times the file. */
export const MAX_REENCODE_BYTES = 400_000_000;
/** How much of a file detection reads. */
const HEAD_BYTES = 256 * 1024;

/** A CSV or XLSX file as understood, before loading. */
export interface TableDraft {
  /** 'json': a JSON array of flat records, read as a table (see ingest/jsonRecords.ts). */
  kind: 'csv' | 'xlsx' | 'json';
  fileName: string;
  bytes: number;
  detection: CsvDetection;
  mapping: ColumnMapping;
  formats: Partial<Record<MappableField, FieldFormat>>;
  sector: Sector;
  currency: string;
  /** Set when a mapping confirmed earlier for the same header was applied. */
  rememberedMapping: boolean;
  /** XLSX: the sheets of the workbook and the one read. */
  sheets?: string[];
  sheet?: string;
  /** Things the person should look at before confirming (ambiguous dates, …). */
  warnings: string[];
}

/** An OCDS JSON file, before loading. */
export interface OcdsDraft {
  kind: 'ocds';
  fileName: string;
  bytes: number;
  sector: Sector;
}

export type ImportDraft = TableDraft | OcdsDraft;

/** The options of a draft that a stored dataset keeps, to re-import it after a reload. */
export type ImportOptions =
  | (Omit<TableDraft, 'detection'> & { dialect: CsvDetection['dialect']; encoding: TextEncodingName; headers: string[] })
  | OcdsDraft;

/** The JSON-safe options kept with a stored dataset. */
export function storedOptions(draft: ImportDraft): ImportOptions {
  if (draft.kind === 'ocds') return draft;
  const { detection, ...rest } = draft;
  return { ...rest, dialect: detection.dialect, encoding: detection.encoding.encoding, headers: detection.headers };
}

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
  timings: Omit<ImportTimings, 'flagsMs' | 'aggregatesMs' | 'aggregateTablesMs'>;
}

/** Reads the first bytes of a file and says what it is and how it is written. */
export async function draftImport(file: Blob & { name: string }): Promise<ImportDraft> {
  if (file.size === 0) throw IngestError.empty(file.name);
  checkSize(file.name, file.size, MAX_UPLOAD_BYTES);
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const kind = sniffFileKind(head, file.name);
  if (kind === 'empty') throw IngestError.empty(file.name);
  if (kind === 'binary') throw IngestError.binary(file.name);
  let records: Uint8Array | null = null;
  if (kind === 'json') {
    // A JSON array of flat records is a table; anything else (packages, records, JSON Lines) is OCDS.
    const whole =
      file.size <= MAX_JSON_TABLE_BYTES && head[firstNonSpace(head)] === 0x5b ? new Uint8Array(await file.arrayBuffer()) : null;
    const parsed = whole ? parseRecordsArray(whole, file.name) : null;
    if (!parsed)
      return { kind: 'ocds', fileName: file.name, bytes: file.size, sector: guessSectorFromName(file.name) ?? 'state' };
    records = recordsToCsvBytes(parsed);
  }

  let sheets: string[] | undefined;
  let sheet: string | undefined;
  let sample = records ? records.slice(0, HEAD_BYTES) : head;
  let complete = records ? records.length <= HEAD_BYTES : file.size <= HEAD_BYTES;
  if (kind === 'xlsx') {
    sheets = await listSheets(file, file.name);
    sheet = sheets[0];
    const csv = await xlsxToCsv(file, sheet, file.name);
    sample = csv.csv.slice(0, HEAD_BYTES);
    complete = csv.csv.length <= HEAD_BYTES;
  }
  const detection = detectCsv(sample, complete);
  if (detection.headers.length <= 1) throw IngestError.oneColumn(file.name, detection.dialect.delimiter);
  if (detection.sampleRows.length === 0) throw IngestError.noRows(file.name);

  const remembered = await findMapping(headerSignature(detection.headers)).catch(() => undefined);
  const mapping = (remembered?.mapping as ColumnMapping | undefined) ?? autoMap(detection.headers).mapping;
  const formats = (remembered?.formats as TableDraft['formats'] | undefined) ?? formatsFromDetection(detection, mapping);
  const warnings: string[] = [];
  for (const [field, col] of Object.entries(mapping)) {
    if (!col) continue;
    const c = detection.columns[detection.headers.indexOf(col)];
    if (c?.date?.ambiguous)
      warnings.push(`Dates in “${col}” could be day/month or month/day: check the date format for ${field}.`);
    if (c?.number?.ambiguous)
      warnings.push(`Numbers in “${col}” could use “,” as decimal or thousands separator: check the number format for ${field}.`);
  }
  if (!mapping.amount)
    warnings.push('No column was recognised as the amount: choose it below, or the purchases will have no value.');
  const methodIdx = mapping.method ? detection.headers.indexOf(mapping.method) : -1;
  const quasiHint = methodIdx >= 0 && detection.sampleRows.some((r) => /не\s*гз/i.test(r[methodIdx] ?? ''));
  return {
    kind: kind === 'json' ? 'json' : kind,
    fileName: file.name,
    bytes: file.size,
    detection,
    mapping,
    formats,
    sector: quasiHint ? 'quasi_public' : (guessSectorFromName(file.name) ?? 'state'),
    currency: 'KZT',
    rememberedMapping: Boolean(remembered),
    sheets,
    sheet,
    warnings,
  };
}

/** Per mapped field, the number/date/currency format the detector saw. */
export function formatsFromDetection(detection: CsvDetection, mapping: ColumnMapping): TableDraft['formats'] {
  const out: TableDraft['formats'] = {};
  for (const [field, col] of Object.entries(mapping) as [MappableField, string | null][]) {
    if (!col) continue;
    const c = detection.columns[detection.headers.indexOf(col)];
    if (!c) continue;
    out[field] = { decimal: c.number?.decimal, thousands: c.number?.thousands, dateFormat: c.date?.format, currency: c.currency };
  }
  return out;
}

function guessSectorFromName(name: string): Sector | null {
  if (/quasi|квази|samruk|самрук|не[ _-]?гз/i.test(name)) return 'quasi_public';
  return null;
}

/** The UTF-8 bytes DuckDB will read, decoded in chunks where the file is not UTF-8. */
async function utf8Bytes(
  file: Blob & { name: string },
  encoding: TextEncodingName,
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  if (encoding === 'utf-8') return new Uint8Array(await file.arrayBuffer());
  checkSize(file.name, file.size, MAX_REENCODE_BYTES);
  const decoder = new TextDecoder(encoding);
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const chunk = 8 * 1024 * 1024;
  for (let offset = 0; offset < file.size; offset += chunk) {
    if (signal?.aborted) throw new DOMException('Import cancelled', 'AbortError');
    const bytes = new Uint8Array(await file.slice(offset, offset + chunk).arrayBuffer());
    parts.push(encoder.encode(decoder.decode(bytes, { stream: offset + chunk < file.size })));
    onProgress?.(Math.min(file.size, offset + chunk), file.size);
  }
  const text = decoder.decode();
  if (text) parts.push(encoder.encode(text));
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** An engine that can read a browser File in place (no copy into JS memory). */
interface FileHandleEngine extends Engine {
  registerBrowserFile(name: string, file: File): Promise<void>;
}
function canRegisterHandle(engine: Engine): engine is FileHandleEngine {
  return typeof (engine as Partial<FileHandleEngine>).registerBrowserFile === 'function';
}

/** Loads a confirmed table draft as dataset `datasetId`. Nothing already loaded is touched on failure. */
export async function importTable(
  engine: Engine,
  file: Blob & { name: string },
  draft: TableDraft,
  datasetId: string,
  opts: { onProgress?: (stage: string, done?: number, total?: number) => void; signal?: AbortSignal } = {},
): Promise<ImportOutcome> {
  const t0 = performance.now();
  const registered = `upload-${datasetId}.csv`;
  const dialect = draft.detection.dialect;
  opts.onProgress?.('read', 0, draft.bytes);
  if (draft.kind === 'xlsx' || draft.kind === 'json') {
    await engine.registerFile(registered, await tableAsCsv(file, draft));
  } else if (draft.detection.encoding.encoding === 'utf-8' && canRegisterHandle(engine) && file instanceof File) {
    await engine.registerBrowserFile(registered, file);
  } else {
    await engine.registerFile(
      registered,
      await utf8Bytes(file, draft.detection.encoding.encoding, (d, t) => opts.onProgress?.('read', d, t), opts.signal),
    );
  }
  const readMs = performance.now() - t0;
  if (opts.signal?.aborted) throw new DOMException('Import cancelled', 'AbortError');
  opts.onProgress?.('normalise');
  let result: LoadResult;
  try {
    result = await withWriteLock(() =>
      loadCsv(engine, {
        datasetId,
        name: draft.fileName,
        registeredFile: registered,
        dialect: draft.kind === 'csv' ? dialect : { ...dialect, delimiter: ',', quote: '"', skip: 0 },
        mapping: draft.mapping,
        columnFormats: draft.formats,
        sector: draft.sector,
        currency: draft.currency,
        source: draft.kind,
      }),
    );
  } catch (e) {
    await withWriteLock(() => removeDataset(engine, datasetId)).catch(() => undefined);
    throw e;
  } finally {
    await engine.dropFile(registered).catch(() => undefined);
  }
  const totalMs = performance.now() - t0;
  return {
    datasetId,
    name: draft.fileName,
    rowsRead: result.rowsRead,
    rowsImported: result.rowsImported,
    rowsRejected: result.rowsRejected,
    timings: { readMs, normaliseMs: totalMs - readMs, totalMs, rows: result.rowsImported },
  };
}

/** An .xlsx sheet or a JSON records array as the UTF-8 CSV the loader reads. */
async function tableAsCsv(file: Blob & { name: string }, draft: TableDraft): Promise<Uint8Array> {
  if (draft.kind === 'xlsx') return (await xlsxToCsv(file, draft.sheet ?? 1, draft.fileName)).csv;
  const records = parseRecordsArray(new Uint8Array(await file.arrayBuffer()), draft.fileName);
  if (!records) throw new IngestError('unsupported', `“${draft.fileName}” is no longer a JSON array of records.`);
  return recordsToCsvBytes(records);
}

function firstNonSpace(bytes: Uint8Array): number {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return i;
}

/** The dataset id of trial loads for the mapping preview. */
export const PREVIEW_DATASET = '__preview__';

/**
 * Loads the first rows of the file through the real import SQL and returns them as canonical
 * purchases, so the preview shows values exactly as they will be read (numbers, dates, methods).
 */
export function previewImport(
  engine: Engine,
  file: Blob & { name: string },
  draft: TableDraft,
  rows = 8,
): Promise<{ sample: Record<string, unknown>[]; rejected: number; read: number }> {
  return withWriteLock(() => previewUnlocked(engine, file, draft, rows));
}

async function previewUnlocked(
  engine: Engine,
  file: Blob & { name: string },
  draft: TableDraft,
  rows: number,
): Promise<{ sample: Record<string, unknown>[]; rejected: number; read: number }> {
  let text: string;
  if (draft.kind !== 'csv') {
    text = new TextDecoder().decode((await tableAsCsv(file, draft)).slice(0, HEAD_BYTES));
  } else {
    const head = new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer());
    text = new TextDecoder(draft.detection.encoding.encoding).decode(head);
  }
  // Cut at the last line break so a half line is not reported as broken.
  const cut = file.size > 64 * 1024 || draft.kind !== 'csv' ? text.slice(0, Math.max(text.lastIndexOf('\n'), 0) + 1) : text;
  const name = 'preview-upload.csv';
  await engine.registerFile(name, new TextEncoder().encode(cut));
  try {
    const dialect =
      draft.kind === 'csv'
        ? draft.detection.dialect
        : { ...draft.detection.dialect, delimiter: ',' as const, quote: '"' as const, skip: 0 };
    const r = await loadCsv(engine, {
      datasetId: PREVIEW_DATASET,
      name: draft.fileName,
      registeredFile: name,
      dialect,
      mapping: draft.mapping,
      columnFormats: draft.formats,
      sector: draft.sector,
      currency: draft.currency,
    });
    const q = purchasesSampleQuery(PREVIEW_DATASET, rows);
    const sample = await engine.query(q.sql, q.params);
    return { sample, rejected: r.rowsRejected, read: r.rowsRead };
  } finally {
    await removeDataset(engine, PREVIEW_DATASET).catch(() => undefined);
    await engine.dropFile(name).catch(() => undefined);
  }
}

/**
 * Loads an OCDS file (any packaging) as dataset `datasetId`: purchases and bids for the
 * dashboard and the tier-1 flags, and the compiled releases for the Cardinal indicators,
 * from one streaming pass. On failure every row of this dataset is removed again.
 */
export function importOcds(
  engine: Engine,
  file: Blob & { name: string },
  draft: OcdsDraft,
  datasetId: string,
  opts: { onProgress?: (stage: string, done?: number, total?: number) => void; signal?: AbortSignal } = {},
): Promise<ImportOutcome> {
  return withWriteLock(async () => {
    const t0 = performance.now();
    try {
      const r = await loadOcds(engine, {
        datasetId,
        name: draft.fileName,
        sector: draft.sector,
        source: streamChunks(file.stream()),
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
        timings: { readMs: totalMs, normaliseMs: 0, totalMs, rows: r.purchases },
      };
    } catch (e) {
      await removeDataset(engine, datasetId).catch(() => undefined);
      await removeCardinalRows(engine, datasetId).catch(() => undefined);
      throw e;
    }
  });
}

/** Deletes a dataset's rows from the Cardinal tables (they exist only after an OCDS load). */
export async function removeCardinalRows(engine: Engine, datasetId: string): Promise<void> {
  const present = await engine.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'cardinal_%'`,
  );
  const names = new Set(present.map((p) => p.table_name));
  for (const t of Object.keys(CARDINAL_TABLES)) {
    if (names.has(t)) await engine.query(`DELETE FROM ${ident(t)} WHERE dataset_id = ?`, [datasetId]);
  }
}
