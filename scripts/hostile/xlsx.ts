/**
 * A minimal .xlsx writer for hostile test files: cells placed anywhere (A1 or XFD1048576),
 * inline strings or numbers, no shared strings or styles unless asked. Built with fflate, the
 * library the reader uses, so a test needs no binary fixture.
 */
import { strToU8, zipSync } from 'fflate';

/** A cell: its reference (`B2`) and value; strings are written inline, numbers as numbers. */
export type XlsxCell = [ref: string, value: string | number];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Table rows (first row = header) as cells from A1. */
export function tableCells(rows: readonly (readonly (string | number)[])[]): XlsxCell[] {
  const out: XlsxCell[] = [];
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      let letters = '';
      for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
      out.push([`${letters}${r + 1}`, v]);
    }),
  );
  return out;
}

/** Sheet XML for the cells, grouped into rows in the order given. */
export function sheetXml(cells: readonly XlsxCell[], extra = ''): string {
  const rows = new Map<number, string[]>();
  for (const [ref, v] of cells) {
    const r = Number(/\d+$/.exec(ref)![0]);
    const c =
      typeof v === 'number'
        ? `<c r="${ref}"><v>${v}</v></c>`
        : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
    rows.set(r, [...(rows.get(r) ?? []), c]);
  }
  const body = Array.from(rows.entries())
    .map(([r, cs]) => `<row r="${r}">${cs.join('')}</row>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData>${extra}</worksheet>`;
}

/** A workbook with one sheet per entry (name → sheet XML). */
export function xlsxBytes(sheets: Record<string, string>, extraParts: Record<string, string> = {}): Uint8Array {
  const names = Object.keys(sheets);
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${names.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${names.map((n, i) => `<sheet name="${esc(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
    ),
  };
  names.forEach((n, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheets[n])));
  for (const [p, x] of Object.entries(extraParts)) files[p] = strToU8(x);
  return zipSync(files, { level: 9 });
}

/** A small purchases table with one extra cell at `strayRef` (e.g. `XFD1048576`). */
export function sparseXlsx(strayRef: string): Uint8Array {
  const table = tableCells([
    ['purchase_id', 'buyer_id', 'buyer_name', 'supplier_id', 'amount', 'signed_date', 'method'],
    ['P1', 'B1', 'Akimat', 'S1', 1000, '2024-02-01', 'open'],
    ['P2', 'B1', 'Akimat', 'S2', 2000, '2024-03-01', 'open'],
  ]);
  return xlsxBytes({ Sheet1: sheetXml([...table, [strayRef, 'x']]) });
}
