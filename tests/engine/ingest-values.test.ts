/**
 * Regressions of issue 9 and 11 (item 5) on fixtures written here, each through the one import
 * path (draftImport → importTable) as the app and the CLI run it: what a user saw go wrong,
 * and what they get now.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeWasmEngine } from '../../src/engine/node';
import { draftImport, formatsFromDetection, type TableDraft } from '../../src/ingest/draft';
import type { ColumnMapping } from '../../src/ingest/mapping';
import { importTable, type ImportOutcome } from '../../src/ingest/importer';
import { bytesSource } from '../../src/ingest/source';
import { createModel } from '../../src/model/schema';
import { encodeCp1251 } from '../support/cp1251';

let engine: NodeWasmEngine;
beforeAll(async () => {
  engine = await NodeWasmEngine.create();
  await createModel(engine);
});
afterAll(async () => engine.close());

const utf8 = (s: string) => new TextEncoder().encode(s);

async function load(
  name: string,
  bytes: Uint8Array,
  patch: Partial<ColumnMapping> = {},
): Promise<{ draft: TableDraft; out: ImportOutcome }> {
  const source = bytesSource(name, bytes);
  const drafted = await draftImport(source);
  if (drafted.kind === 'ocds') throw new Error('expected a table');
  // A mapping confirmed by the person (the dialog, or --mapping): formats follow the chosen columns.
  const mapping = { ...drafted.mapping, ...patch };
  const draft = { ...drafted, mapping, formats: { ...drafted.formats, ...formatsFromDetection(drafted.detection, mapping) } };
  const out = await importTable(engine, source, draft, name);
  // The books, every time: rows reported = rows in the table; imported + rejected = rows read.
  const [t] = await engine.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM purchases WHERE dataset_id = ?`, [name]);
  expect(out.rowsImported).toBe(t.n);
  expect(out.rowsImported + out.rowsRejected).toBe(out.rowsRead);
  return { draft, out };
}

const rows = <T = Record<string, unknown>>(sql: string, params: (string | number)[] = []) =>
  engine.query<T & Record<string, unknown>>(sql, params);

describe('issue 9 regressions', () => {
  it('a Windows-1251 file whose quoted names use backslash escapes: every row in the table, none rejected', async () => {
    const lines = ['Номер;Заказчик;Поставщик;Сумма;Дата договора'];
    for (let i = 1; i <= 50; i++)
      lines.push(`${i};"ТОО \\"Альфа ${i}\\"";"АО \\"Бета\\", филиал ${i % 3}";${i * 1000},50;0${(i % 9) + 1}.03.2024`);
    const { draft, out } = await load('cp1251-backslash.csv', encodeCp1251(lines.join('\r\n') + '\r\n'));
    expect(draft.detection.encoding.encoding).toBe('windows-1251');
    expect(draft.detection.dialect.escape).toBe('\\');
    expect(out).toMatchObject({ rowsRead: 50, rowsImported: 50, rowsRejected: 0 });
    const [s] = await rows<{ total: number }>(
      `SELECT sum(amount)::DOUBLE AS total FROM purchases WHERE dataset_id = 'cp1251-backslash.csv'`,
    );
    expect(s.total).toBeCloseTo(1000 * ((50 * 51) / 2) + 50 * 0.5, 2);
    const [first] = await rows(
      `SELECT buyer_name, supplier_name FROM purchases WHERE dataset_id = 'cp1251-backslash.csv' AND purchase_id = '7'`,
    );
    expect(first).toEqual({ buyer_name: 'ТОО "Альфа 7"', supplier_name: 'АО "Бета", филиал 1' });
  });

  it('dd.mm.yy dates are read with the stated pivot, and the draft says so', async () => {
    const body = ['id;amount;signed_date', '1;100;15.05.15', '2;200;03.02.98', '3;300;31.12.26'].join('\n') + '\n';
    const { draft } = await load('two-digit-years.csv', utf8(body));
    expect(draft.formats.signed_date?.dateFormat).toBe('%d.%m.%y');
    expect(draft.warnings.join(' ')).toMatch(/two-digit years: 00–\d\d are read as 2000–20\d\d/);
    const got = await rows<{ d: string }>(
      `SELECT strftime(signed_date, '%Y-%m-%d') AS d FROM purchases WHERE dataset_id = 'two-digit-years.csv' ORDER BY source_row`,
    );
    expect(got.map((r) => r.d)).toEqual(['2015-05-15', '1998-02-03', '2026-12-31']);
  });

  it('scientific notation in a decimal-comma column', async () => {
    const body =
      ['id;Сумма;Дата', '1;6e+05;01.02.2024', '2;1 234,50;01.02.2024', '3;6,5E+05;01.02.2024', '4;12,75;01.02.2024'].join('\n') +
      '\n';
    const { out } = await load('sci-decimal-comma.csv', utf8(body));
    expect(out).toMatchObject({ rowsImported: 4, rowsRejected: 0 });
    const got = await rows<{ a: number }>(
      `SELECT amount::DOUBLE AS a FROM purchases WHERE dataset_id = 'sci-decimal-comma.csv' ORDER BY source_row`,
    );
    expect(got.map((r) => r.a)).toEqual([600000, 1234.5, 650000, 12.75]);
  });

  it('empty amounts: the row is kept with no amount, and counted as such', async () => {
    const body =
      ['id,amount,signed_date', 'A,100,2024-01-01', 'B,,2024-01-02', 'C,-,2024-01-03', 'D,50,2024-01-04'].join('\n') + '\n';
    const { out } = await load('empty-amounts.csv', utf8(body));
    expect(out).toMatchObject({ rowsImported: 4, rowsRejected: 0, emptyAmounts: 2 });
  });

  it('ids lose a leading apostrophe or № sign', async () => {
    const body =
      ['Номер договора;БИН заказчика;Сумма', "'000123;'010140000123;10", '№ 45;№010140000124;20', '№77;010140000125;30'].join(
        '\n',
      ) + '\n';
    await load('ids.csv', utf8(body));
    const got = await rows<{ p: string; b: string }>(
      `SELECT purchase_id AS p, buyer_id AS b FROM purchases WHERE dataset_id = 'ids.csv' ORDER BY source_row`,
    );
    expect(got).toEqual([
      { p: '000123', b: '010140000123' },
      { p: '45', b: '010140000124' },
      { p: '77', b: '010140000125' },
    ]);
  });

  it('Excel serial dates in a date column', async () => {
    const body = ['id,amount,signed_date', 'A,1,45292', 'B,2,45337', 'C,3,44927'].join('\n') + '\n';
    const { draft } = await load('excel-serial.csv', utf8(body), { signed_date: 'signed_date' });
    expect(draft.formats.signed_date?.dateFormat).toBe('excel');
    const got = await rows<{ d: string }>(
      `SELECT strftime(signed_date, '%Y-%m-%d') AS d FROM purchases WHERE dataset_id = 'excel-serial.csv' ORDER BY source_row`,
    );
    expect(got.map((r) => r.d)).toEqual(['2024-01-01', '2024-02-15', '2023-01-01']);
  });
});

describe('plausibility (issue 11, item 5)', () => {
  it('dates outside 1990..next year are rejected with a reason; odd amounts are counted, kept', async () => {
    const body =
      [
        'id,amount,signed_date',
        'A,100,2024-01-01',
        'B,200,9999-01-01',
        'C,300,1989-12-31',
        'D,-50,2024-01-02',
        'E,5000000000000,2024-01-03',
        ',,',
      ].join('\n') + '\n';
    const { out } = await load('plausible.csv', utf8(body));
    expect(out).toMatchObject({ rowsRead: 6, rowsImported: 3, rowsRejected: 3 });
    expect(out.implausible).toEqual({ negative: 1, aboveCeiling: 1, sum: 5000000000000 - 50 });
    const rej = await rows<{ source_row: number; column_name: string | null; reason: string }>(
      `SELECT source_row, column_name, reason FROM ingest_rejects WHERE dataset_id = 'plausible.csv' ORDER BY source_row`,
    );
    expect(rej).toEqual([
      { source_row: 3, column_name: 'signed_date', reason: expect.stringMatching(/^date outside 1990–\d{4}$/) },
      { source_row: 4, column_name: 'signed_date', reason: expect.stringMatching(/^date outside 1990–/) },
      { source_row: 7, column_name: null, reason: 'no value in any mapped column' },
    ]);
  });
});
