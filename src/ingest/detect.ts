/**
 * Detection for uploaded tabular files: what kind of file it is, its text encoding, the CSV
 * dialect, whether there is a header, and per column how numbers, dates and currencies are
 * written. Pure functions over bytes and strings; the results are suggestions the mapping
 * screen shows and the person can override.
 */

/** What an uploaded file looks like from its first bytes. */
export type FileKind = 'csv' | 'xlsx' | 'json' | 'binary' | 'empty';

/** Encodings TenderLens can decode (names as `TextDecoder` knows them). */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251' | 'ibm866' | 'koi8-r';

/** An encoding guess. `bom` tells whether a byte-order mark was found (and is to be skipped). */
export interface EncodingGuess {
  encoding: TextEncodingName;
  bom: boolean;
  /** For the single-byte Cyrillic encodings: scores of each candidate, best first (for the UI and tests). */
  scores?: { encoding: TextEncodingName; score: number }[];
}

/** A CSV dialect as `read_csv` wants it. */
export interface CsvDialect {
  delimiter: ',' | ';' | '\t' | '|';
  quote: '"' | "'";
  /**
   * What escapes a quote inside a quoted field: the quote itself (`""`, RFC 4180, the default)
   * or a backslash (`\"`, as R's and PHP's writers do).
   */
  escape?: '"' | '\\';
  /** True when the first (non-skipped) line holds column names. */
  header: boolean;
  /** Lines to skip before the header or the first data row. */
  skip: number;
}

/** How numbers are written in one column. */
export interface NumberFormat {
  decimal: '.' | ',';
  /** The grouping character seen, or null. Whitespace variants are always removed when cleaning. */
  thousands: ',' | '.' | ' ' | '\u00a0' | '\u202f' | "'" | null;
  /** True when the samples could not tell the decimal from the grouping separator (e.g. only `1,250`). */
  ambiguous: boolean;
}

/** How dates are written in one column; `format` is a DuckDB `strptime` format for the date part. */
export interface DateFormat {
  /**
   * `%y`: a two-digit year, read with {@link twoDigitYearPivot}. `excel`: Excel's serial day
   * numbers (days since 1899-12-30), as a sheet saved without date formatting writes them.
   */
  format:
    | '%d.%m.%Y'
    | '%Y-%m-%d'
    | '%d/%m/%Y'
    | '%m/%d/%Y'
    | '%d-%m-%Y'
    | '%Y/%m/%d'
    | '%Y.%m.%d'
    | '%d.%m.%y'
    | '%d/%m/%y'
    | '%m/%d/%y'
    | '%d-%m-%y'
    | 'excel';
  /** Some values carry a time after the date (it is dropped: the model stores dates). */
  hasTime: boolean;
  /** True when no sample had a day above 12, so d/m and m/d cannot be told apart. */
  ambiguous: boolean;
}

/** What the samples of one column look like. */
export interface ColumnFormat {
  /** Share of non-empty samples that parse as a number with `number`. */
  numeric: number;
  number: NumberFormat | null;
  date: DateFormat | null;
  /** ISO 4217 code of a currency written next to the amounts (`₸`, `тг`, `$`, `EUR`, …), or null. */
  currency: string | null;
}

/** Everything the mapping screen needs to know about a text file. */
export interface CsvDetection {
  encoding: EncodingGuess;
  dialect: CsvDialect;
  /** Column names: the header row, or column1…N. */
  headers: string[];
  /** Parsed sample rows after the header. */
  sampleRows: string[][];
  columns: ColumnFormat[];
}

// ---------------------------------------------------------------------------------------------
// File kind

