import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseFormula, recordsToCsvText, toCsv, UTF8_BOM } from '../../src/export/csv';

/** Parses CSV text the way a spreadsheet import would (RFC 4180), after checking and removing the BOM. */
function parse(text: string, bom = true): string[][] {
  expect(text.startsWith(UTF8_BOM)).toBe(bom);
  const body = bom ? text.slice(1) : text;
  const result = Papa.parse<string[]>(body, { delimiter: ',', newline: '\r\n', skipEmptyLines: false });
  const rows = result.data;
  // The text ends with a line break, after which PapaParse reports one empty record.
  expect(rows.at(-1)).toEqual(['']);
  return rows.slice(0, -1);
}

describe('csvCell: formula-safe (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('neutralises %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('leaves numbers as numbers, negative ones included', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(1.5e6)).toBe('1500000');
    expect(csvCell(12n)).toBe('12');
  });

  it('writes nothing for null, undefined and non-finite numbers', () => {
    for (const v of [null, undefined, NaN, Infinity]) expect(csvCell(v)).toBe('');
  });

  it('quotes delimiters, quotes and line breaks as RFC 4180', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain Алматы')).toBe('plain Алматы');
  });
});

describe('toCsv', () => {
  it('starts with a BOM and ends records with CRLF by default', () => {
    expect(toCsv([['a', 1]])).toBe(`${UTF8_BOM}a,1\r\n`);
    expect(toCsv([['a', 1]], { bom: false, eol: '\n' })).toBe('a,1\n');
  });

  it('keeps a record of one empty field as a record', () => {
    expect(parse(toCsv([['x'], [''], [null]]))).toEqual([['x'], [''], ['']]);
  });

  it('writes objects with their keys as the header', () => {
    expect(recordsToCsvText([{ name: '=1', total: 2 }])).toBe(`${UTF8_BOM}name,total\r\n'=1,2\r\n`);
  });

  it('round-trips: parsing the output gives back the cells, neutralised ones prefixed', () => {
    const cell = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom('=1+1', '+7', '-x', '@A1', '\tTab', '\rCR', '"', ',', '\n', ''),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
    );
    const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(rows, fc.boolean(), (input, bom) => {
        const back = parse(toCsv(input, { bom }), bom);
        const expected = input.map((row) => row.map((v) => (typeof v === 'number' ? String(v) : neutraliseFormula(v))));
        expect(back).toEqual(expected);
        for (const row of back) for (const c of row) expect(/^[=+@\t\r]/.test(c)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
