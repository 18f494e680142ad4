/**
 * The import's books under generated files (fast-check, 500 files a run): across encodings
 * (UTF-8, UTF-8 with BOM, UTF-16LE, Windows-1251), delimiters, quoting styles (minimal, every
 * field, backslash escapes), embedded line breaks, number formats (decimal comma, space and
 * no-break-space grouping, scientific notation), date formats (ISO, dd.mm.yyyy, dd.mm.yy) and
 * ragged rows, through the one import path (importTable). Checked against ./reference.ts:
 * rows reported imported = count(*) in purchases = the reference's good rows; imported +
 * rejected = the reference's data rows; the sum of imported amounts = the reference's sum.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NodeWasmEngine } from '../../src/engine/node';
import type { TextEncodingName } from '../../src/ingest/detect';
import type { TableDraft } from '../../src/ingest/draft';
import { importTable } from '../../src/ingest/importer';
import { emptyMapping } from '../../src/ingest/mapping';
import { bytesSource } from '../../src/ingest/source';
import { createModel } from '../../src/model/schema';
import { encodeCp1251 } from '../support/cp1251';
import { readAmount, readRecords, type RefDialect } from './reference';

let engine: NodeWasmEngine;
beforeAll(async () => {
  engine = await NodeWasmEngine.create();
  await createModel(engine);
});
afterAll(async () => engine.close());

const HEADERS = ['Номер', 'Заказчик', 'Сумма', 'Дата'];
type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'windows-1251';
type Quoting = 'minimal' | 'all' | 'backslash';
type NumberStyle = { decimal: '.' | ','; thousands: null | ' ' | '\u00a0' | '.' | ','; sci: boolean };
type DateStyle = '%Y-%m-%d' | '%d.%m.%Y' | '%d.%m.%y';

interface Row {
  id: string;
  name: string;
  cents: number | null;
  date: [number, number, number] | null;
  /** -1: a field short; +1: a field too many; 0: as it should be. */
  ragged: -1 | 0 | 1;
}

const nameChars = fc.constantFrom(...'абвгдЖЗИ ТОО «Альфа» xyz 12,;|\t"\n'.split(''));
const row: fc.Arbitrary<Row> = fc.record({
  id: fc.oneof(
    fc.constant(''),
    fc.integer({ min: 1, max: 99999 }).map((n) => `P${n}`),
  ),
  name: fc.string({ unit: nameChars, maxLength: 12 }),
  cents: fc.option(fc.integer({ min: -5_000_000_00, max: 90_000_000_000_00 }), { freq: 6 }),
  date: fc.option(
    fc.tuple(fc.integer({ min: 1995, max: 2025 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })),
    {
      freq: 6,
    },
  ),
  ragged: fc.constantFrom<Row['ragged']>(0, 0, 0, 0, 0, 0, -1, 1),
});
const file = fc.record({
  encoding: fc.constantFrom<Encoding>('utf-8', 'utf-8-bom', 'utf-16le', 'windows-1251'),
  delimiter: fc.constantFrom(',', ';', '\t', '|'),
  quoting: fc.constantFrom<Quoting>('minimal', 'all', 'backslash'),
  eol: fc.constantFrom('\n', '\r\n'),
  number: fc.oneof(
    fc.record({ decimal: fc.constant<'.'>('.'), thousands: fc.constantFrom(null, ' ', '\u00a0', ','), sci: fc.constant(false) }),
    fc.record({ decimal: fc.constant<','>(','), thousands: fc.constantFrom(null, ' ', '\u00a0', '.'), sci: fc.constant(false) }),
    fc.record({ decimal: fc.constantFrom<'.' | ','>('.', ','), thousands: fc.constant(null), sci: fc.constant(true) }),
  ) as fc.Arbitrary<NumberStyle>,
  date: fc.constantFrom<DateStyle>('%Y-%m-%d', '%d.%m.%Y', '%d.%m.%y'),
  rows: fc.array(row, { minLength: 1, maxLength: 8 }),
});

function writeAmount(cents: number | null, n: NumberStyle): string {
  if (cents === null) return '';
  if (n.sci) {
    // Whole hundreds written as m·10^k with one decimal of m: `6e+05`, `6,5E+05`.
    const v = Math.round(cents / 100_00) * 100;
    if (v === 0) return '0';
    const k = Math.floor(Math.log10(Math.abs(v)));
    const m = v / 10 ** k;
    if (!Number.isInteger(m * 10)) return String(v);
    return `${String(m).replace('.', n.decimal)}e+${String(k).padStart(2, '0')}`;
  }
  const neg = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const int = String(Math.floor(abs / 100));
  const grouped = n.thousands ? int.replace(/\B(?=(\d{3})+$)/g, n.thousands) : int;
  return `${neg}${grouped}${n.decimal}${String(abs % 100).padStart(2, '0')}`;
}