/** Guesses what a file is from its first bytes (and its name as a tie-breaker). */
export function sniffFileKind(bytes: Uint8Array, fileName = ''): FileKind {
  if (bytes.length === 0) return 'empty';
  // A zip archive: xlsx (and docx/ods, which we cannot read either: the xlsx reader will say so).
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  const head = bytes.subarray(0, 8192);
  const bom = detectBom(head);
  if (bom && bom.encoding !== 'utf-8') return 'csv'; // UTF-16 text has NULs by design
  let start = bom ? 3 : 0;
  let nul = 0;
  let control = 0;
  for (let i = start; i < head.length; i++) {
    const b = head[i];
    if (b === 0) nul++;
    else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  const n = Math.max(1, head.length - start);
  if (nul > 0) {
    // UTF-16 without a BOM: every other byte is NUL for Latin text.
    if (utf16WithoutBom(head)) return 'csv';
    return 'binary';
  }
  if (control / n > 0.05) return 'binary';
  // Skip leading whitespace to see whether it is JSON.
  while (start < head.length && (head[start] === 0x20 || head[start] === 0x0a || head[start] === 0x0d || head[start] === 0x09))
    start++;
  if (head[start] === 0x5b || head[start] === 0x7b) return 'json';
  if (/\.json$/i.test(fileName) && start >= head.length) return 'empty';
  if (start >= head.length) return 'empty';
  return 'csv';
}

function detectBom(b: Uint8Array): EncodingGuess | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  return null;
}

