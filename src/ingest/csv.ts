/**
 * Loads a registered UTF-8 CSV file into the canonical model in two reads of the file: a light
 * survey (records the reader accepts, distinct method/currency/sector texts, the reader's
 * rejects), then one pass that cleans and types the mapped values (numbers with any grouping,
 * decimal comma, glued currencies; dates by format; values DuckDB's cast reads as they stand skip
 * the cleaning) and inserts straight into `purchases`. Values that cannot be typed are found by a
 * third read, only when there are any. Rows that cannot be read or typed go to `ingest_rejects`,
 * so imported + rejected = records in the file, always.
 *
 * `source_row` is the file's line number counted the way DuckDB counts (1 = the first line,
 * skipped lines and the header included). A record whose quoted field holds line breaks counts
 * as ONE line, so after such a record `source_row` is smaller than the editor's line number by
 * the number of embedded breaks before it. DuckDB's reader also drops blank lines between
 * records without telling us where they were; each one makes the `source_row` of the records
 * after it one too small (rejected rows keep DuckDB's own exact numbers).
 */
import type { Engine } from '../engine/types';
import { ident, literal } from '../engine/sql';
import type { Sector } from '../model/schema';
import type { CsvDialect, DateFormat, NumberFormat } from './detect';
import {
  CURRENCY_TOKENS,
  defaultColumnNames,
  detectColumnFormat,
  isTwoDigitYear,
  parseCsvSample,
  twoDigitYearPivot,
} from './detect';
import { IngestError } from './errors';
import { DATE_FIELDS, competitiveSql, headerSignature, methodCaseSql } from './mapping';
import type { ColumnMapping, MappableField } from './mapping';
import type { MethodValues } from './recognise/methods';

/** How the values of one mapped column are written. Missing parts fall back to safe defaults. */
export interface FieldFormat {
  decimal?: NumberFormat['decimal'];
  thousands?: NumberFormat['thousands'];
  /** DuckDB strptime format of the date part (a time after the date is ignored). */
  dateFormat?: DateFormat['format'];
  /** Currency glued to the amounts (ISO code), when the detector saw one. */
  currency?: string | null;
}

/** What `loadCsv` needs. */
export interface LoadCsvSpec {
  datasetId: string;
  /** Shown to people (usually the file name). */
  name: string;
  /** A UTF-8 file already registered with `engine.registerFile`. */
  registeredFile: string;
  dialect: CsvDialect;
  /** Canonical field → source column name (header text, or column1…N without a header). */
  mapping: Partial<ColumnMapping>;
  /** Per mapped field, how its values are written (from `suggestFormats` or the person). */
  columnFormats?: Partial<Record<MappableField, FieldFormat>>;
  /** The dataset's sector, or a column whose values say it per row. */
  sector: Sector | { column: string };
  /** Currency of amounts when neither a currency column nor a glued symbol says otherwise. Default KZT. */
  currency?: string;
  /** Method texts the person classified (lower-cased text → method), looked up before the vocabulary. */
  methodValues?: MethodValues;
  /** Recorded in `datasets.source`. Default 'csv'. */
  source?: string;
  /** Recorded in `datasets.fingerprint`; default: header signature + row count. */
  fingerprint?: string;
  /** The date window and amount ceiling; default {@link defaultPlausibility}. */
  plausibility?: Plausibility;
}

/** What a load did. */
export interface LoadResult {
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  /**
   * True when the strict CSV parser gave up (mixed line ends) and the file was read leniently:
   * rows with too many fields then lose the extra ones instead of being rejected. Worth a note in the UI.
   */
  lenient: boolean;
  /** Imported rows whose amount was empty: kept, with no amount (counted, never summed). */
  emptyAmounts: number;
  /** Imported rows with a negative amount or one above the ceiling. */
  implausible: Implausible;
  ms: number;
}

/** The first rows of a file as read, for the mapping screen. */
export interface Preview {
  headers: string[];
  rows: (string | null)[][];
}

let loadCounter = 0;

function dialectOptions(d: CsvDialect): string {
  return [
    `delim=${literal(d.delimiter)}`,
    `quote=${literal(d.quote)}`,
    `escape=${literal(d.escape ?? d.quote)}`,
    `skip=${Math.max(0, Math.floor(d.skip))}`,
  ].join(', ');
}

/**
 * Reads the first `n` records (all text) plus the column names: the header row, or column1…N
 * when the dialect says there is none. DuckDB hands over raw lines (one column, no quoting, so
 * its sniffer cannot refuse a messy file) and `parseCsvSample` splits them with the dialect,
 * joining lines where a quoted field continues.
 */
