/**
 * Imports one file from the command line through the app's own import path (src/ingest/draft.ts
 * and importer.ts): the same detection sample, the same draft, the same load. Where the app's
 * dialog confirms the draft, the command line's flags do (`--sector`, `--currency`, `--mapping`).
 */
import path from 'node:path';
import type { Engine } from '../engine/types';
import { draftImport, formatsFromDetection, type TableDraft } from '../ingest/draft';
import { IngestError } from '../ingest/errors';
import { importOcds, importTable } from '../ingest/importer';
import type { ColumnMapping } from '../ingest/mapping';
import type { Sector } from '../model/schema';
import { CliInputError } from './errors';
import { fileSource } from './files';

/** Fields without which a file cannot be flagged at all. */
export const REQUIRED_FIELDS = ['amount'] as const;

/** What importing one file did, for the summary. */
export interface ImportReport {
  file: string;
  datasetId: string;
  kind: 'csv' | 'xlsx' | 'json' | 'ocds';
  /** Records in the file (CSV/XLSX rows, JSON records, OCDS contracting processes). */
  read: number;
  imported: number;
  rejected: number;
  /** Encoding, delimiter, mapped columns … in a few words. */
  detail: string;
  /** A few reasons rows were rejected or skipped, with counts. */
  reasons: { reason: string; count: number }[];
  /** The mapping used (tables only): canonical field → column. */
  mapping?: Partial<ColumnMapping>;
  /** What the person should check (ambiguous formats, currency assumed, …). */
  warnings: string[];
  ms: number;
}

/** Options of {@link importFile}: what the command line confirms of the draft. */
export interface ImportOptions {
  datasetId: string;
  /** `--sector`; undefined keeps a sector column or a sector the file's name states, else 'unknown'. */
  sector?: Exclude<Sector, 'unknown'>;
  /** `--currency`: the currency of amounts where no column or symbol says otherwise. */
  currency?: string;
  /** `--mapping`: canonical field → column, replacing the proposal for the fields it names. */
  mapping?: Partial<ColumnMapping>;
}

/** The draft as the command line confirms it: the flags replace what they name. */
export function confirmDraft(draft: TableDraft, opts: Omit<ImportOptions, 'datasetId'>): TableDraft {
  const mapping = { ...draft.mapping, ...(opts.mapping ?? {}) };
  for (const [field, col] of Object.entries(opts.mapping ?? {})) {
    if (col && !draft.detection.headers.includes(col)) {
      throw new CliInputError(
        `${draft.fileName}: the mapping names column ${JSON.stringify(col)} for ${field}, which the file does not have.\n` +
          `  Columns in the file: ${draft.detection.headers.map((h) => JSON.stringify(h)).join(', ')}`,
      );
    }
  }
  // An explicit --sector wins over a sector column.
  if (opts.sector) mapping.sector = null;
  // Fields the mapping moved to another column take that column's detected format.
  const detected = formatsFromDetection(draft.detection, mapping);
  const formats = { ...draft.formats };
  for (const f of Object.keys(mapping) as (keyof ColumnMapping)[]) {
    if (mapping[f] !== draft.mapping[f]) formats[f] = detected[f];
  }
  const sector: Sector = opts.sector ?? (draft.sectorHint ? draft.sector : 'unknown');
  return { ...draft, mapping, formats, sector, currency: (opts.currency ?? draft.currency).toUpperCase() };
}

/** Imports `file` as dataset `opts.datasetId`; the canonical model must exist. */
export async function importFile(engine: Engine, file: string, opts: ImportOptions): Promise<ImportReport> {
  const t0 = performance.now();
  const source = fileSource(file);
  // The browser's size bound is wasm memory; native DuckDB spills to disk, so it takes any size.
  const draft = await draftImport(source, { maxBytes: engine.kind === 'native' ? Infinity : undefined }).catch((e: unknown) => {
    throw cliMessage(file, e);
  });

  if (draft.kind === 'ocds') {
    const r = await importOcds(engine, source, { ...draft, sector: opts.sector ?? 'unknown' }, opts.datasetId);
    return {
      file,
      datasetId: opts.datasetId,
      kind: 'ocds',
      read: r.rowsRead,
      imported: r.rowsImported,
      rejected: r.rowsRejected,
      detail: `OCDS, ${r.rowsRead} contracting processes → ${r.rowsImported} purchases, ${r.bids} bids`,
      reasons: r.skipped,
      warnings: [],
      ms: performance.now() - t0,
    };
  }

  const confirmed = confirmDraft(draft, opts);
  const { headers } = confirmed.detection;
  const missing = REQUIRED_FIELDS.filter((f) => !confirmed.mapping[f]);
  if (missing.length) {
    throw new CliInputError(
      `${file}: no column found for the required field${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.\n` +
        `  Columns in the file: ${headers.map((h) => JSON.stringify(h)).join(', ') || '(none)'}\n` +
        `  Rename the column (e.g. "amount", "Сумма договора") so it is recognised, or name it with --mapping.`,
    );
  }
  const r = await importTable(engine, source, confirmed, opts.datasetId);
  const reasons = await engine.query<{ reason: string; count: number }>(
    `SELECT coalesce(column_name || ': ', '') || reason AS reason, count(*)::INTEGER AS count
     FROM ingest_rejects WHERE dataset_id = ? GROUP BY ALL ORDER BY count DESC, reason LIMIT 5`,
    [opts.datasetId],
  );
  const mapped = Object.values(confirmed.mapping).filter(Boolean).length;
  const { dialect } = confirmed.detection;
  const delim = dialect.delimiter === '\t' ? 'tab' : `'${dialect.delimiter}'`;
  const how =
    confirmed.kind === 'xlsx'
      ? `sheet “${confirmed.sheet}”`
      : confirmed.kind === 'json'
        ? 'JSON records'
        : `${confirmed.detection.encoding.encoding}, delimiter ${delim}`;
  return {
    file,
    datasetId: opts.datasetId,
    kind: confirmed.kind,
    read: r.rowsRead,
    imported: r.rowsImported,
    rejected: r.rowsRejected,
    detail: `${confirmed.kind.toUpperCase()}, ${how}, ${mapped} of ${headers.length} columns mapped`,
    reasons,
    mapping: confirmed.mapping,
    warnings: confirmed.warnings,
    ms: performance.now() - t0,
  };
}

/** The command line's wording for a file it cannot start to read. */
function cliMessage(file: string, e: unknown): unknown {
  if (!(e instanceof IngestError)) return e;
  if (e.code === 'empty') return new CliInputError(`${file}: the file is empty.`);
  if (e.code === 'binary')
    return new CliInputError(
      `${file}: not a text table (binary data). Give a CSV, .xlsx or JSON file; save an old Excel .xls as CSV or .xlsx first.`,
    );
  return e;
}

/** A dataset id from a file name (`data/Lots 2024.csv` → `Lots 2024`), unique among `taken`. */
export function datasetIdFor(file: string, taken: Set<string>): string {
  const base = path.basename(file).replace(/\.(csv|tsv|txt|xlsx|json|jsonl|ndjson)(\.gz)?$/i, '') || 'dataset';
  let id = base;
  for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
  taken.add(id);
  return id;
}
