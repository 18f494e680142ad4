/**
 * Writes the small CSV/XLSX files the ingest tests read into tests/fixtures/ingest/.
 * Run: npx tsx scripts/make-ingest-fixtures.ts   (the output is committed; re-running rewrites it identically)
 *
 * No dependencies: single-byte Cyrillic encodings are produced by inverting TextDecoder, and the
 * .xlsx is zipped by a tiny stored/deflate zip writer below (an .xlsx is a zip of XML files).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures', 'ingest');

/** Encodes text in a single-byte encoding by inverting the browser/Node decoder's table. */
function encodeSingleByte(text: string, encoding: string): Uint8Array {
  const dec = new TextDecoder(encoding);
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(dec.decode(new Uint8Array([b])), b);
  const out: number[] = [];
  for (const ch of text) {
    const b = table.get(ch);
    if (b === undefined) throw new Error(`${encoding} cannot encode ${JSON.stringify(ch)}`);
    out.push(b);
  }
  return new Uint8Array(out);
}

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + i * 2] = c & 0xff;
    out[3 + i * 2] = c >> 8;
  }
  return out;
}

const utf8 = (t: string) => new TextEncoder().encode(t);
const withBom = (t: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(t)]);
const NBSP = '\u00a0';
const NNBSP = '\u202f';

const files: Record<string, Uint8Array> = {
  // A Russian Excel export: Windows-1251, `;`, CRLF, decimal comma, no-break-space thousands, dd.mm.yyyy.
  'ru-cp1251-semicolon.csv': encodeSingleByte(
    [
      'Номер договора;Наименование заказчика;БИН заказчика;Поставщик;БИН/ИИН поставщика;Способ закупки;Сумма договора;Дата заключения договора',
      `Д-1;"ГУ ""Школа №5""; г. Алматы";000140001234;ТОО «Ромашка»;123456789012;Открытый конкурс;1${NBSP}250${NBSP}000,50;15.03.2021`,
      `Д-2;ГУ «Отдел образования»;000140001234;ИП Иванов;880101300123;Из одного источника путем прямого заключения договора;99${NBSP}999,99;01.12.2021`,
      'Д-3;АО «Энергокомпания Вымысел»;990340000017;ТОО «Ромашка»;123456789012;Запрос ценовых предложений;500,00;31.12.2021',
      `Д-4;АО «Энергокомпания Вымысел»;990340000017;ТОО «Береке»;050540001111;Аукцион;2${NBSP}000${NBSP}000;05.01.2022`,
      '',
    ].join('\r\n'),
    'windows-1251',
  ),
  'utf8-bom.csv': withBom(
    [
      'contract_id,buyer_name,supplier_name,amount,sign_date',
      'C1,City Hall,Acme Ltd,10.5,2021-01-05',
      'C2,City Hall,"Beta, Inc.",20,2021-02-06',
      'C3,Water Board,Acme Ltd,30.25,2021-03-07',
      '',
    ].join('\n'),
  ),
  // Excel's "Unicode text": UTF-16LE with BOM, tab-separated.
  'utf16le.tsv': utf16le(
    [
      'Заказчик\tСумма\tДата заключения договора',
      'Акимат города\t1 000,00\t10.01.2020',
      'Управление здравоохранения\t2 500,50\t11.02.2020',
      '',
    ].join('\r\n'),
  ),
  'cp866.csv': encodeSingleByte(
    [
      'Заказчик;Поставщик;Сумма',
      'Министерство финансов;Товарищество с ограниченной ответственностью Восток;100',
      'Управление образования области;Индивидуальный предприниматель Петров;200,5',
      'Городская больница;Общество поставщиков медицинского оборудования;300',
      '',
    ].join('\r\n'),
    'ibm866',
  ),
  'koi8r.csv': encodeSingleByte(
    [
      'Заказчик;Поставщик;Сумма',
      'Районный отдел культуры и развития языков;Товарищество с ограниченной ответственностью Запад;111,11',
      'Департамент государственных доходов по городу;Частная компания Северное сияние;222,22',
      '',
    ].join('\n'),
    'koi8-r',
  ),
  'comma.csv': utf8(
    [
      'id,buyer,supplier,amount,date,method',
      '1,Buyer A,Supp X,100.00,2022-01-01,open',
      '2,Buyer B,"Supp, Y",250.50,2022-02-01,direct',
      '3,Buyer A,Supp Z,49.50,2022-03-01,limited',
      '',
    ].join('\n'),
  ),
  'tab.tsv': utf8(
    [
      'id\tbuyer\tsupplier\tamount',
      '1\tBuyer A\tSupp X\t1.5',
      '2\tBuyer B\tSupp Y\t2.5',
      '3\tBuyer C\tSupp Z\t3',
      '4\tBuyer D\tSupp W\t4',
      '',
    ].join('\n'),
  ),
  'pipe.csv': utf8(['id|buyer|supplier|amount', '1|Buyer A|"Supp | X"|10', '2|Buyer B|Supp Y|20', ''].join('\n')),
  'no-header.csv': utf8(['1;Alpha;1000.00;2020-01-05', '2;Beta;2000.00;2020-02-05', '3;Gamma;3000.25;2020-03-05', ''].join('\n')),
  'dot-decimal-comma-thousands.csv': utf8(
    ['id,supplier,amount', '1,A,"1,234,567.89"', '2,B,"12,345.00"', '3,C,999.10', ''].join('\n'),
  ),
  'apostrophe-thousands.csv': utf8(['id;supplier;amount', "1;A;1'234.50", "2;B;12'000", "3;C;7'654'321.25", ''].join('\n')),
  'mdy-dates.csv': utf8(['id,supplier,amount,date', '1,A,1,03/25/2021', '2,B,2,12/31/2020', '3,C,3,01/02/2021', ''].join('\n')),
  'ambiguous-dates.csv': utf8(['id,supplier,amount,date', '1,A,1,03/04/2021', '2,B,2,05/06/2021', ''].join('\n')),
  'currency-kzt.csv': utf8(
    [
      'Номер;Поставщик;Сумма',
      `1;ТОО А;1${NBSP}250${NBSP}000,00 ₸`,
      `2;ТОО Б;350${NNBSP}000 тг`,
      '3;ТОО В;2 000,50 тенге',
      '',
    ].join('\n'),
  ),
  'currency-usd.csv': utf8(['id,supplier,amount', '1,A,"$1,234.50"', '2,B,"$10,000.00"', '3,C,USD 99.99', ''].join('\n')),
  // Rows that cannot be imported: a bad amount, an impossible date, too many and too few fields.
  'broken.csv': utf8(
    [
      'Номер;Сумма;Дата',
      '1;100,00;01.01.2020',
      '2;abc;02.01.2020',
      '3;300,00;31.02.2020',
      '4;400,00;04.01.2020;лишнее',
      '5;500,00',
      '6;200,00;02.01.2020',
      '',
    ].join('\n'),
  ),
};