function utf16WithoutBom(b: Uint8Array): TextEncodingName | null {
  const n = Math.min(b.length - (b.length % 2), 2048);
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenNul++;
    if (b[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul / pairs > 0.3 && evenNul / pairs < 0.05) return 'utf-16le';
  if (evenNul / pairs > 0.3 && oddNul / pairs < 0.05) return 'utf-16be';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Encoding

// Relative frequencies (per mille) of Russian letters, lower case. Used to score decodings.
const RU_FREQ: Record<string, number> = {
  о: 110,
  е: 85,
  а: 80,
  и: 74,
  н: 67,
  т: 63,
  с: 55,
  р: 47,
  в: 45,
  л: 44,
  к: 35,
  м: 32,
  д: 30,
  п: 28,
  у: 26,
  я: 20,
  ы: 19,
  ь: 17,
  г: 17,
  з: 16,
  б: 16,
  ч: 14,
  й: 12,
  х: 10,
  ж: 9,
  ш: 7,
  ю: 6,
  ц: 5,
  щ: 4,
  э: 3,
  ф: 3,
  ъ: 1,
  ё: 1,
};

/**
 * Scores how much a decoded text looks like Russian: frequent letters score high, uppercase
 * letters inside a lowercase word (the signature of KOI8-R read as Windows-1251 and vice versa)
 * and pseudo-graphics (CP866 read as anything else) score negative.
 */
export function cyrillicScore(text: string): number {
  let score = 0;
  let prevLower = false;
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const f = RU_FREQ[lower];
    if (f !== undefined) {
      const isUpper = ch !== lower;
      score += Math.log(f + 1);
      if (isUpper && prevLower) score -= 6;
      prevLower = !isUpper;
      continue;
    }
    prevLower = false;
    const c = ch.codePointAt(0)!;
    if (c >= 0x80 && !/[\p{L}\p{N}\s«»№–—’“”„…]/u.test(ch))
      score -= 4; // box drawing, symbols, C1 controls
    else if (c >= 0x80 && /\p{L}/u.test(ch)) score -= 2; // Latin-1 letters, Greek…: not Russian
  }
  return score;
}

/** Guesses the text encoding from the first bytes (pass at least a few KB). */
export function detectEncoding(bytes: Uint8Array): EncodingGuess {
  const bom = detectBom(bytes);
  if (bom) return bom;
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { encoding: utf16, bom: false };
  if (isValidUtf8(bytes)) return { encoding: 'utf-8', bom: false };
  const candidates: TextEncodingName[] = ['windows-1251', 'ibm866', 'koi8-r'];
  const sample = bytes.subarray(0, 65536);
  const scores = candidates
    .map((encoding) => ({ encoding, score: cyrillicScore(new TextDecoder(encoding).decode(sample)) }))
    .sort((a, b) => b.score - a.score);
  return { encoding: scores[0].encoding, bom: false, scores };
}

/** True when the bytes are valid UTF-8 (a sequence cut off at the very end of a sample is allowed). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  let end = bytes.length;
  // Drop a trailing incomplete multi-byte sequence: samples are cut at arbitrary bytes.
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = bytes[end - i];
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (i < need) end -= i;
    }
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** Decodes bytes to text with the given (or detected) encoding, without the byte-order mark. */
export function decodeText(bytes: Uint8Array, encoding?: TextEncodingName): { text: string; encoding: TextEncodingName } {
  const enc = encoding ?? detectEncoding(bytes).encoding;
  // TextDecoder drops a matching BOM itself (ignoreBOM defaults to false).
  return { text: new TextDecoder(enc).decode(bytes), encoding: enc };
}

/**
 * Re-encodes text bytes as UTF-8 without a BOM: DuckDB's CSV reader reads UTF-8, so files in
 * Windows-1251, CP866, KOI8-R or UTF-16 are converted before `engine.registerFile`.
 */
export function toUtf8(bytes: Uint8Array, encoding?: TextEncodingName): Uint8Array {
  return new TextEncoder().encode(decodeText(bytes, encoding).text);
}

// ---------------------------------------------------------------------------------------------
// CSV parsing of samples

/**
 * Parses CSV text into records, honouring quotes (doubled quotes escape a quote, quoted fields
 * may span lines). Meant for samples of a few hundred lines; DuckDB reads the whole file.
 * When `complete` is false the last record is dropped, since the sample may have cut it.
 */
export function parseCsvSample(text: string, delimiter: string, quote = '"', complete = true, escape = quote): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (inQuotes) {
      if (escape !== quote && ch === escape && (text[i + 1] === quote || text[i + 1] === escape)) {
        field += text[i + 1];
        i += 2;
        continue;
      }
      if (ch === quote) {
        if (text[i + 1] === quote) {
          field += quote;
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === quote && field === '') {
      inQuotes = true;
      i++;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\n' || ch === '\r') {
      row.push(field);
      field = '';
      if (!(row.length === 1 && row[0] === '')) rows.push(row); // blank lines are skipped, as DuckDB does
      row = [];
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (!complete) return rows;
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const DELIMITERS: CsvDialect['delimiter'][] = [',', ';', '\t', '|'];

/**
 * Picks the delimiter whose field counts are most consistent over the sample lines (quotes
 * honoured), preferring more columns on a tie. A file with one column gets `,`.
 */
export function detectDelimiter(text: string, complete = true): CsvDialect['delimiter'] {
  let best: { d: CsvDialect['delimiter']; score: number; cols: number } = { d: ',', score: -1, cols: 1 };
  for (const d of DELIMITERS) {
    const rows = parseCsvSample(text, d, detectQuote(text, d), complete).slice(0, 200);
    if (rows.length === 0) continue;
    const counts = new Map<number, number>();
    for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let mode = 1;
    let modeN = 0;
    for (const [c, k] of counts) if (k > modeN || (k === modeN && c > mode)) [mode, modeN] = [c, k];
    if (mode < 2) continue;
    const score = modeN / rows.length;
    if (score > best.score + 1e-9 || (Math.abs(score - best.score) < 1e-9 && mode > best.cols)) best = { d, score, cols: mode };
  }
  return best.d;
}

/** `'` is the quote only when it wraps fields (right after a delimiter or line start) more often than `"`. */
export function detectQuote(text: string, delimiter: string): CsvDialect['quote'] {
  const esc = delimiter === '|' ? '\\|' : delimiter === '\t' ? '\\t' : delimiter;
  const count = (q: string) =>
    (text.slice(0, 65536).match(new RegExp(`(^|${esc}|\\n)${q}[^${q}\\n]*${q}(?=${esc}|\\r?\\n|$)`, 'g')) ?? []).length;
  return count("'") > count('"') ? "'" : '"';
}

/**
 * A backslash escapes quotes when `\"` occurs inside quoted fields (not closing them) more often
 * than a doubled quote does: R's and PHP's CSV writers escape that way.
 */
export function detectEscape(text: string, delimiter: string, quote: string): NonNullable<CsvDialect['escape']> {
  const sample = text.slice(0, 65536);
  const q = quote === "'" ? "'" : '"';
  const d = delimiter === '|' ? '\\|' : delimiter === '\t' ? '\\t' : delimiter;
  const backslashed = (sample.match(new RegExp(`\\\\${q}(?!${d}|\\r?\\n|$)`, 'g')) ?? []).length;
  const doubled = (sample.match(new RegExp(`[^${d}\\n\\\\]${q}${q}(?!${q})`, 'g')) ?? []).length;
  return backslashed > doubled ? '\\' : '"';
}

// ---------------------------------------------------------------------------------------------
// Values: numbers, currencies, dates

/** Currency tokens as written next to amounts, with their ISO codes ('' = a sign that names no currency). Lower case; longest first. */
export const CURRENCY_TOKENS: readonly (readonly [token: string, code: string])[] = [
  ['тенге', 'KZT'],
  ['теңге', 'KZT'],
  ['kzt', 'KZT'],
  ['тг.', 'KZT'],
  ['тг', 'KZT'],
  ['₸', 'KZT'],
  ['usd', 'USD'],
  ['us$', 'USD'],
  // A bare `$` is stripped but names no currency: Toronto's `$` are Canadian dollars.
  ['$', ''],
  ['eur', 'EUR'],
  ['€', 'EUR'],
  ['руб.', 'RUB'],
  ['руб', 'RUB'],
  ['rub', 'RUB'],
  ['₽', 'RUB'],
  ['cad', 'CAD'],
];

const CURRENCY_RE = new RegExp(`(${CURRENCY_TOKENS.map(([t]) => t.replace(/[.$]/g, (c) => `\\${c}`)).join('|')})`, 'i');

/** Splits a currency token glued to an amount: `'1 250 000,00 ₸'` → `{ number: '1 250 000,00', currency: 'KZT' }`. */
export function splitCurrency(value: string): { number: string; currency: string | null } {
  const v = value.trim();
  const m = v.match(new RegExp(`^${CURRENCY_RE.source}\\s*(.*?)$|^(.*?)\\s*${CURRENCY_RE.source}$`, 'i'));
  if (!m) return { number: v, currency: null };
  const token = (m[1] ?? m[4]).toLowerCase();
  const number = (m[2] ?? m[3]).trim();
  if (!/\d/.test(number)) return { number: v, currency: null };
  const code = CURRENCY_TOKENS.find(([t]) => t === token)?.[1] || null;
  return { number, currency: code };
}

const SPACES = /[\s\u00a0\u202f\u2009]/g;
/** The exponent of a number in scientific notation: it says nothing of the decimal or grouping characters. */
const EXPONENT = /(?<=\d)[eE][+-]?\d{1,3}$/;

/**
 * Parses one number with a given format (the same rules the SQL cleaner applies): currency
 * removed, every kind of space and apostrophes removed, the grouping character removed, the
 * decimal comma turned into a dot. Returns null when what is left is not a number.
 */
export function parseNumber(value: string, fmt: Pick<NumberFormat, 'decimal' | 'thousands'>): number | null {
  let v = splitCurrency(value).number.replace(SPACES, '').replace(/['’]/g, '');
  if (fmt.thousands === ',' || fmt.thousands === '.') v = v.split(fmt.thousands).join('');
  // Unmistakable grouping (groups of exactly three digits) is removed even when not declared.
  const [group, dec] = fmt.decimal === ',' ? ['.', ','] : [',', '.'];
  if (new RegExp(`^[+-]?\\d{1,3}(\\${group}\\d{3})+(\\${dec}\\d*)?$`).test(v)) v = v.split(group).join('');
  if (fmt.decimal === ',') v = v.replace(',', '.');
  // Scientific notation (`6e+05`, `6,5E+05`), as spreadsheets write large numbers, in any decimal style.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?$/.test(v)) return null;
  return Number(v);
}

/** Decides the decimal and grouping characters of a column from its sample values. */
export function detectNumberFormat(values: readonly string[]): NumberFormat | null {
  const nums = values
    .map((v) => splitCurrency(v).number.replace(EXPONENT, ''))
    .filter((v) => v !== '' && /\d/.test(v) && /^[+-]?[\d\s\u00a0\u202f\u2009,.'’]+$/.test(v));
  if (nums.length === 0) return null;
  let spaceSep: NumberFormat['thousands'] = null;
  let apostrophe = false;
  let decimalComma = 0; // evidence for ',' as decimal
  let decimalDot = 0;
  let groupComma = 0; // evidence for ',' as grouping
  let groupDot = 0;
  let onlyThreeAfterComma = 0;
  let onlyThreeAfterDot = 0;
  for (const raw of nums) {
    if (/\d[\u00a0]\d/.test(raw)) spaceSep = '\u00a0';
    else if (/\d[\u202f]\d/.test(raw)) spaceSep ??= '\u202f';
    else if (/\d \d/.test(raw)) spaceSep ??= ' ';
    if (/\d['’]\d/.test(raw)) apostrophe = true;
    const v = raw.replace(SPACES, '').replace(/['’]/g, '');
    const lastComma = v.lastIndexOf(',');
    const lastDot = v.lastIndexOf('.');
    if (lastComma >= 0 && lastDot >= 0) {
      if (lastComma > lastDot) {
        decimalComma++;
        groupDot++;
      } else {
        decimalDot++;
        groupComma++;
      }
      continue;
    }
    const commas = v.split(',').length - 1;
    const dots = v.split('.').length - 1;
    if (commas > 1) groupComma++;
    else if (commas === 1) {
      if (/,\d{3}$/.test(v) && !/^[+-]?0,/.test(v)) onlyThreeAfterComma++;
      else decimalComma++;
    }
    if (dots > 1) groupDot++;
    else if (dots === 1) {
      if (/\.\d{3}$/.test(v) && !/^[+-]?0\./.test(v)) onlyThreeAfterDot++;
      else decimalDot++;
    }
  }
  let decimal: NumberFormat['decimal'];
  let thousands: NumberFormat['thousands'] = spaceSep ?? (apostrophe ? "'" : null);
  let ambiguous = false;
  // Majority of the evidence, so a few garbled values (`3501.872.63`) do not flip a column.
  const commaDecimal = decimalComma + groupDot;
  const dotDecimal = decimalDot + groupComma;
  if (commaDecimal > 0 && commaDecimal > dotDecimal) {
    decimal = ',';
    if (groupDot > 0 || onlyThreeAfterDot > 0) thousands = '.';
  } else if (dotDecimal > 0) {
    decimal = '.';
    if (groupComma > 0 || onlyThreeAfterComma > 0) thousands = ',';
  } else if (onlyThreeAfterComma > 0) {
    // Only values like 1,250: amounts rarely carry three decimals, so read the comma as grouping.
    decimal = '.';
    thousands = ',';
    ambiguous = true;
  } else if (onlyThreeAfterDot > 0) {
    decimal = '.';
    ambiguous = true;
  } else decimal = '.';
  return { decimal, thousands, ambiguous };
}

/** The most common currency glued to the sample values, or null. */
export function detectCurrency(values: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) {
    const c = splitCurrency(v).currency;
    if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best: string | null = null;
  let n = 0;
  for (const [c, k] of counts) if (k > n) [best, n] = [c, k];
  return best;
}

const DATE_PATTERNS: {
  re: RegExp;
  kind: 'dmy.' | 'ymd-' | 'slash' | 'dmy-' | 'ymd/' | 'ymd.' | 'dmy.y' | 'slash-y' | 'dmy-y';
}[] = [
  { re: /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}.*)?$/, kind: 'ymd-' },
  { re: /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T]\d{1,2}:\d{2}.*)?$/, kind: 'dmy.' },
  { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]\d{1,2}:\d{2}.*)?$/, kind: 'slash' },
  { re: /^(\d{1,2})-(\d{1,2})-(\d{4})(?:[ T]\d{1,2}:\d{2}.*)?$/, kind: 'dmy-' },
  { re: /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[ T]\d{1,2}:\d{2}.*)?$/, kind: 'ymd/' },
  { re: /^(\d{4})\.(\d{1,2})\.(\d{1,2})(?:[ T]\d{1,2}:\d{2}.*)?$/, kind: 'ymd.' },
  // Two-digit years (`15.05.15`): read with the stated pivot, and the dialog says so.
  { re: /^(\d{1,2})\.(\d{1,2})\.(\d{2})(?:[ T]\d{1,2}:\d{2}.*)?$/, kind: 'dmy.y' },
  { re: /^(\d{1,2})\/(\d{1,2})\/(\d{2})(?:[ T]\d{1,2}:\d{2}.*)?$/, kind: 'slash-y' },
  { re: /^(\d{1,2})-(\d{1,2})-(\d{2})(?:[ T]\d{1,2}:\d{2}.*)?$/, kind: 'dmy-y' },
];

/**
 * Two-digit years up to this one are read as 20yy, later ones as 19yy: next year's two digits,
 * so `15.05.15` is 2015 and `03.02.98` is 1998.
 */
export function twoDigitYearPivot(now = new Date()): number {
  return (now.getUTCFullYear() + 1) % 100;
}

/** True when `format` writes the year with two digits. */
export function isTwoDigitYear(format: DateFormat['format'] | undefined): boolean {
  return format !== undefined && format.endsWith('%y');
}

/** Excel serial day numbers of 1990-01-01 and 2099-12-31: an integer column in this range mapped to a date may be serial dates. */
export const EXCEL_SERIAL_RANGE = [32874, 73415] as const;

/** True when every value is an Excel serial day number (an integer, or a fraction for the time of day) in the plausible range. */
export function looksLikeExcelSerial(values: readonly string[]): boolean {
  const vs = values.map((v) => v.trim()).filter((v) => v !== '');
  return (
    vs.length > 0 &&
    vs.every((v) => /^\d{5}(\.\d+)?$/.test(v) && Number(v) >= EXCEL_SERIAL_RANGE[0] && Number(v) <= EXCEL_SERIAL_RANGE[1])
  );
}

/**
 * Decides a column's date format from samples. Slash dates are day-first unless a value has a
 * month slot above 12 (then month-first); when no value has a number above 12 in either slot,
 * `ambiguous` is true and day-first is suggested (the convention in Kazakhstan and Europe).
 */
export function detectDateFormat(values: readonly string[]): DateFormat | null {
  const vs = values.map((v) => v.trim()).filter((v) => v !== '');
  if (vs.length === 0) return null;
  const kinds = new Map<string, number>();
  let hasTime = false;
  let firstOver12 = false;
  let secondOver12 = false;
  let matched = 0;
  for (const v of vs) {
    const p = DATE_PATTERNS.find((d) => d.re.test(v));
    if (!p) continue;
    matched++;
    kinds.set(p.kind, (kinds.get(p.kind) ?? 0) + 1);
    if (/[ T]\d{1,2}:\d{2}/.test(v)) hasTime = true;
    if (p.kind === 'slash' || p.kind === 'slash-y') {
      const m = v.match(p.re)!;
      if (Number(m[1]) > 12) firstOver12 = true;
      if (Number(m[2]) > 12) secondOver12 = true;
    }
  }
  if (matched / vs.length < 0.8) return null;
  const kind = [...kinds.entries()].sort((a, b) => b[1] - a[1])[0][0];
  switch (kind) {
    case 'ymd-':
      return { format: '%Y-%m-%d', hasTime, ambiguous: false };
    case 'dmy.':
      return { format: '%d.%m.%Y', hasTime, ambiguous: false };
    case 'dmy-':
      return { format: '%d-%m-%Y', hasTime, ambiguous: false };
    case 'ymd/':
      return { format: '%Y/%m/%d', hasTime, ambiguous: false };
    case 'ymd.':
      return { format: '%Y.%m.%d', hasTime, ambiguous: false };
    case 'dmy.y':
      return { format: '%d.%m.%y', hasTime, ambiguous: false };
    case 'dmy-y':
      return { format: '%d-%m-%y', hasTime, ambiguous: false };
    case 'slash-y':
      if (secondOver12 && !firstOver12) return { format: '%m/%d/%y', hasTime, ambiguous: false };
      return { format: '%d/%m/%y', hasTime, ambiguous: !firstOver12 };
    default:
      if (firstOver12 && !secondOver12) return { format: '%d/%m/%Y', hasTime, ambiguous: false };
      if (secondOver12 && !firstOver12) return { format: '%m/%d/%Y', hasTime, ambiguous: false };
      // Neither (can't tell) or both (mixed formats: a person must look).
      return { format: '%d/%m/%Y', hasTime, ambiguous: true };
  }
}

/** Describes one column from its sample values. */
export function detectColumnFormat(values: readonly string[]): ColumnFormat {
  const nonEmpty = values.map((v) => v.trim()).filter((v) => v !== '');
  const date = detectDateFormat(nonEmpty);
  const number = date ? null : detectNumberFormat(nonEmpty);
  const numeric =
    number && nonEmpty.length ? nonEmpty.filter((v) => parseNumber(v, number) !== null).length / nonEmpty.length : 0;
  return { numeric, number: numeric >= 0.8 ? number : null, date, currency: numeric >= 0.8 ? detectCurrency(nonEmpty) : null };
}

// ---------------------------------------------------------------------------------------------
// Header

function looksTyped(v: string): boolean {
  const t = v.trim();
  if (t === '') return false;
  if (DATE_PATTERNS.some((d) => d.re.test(t))) return true;
  return (
    parseNumber(t, { decimal: t.includes(',') && !t.includes('.') ? ',' : '.', thousands: null }) !== null ||
    parseNumber(t, { decimal: '.', thousands: ',' }) !== null
  );
}

/**
 * True when the first row holds column names: none of its cells is a number or a date, and
 * either some column below it is mostly numbers/dates, or each of its cells differs from every
 * value below it in that column.
 */
export function detectHeader(rows: readonly string[][]): boolean {
  if (rows.length === 0) return false;
  const [first, ...rest] = rows;
  if (first.some((c) => looksTyped(c))) return false;
  if (first.some((c) => c.trim() === '') && first.filter((c) => c.trim() === '').length > first.length / 2) return false;
  // A copy of the first row further down (exports that repeat the header per page) is ignored.
  const key = first.map((c) => c.trim()).join('\u0001');
  const data = rest.filter((r) => r.map((c) => c.trim()).join('\u0001') !== key);
  if (data.length === 0) return true;
  for (let c = 0; c < first.length; c++) {
    const below = data.map((r) => r[c] ?? '').filter((v) => v.trim() !== '');
    if (below.length && below.filter(looksTyped).length / below.length >= 0.8) return true;
  }
  for (let c = 0; c < first.length; c++) {
    if (data.some((r) => (r[c] ?? '').trim() === first[c].trim())) return false;
  }
  return true;
}

/** Column names for a file without a header: column1…N (the names DuckDB-free code and the UI share). */
export function defaultColumnNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `column${i + 1}`);
}

/**
 * Runs every detection on the first bytes of a text file (pass 64 KB or so; `complete` says
 * whether these are the whole file).
 */
export function detectCsv(bytes: Uint8Array, complete = true, sampleRows = 200): CsvDetection {
  const encoding = detectEncoding(bytes);
  const { text } = decodeText(bytes, encoding.encoding);
  const delimiter = detectDelimiter(text, complete);
  const quote = detectQuote(text, delimiter);
  const escape = detectEscape(text, delimiter, quote);
  const rows = parseCsvSample(text, delimiter, quote, complete, escape).slice(0, sampleRows + 1);
  const header = detectHeader(rows);
  const width = Math.max(0, ...rows.map((r) => r.length));
  const headers = header ? rows[0].map((h, i) => h.trim() || `column${i + 1}`) : defaultColumnNames(width);
  const data = header ? rows.slice(1) : rows;
  const columns = headers.map((_, c) => detectColumnFormat(data.map((r) => r[c] ?? '')));
  return { encoding, dialect: { delimiter, quote, escape, header, skip: 0 }, headers, sampleRows: data, columns };
}
