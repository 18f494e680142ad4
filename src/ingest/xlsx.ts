/**
 * .xlsx import: a sheet becomes UTF-8 CSV text, which then takes the same path as an uploaded
 * CSV (detect → map → `loadCsv`). Read within bounds (`xlsx/limits.ts`): the zip through fflate,
 * inflating only the parts needed and refusing oversized ones before inflating; the sheet XML
 * scanned by our own code into its filled cells, so a stray cell at XFD1048576 costs one cell,
 * not a 16 384 × 1 048 576 grid (read-excel-file, which this replaces, expanded that grid).
 * Plain functions on bytes: the browser runs them in a Web Worker (`xlsx.worker.ts`), the
 * command line and tests call them directly.
 */
import type { CsvDialect } from './detect';
import { detectHeader } from './detect';
import { IngestError } from './errors';
import { columnLetters, readCells } from './xlsx/cells';
import { XLSX_LIMITS } from './xlsx/limits';
import { readSharedStrings } from './xlsx/sharedStrings';
import { usedRange } from './xlsx/usedRange';
import { readDateStyles, readWorkbook, relsPathOf, workbookPath } from './xlsx/workbook';
import { notAWorkbook, readParts } from './xlsx/zip';

/** An .xlsx file's bytes (or a Blob/File in the browser). */
export type XlsxInput = Blob | ArrayBuffer | Uint8Array;

async function toBytes(input: XlsxInput): Promise<Uint8Array> {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  return new Uint8Array(await input.arrayBuffer());
}

function openWorkbook(bytes: Uint8Array, fileName: string) {
  const root = readParts(bytes, ['_rels/.rels'], fileName).get('_rels/.rels');
  const wbPath = workbookPath(root);
  const stylesPath = wbPath.replace(/[^/]*$/, 'styles.xml');
  const sharedPath = wbPath.replace(/[^/]*$/, 'sharedStrings.xml');
  const parts = readParts(bytes, [wbPath, relsPathOf(wbPath), stylesPath], fileName);
  const wbXml = parts.get(wbPath);
  if (!wbXml) throw notAWorkbook(fileName);
  const wb = readWorkbook(wbXml, parts.get(relsPathOf(wbPath)), wbPath);
  if (wb.sheets.length === 0) throw notAWorkbook(fileName);
  return { ...wb, dateStyles: readDateStyles(parts.get(stylesPath)), sharedPath };
}

/** Names of the workbook's sheets, in order (reads only the workbook part). */
export async function listSheets(input: XlsxInput, fileName = 'workbook.xlsx'): Promise<string[]> {
  return openWorkbook(await toBytes(input), fileName).sheets.map((s) => s.name);
}

/** Serialises rows as RFC 4180 CSV (comma, `"` quotes, CRLF) for the loader, quoting only where needed. */
export function rowsToCsv(rows: readonly (readonly string[])[]): string {
  const q = (s: string) => (/[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  let out = '';
  for (const r of rows) out += r.map(q).join(',') + '\r\n';
  return out;
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
  /** What the reader set aside, in sentences for the person importing (e.g. stray far-away cells). */
  notices: string[];
}

/** Reads one sheet (1-based number or name; default the first) as rows of text cells, within the limits. */
export async function readSheetRows(
  input: XlsxInput,
  sheet: number | string = 1,
  fileName = 'workbook.xlsx',
): Promise<{ sheets: string[]; sheet: string; rows: string[][]; notices: string[] }> {
  const bytes = await toBytes(input);
  const wb = openWorkbook(bytes, fileName);
  const names = wb.sheets.map((s) => s.name);
  const idx = typeof sheet === 'number' ? sheet - 1 : names.indexOf(sheet);
  if (idx < 0 || idx >= names.length)
    throw new IngestError('unsupported', `“${fileName}” has no sheet “${sheet}”. Its sheets are: ${names.join(', ')}.`);
  const ref = wb.sheets[idx];
  const parts = readParts(bytes, [ref.path, wb.sharedPath], fileName);
  const sheetXml = parts.get(ref.path);
  if (!sheetXml) throw notAWorkbook(fileName);
  const shared = readSharedStrings(parts.get(wb.sharedPath), fileName);
  parts.clear();
  const cells = readCells(sheetXml, { shared, dateStyles: wb.dateStyles, date1904: wb.date1904, fileName });
  return { sheets: names, sheet: ref.name, ...tableOf(cells, `${fileName} › ${ref.name}`) };
}

/** The filled cells as a table of rows (empty rows dropped), stray cells set aside with a notice. */
function tableOf(cells: ReturnType<typeof readCells>, where: string): { rows: string[][]; notices: string[] } {
  const range = usedRange(cells.rows, cells.cols);
  if (!range) return { rows: [], notices: [] };
  const width = range.cols.hi - range.cols.lo + 1;
  if (width > XLSX_LIMITS.columns)
    throw new IngestError(
      'too_large',
      `“${where}” has a table ${width.toLocaleString('en')} columns wide; the most a sheet may have here is ${XLSX_LIMITS.columns.toLocaleString('en')}. Delete the columns you do not need, or save the sheet as CSV.`,
    );
  const height = range.rows.hi - range.rows.lo + 1;
  if (height * width > XLSX_LIMITS.area)
    throw new IngestError(
      'too_large',
      `“${where}” spans ${height.toLocaleString('en')} rows × ${width.toLocaleString('en')} columns, more than the ${XLSX_LIMITS.area.toLocaleString('en')} cells a sheet may span here. Save the sheet as CSV (File › Save As › CSV UTF-8) and import that.`,
    );
  const stray = new Set(range.stray);
  const byRow = new Map<number, string[]>();
  for (let i = 0; i < cells.texts.length; i++) {
    if (stray.has(i)) continue;
    let row = byRow.get(cells.rows[i]);
    if (!row) byRow.set(cells.rows[i], (row = new Array<string>(width).fill('')));
    row[cells.cols[i] - range.cols.lo] = cells.texts[i];
  }
  const rows = Array.from(byRow.keys())
    .sort((a, b) => a - b)
    .map((r) => byRow.get(r)!);
  const notices: string[] = [];
  if (stray.size > 0) {
    const first = range.stray[0];
    notices.push(
      `${stray.size.toLocaleString('en')} cell${stray.size === 1 ? '' : 's'} far from the table in “${where}” (the first at ${columnLetters(cells.cols[first])}${cells.rows[first] + 1}) ${stray.size === 1 ? 'was' : 'were'} left out; the table is ${columnLetters(range.cols.lo)}${range.rows.lo + 1}:${columnLetters(range.cols.hi)}${range.rows.hi + 1}.`,
    );
  }
  return { rows, notices };
}

/**
 * Converts a sheet of an .xlsx workbook to UTF-8 CSV: the sheet's table (its densest block of
 * filled cells), every record as wide as the table, empty rows dropped.
 */
export async function xlsxToCsv(input: XlsxInput, sheet: number | string = 1, fileName = 'workbook.xlsx'): Promise<XlsxAsCsv> {
  const read = await readSheetRows(input, sheet, fileName);
  if (read.rows.length === 0) throw IngestError.empty(`${fileName} › ${read.sheet}`);
  return {
    sheets: read.sheets,
    sheet: read.sheet,
    csv: new TextEncoder().encode(rowsToCsv(read.rows)),
    dialect: { delimiter: ',', quote: '"', header: detectHeader(read.rows.slice(0, 200)), skip: 0 },
    rows: read.rows.length,
    notices: read.notices,
  };
}