export async function previewRows(engine: Engine, registeredFile: string, dialect: CsvDialect, n = 50): Promise<Preview> {
  const want = Math.max(1, Math.floor(n)) + (dialect.header ? 1 : 0);
  let limit = (want + 1) * 2 + 50;
  let records: string[][] = [];
  for (;;) {
    const lines = await engine.query<{ line: string | null }>(
      `SELECT line FROM read_csv(${literal(registeredFile)}, delim=chr(1), quote='', escape='', header=false, auto_detect=false,
         columns={'line': 'VARCHAR'}, strict_mode=false, skip=${Math.max(0, Math.floor(dialect.skip))}) LIMIT ${limit}`,
    );
    const text = lines.map((l) => l.line ?? '').join('\n');
    const complete = lines.length < limit;
    records = parseCsvSample(text.replace(/^\ufeff/, ''), dialect.delimiter, dialect.quote, complete, dialect.escape);
    if (records.length >= want || complete || limit > 1_000_000) break;
    limit *= 4; // quoted fields spanning many lines
  }
  records = records.slice(0, want);
  if (records.length === 0) return { headers: [], rows: [] };
  // With a header, it alone says how many columns there are: a longer first row is ragged, not wider.
  const width = dialect.header ? records[0].length : Math.max(...records.map((r) => r.length));
  const headers = dialect.header
    ? Array.from({ length: width }, (_, i) => (records[0][i] ?? '').trim() || `column${i + 1}`)
    : defaultColumnNames(width);
  const body = dialect.header ? records.slice(1) : records;
  return { headers, rows: body.map((r) => r.map((v) => (v === '' ? null : v))) };
}

/**
 * Suggests a `FieldFormat` for every mapped field from the first rows of the file (the same
 * detection the mapping screen shows).
 */
