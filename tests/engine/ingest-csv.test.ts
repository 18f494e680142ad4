import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeWasmEngine } from '../../src/engine/node';
import { createModel } from '../../src/model/schema';
import { detectCsv, toUtf8 } from '../../src/ingest/detect';
import { autoMap } from '../../src/ingest/mapping';
import type { ColumnMapping } from '../../src/ingest/mapping';
import { loadCsv, previewRows, removeDataset, suggestFormats } from '../../src/ingest/csv';
import type { LoadCsvSpec, LoadResult } from '../../src/ingest/csv';
import { IngestError } from '../../src/ingest/errors';
import { xlsxToCsv } from '../../src/ingest/xlsx';
import { REPO_ROOT } from '../support/shared';

// Expected numbers below are written by hand from the fixture text (scripts/make-ingest-fixtures.ts).

let engine: NodeWasmEngine;
beforeAll(async () => {
  engine = await NodeWasmEngine.create();
  await createModel(engine);
});
afterAll(async () => engine.close());

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(REPO_ROOT, 'tests', 'fixtures', 'ingest', name)));

/** The whole upload path: detect → re-encode → register → auto-map → suggest formats → load. */
async function load(
  name: string,
  extra: Partial<LoadCsvSpec> & { mappingPatch?: Partial<ColumnMapping> } = {},
): Promise<LoadResult & { id: string }> {
  const bytes = fixture(name);
  const det = detectCsv(bytes);
  await engine.registerFile(name, toUtf8(bytes, det.encoding.encoding));
  const mapping = { ...autoMap(det.headers, det.sampleRows).mapping, ...extra.mappingPatch };
  const columnFormats = await suggestFormats(engine, name, det.dialect, mapping);
  const id = extra.datasetId ?? `fx-${name}`;
  const res = await loadCsv(engine, {
    name,
    registeredFile: name,
    dialect: det.dialect,
    mapping,
    columnFormats,
    sector: 'state',
    ...extra,
    datasetId: id,
  });
  return { ...res, id };
}

async function totals(id: string) {
  const [r] = await engine.query<{ n: number; s: number; kzt: number | null }>(
    `SELECT count(*) AS n, sum(amount)::DOUBLE AS s, sum(amount_kzt)::DOUBLE AS kzt FROM purchases WHERE dataset_id = ?`,
    [id],
  );
  return r;
}

