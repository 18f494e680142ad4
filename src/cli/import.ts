/**
 * Imports one file into the canonical model the way the app does: sniff its kind; CSV and XLSX
 * through detection → automatic column mapping → `loadCsv` with the detected dialect and formats;
 * OCDS JSON through `loadOcds`. Native DuckDB reads a UTF-8 CSV in place; other encodings are
 * re-encoded to a temporary file first.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Engine } from '../engine/types';
import { loadCsv, suggestFormats } from '../ingest/csv';
import type { CsvDialect } from '../ingest/detect';
import { defaultColumnNames, detectCsv, parseCsvSample, sniffFileKind, toUtf8 } from '../ingest/detect';
import { autoMap, type ColumnMapping } from '../ingest/mapping';
import { loadOcds } from '../ingest/ocds/load';
import { xlsxToCsv } from '../ingest/xlsx';
import type { Sector } from '../model/schema';
import { readsLocalFiles } from './engine';
import { CliInputError } from './errors';
import { checkInputFile, fileChunks, HEAD_BYTES, readHead, transcodeToUtf8 } from './files';

/** Fields without which a file cannot be flagged at all. */
export const REQUIRED_FIELDS = ['amount'] as const;

/** What importing one file did, for the summary. */
export interface ImportReport {
  file: string;
  datasetId: string;
  kind: 'csv' | 'xlsx' | 'ocds';
  /** Records in the file (CSV/XLSX rows, OCDS contracting processes). */
  read: number;
  imported: number;
  rejected: number;
  /** Encoding, delimiter, mapped columns … in a few words. */
  detail: string;
  /** A few reasons rows were rejected or skipped, with counts. */
  reasons: { reason: string; count: number }[];
  /** What the reader set aside or could not be sure of (e.g. stray cells far from a sheet's table). */
  notices?: string[];
  ms: number;
}

/** Options of {@link importFile}. */
export interface ImportOptions {
  datasetId: string;
  /** `--sector`; undefined keeps a sector column if the file has one, else 'unknown'. */
  sector?: Exclude<Sector, 'unknown'>;
}

let fileCounter = 0;

/** Imports `file` as dataset `opts.datasetId`; the canonical model must exist. */
export async function importFile(engine: Engine, file: string, opts: ImportOptions): Promise<ImportReport> {
  const t0 = performance.now();
  const name = path.basename(file);
  const { size } = checkInputFile(file);
  const head = readHead(file, HEAD_BYTES);
  const kind = sniffFileKind(head, name);
  if (kind === 'empty') throw new CliInputError(`${file}: the file is empty.`);
  if (kind === 'binary') {
    throw new CliInputError(
      `${file}: not a text table (binary data). Give a CSV, .xlsx or OCDS JSON file; save an old Excel .xls as CSV or .xlsx first.`,
    );
  }

  if (kind === 'json') {
    const r = await loadOcds(engine, {
      datasetId: opts.datasetId,
      name,
      sector: opts.sector ?? 'unknown',
      source: fileChunks(file),
    });
    return {
      file,
      datasetId: opts.datasetId,
      kind: 'ocds',
      read: r.releases,
      imported: r.purchases,
      rejected: r.skipped.reduce((a, s) => a + s.count, 0),
      detail: `OCDS, ${r.releases} contracting processes → ${r.purchases} purchases, ${r.bids} bids`,
      reasons: r.skipped,
      ms: performance.now() - t0,
    };
  }

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'tenderlens-cli-'));
  const registered: string[] = [];
  try {
    let dialect: CsvDialect;
    let headers: string[];
    let source: string; // what read_csv() is given
    let encoding: string;
    let notices: string[] = [];
    if (kind === 'xlsx') {
      const x = await xlsxToCsv(readFileSync(file), 1, name);
      dialect = x.dialect;
      // Column names as loadCsv's preview will see them: the first row, or column1…N.
      const rows = parseCsvSample(new TextDecoder().decode(x.csv.subarray(0, HEAD_BYTES)), ',', '"', x.csv.length <= HEAD_BYTES);
      const width = Math.max(0, ...rows.map((r) => r.length));
      headers = dialect.header ? (rows[0] ?? []).map((h, i) => h.trim() || `column${i + 1}`) : defaultColumnNames(width);
      source = `cli-${++fileCounter}.csv`;
      await engine.registerFile(source, x.csv);
      registered.push(source);
      encoding = `sheet “${x.sheet}”`;
      notices = x.notices;
    } else {
      const det = detectCsv(head, size <= head.length);
      dialect = det.dialect;
      headers = det.headers;
      encoding = det.encoding.encoding;
      const utf8 = det.encoding.encoding === 'utf-8';
      if (readsLocalFiles(engine)) {
        if (utf8) source = path.resolve(file);
        else {
          source = path.join(tmp, 'utf8.csv');
          await transcodeToUtf8(file, det.encoding.encoding, source);
        }
      } else {
        const bytes = readFileSync(file);
        source = `cli-${++fileCounter}.csv`;
        await engine.registerFile(source, utf8 ? bytes : toUtf8(bytes, det.encoding.encoding));
        registered.push(source);
      }
    }

    const mapping: Partial<ColumnMapping> = mapColumns(headers);
    const missing = REQUIRED_FIELDS.filter((f) => !mapping[f]);
    if (missing.length) {
      throw new CliInputError(
        `${file}: no column found for the required field${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.\n` +
          `  Columns in the file: ${headers.map((h) => JSON.stringify(h)).join(', ') || '(none)'}\n` +
          `  Rename the column (e.g. "amount", "Сумма договора") so it is recognised.`,
      );
    }
    // An explicit --sector wins over a sector column.
    if (opts.sector) mapping.sector = null;
    const columnFormats = await suggestFormats(engine, source, dialect, mapping);
    const r = await loadCsv(engine, {
      datasetId: opts.datasetId,
      name,
      registeredFile: source,
      dialect,
      mapping,
      columnFormats,
      sector: opts.sector ?? 'unknown',
      source: kind,
    });
    const reasons = await engine.query<{ reason: string; count: number }>(
      `SELECT coalesce(column_name || ': ', '') || reason AS reason, count(*)::INTEGER AS count
       FROM ingest_rejects WHERE dataset_id = ? GROUP BY ALL ORDER BY count DESC, reason LIMIT 5`,
      [opts.datasetId],
    );
    const mapped = Object.entries(mapping).filter(([, c]) => c).length;
    const delim = dialect.delimiter === '\t' ? 'tab' : `'${dialect.delimiter}'`;
    return {
      file,
      datasetId: opts.datasetId,
      kind,
      read: r.rowsRead,
      imported: r.rowsImported,
      rejected: r.rowsRejected,
      detail: `${kind.toUpperCase()}, ${encoding}, delimiter ${delim}, ${mapped} of ${headers.length} columns mapped`,
      reasons,
      notices,
      ms: performance.now() - t0,
    };
  } finally {
    for (const f of registered) await engine.dropFile(f).catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** A dataset id from a file name (`data/Lots 2024.csv` → `Lots 2024`), unique among `taken`. */
export function datasetIdFor(file: string, taken: Set<string>): string {
  const base = path.basename(file).replace(/\.(csv|tsv|txt|xlsx|json|jsonl|ndjson)(\.gz)?$/i, '') || 'dataset';
  let id = base;
  for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
  taken.add(id);
  return id;
}

/** Header → canonical field mapping: the app's own `autoMap` (canonical names first, then the dictionary). */
export function mapColumns(headers: readonly string[]): ColumnMapping {
  return autoMap(headers).mapping;
}
