/**
 * The one CSV writer for everything a person downloads or pipes out (chart data, rejects,
 * `tenderlens flags --format csv`). Two duties beyond RFC 4180 quoting:
 *
 * - Formula safety (OWASP "CSV injection"): a spreadsheet runs a text cell that starts with
 *   `=`, `+`, `-` or `@` as a formula (`=HYPERLINK(…)`, `=cmd|' /C calc'!A0`), and a leading tab
 *   or CR can hide such a start. Those text cells get a leading `'`, which Excel and LibreOffice
 *   read as "this is text". Numbers are written as numbers: `-5` as a number is no formula.
 * - Excel-friendliness: a UTF-8 byte-order mark by default, without which Excel reads UTF-8 as
 *   the local code page and garbles Cyrillic.
 *
 * Not for CSV that DuckDB loads (`src/engine/recordsCsv.ts`): a prefix there would change the
 * data and a BOM would be read as part of the first cell.
 */

/** The UTF-8 byte-order mark as a string: Excel's sign that a CSV is UTF-8. */
export const UTF8_BOM = '\ufeff';

/** First characters that make a spreadsheet treat a text cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Characters that force RFC 4180 quoting. */
const NEEDS_QUOTES = /[",\r\n]/;

export interface CsvOptions {
  /** Start with a UTF-8 BOM (default true). */
  bom?: boolean;
  /** Line ending after each record (default `\r\n`, as RFC 4180). */
  eol?: '\r\n' | '\n';
}

/** A text cell as a spreadsheet will read it safely: a leading `'` when it would start a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One value as a CSV field: formula-safe, quoted as RFC 4180 when needed. */
export function csvCell(value: unknown): string {
  const text = cellText(value);
  if (text === null) return '';
  const safe = text.kind === 'verbatim' ? text.text : neutraliseFormula(text.text);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows of values as CSV text; each row ends with `eol`, the text starts with a BOM unless `bom: false`. */
export function toCsv(rows: readonly (readonly unknown[])[], options: CsvOptions = {}): string {
  const eol = options.eol ?? '\r\n';
  let out = options.bom === false ? '' : UTF8_BOM;
  for (const row of rows) out += csvRecord(row) + eol;
  return out;
}

/** Objects as CSV with their keys (those of the first object) as the header row. */
export function recordsToCsvText(records: readonly Record<string, unknown>[], options: CsvOptions = {}): string {
  if (records.length === 0) return options.bom === false ? '' : UTF8_BOM;
  const headers = Object.keys(records[0]);
  return toCsv([headers, ...records.map((r) => headers.map((h) => r[h]))], options);
}

function csvRecord(row: readonly unknown[]): string {
  // A record of one empty field would be an empty line, which readers skip: quote it.
  if (row.length === 0 || (row.length === 1 && csvCell(row[0]) === '')) return '""';
  return row.map(csvCell).join(',');
}

type CellText = { kind: 'verbatim' | 'text'; text: string } | null;

function cellText(value: unknown): CellText {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'verbatim', text: String(value) } : null;
  if (typeof value === 'bigint') return { kind: 'verbatim', text: value.toString() };
  if (typeof value === 'boolean') return { kind: 'verbatim', text: value ? 'true' : 'false' };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : { kind: 'text', text: value.toISOString() };
  if (typeof value === 'string') return { kind: 'text', text: value };
  return { kind: 'text', text: JSON.stringify(value) ?? String(value) };
}