describe('loading CSV fixtures', () => {
  it('reads a Windows-1251 Russian export: decimal comma, no-break-space thousands, dd.mm.yyyy, methods', async () => {
    const r = await load('ru-cp1251-semicolon.csv');
    expect(r).toMatchObject({ rowsRead: 4, rowsImported: 4, rowsRejected: 0 });
    const t = await totals(r.id);
    expect(t.s).toBeCloseTo(1250000.5 + 99999.99 + 500 + 2000000, 2);
    expect(t.kzt).toBeCloseTo(3350500.49, 2);
    const rows = await engine.query(
      `SELECT purchase_id, buyer_name, buyer_id, supplier_id, method, competitive, signed_date, source_row FROM purchases WHERE dataset_id = ? ORDER BY source_row`,
      [r.id],
    );
    expect(rows[0]).toEqual({
      purchase_id: 'Д-1',
      buyer_name: 'ГУ "Школа №5"; г. Алматы',
      buyer_id: '000140001234',
      supplier_id: '123456789012',
      method: 'open',
      competitive: true,
      signed_date: '2021-03-15',
      source_row: 2,
    });
    expect(rows.map((x) => x.method)).toEqual(['open', 'direct', 'open', 'open']);
    expect(rows.map((x) => x.signed_date)).toEqual(['2021-03-15', '2021-12-01', '2021-12-31', '2022-01-05']);
    expect(rows.map((x) => x.source_row)).toEqual([2, 3, 4, 5]);
  });

  it('reads UTF-8 with a BOM (the first header is not polluted)', async () => {
    const r = await load('utf8-bom.csv', { currency: 'USD' });
    expect(r).toMatchObject({ rowsRead: 3, rowsImported: 3, rowsRejected: 0 });
    const t = await totals(r.id);
    expect(t).toEqual({ n: 3, s: 60.75, kzt: null });
    expect(
      (await engine.query(`SELECT purchase_id FROM purchases WHERE dataset_id = ? ORDER BY 1`, [r.id])).map((x) => x.purchase_id),
    ).toEqual(['C1', 'C2', 'C3']);
  });

  it('reads UTF-16LE tab-separated text', async () => {
    const r = await load('utf16le.tsv');
    expect(r).toMatchObject({ rowsRead: 2, rowsImported: 2 });
    expect((await totals(r.id)).s).toBeCloseTo(3500.5, 2);
  });

  it('reads CP866 and KOI8-R', async () => {
    const a = await load('cp866.csv');
    expect(a).toMatchObject({ rowsRead: 3, rowsImported: 3 });
    expect((await totals(a.id)).s).toBeCloseTo(600.5, 2);
    expect(
      (await engine.query(`SELECT buyer_name FROM purchases WHERE dataset_id = ? ORDER BY source_row LIMIT 1`, [a.id]))[0]
        .buyer_name,
    ).toBe('Министерство финансов');
    const k = await load('koi8r.csv');
    expect(k).toMatchObject({ rowsRead: 2, rowsImported: 2 });
    expect((await totals(k.id)).s).toBeCloseTo(333.33, 2);
    expect(
      (await engine.query(`SELECT supplier_name FROM purchases WHERE dataset_id = ? ORDER BY source_row LIMIT 1`, [k.id]))[0]
        .supplier_name,
    ).toBe('Товарищество с ограниченной ответственностью Запад');
  });

  it('reads comma, tab and pipe delimiters', async () => {
    const c = await load('comma.csv');
    expect(c).toMatchObject({ rowsRead: 3, rowsImported: 3 });
    expect((await totals(c.id)).s).toBeCloseTo(400, 2);
    expect(
      await engine.query(`SELECT method, competitive FROM purchases WHERE dataset_id = ? ORDER BY source_row`, [c.id]),
    ).toEqual([
      { method: 'open', competitive: true },
      { method: 'direct', competitive: false },
      { method: 'limited', competitive: false },
    ]);
    const t = await load('tab.tsv');
    expect(t).toMatchObject({ rowsRead: 4, rowsImported: 4 });
    expect((await totals(t.id)).s).toBeCloseTo(11, 2);
    const p = await load('pipe.csv');
    expect(p).toMatchObject({ rowsRead: 2, rowsImported: 2 });
    expect((await totals(p.id)).s).toBeCloseTo(30, 2);
    expect(
      (await engine.query(`SELECT supplier_name FROM purchases WHERE dataset_id = ? ORDER BY source_row LIMIT 1`, [p.id]))[0]
        .supplier_name,
    ).toBe('Supp | X');
  });

  it('reads a file without a header, mapped by column1…N, with source rows starting at line 1', async () => {
    const r = await load('no-header.csv', {
      mappingPatch: { purchase_id: 'column1', supplier_name: 'column2', amount: 'column3', signed_date: 'column4' },
    });
    expect(r).toMatchObject({ rowsRead: 3, rowsImported: 3 });
    expect((await totals(r.id)).s).toBeCloseTo(6000.25, 2);
    expect(await engine.query(`SELECT source_row, purchase_id FROM purchases WHERE dataset_id = ? ORDER BY 1`, [r.id])).toEqual([
      { source_row: 1, purchase_id: '1' },
      { source_row: 2, purchase_id: '2' },
      { source_row: 3, purchase_id: '3' },
    ]);
  });

  it('cleans comma and apostrophe thousands', async () => {
    const a = await load('dot-decimal-comma-thousands.csv');
    expect((await totals(a.id)).s).toBeCloseTo(1247911.99, 2);
    const b = await load('apostrophe-thousands.csv');
    expect(b).toMatchObject({ rowsImported: 3, rowsRejected: 0 });
    expect((await totals(b.id)).s).toBeCloseTo(7667555.75, 2);
  });

  it('parses mm/dd/yyyy when the samples show it, and dd/mm/yyyy by default when ambiguous', async () => {
    const m = await load('mdy-dates.csv');
    expect(
      (await engine.query(`SELECT signed_date FROM purchases WHERE dataset_id = ? ORDER BY source_row`, [m.id])).map(
        (x) => x.signed_date,
      ),
    ).toEqual(['2021-03-25', '2020-12-31', '2021-01-02']);
    const a = await load('ambiguous-dates.csv');
    expect(
      (await engine.query(`SELECT signed_date FROM purchases WHERE dataset_id = ? ORDER BY source_row`, [a.id])).map(
        (x) => x.signed_date,
      ),
    ).toEqual(['2021-04-03', '2021-06-05']);
    // The person can say otherwise.
    const a2 = await load('ambiguous-dates.csv', {
      datasetId: 'fx-amb-mdy',
      columnFormats: { signed_date: { dateFormat: '%m/%d/%Y' } },
    });
    expect(
      (await engine.query(`SELECT signed_date FROM purchases WHERE dataset_id = ? ORDER BY source_row`, [a2.id])).map(
        (x) => x.signed_date,
      ),
    ).toEqual(['2021-03-04', '2021-05-06']);
  });

  it('strips glued currencies and records them', async () => {
    const k = await load('currency-kzt.csv');
    expect(k).toMatchObject({ rowsRead: 3, rowsImported: 3, rowsRejected: 0 });
    const tk = await totals(k.id);
    expect(tk.s).toBeCloseTo(1602000.5, 2);
    expect(tk.kzt).toBeCloseTo(1602000.5, 2);
    const u = await load('currency-usd.csv');
    expect(u).toMatchObject({ rowsImported: 3, rowsRejected: 0 });
    const tu = await totals(u.id);
    expect(tu.s).toBeCloseTo(11334.49, 2);
    expect(tu.kzt).toBeNull();
    expect(await engine.query(`SELECT DISTINCT currency FROM purchases WHERE dataset_id = ?`, [u.id])).toEqual([
      { currency: 'USD' },
    ]);
  });

  it('rejects broken rows with their line numbers; imported + rejected = rows in the file', async () => {
    const r = await load('broken.csv', { mappingPatch: { purchase_id: 'Номер', signed_date: 'Дата' } });
    expect(r).toMatchObject({ rowsRead: 6, rowsImported: 2, rowsRejected: 4 });
    expect(r.rowsImported + r.rowsRejected).toBe(6);
    expect((await totals(r.id)).s).toBeCloseTo(300, 2);
    const rej = await engine.query<{ source_row: number; column_name: string | null; reason: string; raw_value: string }>(
      `SELECT source_row, column_name, reason, raw_value FROM ingest_rejects WHERE dataset_id = ? ORDER BY source_row`,
      [r.id],
    );
    expect(rej.map((x) => x.source_row)).toEqual([3, 4, 5, 6]);
    expect(rej[0]).toMatchObject({ column_name: 'Сумма', raw_value: 'abc' });
    expect(rej[1]).toMatchObject({ column_name: 'Дата', raw_value: '31.02.2020' });
    expect(rej[2].reason).toMatch(/TOO MANY COLUMNS/);
    expect(rej[3].reason).toMatch(/MISSING COLUMNS/);
    expect(
      (await engine.query(`SELECT source_row FROM purchases WHERE dataset_id = ? ORDER BY 1`, [r.id])).map((x) => x.source_row),
    ).toEqual([2, 7]);
    expect(await engine.query(`SELECT rows_read, rows_rejected FROM datasets WHERE dataset_id = ?`, [r.id])).toEqual([
      { rows_read: 6, rows_rejected: 4 },
    ]);
  });

  it('gives identical rows a stable hash id made unique by a suffix', async () => {
    const text = 'buyer;amount\nA;1\nA;1\nB;2\n';
    await engine.registerFile('dups.csv', new TextEncoder().encode(text));
    const spec: LoadCsvSpec = {
      datasetId: 'dups',
      name: 'dups.csv',
      registeredFile: 'dups.csv',
      dialect: { delimiter: ';', quote: '"', header: true, skip: 0 },
      mapping: { buyer_name: 'buyer', amount: 'amount' },
      sector: 'quasi_public',
    };
    await loadCsv(engine, spec);
    const ids1 = (await engine.query(`SELECT purchase_id FROM purchases WHERE dataset_id = 'dups' ORDER BY source_row`)).map(
      (x) => x.purchase_id as string,
    );
    expect(new Set(ids1).size).toBe(3);
    expect(ids1[1]).toBe(`${ids1[0]}#2`);
    await loadCsv(engine, spec); // reloading replaces, and gives the same ids
    const ids2 = (await engine.query(`SELECT purchase_id FROM purchases WHERE dataset_id = 'dups' ORDER BY source_row`)).map(
      (x) => x.purchase_id,
    );
    expect(ids2).toEqual(ids1);
    expect(await engine.query(`SELECT DISTINCT sector FROM purchases WHERE dataset_id = 'dups'`)).toEqual([
      { sector: 'quasi_public' },
    ]);
  });

  it('counts source rows by record when a quoted field spans lines', async () => {
    const text = 'id;name;amount\n1;"two\nlines";10\n2;b;x\n3;c;30\n';
    await engine.registerFile('ml.csv', new TextEncoder().encode(text));
    const r = await loadCsv(engine, {
      datasetId: 'ml',
      name: 'ml.csv',
      registeredFile: 'ml.csv',
      dialect: { delimiter: ';', quote: '"', header: true, skip: 0 },
      mapping: { purchase_id: 'id', item_name: 'name', amount: 'amount' },
      sector: 'state',
    });
    expect(r).toMatchObject({ rowsRead: 3, rowsImported: 2, rowsRejected: 1 });
    expect(
      (await engine.query(`SELECT source_row FROM purchases WHERE dataset_id = 'ml' ORDER BY 1`)).map((x) => x.source_row),
    ).toEqual([2, 4]);
    expect(
      (await engine.query(`SELECT source_row FROM ingest_rejects WHERE dataset_id = 'ml'`)).map((x) => x.source_row),
    ).toEqual([3]);
  });

  it('derives unit price from amount and quantity when the file has none', async () => {
    await engine.registerFile(
      'q.csv',
      new TextEncoder().encode('Сумма;Количество;Способ закупки\n1000;4;Тендер (не ГЗ)\n10;0;Через товарные биржи (не ГЗ)\n'),
    );
    await loadCsv(engine, {
      datasetId: 'q',
      name: 'q.csv',
      registeredFile: 'q.csv',
      dialect: { delimiter: ';', quote: '"', header: true, skip: 0 },
      mapping: autoMap(['Сумма', 'Количество', 'Способ закупки']).mapping,
      sector: 'quasi_public',
    });
    expect(await engine.query(`SELECT unit_price, method FROM purchases WHERE dataset_id = 'q' ORDER BY source_row`)).toEqual([
      { unit_price: 250, method: 'open' },
      { unit_price: null, method: 'open' },
    ]);
  });

  it('previews rows exactly as read, and removes a dataset everywhere', async () => {
    const bytes = fixture('broken.csv');
    await engine.registerFile('prev.csv', bytes);
    const p = await previewRows(engine, 'prev.csv', { delimiter: ';', quote: '"', header: true, skip: 0 }, 2);
    expect(p.headers).toEqual(['Номер', 'Сумма', 'Дата']);
    expect(p.rows).toEqual([
      ['1', '100,00', '01.01.2020'],
      ['2', 'abc', '02.01.2020'],
    ]);
    await removeDataset(engine, 'fx-broken.csv');
    for (const t of ['purchases', 'ingest_rejects', 'datasets']) {
      expect((await engine.query(`SELECT count(*) AS n FROM ${t} WHERE dataset_id = 'fx-broken.csv'`))[0].n).toBe(0);
    }
  });

  it('types plain values by cast and everything else by cleaning, with the same results and rejects', async () => {
    // Clean-looking columns take DuckDB's cast; the rest falls through to the cleaning path.
    const nb = '\u00a0';
    const csv = [
      'purchase_id,buyer_id,buyer_name,amount,n_bidders,signed_date,currency,sector',
      `p1, 001 ,${nb}Buyer A${nb},1234.5,3,2020-01-05,KZT,state`,
      'p2,002,Buyer B,"1,234.50",2,2020-01-06 10:30:00,тенге,Квазигоссектор',
      'p3,003,Buyer C,1.5E+03,1.5,2020-02-01,,state',
      'p4,004,Buyer D,-,n/a,05.02.2020,USD,state',
      'p5,005,Buyer E,12 500 ₸,4,2020-03-01,,ГЗ',
    ].join('\n');
    await engine.registerFile('fast-path.csv', new TextEncoder().encode(csv + '\n'));
    const dialect = { delimiter: ',' as const, quote: '"' as const, header: true, skip: 0 };
    const mapping = autoMap(csv.split('\n')[0].split(',')).mapping;
    const r = await loadCsv(engine, {
      datasetId: 'fast',
      name: 'fast-path.csv',
      registeredFile: 'fast-path.csv',
      dialect,
      mapping,
      columnFormats: { amount: { decimal: '.' }, signed_date: { dateFormat: '%Y-%m-%d' } },
      sector: { column: 'sector' },
    });
    // p3: 1.5 bidders is not a whole number; p4: 05.02.2020 is not the declared yyyy-mm-dd (its "-"
    // and "n/a" are blanks, not errors). p1's no-break spaces and p2's grouping go through cleaning.
    expect(r).toMatchObject({ rowsRead: 5, rowsImported: 3, rowsRejected: 2 });
    const rows = await engine.query(
      `SELECT purchase_id, buyer_id, buyer_name, amount, n_bidders, signed_date, currency, sector FROM purchases WHERE dataset_id = 'fast' ORDER BY purchase_id`,
    );
    expect(rows).toEqual([
      {
        purchase_id: 'p1',
        buyer_id: '001',
        buyer_name: 'Buyer A',
        amount: 1234.5,
        n_bidders: 3,
        signed_date: '2020-01-05',
        currency: 'KZT',
        sector: 'state',
      },
      {
        purchase_id: 'p2',
        buyer_id: '002',
        buyer_name: 'Buyer B',
        amount: 1234.5,
        n_bidders: 2,
        signed_date: '2020-01-06',
        currency: 'KZT',
        sector: 'quasi_public',
      },
      {
        purchase_id: 'p5',
        buyer_id: '005',
        buyer_name: 'Buyer E',
        amount: 12500,
        n_bidders: 4,
        signed_date: '2020-03-01',
        currency: 'KZT',
        sector: 'state',
      },
    ]);
    const rejects = await engine.query(
      `SELECT source_row, column_name, raw_value FROM ingest_rejects WHERE dataset_id = 'fast' ORDER BY source_row, column_name`,
    );
    expect(rejects).toEqual([
      { source_row: 4, column_name: 'n_bidders', raw_value: '1.5' },
      { source_row: 5, column_name: 'signed_date', raw_value: '05.02.2020' },
    ]);
    await removeDataset(engine, 'fast');
  });

  it('numbers source rows right after many broken rows (more than a CASE holds)', async () => {
    // Every third line has a field too many: 250 reader rejects among 750 records. Each good row's
    // id is its own line number in the file (the header is line 1).
    const lines = ['purchase_id,buyer_id,amount'];
    for (let line = 2; line <= 751; line++) lines.push(line % 3 === 0 ? `L${line},b,1,extra` : `L${line},b,${line}`);
    await engine.registerFile('many-broken.csv', new TextEncoder().encode(lines.join('\n') + '\n'));
    const r = await loadCsv(engine, {
      datasetId: 'many-broken',
      name: 'many-broken.csv',
      registeredFile: 'many-broken.csv',
      dialect: { delimiter: ',', quote: '"', header: true, skip: 0 },
      mapping: autoMap(['purchase_id', 'buyer_id', 'amount']).mapping,
      sector: 'state',
    });
    expect(r).toMatchObject({ rowsRead: 750, rowsImported: 500, rowsRejected: 250 });
    const [check] = await engine.query<{ n: number; wrong: number }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE source_row <> CAST(substr(purchase_id, 2) AS INTEGER)) AS wrong FROM purchases WHERE dataset_id = 'many-broken'`,
    );
    expect(check).toEqual({ n: 500, wrong: 0 });
    const rejected = await engine.query<{ source_row: number }>(
      `SELECT DISTINCT source_row FROM ingest_rejects WHERE dataset_id = 'many-broken' ORDER BY 1`,
    );
    expect(rejected.map((x) => x.source_row)).toEqual(Array.from({ length: 250 }, (_, i) => 3 * (i + 1)));
    await removeDataset(engine, 'many-broken');
  });

  it('says what is wrong with a one-column file and an empty file', async () => {
    await engine.registerFile('one.csv', new TextEncoder().encode('a;b;c\n1;2;3\n'));
    const e1 = await loadCsv(engine, {
      datasetId: 'one',
      name: 'one.csv',
      registeredFile: 'one.csv',
      dialect: { delimiter: ',', quote: '"', header: true, skip: 0 },
      mapping: {},
      sector: 'state',
    }).catch((e) => e);
    expect(e1).toBeInstanceOf(IngestError);
    expect(e1.code).toBe('one_column');
    expect(e1.userMessage).toMatch(/delimiter/);
    await engine.registerFile('hdr.csv', new TextEncoder().encode('a;b;c\n'));
    const e2 = await loadCsv(engine, {
      datasetId: 'hdr',
      name: 'hdr.csv',
      registeredFile: 'hdr.csv',
      dialect: { delimiter: ';', quote: '"', header: true, skip: 0 },
      mapping: {},
      sector: 'state',
    }).catch((e) => e);
    expect(e2).toBeInstanceOf(IngestError);
    expect(e2.code).toBe('no_rows');
    expect((await engine.query(`SELECT count(*) AS n FROM datasets WHERE dataset_id = 'hdr'`))[0].n).toBe(0);
  });
});

describe('loading an .xlsx through the CSV path', () => {
  it('turns the first sheet into CSV and loads it', async () => {
    const x = await xlsxToCsv(fixture('contracts.xlsx'), 1, 'contracts.xlsx');
    expect(x.sheets).toEqual(['Договоры', 'Notes']);
    expect(x.sheet).toBe('Договоры');
    await engine.registerFile('contracts.xlsx.csv', x.csv);
    const mapping = autoMap(['Заказчик', 'Поставщик', 'Сумма', 'Дата заключения договора', 'Способ закупки']).mapping;
    const r = await loadCsv(engine, {
      datasetId: 'xlsx',
      name: 'contracts.xlsx',
      registeredFile: 'contracts.xlsx.csv',
      dialect: x.dialect,
      mapping,
      sector: 'state',
      source: 'xlsx',
    });
    expect(r).toMatchObject({ rowsRead: 3, rowsImported: 3, rowsRejected: 0 });
    expect((await totals('xlsx')).s).toBeCloseTo(1500250.75, 2);
    expect(
      await engine.query(`SELECT buyer_name, signed_date, method FROM purchases WHERE dataset_id = 'xlsx' ORDER BY source_row`),
    ).toEqual([
      { buyer_name: 'Акимат', signed_date: '2021-01-01', method: 'direct' },
      { buyer_name: 'Управление, «кавычки» "и" запятые', signed_date: '2021-02-01', method: 'open' },
      { buyer_name: 'Акимат', signed_date: null, method: 'open' },
    ]);
  });

  it('reads a chosen sheet by name', async () => {
    const x = await xlsxToCsv(fixture('contracts.xlsx'), 'Notes');
    expect(new TextDecoder().decode(x.csv)).toBe('note\r\n');
  });
});
