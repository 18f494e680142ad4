/**
 * The workbook's map: which sheets it has (names, in order), where each sheet's XML lives in
 * the archive, whether dates count from 1904, and which cell styles are dates.
 */
import { attr, decodeXmlText } from './xml';

export interface SheetRef {
  name: string;
  /** Path of the sheet's XML inside the archive. */
  path: string;
}

const decoder = new TextDecoder('utf-8');
const text = (bytes: Uint8Array | undefined) => (bytes ? decoder.decode(bytes) : '');

/** The workbook part's path, from the package relationships (`xl/workbook.xml` when not stated). */
export function workbookPath(rootRels: Uint8Array | undefined): string {
  for (const m of text(rootRels).matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    if ((attr(m[1], 'Type') ?? '').endsWith('/officeDocument')) {
      const target = attr(m[1], 'Target');
      if (target) return target.replace(/^\//, '');
    }
  }
  return 'xl/workbook.xml';
}

/** The path of a workbook part's relationships file. */
export function relsPathOf(partPath: string): string {
  const slash = partPath.lastIndexOf('/');
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

/** The sheets in workbook order, with their archive paths; the workbook's date system. */
export function readWorkbook(workbookXml: Uint8Array, rels: Uint8Array | undefined, workbook: string) {
  const targets = new Map<string, string>();
  const base = workbook.slice(0, workbook.lastIndexOf('/') + 1);
  for (const m of text(rels).matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const id = attr(m[1], 'Id');
    const target = attr(m[1], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : normalise(base + target));
  }
  const xml = text(workbookXml);
  const sheets: SheetRef[] = [];
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*?)\/?>/g)) {
    const name = attr(m[1], 'name');
    const id = attr(m[1], 'id');
    const path = id ? targets.get(id) : undefined;
    if (name !== undefined && path) sheets.push({ name, path });
  }
  const pr = /<(?:[\w.-]+:)?workbookPr\b([^>]*)>/.exec(xml);
  const date1904 = pr ? /^(1|true)$/.test(attr(pr[1], 'date1904') ?? '') : false;
  return { sheets, date1904 };
}

function normalise(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

/** Built-in number formats that show dates or times (ECMA-376 18.8.30, with the common locale ids). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** True when a format code shows a date or time: d, m, y, h or s outside quotes, escapes and [colours]. */
export function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** For each cell style index (`s`), whether it formats numbers as dates. */
export function readDateStyles(stylesXml: Uint8Array | undefined): boolean[] {
  const xml = text(stylesXml);
  const custom = new Map<number, boolean>();
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?numFmt\b([^>]*?)\/?>/g)) {
    const id = Number(attr(m[1], 'numFmtId'));
    custom.set(id, isDateFormatCode(decodeXmlText(attr(m[1], 'formatCode') ?? '')));
  }
  const xfs = /<(?:[\w.-]+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?cellXfs>/.exec(xml);
  if (!xfs) return [];
  const out: boolean[] = [];
  for (const m of xfs[1].matchAll(/<(?:[\w.-]+:)?xf\b([^>]*?)\/?>/g)) {
    const id = Number(attr(m[1], 'numFmtId') ?? 0);
    out.push(custom.get(id) ?? BUILTIN_DATE_FORMATS.has(id));
  }
  return out;
}
