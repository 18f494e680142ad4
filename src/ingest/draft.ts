/**
 * The draft of an import: what TenderLens understood of a file (kind, encoding, dialect,
 * columns, mapping, formats) for someone to confirm before anything is loaded. The browser's
 * dialog and the command line's flags confirm the same draft, made from the same sample.
 */
import type { Sector } from '../model/schema';
import {
  detectCsv,
  isTwoDigitYear,
  looksLikeExcelSerial,
  sniffFileKind,
  twoDigitYearPivot,
  type CsvDetection,
  type TextEncodingName,
} from './detect';
import { autoMap, DATE_FIELDS, headerSignature, type ColumnMapping, type MappableField } from './mapping';
import type { FieldFormat, Plausibility } from './csv';
import { IngestError, checkSize } from './errors';
import { listSheetsOffThread, xlsxToCsvOffThread } from './xlsxOffThread';
import { MAX_JSON_TABLE_BYTES, mayBeJsonTable, parseRecordsArray, recordsToCsvBytes } from './jsonRecords';
import type { ByteSource } from './source';

/** Files above this are refused before reading: wasm memory is 4 GB and the table must fit. */
export const MAX_UPLOAD_BYTES = 1_500_000_000;
/** How much of a file detection reads, in the app and the command line alike. */
export const HEAD_BYTES = 256 * 1024;

