/** The workbook's shared string table (`xl/sharedStrings.xml`), read slice by slice. */
import { IngestError } from '../errors';
import { XLSX_LIMITS } from './limits';
import { decodeXmlText, forEachSlice } from './xml';

const SI = /<(?:[\w.-]+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?si>)/g;
/** Phonetic runs (Japanese readings) are not part of the text. */
const PHONETIC = /<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g;
const T = /<(?:[\w.-]+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?t>)/g;

/** The text of a string item (`<si>`) or inline string (`<is>`): its `<t>` runs joined. */
export function runsText(inner: string): string {
  let out = '';
  for (const t of inner.replace(PHONETIC, '').matchAll(T)) out += t[1] ? decodeXmlText(t[1]) : '';
  return out;
}

/** Every shared string, in index order. */
export function readSharedStrings(bytes: Uint8Array | undefined, fileName: string): string[] {
  const out: string[] = [];
  if (!bytes) return out;
  forEachSlice(bytes, 'si', (slice) => {
    for (const m of slice.matchAll(SI)) {
      if (out.length >= XLSX_LIMITS.cells)
        throw new IngestError(
          'too_large',
          `“${fileName}” holds more than ${XLSX_LIMITS.cells.toLocaleString('en')} distinct texts, more than a sheet may hold here. Save the sheet as CSV (File › Save As › CSV UTF-8) and import that.`,
        );
      out.push(m[1] ? runsText(m[1]) : '');
    }
  });
  return out;
}
