/**
 * .xlsx import: a sheet becomes UTF-8 CSV text, which then takes the same path as an uploaded
 * CSV (detect → map → `loadCsv`). Uses read-excel-file's universal entry (Blob or ArrayBuffer in,
 * no DOM, no Node APIs), so the browser can call it from a Web Worker and the tests from Node.
 */
import readXlsxFile, { readSheet } from 'read-excel-file/universal';
import type { CsvDialect } from './detect';
import { detectHeader } from './detect';
import { IngestError } from './errors';

/** An .xlsx file's bytes (or a Blob/File in the browser). */
export type XlsxInput = Blob | ArrayBuffer | Uint8Array;

function toInput(input: XlsxInput): Blob | ArrayBuffer {
  if (input instanceof Uint8Array)
    return input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength) as ArrayBuffer;
  return input;
}

async function guard<T>(fileName: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof IngestError) throw e;
    throw new IngestError(
      'unsupported',
      `“${fileName}” could not be read as an Excel .xlsx workbook. Save it again from Excel or LibreOffice as .xlsx, or as CSV.`,
      String((e as Error)?.message ?? e),
    );
  }
}

/** Names of the workbook's sheets, in order. (read-excel-file reads all sheets to list them.) */
export async function listSheets(input: XlsxInput, fileName = 'workbook.xlsx'): Promise<string[]> {
  return guard(fileName, async () => (await readXlsxFile(toInput(input))).map((s) => s.sheet));
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** One cell as text: dates as `YYYY-MM-DD` (with ` HH:MM:SS` when the time is not midnight), numbers as JS writes them (dot decimal, no grouping). */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    // read-excel-file builds dates in UTC from Excel's serial numbers.
    const d = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    const h = v.getUTCHours();
    const mi = v.getUTCMinutes();
    const s = v.getUTCSeconds();
    return h || mi || s ? `${d} ${pad(h)}:${pad(mi)}:${pad(s)}` : d;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return String(v);
}

/** Reads one sheet (1-based number or name; default the first) as rows of text cells. */
export async function readSheetRows(
  input: XlsxInput,
  sheet: number | string = 1,
  fileName = 'workbook.xlsx',
): Promise<string[][]> {
  const data = await guard(fileName, () => readSheet(toInput(input), sheet));
  return data.map((row) => row.map(cellText));
}

/** Serialises rows as RFC 4180 CSV (comma, `"` quotes, CRLF), quoting only where needed. */
export function rowsToCsv(rows: readonly (readonly string[])[]): string {
  const q = (s: string) => (/[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  return rows.map((r) => r.map(q).join(',')).join('\r\n') + (rows.length ? '\r\n' : '');
}

/** A sheet turned into CSV, ready for `engine.registerFile` and `loadCsv`. */
export interface XlsxAsCsv {
  sheets: string[];
  sheet: string;
  /** UTF-8 CSV bytes. */
  csv: Uint8Array;
  /** The dialect of `csv` (comma, `"`, header detected from the sheet). */
  dialect: CsvDialect;
  rows: number;
}

/**
 * Converts a sheet of an .xlsx workbook to UTF-8 CSV. Rows are padded to the widest row so every
 * record has the same number of fields; blank trailing rows are dropped.
 */
export async function xlsxToCsv(input: XlsxInput, sheet: number | string = 1, fileName = 'workbook.xlsx'): Promise<XlsxAsCsv> {
  const all = await guard(fileName, () => readXlsxFile(toInput(input)));
  const sheets = all.map((s) => s.sheet);
  const idx = typeof sheet === 'number' ? sheet - 1 : sheets.indexOf(sheet);
  if (idx < 0 || idx >= all.length)
    throw new IngestError('unsupported', `“${fileName}” has no sheet “${sheet}”. Its sheets are: ${sheets.join(', ')}.`);
  let rows = all[idx].data.map((r) => r.map(cellText));
  while (rows.length && rows[rows.length - 1].every((c) => c === '')) rows = rows.slice(0, -1);
  if (rows.length === 0) throw IngestError.empty(`${fileName} › ${sheets[idx]}`);
  const width = Math.max(...rows.map((r) => r.length));
  rows = rows.map((r) => (r.length < width ? [...r, ...Array<string>(width - r.length).fill('')] : r));
  return {
    sheets,
    sheet: sheets[idx],
    csv: new TextEncoder().encode(rowsToCsv(rows)),
    dialect: { delimiter: ',', quote: '"', header: detectHeader(rows.slice(0, 200)), skip: 0 },
    rows: rows.length,
  };
}
