/**
 * Story: someone uploads a 1.7 KB workbook with one stray cell at the far corner of the sheet
 * (XFD1048576), at the bottom of column C, or at XFD3 beside the header. The reader used to
 * expand the nominal grid (4.2 GB, a stack overflow, a lost header); now the table is read, the
 * stray cell is left out and said so, and what cannot be read within the limits is refused by name.
 */
import { describe, expect, it } from 'vitest';
import { IngestError } from '../../src/ingest/errors';
import { listSheets, xlsxToCsv } from '../../src/ingest/xlsx';
import { columnIndex, columnLetters, serialDateText } from '../../src/ingest/xlsx/cells';
import { densestSpan } from '../../src/ingest/xlsx/usedRange';
import { sheetXml, sparseXlsx, tableCells, xlsxBytes } from '../../scripts/hostile/xlsx';

const TABLE =
  'purchase_id,buyer_id,buyer_name,supplier_id,amount,signed_date,method\r\nP1,B1,Akimat,S1,1000,2024-02-01,open\r\nP2,B1,Akimat,S2,2000,2024-03-01,open\r\n';

describe('sparse workbooks', () => {
  it.each(['XFD1048576', 'C1048576', 'XFD3'])(
    'a stray cell at %s is left out with a notice; header and rows stay',
    async (ref) => {
      const x = await xlsxToCsv(sparseXlsx(ref), 1, 'sparse.xlsx');
      expect(new TextDecoder().decode(x.csv)).toBe(TABLE);
      expect(x.dialect.header).toBe(true);
      expect(x.notices).toHaveLength(1);
      expect(x.notices[0]).toContain(`the first at ${ref}`);
      expect(x.notices[0]).toContain('the table is A1:G3');
    },
  );

  it('a sheet of only one far-away cell is that one cell', async () => {
    const x = await xlsxToCsv(xlsxBytes({ S: sheetXml([['XFD1048576', 'lonely']]) }), 1, 'one.xlsx');
    expect(new TextDecoder().decode(x.csv)).toBe('lonely\r\n');
  });

  it('refuses a table wider than the column limit, saying how wide', async () => {
    const header = Array.from({ length: 1001 }, (_, i) => `c${i}`);
    const bytes = xlsxBytes({ Wide: sheetXml(tableCells([header, header])) });
    const err = await xlsxToCsv(bytes, 1, 'wide.xlsx').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).userMessage).toMatch(/1,001 columns wide; the most a sheet may have here is 1,000/);
  });

  it('says which sheets exist when asked for a missing one, and refuses what is not a workbook', async () => {
    const bytes = sparseXlsx('XFD3');
    expect(await listSheets(bytes)).toEqual(['Sheet1']);
    await expect(xlsxToCsv(bytes, 'Nope', 'b.xlsx')).rejects.toThrow(/has no sheet “Nope”. Its sheets are: Sheet1/);
    await expect(xlsxToCsv(new TextEncoder().encode('PK\u0003\u0004 not a zip'), 1, 'x.xlsx')).rejects.toThrow(
      /could not be read as an Excel .xlsx workbook/,
    );
  });

  it('reads shared strings, rich text, booleans, errors and date-styled numbers', async () => {
    const sheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
      <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>
      <row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="e"><v>#N/A</v></c><c r="C2" s="1"><v>0</v></c></row>
    </sheetData></worksheet>`;
    const parts = {
      'xl/sharedStrings.xml': `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>a &amp; b</t></si><si><r><t>ri</t></r><r><t>ch</t></r><rPh><t>x</t></rPh></si><si><t>line_x000D_</t></si></sst>`,
      'xl/styles.xml': `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd.mm.yyyy"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>`,
    };
    const bytes = xlsxBytes({ S: sheet }, parts);
    const x = await xlsxToCsv(bytes, 1, 'types.xlsx');
    expect(new TextDecoder().decode(x.csv)).toBe('a & b,rich,"line\r"\r\ntrue,#N/A,1899-12-30\r\n');
  });
});

describe('helpers', () => {
  it('column letters and indices are inverse', () => {
    for (const [l, i] of [
      ['A', 0],
      ['Z', 25],
      ['AA', 26],
      ['XFD', 16383],
    ] as const) {
      expect(columnIndex(l)).toBe(i);
      expect(columnLetters(i)).toBe(l);
    }
  });

  it('Excel serial days become dates', () => {
    expect(serialDateText(45352, false)).toBe('2024-03-01');
    expect(serialDateText(45352.5, false)).toBe('2024-03-01 12:00:00');
  });

  it('the densest span ignores far-away positions', () => {
    expect(densestSpan([0, 1, 2, 3, 16383], 50)).toEqual({ lo: 0, hi: 3 });
    expect(densestSpan([5, 5, 1_000_000, 7], 10)).toEqual({ lo: 5, hi: 7 });
    expect(densestSpan([], 10)).toBeNull();
  });
});