export async function suggestFormats(
  engine: Engine,
  registeredFile: string,
  dialect: CsvDialect,
  mapping: Partial<ColumnMapping>,
  sampleRows = 500,
): Promise<Partial<Record<MappableField, FieldFormat>>> {
  const { headers, rows } = await previewRows(engine, registeredFile, dialect, sampleRows);
  const out: Partial<Record<MappableField, FieldFormat>> = {};
  for (const [field, col] of Object.entries(mapping) as [MappableField, string | null][]) {
    if (!col) continue;
    const i = headers.indexOf(col);
    if (i < 0) continue;
    const f = detectColumnFormat(rows.map((r) => r[i] ?? ''));
    out[field] = {
      decimal: f.number?.decimal,
      thousands: f.number?.thousands,
      dateFormat: f.date?.format,
      currency: f.currency,
    };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// SQL value cleaners (pure string builders; `expr` is a trusted column reference)

// Values that mean "nothing here" in exports.
const NULL_TOKENS = ['', '-', '—', '–', 'n/a', 'na', 'null', 'none', 'нет данных'];

/**
 * `expr` trimmed (DuckDB's trim: spaces of every kind), NULL when empty. trim() copies every
 * value; in DuckDB-wasm that cost about 0.2 s per column per million rows, so values that
 * cannot need it (pure ASCII, no space at either end) are passed through untouched.
 * `expr` appears several times: pass a column name.
 */
export function trimmedSql(expr: string): string {
  return `CASE WHEN starts_with(${expr}, ' ') OR ends_with(${expr}, ' ') OR strlen(${expr}) <> length(${expr}) THEN nullif(trim(${expr}), '') ELSE nullif(${expr}, '') END`;
}

/** `expr` trimmed, with the "nothing here" tokens turned into NULL. */
export function blankSql(expr: string): string {
  return `CASE WHEN lower(trim(${expr})) IN (${NULL_TOKENS.map(literal).join(', ')}) THEN NULL ELSE trim(${expr}) END`;
}

const CURRENCY_PATTERN = `(${CURRENCY_TOKENS.map(([t]) => t.replace(/[.$]/g, (c) => `\\${c}`)).join('|')})`;
// Only the tokens that name a currency, for reading it off each amount.
const CURRENCY_CODE_PATTERN = `(${CURRENCY_TOKENS.filter(([, c]) => c)
  .map(([t]) => t.replace(/[.$]/g, (c) => `\\${c}`))
  .join('|')})`;

/**
 * SQL turning a number as written into a plain `[-]digits[.digits]` string: currency tokens,
 * every kind of space (incl. U+00A0, U+202F, U+2009) and apostrophes removed, the grouping
 * character removed, a decimal comma made a dot. `thousands=` of read_csv cannot do this:
 * it rejects no-break spaces.
 */
export function cleanNumberSql(expr: string, fmt: FieldFormat = {}): string {
  return ungroupNumberSql(stripNumberSql(expr, fmt), fmt);
}

/** First half of `cleanNumberSql`: currency tokens, spaces, apostrophes and the declared grouping character removed. */
export function stripNumberSql(expr: string, fmt: FieldFormat = {}): string {
  let s = `regexp_replace(${expr}, ${literal(CURRENCY_PATTERN)}, '', 'gi')`;
  // One replace() per character: in DuckDB-wasm this is about twice as fast as translate()
  // (which builds a character map for every value) and far faster than a regex.
  for (const ch of [' ', '\t', '\u00a0', '\u202f', '\u2009', "'", '’']) s = `replace(${s}, ${literal(ch)}, '')`;
  if (fmt.thousands === ',' || fmt.thousands === '.') s = `replace(${s}, ${literal(fmt.thousands)}, '')`;
  return s;
}

/**
 * Second half: grouping the sample did not show (a column of plain numbers with a few
 * `98,000.00` further down) is removed when it is unmistakable, groups of exactly three digits;
 * then a decimal comma becomes a dot. `expr` appears several times: pass a column name, not an
 * expression, or DuckDB evaluates the expression once per appearance.
 */
export function ungroupNumberSql(expr: string, fmt: FieldFormat = {}): string {
  const [group, dec] = fmt.decimal === ',' ? ['.', ','] : [',', '.'];
  const grouped = `[+-]?\\d{1,3}(\\${group}\\d{3})+(\\${dec}\\d*)?`;
  let s = `CASE WHEN regexp_full_match(${expr}, ${literal(grouped)}) THEN replace(${expr}, ${literal(group)}, '') ELSE ${expr} END`;
  if (fmt.decimal === ',') s = `replace(${s}, ',', '.')`;
  return s;
}

/** SQL typing a cleaned number string (from `cleanNumberSql`) as `type`, NULL when it is not a number. */
export function castNumberSql(cleaned: string, type: 'DECIMAL(18,2)' | 'DOUBLE' | 'INTEGER'): string {
  // Scientific notation (`6e+05`, `6,5E+05` once the decimal comma is a dot) in any decimal style.
  const pattern = type === 'INTEGER' ? '[+-]?\\d+(\\.0*)?' : '[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,3})?';
  const cast =
    type === 'INTEGER'
      ? `TRY_CAST(TRY_CAST(${cleaned} AS DOUBLE) AS INTEGER)`
      : type === 'DECIMAL(18,2)'
        ? `CASE WHEN contains(lower(${cleaned}), 'e') THEN TRY_CAST(TRY_CAST(${cleaned} AS DOUBLE) AS ${type}) ELSE TRY_CAST(${cleaned} AS ${type}) END`
        : `TRY_CAST(${cleaned} AS ${type})`;
  return `CASE WHEN regexp_full_match(${cleaned}, ${literal(pattern)}) THEN ${cast} END`;
}

/**
 * DuckDB's own cast of a number column, for values it reads as they stand, or null when the
 * column's format makes that unsafe (with a decimal comma, `1.500` means fifteen hundred, which
 * the cast would read as 1.5). The cast also reads exponents (`1.5E+07`, as spreadsheets write
 * them) and `_` digit separators, which the cleaning path rejects. An INTEGER must be whole:
 * `1.5` bidders falls through to the cleaning path and is rejected there.
 */
export function fastNumberSql(col: string, type: 'DECIMAL(18,2)' | 'DOUBLE' | 'INTEGER', fmt: FieldFormat = {}): string | null {
  if (fmt.decimal === ',' || fmt.thousands === '.') return null;
  if (type !== 'INTEGER') return `TRY_CAST(${col} AS ${type})`;
  const d = `TRY_CAST(${col} AS DOUBLE)`;
  return `CASE WHEN ${d} = trunc(${d}) THEN TRY_CAST(${d} AS INTEGER) END`;
}

/**
 * DuckDB's own cast of a date column (ISO dates, with or without a time after them), or null
 * when the column's format is not ISO (the cast would read `2019.05.18` under `%d.%m.%Y`).
 */
export function fastDateSql(col: string, format?: DateFormat['format']): string | null {
  if (format && format !== '%Y-%m-%d') return null;
  return `TRY_CAST(${col} AS DATE)`;
}

/**
 * SQL parsing the date part of `expr` with `format`; without a format, ISO then dd.mm.yyyy are
 * tried. Two-digit years (`%y`) are widened with `pivot` (see `twoDigitYearPivot`): yy ≤ pivot
 * is 20yy, else 19yy; DuckDB's own `%y` would put 69–99 in the 1900s and not say so. `excel`
 * reads Excel's serial day numbers.
 */
export function parseDateSql(expr: string, format?: DateFormat['format'], pivot = twoDigitYearPivot()): string {
  if (format === 'excel') {
    return `CASE WHEN regexp_full_match(${expr}, '\\d{1,6}(\\.\\d+)?') THEN DATE '1899-12-30' + CAST(floor(CAST(${expr} AS DOUBLE)) AS INTEGER) END`;
  }
  const datePart = `regexp_replace(${expr}, ${literal('[ T]\\d{1,2}:\\d{2}.*$')}, '')`;
  if (format && isTwoDigitYear(format)) {
    const yy = `regexp_extract(${datePart}, '\\D(\\d{2})$', 1)`;
    const widened = `CASE WHEN CAST(${yy} AS INTEGER) <= ${Math.floor(pivot)} THEN '20' ELSE '19' END`;
    // A four-digit year in a two-digit column is read as it stands.
    const four = `CASE WHEN ${yy} = '' THEN ${datePart} ELSE regexp_replace(${datePart}, '(\\D)(\\d{2})$', '\\1' || ${widened} || '\\2') END`;
    return `CAST(TRY_STRPTIME(${four}, ${literal(format.replace('%y', '%Y'))}) AS DATE)`;
  }
  const fmt = format ? literal(format) : `[${literal('%Y-%m-%d')}, ${literal('%d.%m.%Y')}]`;
  return `CAST(TRY_STRPTIME(${datePart}, ${fmt}) AS DATE)`;
}

/** SQL mapping a currency written in a column (`₸`, `тенге`, `usd`, `KZT`) to its ISO code. */
export function currencyCodeSql(expr: string): string {
  const whens = CURRENCY_TOKENS.map(([t, c]) => `WHEN ${literal(t)} THEN ${c ? literal(c) : 'NULL'}`).join(' ');
  return `CASE lower(trim(${expr})) ${whens} ELSE upper(trim(${expr})) END`;
}

/** SQL for the sector from a column's values. */
export function sectorSql(expr: string): string {
  const v = `lower(trim(${expr}))`;
  return `CASE WHEN ${expr} IS NULL THEN 'unknown'
    WHEN regexp_matches(${v}, ${literal('quasi|квази|не гз|самрук|samruk')}) THEN 'quasi_public'
    WHEN regexp_matches(${v}, ${literal('^state$|государств|гз|мемлекет')}) THEN 'state'
    ELSE 'unknown' END`;
}

// ---------------------------------------------------------------------------------------------

// The load, step by step. One read of the file (`stageRecords`) decides which records are
// accepted and which rejected; every later step reads what that read stored, never the file.

/** Deletes a dataset's rows from every canonical table. */
export async function removeDataset(engine: Engine, datasetId: string): Promise<void> {
  for (const t of ['purchases', 'ingest_rejects', 'bids', 'flags', 'datasets']) {
    await engine.query(`DELETE FROM ${ident(t)} WHERE dataset_id = ?`, [datasetId]);
  }
}

/** The plausible window for dates and the ceiling for amounts (issue 11, item 5). */
export interface Plausibility {
  /** Dates before 1 January of this year are rejected. */
  minYear: number;
  /** Dates after 31 December of this year are rejected. */
  maxYear: number;
  /** Amounts above this (in the amount's own currency) are kept but counted as implausible. */
  amountCeiling: number;
}

/** 1990 to next year; amounts above a trillion. Stated in the import summary; editable per import. */
export function defaultPlausibility(now = new Date()): Plausibility {
  return { minYear: 1990, maxYear: now.getUTCFullYear() + 1, amountCeiling: 1e12 };
}

/** What the load found implausible but kept (negative amounts, amounts above the ceiling). */
export interface Implausible {
  negative: number;
  aboveCeiling: number;
  /** What those rows carry, in their own currencies. */
  sum: number;
}

const NUMERIC: readonly [MappableField, 'DECIMAL(18,2)' | 'DOUBLE' | 'INTEGER'][] = [
  ['amount', 'DECIMAL(18,2)'],
  ['quantity', 'DOUBLE'],
  ['unit_price', 'DOUBLE'],
  ['n_bidders', 'INTEGER'],
];
const TEXT_FIELDS = ['buyer_name', 'supplier_name', 'item_code', 'item_name', 'unit', 'region', 'status'] as const;
const ID_FIELDS = ['buyer_id', 'supplier_id'] as const;

/** A value check: a row whose `bad_<field>` is not NULL is rejected with `reason` (SQL over the stage). */
interface Check {
  field: MappableField;
  reason: string;
}

/** Column names of a load's temporary tables. */
interface Temps {
  stage: string;
  rej: string;
  rejScan: string;
  methods: string;
  currencies: string;
  sectors: string;
}

/** The SQL of a load, built from the spec and the file's column names. */
interface LoadPlan {
  headers: string[];
  /** The one read: file → cleaned, typed rows with `bad_` texts, in file order. */
  stageSql: (strict: boolean) => string;
  checks: Check[];
  /** Reader column (c1…) → header, for naming columns in rejects. */
  columnNameSql: (expr: string) => string;
  sectorOut: string;
  defaultCurrency: string;
  base: number;
}

/** The id text: trimmed, without the leading apostrophe spreadsheets add or a `№ ` sign. */
export function idSql(col: string): string {
  return `CASE WHEN starts_with(ltrim(${col}), '''') OR starts_with(ltrim(${col}), '№') THEN nullif(trim(regexp_replace(trim(${col}), '^(''|№)\\s*', '')), '') ELSE ${trimmedSql(col)} END`;
}

function planLoad(spec: LoadCsvSpec, headers: string[], temps: Temps): LoadPlan {
  const colOf = (name: string | null | undefined): string | null => {
    if (!name) return null;
    const i = headers.indexOf(name);
    if (i < 0) throw new IngestError('unsupported', `The column “${name}” chosen in the mapping is not in “${spec.name}”.`);
    return `c${i + 1}`;
  };
  const cols = headers.map((_, i) => `c${i + 1}`);
  const base = Math.max(0, Math.floor(spec.dialect.skip)) + (spec.dialect.header ? 1 : 0);
  const m = spec.mapping;
  const plaus = spec.plausibility ?? defaultPlausibility();
  const fmt = (f: MappableField): FieldFormat => spec.columnFormats?.[f] ?? {};
  const c = (f: MappableField) => colOf(m[f]);
  // Numbers and dates also treat `-`, `n/a`, `None`… as empty; plain text only drops blanks (cheaper on 1 M rows).
  const text = (f: MappableField) => (c(f) ? blankSql(c(f)!) : 'NULL::VARCHAR');
  const plain = (f: MappableField) => (c(f) ? trimmedSql(c(f)!) : 'NULL::VARCHAR');
  const id = (f: MappableField) => (c(f) ? idSql(c(f)!) : 'NULL::VARCHAR');

  const dateReason = (f: MappableField) =>
    `CASE WHEN d_${f} IS NULL THEN ${literal(`not a valid date (${fmt(f).dateFormat ?? 'yyyy-mm-dd or dd.mm.yyyy'})`)} ELSE ${literal(`date outside ${plaus.minYear}–${plaus.maxYear}`)} END`;
  const mappedCols = [...new Set(Object.values(m).filter((x): x is string => Boolean(x)))].map((x) => colOf(x)!);
  const checks: Check[] = [
    ...NUMERIC.filter(([f]) => c(f)).map(([f]) => ({ field: f, reason: literal('not a number') })),
    ...DATE_FIELDS.filter((f) => c(f)).map((f) => ({ field: f, reason: dateReason(f) })),
  ];

  // The stable id of a row without one (a hash of all its fields as read) is computed here,
  // where the fields are at hand; `coalesce` only evaluates the hash where the id is missing.
  const select: string[] = [
    `coalesce(${id('purchase_id')}, 'h' || substr(md5(concat_ws(chr(31), ${cols.map((x) => `coalesce(${x}, '')`).join(', ')})), 1, 16)) AS base_id`,
    // A record with nothing in any mapped column (a line of delimiters) is no purchase.
    `${mappedCols.length ? `coalesce(${mappedCols.join(', ')}) IS NULL` : 'FALSE'} AS blank_row`,
  ];
  for (const f of ID_FIELDS) select.push(`${id(f)} AS ${f}`);
  for (const f of TEXT_FIELDS) select.push(`${plain(f)} AS ${f}`);
  select.push(`${plain('method')} AS method_detail`);
  // Numbers are cleaned in stacked projections (strip → ungroup → cast) so that each step
  // reads a column: nested, the expression tree repeats the regexes a dozen times per value.
  const mid: string[] = [];
  const mid2: string[] = [];
  const outer: string[] = [];
  const tmp: string[] = [];
  // Fast path: a value DuckDB's own cast reads (a plain number, an ISO date) is typed by that cast,
  // and only the rest goes through the cleaning (on a clean 1 M-row file the cleaning of every
  // value cost 4/5 of the import). `raw_` then holds only the values the cast refused.
  const fastAmount = c('amount') ? fastNumberSql(c('amount')!, 'DECIMAL(18,2)', fmt('amount')) : null;
  for (const [f, type] of NUMERIC) {
    if (!c(f)) {
      select.push(`NULL::${type} AS ${f}`);
      continue;
    }
    const fast = fastNumberSql(c(f)!, type, fmt(f));
    select.push(
      fast ? `${fast} AS fast_${f}, CASE WHEN ${fast} IS NULL THEN ${text(f)} END AS raw_${f}` : `${text(f)} AS raw_${f}`,
    );
    mid.push(`${stripNumberSql(`raw_${f}`, fmt(f))} AS s_${f}`);
    mid2.push(`${ungroupNumberSql(`s_${f}`, fmt(f))} AS n_${f}`);
    outer.push(`${fast ? `coalesce(fast_${f}, ${castNumberSql(`n_${f}`, type)})` : castNumberSql(`n_${f}`, type)} AS ${f}`);
    tmp.push(`s_${f}`, `n_${f}`, ...(fast ? [`fast_${f}`] : []));
  }
  for (const f of DATE_FIELDS) {
    if (!c(f)) {
      select.push(`NULL::DATE AS ${f}`);
      continue;
    }
    const fast = fastDateSql(c(f)!, fmt(f).dateFormat);
    select.push(
      fast ? `${fast} AS fast_${f}, CASE WHEN ${fast} IS NULL THEN ${text(f)} END AS raw_${f}` : `${text(f)} AS raw_${f}`,
    );
    const parsed = parseDateSql(`raw_${f}`, fmt(f).dateFormat);
    mid.push(`${fast ? `coalesce(fast_${f}, ${parsed})` : parsed} AS d_${f}`);
    // Dates outside the plausible window are rejected (year 0015 from `15.05.15`, 9999, …).
    outer.push(
      `CASE WHEN d_${f} >= DATE '${plaus.minYear}-01-01' AND d_${f} <= DATE '${plaus.maxYear}-12-31' THEN d_${f} END AS ${f}`,
    );
    if (fast) tmp.push(`fast_${f}`);
  }
  // The text of a value that could not be typed, NULL otherwise: kept for the rejects (mostly NULL, so cheap to store).
  // A date the fast cast read but the window refused has no raw_ text: its parsed value stands in.
  const last = checks.map((k) =>
    (DATE_FIELDS as readonly string[]).includes(k.field)
      ? `CASE WHEN ${k.field} IS NULL THEN coalesce(raw_${k.field}, strftime(d_${k.field}, '%Y-%m-%d')) END AS bad_${k.field}`
      : `CASE WHEN ${k.field} IS NULL THEN raw_${k.field} END AS bad_${k.field}`,
  );
  // Currency: a currency column, else a symbol glued to this row's amount, else the column's, else the default.
  const gluedSql = (col: string) =>
    currencyCodeSql(`nullif(regexp_extract(lower(${col}), ${literal(CURRENCY_CODE_PATTERN)}, 1), '')`);
  const glued = c('amount')
    ? fastAmount
      ? `CASE WHEN ${fastAmount} IS NULL THEN ${gluedSql(c('amount')!)} END`
      : gluedSql(c('amount')!)
    : 'NULL::VARCHAR';
  // Currency and sector columns hold a handful of distinct texts: the stage keeps the text and each
  // distinct one is read once, instead of a CASE or a regex on every row.
  select.push(`${c('currency') ?? 'NULL::VARCHAR'} AS currency_src`, `${glued} AS currency_glued`);
  const sectorCol = typeof spec.sector === 'object' ? colOf(spec.sector.column) : c('sector');
  select.push(`${sectorCol ?? 'NULL::VARCHAR'} AS sector_src`);

  const readCsv = (strict: boolean) =>
    `read_csv(${literal(spec.registeredFile)}, ${dialectOptions(spec.dialect)},
        header=${spec.dialect.header}, auto_detect=false, all_varchar=true, strict_mode=${strict},
        columns={${cols.map((x) => `${literal(x)}: 'VARCHAR'`).join(', ')}},
        store_rejects=true, rejects_table=${literal(temps.rej)}, rejects_scan=${literal(temps.rejScan)})`;
  const rawCols = checks.map((k) => `raw_${k.field}`);
  const stageSql = (strict: boolean) => `CREATE TEMP TABLE ${temps.stage} AS
       SELECT * ${rawCols.length ? `EXCLUDE (${rawCols.join(', ')})` : ''} ${last.length ? `, ${last.join(', ')}` : ''} FROM (
       SELECT * ${tmp.length ? `EXCLUDE (${tmp.join(', ')})` : ''} ${outer.length ? `, ${outer.join(', ')}` : ''} FROM (
       SELECT * ${mid2.length ? `, ${mid2.join(', ')}` : ''} FROM (
       SELECT * ${mid.length ? `, ${mid.join(', ')}` : ''} FROM (
       SELECT row_number() OVER () - 1 AS ord0, ${select.join(',\n  ')}
       FROM ${readCsv(strict)}))))`;
  const columnNameSql = (expr: string) =>
    `CASE ${expr} ${headers.map((h, i) => `WHEN ${literal(`c${i + 1}`)} THEN ${literal(h)}`).join(' ')} ELSE ${expr} END`;
  return {
    headers,
    stageSql,
    checks,
    columnNameSql,
    sectorOut: sectorCol ? `coalesce(se.sector, 'unknown')` : literal(typeof spec.sector === 'string' ? spec.sector : 'unknown'),
    defaultCurrency: literal((spec.currency ?? 'KZT').toUpperCase()),
    base,
  };
}

/**
 * Step 1, the one read: every record the reader accepts lands in the stage, cleaned and typed,
 * with the text of each value that could not be typed; the reader's rejects land in its rejects
 * table from the same read. Strict first: it rejects rows with too many fields and stray quotes.
 * Files that mix CRLF and LF line ends (Toronto's header ends in CRLF, its rows in LF) make the
 * strict parser fail outright, before anything is kept; those are read leniently, where extra
 * fields are dropped instead of rejected. Returns whether the read was lenient.
 */
async function stageRecords(engine: Engine, plan: LoadPlan, temps: Temps): Promise<boolean> {
  try {
    await engine.exec(plan.stageSql(true));
    return false;
  } catch (e) {
    if (!/invalid state/i.test(String((e as Error).message))) throw e;
  }
  await dropTemps(engine, temps);
  await engine.exec(plan.stageSql(false));
  return true;
}

async function dropTemps(engine: Engine, temps: Temps): Promise<void> {
  for (const t of Object.values(temps)) await engine.exec(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
}

/** Step 2: methods, currencies and sectors, each distinct text read once (a handful, however many rows). */
async function lookupTables(engine: Engine, temps: Temps, methodValues?: MethodValues): Promise<void> {
  await engine.exec(
    `CREATE TEMP TABLE ${temps.methods} AS SELECT method_detail, ${methodCaseSql('method_detail', methodValues)} AS method
     FROM (SELECT DISTINCT method_detail FROM ${temps.stage} WHERE method_detail IS NOT NULL)`,
  );
  await engine.exec(
    `CREATE TEMP TABLE ${temps.currencies} AS SELECT currency_src, ${currencyCodeSql(blankSql('currency_src'))} AS code
     FROM (SELECT DISTINCT currency_src FROM ${temps.stage} WHERE currency_src IS NOT NULL)`,
  );
  await engine.exec(
    `CREATE TEMP TABLE ${temps.sectors} AS SELECT sector_src, ${sectorSql(blankSql('sector_src'))} AS sector
     FROM (SELECT DISTINCT sector_src FROM ${temps.stage} WHERE sector_src IS NOT NULL)`,
  );
}

/**
 * Line numbers: the k-th accepted record (0-based) sits after `base` lines, k accepted records
 * and every rejected line DuckDB numbered before it. For the i-th rejected line L_i,
 * L_i - base - i accepted records precede it. A few rejected lines become a CASE; many an ASOF join.
 * Returns the SQL of `source_row` over the stage aliased `r`, the join it needs, and the number of rejected lines.
 */
async function lineNumbers(engine: Engine, plan: LoadPlan, temps: Temps): Promise<{ expr: string; join: string; lines: number }> {
  const rejLines = await engine.query<{ before_n: number; n_rej: number }>(
    `SELECT before_n, max(n_rej) AS n_rej FROM (
       SELECT line - ${plan.base} - row_number() OVER (ORDER BY line) AS before_n, row_number() OVER (ORDER BY line) AS n_rej
       FROM (SELECT DISTINCT line FROM ${temps.rej})) GROUP BY before_n ORDER BY before_n DESC`,
  );
  const lines = rejLines.length ? Number(rejLines[0].n_rej) : 0;
  const many = rejLines.length > 200;
  const shift = many
    ? 'coalesce(j.n_rej, 0)'
    : rejLines.length
      ? `CASE ${rejLines.map((x) => `WHEN r.ord0 >= ${Number(x.before_n)} THEN ${Number(x.n_rej)}`).join(' ')} ELSE 0 END`
      : '0';
  const join = many
    ? `ASOF LEFT JOIN (SELECT before_n, n_rej FROM (${rejLines.map((x) => `SELECT ${Number(x.before_n)} AS before_n, ${Number(x.n_rej)} AS n_rej`).join(' UNION ALL ')})) j ON r.ord0 >= j.before_n`
    : '';
  return { expr: `CAST(${plan.base} + 1 + r.ord0 + ${shift} AS INTEGER)`, join, lines };
}

/** SQL: true for a staged row that is imported (no value failed, not blank). */
function okSql(plan: LoadPlan, alias = ''): string {
  return [`NOT ${alias}blank_row`, ...plan.checks.map((k) => `${alias}bad_${k.field} IS NULL`)].join(' AND ');
}

/** Step 3: the accepted rows into `purchases`. */
async function insertPurchases(
  engine: Engine,
  spec: LoadCsvSpec,
  plan: LoadPlan,
  temps: Temps,
  lines: { expr: string; join: string },
): Promise<void> {
  const colCur = spec.columnFormats?.amount?.currency ? literal(spec.columnFormats.amount.currency) : 'NULL::VARCHAR';
  await engine.query(
    `INSERT INTO purchases BY NAME
     SELECT *, CASE WHEN currency = 'KZT' THEN amount END AS amount_kzt FROM (
     SELECT ? AS dataset_id, r.base_id AS purchase_id, ${lines.expr} AS source_row,
       ${plan.sectorOut} AS sector, r.buyer_id, r.buyer_name, r.supplier_id, r.supplier_name,
       mm.method, r.method_detail, ${competitiveSql('mm.method')} AS competitive,
       r.amount, coalesce(cu.code, r.currency_glued, ${colCur}, ${plan.defaultCurrency}) AS currency,
       r.signed_date, r.tender_start, r.tender_end, r.n_bidders, r.item_code, r.item_name, r.unit, r.quantity,
       coalesce(r.unit_price, CASE WHEN r.quantity > 0 THEN CAST(r.amount AS DOUBLE) / r.quantity END) AS unit_price,
       r.region, r.status, r.supplier_registered
     FROM ${temps.stage} r ${lines.join}
     LEFT JOIN ${temps.methods} mm ON mm.method_detail = r.method_detail
     LEFT JOIN ${temps.currencies} cu ON cu.currency_src = r.currency_src
     LEFT JOIN ${temps.sectors} se ON se.sector_src = r.sector_src
     WHERE ${okSql(plan, 'r.')})`,
    [spec.datasetId],
  );
}

/**
 * Step 4: the rejects. The reader's: one entry per rejected line (its first complaint), the
 * column named by its header. The values': one entry per value that could not be typed. Blank rows: one each.
 * Returns the number of staged rows rejected (bad values or blank).
 */
async function insertRejects(
  engine: Engine,
  spec: LoadCsvSpec,
  plan: LoadPlan,
  temps: Temps,
  lines: { expr: string; join: string },
): Promise<number> {
  await engine.query(
    `INSERT INTO ingest_rejects
     SELECT ?, line, ${plan.columnNameSql('column_name')}, error_type || ': ' || error_message, csv_line FROM (
       SELECT *, row_number() OVER (PARTITION BY line ORDER BY column_idx NULLS LAST) AS k FROM ${temps.rej}) WHERE k = 1
     ORDER BY line`,
    [spec.datasetId],
  );
  const [bad] = await engine.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${temps.stage} WHERE NOT (${okSql(plan)})`);
  if (Number(bad?.n ?? 0) === 0) return 0;
  const badRows = `SELECT r.*, ${lines.expr} AS line_no FROM ${temps.stage} r ${lines.join} WHERE NOT (${okSql(plan, 'r.')})`;
  for (const k of plan.checks) {
    await engine.query(
      `INSERT INTO ingest_rejects SELECT ?, line_no, ?, ${k.reason}, bad_${k.field} FROM (${badRows}) WHERE bad_${k.field} IS NOT NULL ORDER BY line_no`,
      [spec.datasetId, spec.mapping[k.field] ?? k.field],
    );
  }
  await engine.query(
    `INSERT INTO ingest_rejects SELECT ?, line_no, NULL, 'no value in any mapped column', NULL FROM (${badRows}) WHERE blank_row ORDER BY line_no`,
    [spec.datasetId],
  );
  return Number(bad.n);
}

/** Step 5: ids made unique within the dataset by suffixing repeats with #2, #3… in file order. */
async function uniqueIds(engine: Engine, datasetId: string): Promise<void> {
  // Most files have unique ids: one grouping tells, and spares the update.
  const [dup] = await engine.query<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM (SELECT purchase_id FROM purchases WHERE dataset_id = ? GROUP BY purchase_id HAVING count(*) > 1)`,
    [datasetId],
  );
  if (Number(dup?.n ?? 0) === 0) return;
  await engine.query(
    `UPDATE purchases SET purchase_id = purchases.purchase_id || '#' || s.rn
     FROM (SELECT rowid AS rid, row_number() OVER (PARTITION BY purchase_id ORDER BY source_row) AS rn
           FROM purchases WHERE dataset_id = ?
             AND purchase_id IN (SELECT purchase_id FROM purchases WHERE dataset_id = ? GROUP BY purchase_id HAVING count(*) > 1)) s
     WHERE purchases.rowid = s.rid AND s.rn > 1`,
    [datasetId, datasetId],
  );
}

/** What the table holds after the load, counted from the table itself. */
interface Books {
  staged: number;
  inTable: number;
  emptyAmounts: number;
  implausible: Implausible;
}

/**
 * Step 6: the books. Rows reported imported are the rows `purchases` holds for the dataset,
 * counted there; a difference from what the stage says is an error, never a number shown.
 */
async function checkBooks(engine: Engine, spec: LoadCsvSpec, temps: Temps, badRows: number): Promise<Books> {
  const ceiling = (spec.plausibility ?? defaultPlausibility()).amountCeiling;
  const [staged] = await engine.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${temps.stage}`);
  const [t] = await engine.query<{ n: number; empty: number; neg: number; high: number; s: number | null }>(
    `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE amount IS NULL)::INTEGER AS empty,
       count(*) FILTER (WHERE amount < 0)::INTEGER AS neg, count(*) FILTER (WHERE amount > ?)::INTEGER AS high,
       sum(amount) FILTER (WHERE amount < 0 OR amount > ?)::DOUBLE AS s
     FROM purchases WHERE dataset_id = ?`,
    [ceiling, ceiling, spec.datasetId],
  );
  const books: Books = {
    staged: Number(staged.n),
    inTable: Number(t.n),
    emptyAmounts: Number(t.empty),
    implausible: { negative: Number(t.neg), aboveCeiling: Number(t.high), sum: Number(t.s ?? 0) },
  };
  if (books.inTable !== books.staged - badRows) {
    throw new IngestError(
      'books',
      `“${spec.name}” was not imported: ${books.staged - badRows} rows were accepted but the table holds ${books.inTable}. Nothing was kept; please report this file.`,
    );
  }
  return books;
}

/**
 * Loads a registered CSV into `purchases` (and `ingest_rejects`, `datasets`). Re-loading a
 * dataset id replaces it. Runs in one transaction. Requires the canonical model to exist.
 */
export async function loadCsv(engine: Engine, spec: LoadCsvSpec): Promise<LoadResult> {
  const t0 = performance.now();
  const { headers } = await previewRows(engine, spec.registeredFile, spec.dialect, spec.dialect.header ? 1 : 50);
  if (headers.length === 0) throw IngestError.empty(spec.name);
  if (headers.length === 1) throw IngestError.oneColumn(spec.name, spec.dialect.delimiter);
  const id = ++loadCounter;
  const temps: Temps = {
    stage: `ingest_stage_${id}`,
    rej: `ingest_rej_${id}`,
    rejScan: `ingest_rejscan_${id}`,
    methods: `ingest_methods_${id}`,
    currencies: `ingest_currencies_${id}`,
    sectors: `ingest_sectors_${id}`,
  };
  const plan = planLoad(spec, headers, temps);
  try {
    // The read runs outside the transaction: a failed strict read would abort it.
    const lenient = await stageRecords(engine, plan, temps);
    await engine.exec('BEGIN TRANSACTION');
    try {
      await removeDataset(engine, spec.datasetId);
      await lookupTables(engine, temps, spec.methodValues);
      const lines = await lineNumbers(engine, plan, temps);
      await insertPurchases(engine, spec, plan, temps, lines);
      const badRows = await insertRejects(engine, spec, plan, temps, lines);
      await uniqueIds(engine, spec.datasetId);
      const books = await checkBooks(engine, spec, temps, badRows);
      const rowsImported = books.inTable;
      const rowsRejected = lines.lines + badRows;
      const rowsRead = rowsImported + rowsRejected;
      if (rowsRead === 0) throw IngestError.noRows(spec.name);
      await engine.query(
        `INSERT INTO datasets (dataset_id, name, source, sector, rows_read, rows_rejected, fingerprint, loaded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, now())`,
        [
          spec.datasetId,
          spec.name,
          spec.source ?? 'csv',
          typeof spec.sector === 'string' ? spec.sector : 'unknown',
          rowsRead,
          rowsRejected,
          spec.fingerprint ?? `${headerSignature(headers)}:${rowsRead}`,
        ],
      );
      await engine.exec('COMMIT');
      return {
        rowsRead,
        rowsImported,
        rowsRejected,
        lenient,
        emptyAmounts: books.emptyAmounts,
        implausible: books.implausible,
        ms: Math.round(performance.now() - t0),
      };
    } catch (e) {
      await engine.exec('ROLLBACK').catch(() => undefined);
      throw e;
    }
  } finally {
    await dropTemps(engine, temps);
  }
}