function writeDate(d: Row['date'], style: DateStyle): string {
  if (!d) return '';
  const [y, m, day] = d;
  const p = (x: number) => String(x).padStart(2, '0');
  if (style === '%Y-%m-%d') return `${y}-${p(m)}-${p(day)}`;
  return `${p(day)}.${p(m)}.${style === '%d.%m.%Y' ? y : p(y % 100)}`;
}

function cell(v: string, delimiter: string, quoting: Quoting): string {
  const needs = v.includes(delimiter) || /["\r\n]/.test(v) || /^\s|\s$/.test(v);
  if (quoting === 'backslash') return `"${v.replaceAll('"', '\\"')}"`;
  if (quoting === 'all' || needs) return `"${v.replaceAll('"', '""')}"`;
  return v;
}

function encode(text: string, e: Encoding): Uint8Array {
  if (e === 'windows-1251') return encodeCp1251(text);
  if (e === 'utf-16le') {
    const out = new Uint8Array(2 + text.length * 2);
    out.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      out[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      out[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    return out;
  }
  const body = new TextEncoder().encode(text);
  if (e === 'utf-8') return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

let runs = 0;
it('imported = count(*) = good rows, imported + rejected = data rows, sums agree (500 generated files)', async () => {
  await fc.assert(
    fc.asyncProperty(file, async (f) => {
      const lines = [HEADERS.map((h) => cell(h, f.delimiter, f.quoting)).join(f.delimiter)];
      for (const r of f.rows) {
        const fields = [r.id, r.name, writeAmount(r.cents, f.number), writeDate(r.date, f.date)];
        if (r.ragged === -1) fields.pop();
        if (r.ragged === 1) fields.push('extra');
        lines.push(fields.map((v) => cell(v, f.delimiter, f.quoting)).join(f.delimiter));
      }
      const text = lines.join(f.eol) + f.eol;
      const bytes = encode(text, f.encoding);

      // The reference reads the bytes back on its own.
      const decoded = new TextDecoder(
        f.encoding === 'windows-1251' ? 'windows-1251' : f.encoding === 'utf-16le' ? 'utf-16le' : 'utf-8',
      ).decode(bytes);
      const dialect: RefDialect = { delimiter: f.delimiter, quote: '"', escape: f.quoting === 'backslash' ? '\\' : '"' };
      const [header, ...data] = readRecords(decoded, dialect);
      expect(header).toEqual(HEADERS);
      const good = data.filter((r) => r.length === HEADERS.length && r.some((v) => v !== ''));
      const cents = good
        .map((r) => readAmount(r[2], f.number.decimal))
        .reduce<number>((a, v) => a + Math.round((v ?? 0) * 100), 0);

      const encoding: TextEncodingName = f.encoding === 'utf-8-bom' ? 'utf-8' : f.encoding;
      const mapping = { ...emptyMapping(), purchase_id: 'Номер', buyer_name: 'Заказчик', amount: 'Сумма', signed_date: 'Дата' };
      const draft: TableDraft = {
        kind: 'csv',
        fileName: 'generated.csv',
        bytes: bytes.length,
        detection: {
          encoding: { encoding, bom: f.encoding !== 'utf-8' && f.encoding !== 'windows-1251' },
          dialect: { delimiter: f.delimiter as ',', quote: '"', escape: dialect.escape as '"', header: true, skip: 0 },
          headers: HEADERS,
          sampleRows: [],
          columns: [],
        },
        mapping,
        formats: {
          amount: { decimal: f.number.decimal, thousands: f.number.thousands },
          signed_date: { dateFormat: f.date },
        },
        sector: 'state',
        currency: 'KZT',
        rememberedMapping: false,
        warnings: [],
      };
      const id = `gen-${++runs}`;
      const out = await importTable(engine, bytesSource('generated.csv', bytes), draft, id);
      const [t] = await engine.query<{ n: number; cents: number | null }>(
        `SELECT count(*)::INTEGER AS n, CAST(round(sum(amount) * 100) AS BIGINT)::DOUBLE AS cents FROM purchases WHERE dataset_id = ?`,
        [id],
      );
      await engine.query(`DELETE FROM purchases WHERE dataset_id = ?`, [id]);
      await engine.query(`DELETE FROM ingest_rejects WHERE dataset_id = ?`, [id]);
      await engine.query(`DELETE FROM datasets WHERE dataset_id = ?`, [id]);
      expect(out.rowsImported, text).toBe(t.n);
      expect(out.rowsImported + out.rowsRejected, text).toBe(data.length);
      expect(out.rowsImported, text).toBe(good.length);
      expect(t.cents ?? 0, text).toBe(cents);
    }),
    { numRuns: 500, seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined },
  );
}, 600_000);
