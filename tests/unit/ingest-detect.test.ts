import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodeText,
  detectCsv,
  detectCurrency,
  detectDateFormat,
  detectDelimiter,
  detectEncoding,
  detectHeader,
  detectNumberFormat,
  isValidUtf8,
  parseCsvSample,
  parseNumber,
  sniffFileKind,
  splitCurrency,
} from '../../src/ingest/detect';
import { IngestError, checkSize } from '../../src/ingest/errors';

function encodeSingleByte(text: string, encoding: string): Uint8Array {
  const dec = new TextDecoder(encoding);
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(dec.decode(new Uint8Array([b])), b);
  return new Uint8Array([...text].map((ch) => table.get(ch)!));
}

const RU =
  'Заказчик;Поставщик;Сумма\nГосударственное учреждение отдел образования;Товарищество с ограниченной ответственностью;100\n';
const enc = (s: string) => new TextEncoder().encode(s);

describe('sniffFileKind', () => {
  it('tells empty, zip (xlsx), JSON, binary and text apart', () => {
    expect(sniffFileKind(new Uint8Array(), 'a.csv')).toBe('empty');
    expect(sniffFileKind(enc('  \n '), 'a.csv')).toBe('empty');
    expect(sniffFileKind(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]), 'a.xlsx')).toBe('xlsx');
    expect(sniffFileKind(enc('  [{"a":1}]'), 'x.json')).toBe('json');
    expect(sniffFileKind(enc('{"releases":[]}'), 'x')).toBe('json');
    expect(sniffFileKind(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3]), 'a.png')).toBe('binary');
    expect(sniffFileKind(new Uint8Array(Array.from({ length: 100 }, (_, i) => (i % 3 ? 65 : 2))), 'c.bin')).toBe('binary');
    expect(sniffFileKind(enc('a;b\n1;2\n'), 'a.csv')).toBe('csv');
    expect(sniffFileKind(new Uint8Array([0xff, 0xfe, 0x61, 0, 0x3b, 0, 0x62, 0]), 'u16.csv')).toBe('csv');
    expect(sniffFileKind(new Uint8Array([0x61, 0, 0x3b, 0, 0x62, 0, 0x0a, 0, 0x31, 0]), 'u16.csv')).toBe('csv');
  });
});

describe('detectEncoding', () => {
  it('finds BOMs', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ encoding: 'utf-8', bom: true });
    expect(detectEncoding(new Uint8Array([0xff, 0xfe, 0x41, 0]))).toEqual({ encoding: 'utf-16le', bom: true });
    expect(detectEncoding(new Uint8Array([0xfe, 0xff, 0, 0x41]))).toEqual({ encoding: 'utf-16be', bom: true });
  });

  it('accepts valid UTF-8 without a BOM, even cut mid-character', () => {
    const b = enc(RU);
    expect(detectEncoding(b).encoding).toBe('utf-8');
    expect(isValidUtf8(b.subarray(0, 5))).toBe(true); // 'Зак' is 2 bytes per letter: cut after 2.5 letters
  });

  it('rejects invalid UTF-8 and scores the three Cyrillic single-byte encodings', () => {
    for (const e of ['windows-1251', 'ibm866', 'koi8-r'] as const) {
      const bytes = encodeSingleByte(RU, e);
      expect(isValidUtf8(bytes)).toBe(false);
      const g = detectEncoding(bytes);
      expect(g.encoding).toBe(e);
      expect(decodeText(bytes, g.encoding).text).toBe(RU);
    }
  });

  it('decodes short upper-case Cyrillic headers too', () => {
    const t = 'ЗАКАЗЧИК;СУММА;ДАТА\nАКИМАТ ГОРОДА;100;01.01.2020\n';
    for (const e of ['windows-1251', 'ibm866', 'koi8-r'] as const)
      expect(detectEncoding(encodeSingleByte(t, e)).encoding).toBe(e);
  });
});