// ---------------------------------------------------------------------------------------------
// A minimal .xlsx: two sheets, shared strings, one date-formatted cell column.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Zips files (deflate) with fixed timestamps so the output is reproducible. */
function zip(entries: [string, string][]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text, 'utf8');
    const comp = deflateRawSync(data);
    const nameB = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(comp.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameB.length, 26);
    local.writeUInt16LE(0, 28);
    parts.push(local, nameB, comp);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(0x0800, 8);
    cen.writeUInt16LE(8, 10);
    cen.writeUInt16LE(0, 12);
    cen.writeUInt16LE(0x21, 14);
    cen.writeUInt32LE(crc, 16);
    cen.writeUInt32LE(comp.length, 20);
    cen.writeUInt32LE(data.length, 24);
    cen.writeUInt16LE(nameB.length, 28);
    cen.writeUInt32LE(offset, 42);
    central.push(cen, nameB);
    offset += 30 + nameB.length + comp.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, cd, end]));
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function makeXlsx(): Uint8Array {
  const strings = [
    'Заказчик',
    'Поставщик',
    'Сумма',
    'Дата заключения договора',
    'Способ закупки',
    'Акимат',
    'ТОО «Альфа»',
    'Из одного источника',
    'Управление, «кавычки» "и" запятые',
    'ТОО Бета',
    'Открытый конкурс',
    'note',
  ];
  const s = (t: string) => strings.indexOf(t);
  type Cell = { s: string } | { n: number; date?: boolean } | null;
  // Excel serial dates: 44197 = 2021-01-01, 44228 = 2021-02-01.
  const rows: Cell[][] = [
    [{ s: 'Заказчик' }, { s: 'Поставщик' }, { s: 'Сумма' }, { s: 'Дата заключения договора' }, { s: 'Способ закупки' }],
    [{ s: 'Акимат' }, { s: 'ТОО «Альфа»' }, { n: 1500000.5 }, { n: 44197, date: true }, { s: 'Из одного источника' }],
    [
      { s: 'Управление, «кавычки» "и" запятые' },
      { s: 'ТОО Бета' },
      { n: 250 },
      { n: 44228, date: true },
      { s: 'Открытый конкурс' },
    ],
    [{ s: 'Акимат' }, { s: 'ТОО Бета' }, { n: 0.25 }, null, { s: 'Открытый конкурс' }],
  ];
  const col = (i: number) => String.fromCharCode(65 + i);
  const sheetXml = (rs: Cell[][]) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rs
      .map(
        (r, ri) =>
          `<row r="${ri + 1}">${r
            .map((c, ci) => {
              const ref = `${col(ci)}${ri + 1}`;
              if (c === null) return '';
              if ('s' in c) return `<c r="${ref}" t="s"><v>${s(c.s)}</v></c>`;
              return `<c r="${ref}"${c.date ? ' s="1"' : ''}><v>${c.n}</v></c>`;
            })
            .join('')}</row>`,
      )
      .join('')}</sheetData></worksheet>`;
  return zip([
    [
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ],
    [
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Договоры" sheetId="1" r:id="rId1"/><sheet name="Notes" sheetId="2" r:id="rId2"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ],
    [
      'xl/styles.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    ],
    [
      'xl/sharedStrings.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((t) => `<si><t>${esc(t)}</t></si>`).join('')}</sst>`,
    ],
    ['xl/worksheets/sheet1.xml', sheetXml(rows)],
    ['xl/worksheets/sheet2.xml', sheetXml([[{ s: 'note' }]])],
  ]);
}

files['contracts.xlsx'] = makeXlsx();

mkdirSync(OUT, { recursive: true });
for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(OUT, name), bytes);
console.log(`wrote ${Object.keys(files).length} fixtures to ${path.relative(process.cwd(), OUT)}`);