/** A CSV, XLSX or JSON table as understood, before loading. */
export interface TableDraft {
  /** 'json': a JSON array of flat records or an API envelope of one, read as a table (see ingest/jsonRecords.ts). */
  kind: 'csv' | 'xlsx' | 'json';
  fileName: string;
  bytes: number;
  detection: CsvDetection;
  mapping: ColumnMapping;
  formats: Partial<Record<MappableField, FieldFormat>>;
  sector: Sector;
  /** Where `sector` came from: the file's name or its method words; null when it is only the default. */
  sectorHint?: 'name' | 'method' | null;
  currency: string;
  /** Set when a mapping confirmed earlier for the same header was applied. */
  rememberedMapping: boolean;
  /** XLSX: the sheets of the workbook and the one read. */
  sheets?: string[];
  sheet?: string;
  /** Things the person should look at before confirming (ambiguous dates, …). */
  warnings: string[];
  /** The date window and amount ceiling of this import; default: `defaultPlausibility()`. */
  plausibility?: Plausibility;
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

/** A mapping confirmed earlier for the same header signature (the app keeps them in IndexedDB). */
export interface RememberedMapping {
  mapping: unknown;
  formats?: unknown;
}

/** Options of {@link draftImport}. */
export interface DraftOptions {
  /** Looks up a mapping confirmed earlier for this header signature. */
  recall?: (signature: string) => Promise<RememberedMapping | undefined>;
  /** Largest file accepted (default {@link MAX_UPLOAD_BYTES}, the browser's wasm memory); native DuckDB has no such bound. */
  maxBytes?: number;
}

/** Reads the first bytes of a file and says what it is and how it is written. */
export async function draftImport(source: ByteSource, opts: DraftOptions = {}): Promise<ImportDraft> {
  const name = source.name;
  if (source.size === 0) throw IngestError.empty(name);
  checkSize(name, source.size, opts.maxBytes ?? MAX_UPLOAD_BYTES);
  const head = await source.slice(0, HEAD_BYTES);
  const kind = sniffFileKind(head, name);
  if (kind === 'empty') throw IngestError.empty(name);
  if (kind === 'binary') throw IngestError.binary(name);
  let records: Uint8Array | null = null;
  if (kind === 'json') {
    // A table (records array, API envelope) is read as a table; anything else (packages, records, JSON Lines) is OCDS.
    const arrayStart = head[firstNonSpace(head)] === 0x5b;
    const whole = source.size <= MAX_JSON_TABLE_BYTES && mayBeJsonTable(head) ? await source.bytes() : null;
    // An object that does not parse is probably JSON Lines: the OCDS reader says what is wrong with it.
    const parsed = whole ? parseRecordsArray(whole, name, !arrayStart) : null;
    if (!parsed) return { kind: 'ocds', fileName: name, bytes: source.size, sector: guessSectorFromName(name) ?? 'state' };
    records = recordsToCsvBytes(parsed);
  }

  let sheets: string[] | undefined;
  let sheet: string | undefined;
  let readerNotices: string[] = [];
  let sample = records ? records.slice(0, HEAD_BYTES) : head;
  let complete = records ? records.length <= HEAD_BYTES : source.size <= HEAD_BYTES;
  if (kind === 'xlsx') {
    const input = source.blob ?? (await source.bytes());
    sheets = await listSheetsOffThread(input, name);
    sheet = sheets[0];
    const csv = await xlsxToCsvOffThread(input, sheet, name);
    readerNotices = csv.notices;
    sample = csv.csv.slice(0, HEAD_BYTES);
    complete = csv.csv.length <= HEAD_BYTES;
  }
  const detection = detectCsv(sample, complete);
  if (detection.headers.length <= 1) throw IngestError.oneColumn(name, detection.dialect.delimiter);
  if (detection.sampleRows.length === 0) throw IngestError.noRows(name);

  const remembered = await opts.recall?.(headerSignature(detection.headers)).catch(() => undefined);
  const mapping = (remembered?.mapping as ColumnMapping | undefined) ?? autoMap(detection.headers, detection.sampleRows).mapping;
  const formats = (remembered?.formats as TableDraft['formats'] | undefined) ?? formatsFromDetection(detection, mapping);
  const methodIdx = mapping.method ? detection.headers.indexOf(mapping.method) : -1;
  const quasiHint = methodIdx >= 0 && detection.sampleRows.some((r) => /не\s*гз/i.test(r[methodIdx] ?? ''));
  const fromName = guessSectorFromName(name);
  return {
    kind: kind === 'json' ? 'json' : kind,
    fileName: name,
    bytes: source.size,
    detection,
    mapping,
    formats,
    sector: quasiHint ? 'quasi_public' : (fromName ?? 'state'),
    sectorHint: quasiHint ? 'method' : fromName ? 'name' : null,
    currency: 'KZT',
    rememberedMapping: Boolean(remembered),
    sheets,
    sheet,
    warnings: [...readerNotices, ...draftWarnings(detection, mapping, formats)],
  };
}

/** What the person should check before confirming a mapping. */
export function draftWarnings(detection: CsvDetection, mapping: ColumnMapping, formats: TableDraft['formats'] = {}): string[] {
  const warnings: string[] = [];
  const pivot = twoDigitYearPivot();
  const yy = (n: number) => String(n % 100).padStart(2, '0');
  for (const [field, f] of Object.entries(formats)) {
    const col = mapping[field as MappableField];
    if (!col || !f) continue;
    if (isTwoDigitYear(f.dateFormat))
      warnings.push(
        `Dates in “${col}” have two-digit years: 00–${yy(pivot)} are read as 2000–20${yy(pivot)}, ${yy(pivot + 1)}–99 as 19${yy(pivot + 1)}–1999. Check the date format for ${field}.`,
      );
    if (f.dateFormat === 'excel')
      warnings.push(`Dates in “${col}” are Excel serial numbers (days since 1899-12-30): check the date format for ${field}.`);
  }
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
  return warnings;
}

/** Per mapped field, the number/date/currency format the detector saw. */
export function formatsFromDetection(detection: CsvDetection, mapping: ColumnMapping): TableDraft['formats'] {
  const out: TableDraft['formats'] = {};
  for (const [field, col] of Object.entries(mapping) as [MappableField, string | null][]) {
    if (!col) continue;
    const c = detection.columns[detection.headers.indexOf(col)];
    if (!c) continue;
    // A date field over whole numbers in Excel's range: serial day numbers, as a sheet saved as CSV writes them.
    const i = detection.headers.indexOf(col);
    const serial = !c.date && DATE_FIELDS.includes(field) && looksLikeExcelSerial(detection.sampleRows.map((r) => r[i] ?? ''));
    out[field] = {
      decimal: c.number?.decimal,
      thousands: c.number?.thousands,
      dateFormat: serial ? 'excel' : c.date?.format,
      currency: c.currency,
    };
  }
  return out;
}

/** A sector named in the file's name (`…quasi…`, `Самрук…`), or null. */
export function guessSectorFromName(name: string): Sector | null {
  if (/quasi|квази|samruk|самрук|не[ _-]?гз/i.test(name)) return 'quasi_public';
  return null;
}

function firstNonSpace(bytes: Uint8Array): number {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return i;
}