describe('CSV dialect', () => {
  it('parses quotes, doubled quotes and quoted line breaks', () => {
    expect(parseCsvSample('a;"b;c";"say ""hi"""\n1;"two\nlines";3\n', ';')).toEqual([
      ['a', 'b;c', 'say "hi"'],
      ['1', 'two\nlines', '3'],
    ]);
    expect(parseCsvSample('a,b\r\n\r\n1,2', ',')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsvSample('a,b\n1,2\n3,"cut', ',', '"', false)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('picks the delimiter with consistent field counts, honouring quotes', () => {
    expect(detectDelimiter('a;b;c\n1;2;3\n4;5;6\n')).toBe(';');
    expect(detectDelimiter('a,b,c\n"1,5";2;3\n"x";y,z\n')).toBe(',');
    // Commas inside a `;` file's text must not win.
    expect(detectDelimiter('name;amount\n"Smith, J.";1,50\n"Doe, A.";2,75\n')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(detectDelimiter('a|b|c\n1|"x|y"|3\n')).toBe('|');
  });

  it('detects whether the first row is a header', () => {
    expect(
      detectHeader([
        ['id', 'amount'],
        ['1', '10.5'],
        ['2', '3'],
      ]),
    ).toBe(true);
    expect(
      detectHeader([
        ['1', 'Alpha', '1000.00'],
        ['2', 'Beta', '2000.00'],
      ]),
    ).toBe(false);
    expect(
      detectHeader([
        ['Заказчик', 'Поставщик'],
        ['Акимат', 'ТОО А'],
        ['Школа', 'ТОО Б'],
      ]),
    ).toBe(true);
    expect(
      detectHeader([
        ['Акимат', 'ТОО А'],
        ['Акимат', 'ТОО Б'],
      ]),
    ).toBe(false); // repeated below: data
  });

  it('detectCsv names columns column1…N without a header', () => {
    const d = detectCsv(enc('1;Alpha;1000.00\n2;Beta;2000.00\n'));
    expect(d.dialect).toEqual({ delimiter: ';', quote: '"', escape: '"', header: false, skip: 0 });
    expect(d.headers).toEqual(['column1', 'column2', 'column3']);
    expect(d.sampleRows).toHaveLength(2);
  });
});

describe('numbers', () => {
  it('decides decimal and grouping per column', () => {
    expect(detectNumberFormat(['1\u00a0250\u00a0000,50', '99\u00a0999,99'])).toEqual({
      decimal: ',',
      thousands: '\u00a0',
      ambiguous: false,
    });
    expect(detectNumberFormat(['1 250,5', '7'])).toEqual({ decimal: ',', thousands: ' ', ambiguous: false });
    expect(detectNumberFormat(['1\u202f000,5'])).toMatchObject({ decimal: ',', thousands: '\u202f' });
    expect(detectNumberFormat(['1,234,567.89', '12.5'])).toEqual({ decimal: '.', thousands: ',', ambiguous: false });
    expect(detectNumberFormat(['1.234.567,89', '3,5'])).toEqual({ decimal: ',', thousands: '.', ambiguous: false });
    expect(detectNumberFormat(["1'234.50", "12'000"])).toEqual({ decimal: '.', thousands: "'", ambiguous: false });
    expect(detectNumberFormat(['2 327.58', '232 758.00'])).toEqual({ decimal: '.', thousands: ' ', ambiguous: false });
    expect(detectNumberFormat(['1,250', '3,500'])).toEqual({ decimal: '.', thousands: ',', ambiguous: true });
    expect(detectNumberFormat(['12,5', '3,25'])).toEqual({ decimal: ',', thousands: null, ambiguous: false });
    expect(detectNumberFormat(['abc'])).toBeNull();
  });

  it('parses with a format, like the SQL cleaner', () => {
    expect(parseNumber('1 250 000,50 ₸', { decimal: ',', thousands: ' ' })).toBe(1250000.5);
    expect(parseNumber('$1,234.50', { decimal: '.', thousands: ',' })).toBe(1234.5);
    expect(parseNumber("7'654'321.25", { decimal: '.', thousands: "'" })).toBe(7654321.25);
    expect(parseNumber('-3,5', { decimal: ',', thousands: null })).toBe(-3.5);
    expect(parseNumber('abc', { decimal: '.', thousands: null })).toBeNull();
  });

  it('round-trips any amount written with grouping and a decimal comma', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.constantFrom(' ', '\u00a0', '\u202f', '.'), (cents, sep) => {
        const whole = Math.floor(cents / 100)
          .toString()
          .replace(/\B(?=(\d{3})+(?!\d))/g, sep);
        const text = `${whole},${String(cents % 100).padStart(2, '0')}`;
        expect(parseNumber(text, { decimal: ',', thousands: sep === '.' ? '.' : ' ' })).toBeCloseTo(cents / 100, 2);
      }),
    );
  });
});

describe('currencies', () => {
  it('splits symbols and codes glued to amounts', () => {
    expect(splitCurrency('1 250 000,00 ₸')).toEqual({ number: '1 250 000,00', currency: 'KZT' });
    expect(splitCurrency('350 000 тг')).toEqual({ number: '350 000', currency: 'KZT' });
    expect(splitCurrency('2 000,50 тенге')).toEqual({ number: '2 000,50', currency: 'KZT' });
    expect(splitCurrency('KZT 100')).toEqual({ number: '100', currency: 'KZT' });
    expect(splitCurrency('$1,234.50')).toEqual({ number: '1,234.50', currency: null }); // `$` alone: which dollar?
    expect(splitCurrency('US$ 5')).toEqual({ number: '5', currency: 'USD' });
    expect(splitCurrency('10 EUR')).toEqual({ number: '10', currency: 'EUR' });
    expect(splitCurrency('€10')).toEqual({ number: '10', currency: 'EUR' });
    expect(splitCurrency('100 руб.')).toEqual({ number: '100', currency: 'RUB' });
    expect(splitCurrency('тенге')).toEqual({ number: 'тенге', currency: null });
    expect(detectCurrency(['1 ₸', '2 тг', '3'])).toBe('KZT');
    expect(detectCurrency(['1', '2'])).toBeNull();
  });
});

describe('dates', () => {
  it('recognises the common formats, with an optional time', () => {
    expect(detectDateFormat(['15.03.2021', '1.2.2020'])).toEqual({ format: '%d.%m.%Y', hasTime: false, ambiguous: false });
    expect(detectDateFormat(['2025-01-15 08:00:00', '2025-01-16'])).toEqual({
      format: '%Y-%m-%d',
      hasTime: true,
      ambiguous: false,
    });
    expect(detectDateFormat(['2020-01-02T10:00:00Z'])).toMatchObject({ format: '%Y-%m-%d', hasTime: true });
    expect(detectDateFormat(['25/03/2021', '01/02/2021'])).toEqual({ format: '%d/%m/%Y', hasTime: false, ambiguous: false });
    expect(detectDateFormat(['03/25/2021', '01/02/2021'])).toEqual({ format: '%m/%d/%Y', hasTime: false, ambiguous: false });
    expect(detectDateFormat(['03/04/2021', '05/06/2021 10:00'])).toEqual({ format: '%d/%m/%Y', hasTime: true, ambiguous: true });
    expect(detectDateFormat(['25/03/2021', '03/25/2021'])).toMatchObject({ ambiguous: true }); // mixed: a person must look
    expect(detectDateFormat(['hello', 'world'])).toBeNull();
  });
});

describe('IngestError', () => {
  it('says what was wrong and what to try', () => {
    expect(IngestError.empty('a.csv').userMessage).toMatch(/empty.*upload/);
    expect(IngestError.binary('a.xls').userMessage).toMatch(/save it as CSV/);
    expect(IngestError.oneColumn('a.csv', '\t').userMessage).toMatch(/single column with tab.*Choose another delimiter/);
    expect(IngestError.noRows('a.csv').userMessage).toMatch(/no rows/);
    expect(IngestError.undecodable('a.csv', 'utf-8').userMessage).toMatch(/Windows-1251/);
    expect(() => checkSize('big.csv', 3e9, 2e9)).toThrow(IngestError);
    try {
      checkSize('big.csv', 3e9, 2e9);
    } catch (e) {
      expect((e as IngestError).code).toBe('too_large');
      expect((e as IngestError).userMessage).toMatch(/3,000 MB.*2,000 MB.*Split the file/);
    }
    expect(() => checkSize('ok.csv', 10, 2e9)).not.toThrow();
  });
});
