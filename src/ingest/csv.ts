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
import type { Engine, Param } from '../engine/types';
import { ident, literal } from '../engine/sql';
import type { Sector } from '../model/schema';
import type { CsvDialect, DateFormat, NumberFormat } from './detect';
import { CURRENCY_TOKENS, defaultColumnNames, detectColumnFormat, parseCsvSample } from './detect';
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
    `escape=${literal(d.quote)}`,
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
    records = parseCsvSample(text.replace(/^\ufeff/, ''), dialect.delimiter, dialect.quote, complete);
    if (records.length >= want || complete || limit > 1_000_000) break;
    limit *= 4; // quoted fields spanning many lines
  }
  records = records.slice(0, want);
  if (records.length === 0) return { headers: [], rows: [] };
  const width = Math.max(...records.map((r) => r.length));
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
  const pattern = type === 'INTEGER' ? '[+-]?\\d+(\\.0*)?' : '[+-]?(\\d+\\.?\\d*|\\.\\d+)';
  const cast = type === 'INTEGER' ? `TRY_CAST(TRY_CAST(${cleaned} AS DOUBLE) AS INTEGER)` : `TRY_CAST(${cleaned} AS ${type})`;
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

/** SQL parsing the date part of `expr` with `format`; without a format, ISO then dd.mm.yyyy are tried. */
export function parseDateSql(expr: string, format?: DateFormat['format']): string {
  const datePart = `regexp_replace(${expr}, ${literal('[ T]\\d{1,2}:\\d{2}.*$')}, '')`;
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

/** Deletes a dataset's rows from every canonical table. */
export async function removeDataset(engine: Engine, datasetId: string): Promise<void> {
  for (const t of ['purchases', 'ingest_rejects', 'bids', 'flags', 'datasets']) {
    await engine.query(`DELETE FROM ${ident(t)} WHERE dataset_id = ?`, [datasetId]);
  }
}

async function count(engine: Engine, sql: string, params: readonly Param[] = []): Promise<number> {
  const r = await engine.query<{ n: number }>(sql, params);
  return Number(r[0]?.n ?? 0);
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
  const rej = `ingest_rej_${id}`;
  const rejScan = `ingest_rejscan_${id}`;
  const survey = `ingest_survey_${id}`;
  const badRows = `ingest_bad_${id}`;
  const methods = `ingest_methods_${id}`;
  const currencies = `ingest_currencies_${id}`;
  const sectors = `ingest_sectors_${id}`;
  const colOf = (name: string | null | undefined): string | null => {
    if (!name) return null;
    const i = headers.indexOf(name);
    if (i < 0) throw new IngestError('unsupported', `The column “${name}” chosen in the mapping is not in “${spec.name}”.`);
    return `c${i + 1}`;
  };
  const cols = headers.map((_, i) => `c${i + 1}`);
  const base = Math.max(0, Math.floor(spec.dialect.skip)) + (spec.dialect.header ? 1 : 0);
  const m = spec.mapping;
  const fmt = (f: MappableField): FieldFormat => spec.columnFormats?.[f] ?? {};
  const c = (f: MappableField) => colOf(m[f]);
  // Numbers and dates also treat `-`, `n/a`, `None`… as empty; plain text only drops blanks (cheaper on 1 M rows).
  const text = (f: MappableField) => (c(f) ? blankSql(c(f)!) : 'NULL::VARCHAR');
  const plain = (f: MappableField) => (c(f) ? trimmedSql(c(f)!) : 'NULL::VARCHAR');

  const numeric: [MappableField, 'DECIMAL(18,2)' | 'DOUBLE' | 'INTEGER'][] = [
    ['amount', 'DECIMAL(18,2)'],
    ['quantity', 'DOUBLE'],
    ['unit_price', 'DOUBLE'],
    ['n_bidders', 'INTEGER'],
  ];
  const checks: { field: MappableField; reason: string }[] = [
    ...numeric.map(([f]) => ({ field: f, reason: 'not a number' })),
    ...DATE_FIELDS.map((f) => ({ field: f, reason: `not a valid date (${fmt(f).dateFormat ?? 'yyyy-mm-dd or dd.mm.yyyy'})` })),
  ].filter((k) => c(k.field));

  // The cleaning pass reads every field as text and cleans and types the mapped ones on the way.
  // The stable id of a row without one (a hash of all its fields as read) is computed here,
  // where the fields are at hand; `coalesce` only evaluates the hash where the id is missing.
  const select: string[] = [
    `coalesce(${plain('purchase_id')}, 'h' || substr(md5(concat_ws(chr(31), ${cols.map((x) => `coalesce(${x}, '')`).join(', ')})), 1, 16)) AS base_id`,
  ];
  for (const f of [
    'buyer_id',
    'buyer_name',
    'supplier_id',
    'supplier_name',
    'item_code',
    'item_name',
    'unit',
    'region',
    'status',
  ] as const) {
    select.push(`${plain(f)} AS ${f}`);
  }
  select.push(`${plain('method')} AS method_detail`);
  // Numbers are cleaned in stacked projections (strip → ungroup → cast) so that each step
  // reads a column: nested, the expression tree repeats the regexes a dozen times per value.
  const mid: string[] = [];
  const mid2: string[] = [];
  const outer: string[] = [];
  const tmp: string[] = [];
  // The text of a value that could not be typed, NULL otherwise: kept for the rejects (mostly NULL, so cheap to store).
  const last: string[] = [];
  const rawCols: string[] = [];
  // Fast path: a value DuckDB's own cast reads (a plain number, an ISO date) is typed by that cast,
  // and only the rest goes through the cleaning above (on a clean 1 M-row file the cleaning of
  // every value cost 4/5 of the import). `raw_` then holds only the values the cast refused.
  const fastSql = new Map<MappableField, string>();
  for (const [f, type] of numeric) {
    if (!c(f)) {
      select.push(`NULL::${type} AS ${f}`);
      continue;
    }
    const fast = fastNumberSql(c(f)!, type, fmt(f));
    if (fast) fastSql.set(f, fast);
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
    mid.push(
      `${fast ? `coalesce(fast_${f}, ${parseDateSql(`raw_${f}`, fmt(f).dateFormat)})` : parseDateSql(`raw_${f}`, fmt(f).dateFormat)} AS ${f}`,
    );
    if (fast) tmp.push(`fast_${f}`);
  }
  for (const k of checks) {
    rawCols.push(`raw_${k.field}`);
    last.push(`CASE WHEN ${k.field} IS NULL THEN raw_${k.field} END AS bad_${k.field}`);
  }
  // Currency: a currency column, else a symbol glued to this row's amount, else the column's, else the default.
  const dflt = literal((spec.currency ?? 'KZT').toUpperCase());
  // A plain number has no currency glued to it: the regex runs only where the fast cast failed.
  const gluedSql = (col: string) =>
    currencyCodeSql(`nullif(regexp_extract(lower(${col}), ${literal(CURRENCY_CODE_PATTERN)}, 1), '')`);
  const glued = c('amount')
    ? fastSql.has('amount')
      ? `CASE WHEN ${fastSql.get('amount')} IS NULL THEN ${gluedSql(c('amount')!)} END`
      : gluedSql(c('amount')!)
    : 'NULL::VARCHAR';
  const colCur = fmt('amount').currency ? literal(fmt('amount').currency!) : 'NULL::VARCHAR';
  // Currency and sector columns hold a handful of distinct texts: the scan keeps the text and each
  // distinct one is read once (step 3), instead of a CASE or a regex on every row.
  select.push(`${c('currency') ? c('currency') : 'NULL::VARCHAR'} AS currency_src`, `${glued} AS currency_glued`);
  const sectorCol = typeof spec.sector === 'object' ? colOf(spec.sector.column) : c('sector');
  select.push(`${sectorCol ?? 'NULL::VARCHAR'} AS sector_src`);
  const sectorOut = sectorCol
    ? `coalesce(se.sector, 'unknown')`
    : literal(typeof spec.sector === 'string' ? spec.sector : 'unknown');

  const readCsv = (strict: boolean, rejects: boolean) =>
    `read_csv(${literal(spec.registeredFile)}, ${dialectOptions(spec.dialect)},
        header=${spec.dialect.header}, auto_detect=false, all_varchar=true, strict_mode=${strict},
        columns={${cols.map((x) => `${literal(x)}: 'VARCHAR'`).join(', ')}},
        ${rejects ? `store_rejects=true, rejects_table=${literal(rej)}, rejects_scan=${literal(rejScan)}` : 'ignore_errors=true'})`;
  // The cleaning pipeline over the file: one row per record the reader accepts, in file order
  // (`ord0`, 0-based, from a streaming row_number()), with typed values and `bad_` texts.
  const cleaned = (strict: boolean) => `
       SELECT * ${rawCols.length ? `EXCLUDE (${rawCols.join(', ')})` : ''} ${last.length ? `, ${last.join(', ')}` : ''} FROM (
       SELECT * ${tmp.length ? `EXCLUDE (${tmp.join(', ')})` : ''} ${outer.length ? `, ${outer.join(', ')}` : ''} FROM (
       SELECT * ${mid2.length ? `, ${mid2.join(', ')}` : ''} FROM (
       SELECT * ${mid.length ? `, ${mid.join(', ')}` : ''} FROM (
       SELECT row_number() OVER () - 1 AS ord0, ${select.join(',\n  ')}
       FROM ${readCsv(strict, false)}))))`;

  const dropTemps = async () => {
    for (const t of [survey, methods, currencies, sectors, badRows, rej, rejScan])
      await engine.exec(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
  };
  // 1. Survey: one light read of the file (no cleaning) counts the records the reader accepts,
  //    collects the distinct method, currency and sector texts, and stores the reader's rejects.
  //    The load (2) then needs no copy of the file: it goes straight into `purchases`, so a file
  //    takes its own size in memory once, not twice (5 M rows did not fit twice in wasm's 4 GB).
  //    Strict first: it rejects rows with too many fields and stray quotes. Files that mix CRLF
  //    and LF line ends (Toronto's header ends in CRLF, its rows in LF) make the strict parser
  //    fail outright; those are read leniently, where extra fields are dropped instead of rejected.
  const surveySql = (strict: boolean) =>
    `CREATE TEMP TABLE ${survey} AS
     SELECT GROUPING_ID(method_detail, currency_src, sector_src) AS g, method_detail, currency_src, sector_src, count(*) AS n
     FROM (SELECT ${plain('method')} AS method_detail, ${c('currency') ?? 'NULL::VARCHAR'} AS currency_src, ${sectorCol ?? 'NULL::VARCHAR'} AS sector_src
           FROM ${readCsv(strict, true)})
     GROUP BY GROUPING SETS ((method_detail), (currency_src), (sector_src), ())`;
  let lenient = false;
  try {
    await engine.exec(surveySql(true));
  } catch (e) {
    if (!/invalid state/i.test(String((e as Error).message))) {
      await dropTemps();
      throw e;
    }
    lenient = true;
    await dropTemps();
    await engine.exec(surveySql(false)).catch(async (e2) => {
      await dropTemps();
      throw e2;
    });
  }
  const strict = !lenient;

  // The survey runs outside the transaction: a failed strict read would abort it.
  await engine.exec('BEGIN TRANSACTION');
  try {
    await removeDataset(engine, spec.datasetId);
    const accepted = await count(engine, `SELECT n FROM ${survey} WHERE g = 7`);
    // Methods, currencies, sectors: each distinct text read once (a handful, however many rows).
    await engine.exec(
      `CREATE TEMP TABLE ${methods} AS SELECT method_detail, ${methodCaseSql('method_detail', spec.methodValues)} AS method
       FROM ${survey} WHERE g = 3 AND method_detail IS NOT NULL`,
    );
    await engine.exec(
      `CREATE TEMP TABLE ${currencies} AS SELECT currency_src, ${currencyCodeSql(blankSql('currency_src'))} AS code
       FROM ${survey} WHERE g = 5 AND currency_src IS NOT NULL`,
    );
    await engine.exec(
      `CREATE TEMP TABLE ${sectors} AS SELECT sector_src, ${sectorSql(blankSql('sector_src'))} AS sector
       FROM ${survey} WHERE g = 6 AND sector_src IS NOT NULL`,
    );

    // Line numbers: the k-th accepted record (0-based) sits after `base` lines, k accepted
    // records and every rejected record DuckDB numbered before it. For the i-th rejected line
    // L_i, L_i - base - i accepted records precede it. A few rejects become a CASE; many an ASOF join.
    await engine.query(
      `INSERT INTO ingest_rejects SELECT ?, line, column_name, error_type || ': ' || error_message, csv_line FROM ${rej}`,
      [spec.datasetId],
    );
    const rejLines = await engine.query<{ before_n: number; n_rej: number }>(
      `SELECT before_n, max(n_rej) AS n_rej FROM (
         SELECT line - ${base} - row_number() OVER (ORDER BY line) AS before_n, row_number() OVER (ORDER BY line) AS n_rej
         FROM (SELECT DISTINCT line FROM ${rej})) GROUP BY before_n ORDER BY before_n DESC`,
    );
    const manyRejects = rejLines.length > 200;
    const shift = manyRejects
      ? 'coalesce(j.n_rej, 0)'
      : rejLines.length
        ? `CASE ${rejLines.map((r) => `WHEN ord0 >= ${Number(r.before_n)} THEN ${Number(r.n_rej)}`).join(' ')} ELSE 0 END`
        : '0';
    const rows = (
      strict: boolean,
    ) => `(SELECT r.*, CAST(${base} + 1 + r.ord0 + ${shift} AS INTEGER) AS source_row FROM (${cleaned(strict)}) r
       ${manyRejects ? `ASOF LEFT JOIN (SELECT before_n, n_rej FROM (${rejLines.map((r) => `SELECT ${Number(r.before_n)} AS before_n, ${Number(r.n_rej)} AS n_rej`).join(' UNION ALL ')})) j ON r.ord0 >= j.before_n` : ''})`;
    const okWhere = checks.length ? checks.map((k) => `bad_${k.field} IS NULL`).join(' AND ') : 'TRUE';

    // 2. Load: every record the reader accepts goes into `purchases`; one with a value that could not
    //    be typed is marked by a negative source_row, and taken out again in step 3 (inside this
    //    transaction, so nobody sees it).
    await engine.query(
      `INSERT INTO purchases BY NAME
       SELECT *, CASE WHEN currency = 'KZT' THEN amount END AS amount_kzt FROM (
       SELECT ? AS dataset_id, base_id AS purchase_id,
         CASE WHEN ${okWhere} THEN source_row ELSE -source_row END AS source_row,
         ${sectorOut} AS sector, buyer_id, buyer_name, supplier_id, supplier_name,
         mm.method, t.method_detail, ${competitiveSql('mm.method')} AS competitive,
         amount, coalesce(cu.code, t.currency_glued, ${colCur}, ${dflt}) AS currency,
         signed_date, tender_start, tender_end, n_bidders, item_code, item_name, unit, quantity,
         coalesce(unit_price, CASE WHEN quantity > 0 THEN CAST(amount AS DOUBLE) / quantity END) AS unit_price,
         region, status, supplier_registered
       FROM ${rows(strict)} t
       LEFT JOIN ${methods} mm ON mm.method_detail = t.method_detail
       LEFT JOIN ${currencies} cu ON cu.currency_src = t.currency_src
       LEFT JOIN ${sectors} se ON se.sector_src = t.sector_src)`,
      [spec.datasetId],
    );

    // 3. Values that could not be typed (none in a clean file): their text comes from a second
    //    read, only of those records, and their rows leave `purchases`.
    const bad = checks.length
      ? await count(engine, `SELECT count(*) AS n FROM purchases WHERE dataset_id = ? AND source_row < 0`, [spec.datasetId])
      : 0;
    if (bad > 0) {
      await engine.exec(
        `CREATE TEMP TABLE ${badRows} AS SELECT source_row, ${checks.map((k) => `bad_${k.field}`).join(', ')} FROM ${rows(strict)} WHERE NOT (${okWhere})`,
      );
      for (const k of checks) {
        await engine.query(
          `INSERT INTO ingest_rejects SELECT ?, source_row, ?, ?, bad_${k.field} FROM ${badRows} WHERE bad_${k.field} IS NOT NULL ORDER BY source_row`,
          [spec.datasetId, m[k.field] ?? k.field, k.reason],
        );
      }
      await engine.query(`DELETE FROM purchases WHERE dataset_id = ? AND source_row < 0`, [spec.datasetId]);
    }

    // 4. Ids are made unique within the dataset by suffixing repeats with #2, #3… in file order.
    //    Most files have unique ids: one grouping tells, and spares the update.
    const dupIds = await count(
      engine,
      `SELECT count(*) AS n FROM (SELECT purchase_id FROM purchases WHERE dataset_id = ? GROUP BY purchase_id HAVING count(*) > 1)`,
      [spec.datasetId],
    );
    if (dupIds > 0) {
      await engine.query(
        `UPDATE purchases SET purchase_id = purchases.purchase_id || '#' || s.rn
         FROM (SELECT rowid AS rid, row_number() OVER (PARTITION BY purchase_id ORDER BY source_row) AS rn
               FROM purchases WHERE dataset_id = ?
                 AND purchase_id IN (SELECT purchase_id FROM purchases WHERE dataset_id = ? GROUP BY purchase_id HAVING count(*) > 1)) s
         WHERE purchases.rowid = s.rid AND s.rn > 1`,
        [spec.datasetId, spec.datasetId],
      );
    }

    // Both follow from what is known already: the rejected lines (the largest n_rej) and the rows marked bad.
    const readerRejected = rejLines.length ? Number(rejLines[0].n_rej) : 0;
    const rowsImported = accepted - bad;
    const rowsRead = accepted + readerRejected;
    const rowsRejected = rowsRead - rowsImported;
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
    return { rowsRead, rowsImported, rowsRejected, lenient, ms: Math.round(performance.now() - t0) };
  } catch (e) {
    await engine.exec('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await dropTemps();
  }
}
