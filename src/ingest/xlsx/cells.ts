/**
 * A worksheet's XML scanned into its filled cells only, slice by slice: memory follows what the
 * sheet holds, never its nominal size (one cell at XFD1048576 is one cell, not 17 billion).
 * No recursion and no spread over rows or cells anywhere.
 */
import { IngestError } from '../errors';
import { XLSX_LIMITS } from './limits';
import { runsText } from './sharedStrings';
import { attr, decodeXmlText, forEachSlice } from './xml';

/** Filled cells as parallel arrays (0-based row and column, text). */
export interface SparseCells {
  rows: number[];
  cols: number[];
  texts: string[];
}

export interface CellContext {
  shared: readonly string[];
  dateStyles: readonly boolean[];
  date1904: boolean;
  fileName: string;
}

const OPEN = /<(?:[\w.-]+:)?(row|c)\b([^>]*?)(\/?)>/g;
const CLOSE_C = /<\/(?:[\w.-]+:)?c>/g;
const V = /<(?:[\w.-]+:)?v\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?v>/;
const IS = /<(?:[\w.-]+:)?is\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?is>/;
const REF = /^([A-Za-z]{1,3})(\d{1,7})$/;

/** Column letters (A, Z, AA, XFD) as a 0-based index. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A 0-based column index as letters. */
export function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Every filled cell of a sheet. */
export function readCells(sheetXml: Uint8Array, ctx: CellContext): SparseCells {
  const out: SparseCells = { rows: [], cols: [], texts: [] };
  let row = -1;
  let col = -1;
  forEachSlice(sheetXml, 'row', (xml) => {
    OPEN.lastIndex = 0;
    for (let m = OPEN.exec(xml); m; m = OPEN.exec(xml)) {
      const [, tag, attrs, selfClosing] = m;
      if (tag === 'row') {
        const r = Number(attr(attrs, 'r'));
        row = Number.isInteger(r) && r > 0 ? r - 1 : row + 1;
        col = -1;
        continue;
      }
      const ref = REF.exec(attr(attrs, 'r') ?? '');
      if (ref) {
        col = columnIndex(ref[1]);
        row = Number(ref[2]) - 1;
      } else col++;
      if (selfClosing) continue;
      CLOSE_C.lastIndex = OPEN.lastIndex;
      const close = CLOSE_C.exec(xml);
      const inner = xml.slice(OPEN.lastIndex, close ? close.index : xml.length);
      OPEN.lastIndex = close ? CLOSE_C.lastIndex : xml.length;
      const text = cellValue(attrs, inner, ctx);
      if (text === '') continue;
      if (out.texts.length >= XLSX_LIMITS.cells) throw tooManyCells(ctx.fileName);
      out.rows.push(row);
      out.cols.push(col);
      out.texts.push(text);
    }
  });
  return out;
}

function cellValue(attrs: string, inner: string, ctx: CellContext): string {
  const type = attr(attrs, 't') ?? 'n';
  if (type === 'inlineStr') {
    const is = IS.exec(inner);
    return is ? runsText(is[1]) : '';
  }
  const v = V.exec(inner);
  if (!v) return '';
  const raw = decodeXmlText(v[1]);
  switch (type) {
    case 's':
      return ctx.shared[Number(raw)] ?? '';
    case 'b':
      return raw === '1' ? 'true' : raw === '0' ? 'false' : raw;
    case 'd':
      return isoDateText(raw);
    case 'n': {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n)) return raw;
      const style = Number(attr(attrs, 's') ?? 0);
      return ctx.dateStyles[style] ? serialDateText(n, ctx.date1904) : String(n);
    }
    default:
      // 'str' (a formula's text result) and 'e' (an error such as #N/A) are shown as they are.
      return raw;
  }
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** A date as `YYYY-MM-DD`, with ` HH:MM:SS` when the time is not midnight (UTC fields). */
export function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const mi = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  return h || mi || s ? `${day} ${pad(h)}:${pad(mi)}:${pad(s)}` : day;
}

/** An Excel serial day number (1900 or 1904 system) as date text. */
export function serialDateText(serial: number, date1904: boolean): string {
  const unixDays = serial + (date1904 ? 1462 : 0) - 25569;
  return dateText(new Date(Math.round(unixDays * 86400) * 1000));
}

function isoDateText(raw: string): string {
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw}Z`);
  return Number.isNaN(d.getTime()) ? raw : dateText(d);
}

function tooManyCells(fileName: string): IngestError {
  return new IngestError(
    'too_large',
    `“${fileName}” has more than ${XLSX_LIMITS.cells.toLocaleString('en')} filled cells, the most a sheet may have here. Save the sheet as CSV (File › Save As › CSV UTF-8) and import that, or use the command-line tool on the CSV.`,
  );
}
