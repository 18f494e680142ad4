import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NodeWasmEngine } from '../../src/engine/node';
import { createModel } from '../../src/model/schema';
import { detectCsv, toUtf8 } from '../../src/ingest/detect';
import { autoMap, METHOD_RULES, methodCaseSql, normaliseMethod } from '../../src/ingest/mapping';
import type { ColumnMapping } from '../../src/ingest/mapping';
import { loadCsv, suggestFormats } from '../../src/ingest/csv';
import type { LoadResult } from '../../src/ingest/csv';
import { describeWithShared, sharedPath } from '../support/shared';
import { parseRecordsArray, recordsToCsvBytes } from '../../src/ingest/jsonRecords';

// Real files from ../shared/datasets. Expected counts and totals are computed here with
// PapaParse and a small number cleaner, independently of the importer's SQL.

let engine: NodeWasmEngine;
beforeAll(async () => {
  engine = await NodeWasmEngine.create();
  await createModel(engine);
});
afterAll(async () => engine.close());

/** The test's own cleaner: drop spaces (all kinds), `$`, `CAD` and thousands commas; dot decimal. */
function cleanAmount(v: string | undefined): number | null {
  if (v === undefined) return null;
  const t = v.replace(/[\s\u00a0\u202f,$]|CAD|USD/g, '');
  if (t === '' || t === '-' || t === 'None') return null;
  return /^-?\d+(\.\d*)?$/.test(t) ? Number(t) : NaN; // `942467.` is a number
}

function papa(file: string, delimiter: string): { header: string[]; rows: string[][] } {
  // Toronto's files end the header with CRLF and the rows with LF; Papa guesses one newline for all.
  const text = readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  const res = Papa.parse<string[]>(text, { delimiter, newline: '\n', skipEmptyLines: true });
  const [header, ...rows] = res.data;
  return { header, rows };
}

async function loadShared(
  dir: string,
  file: string,
  patch: Partial<ColumnMapping> = {},
  currency = 'KZT',
): Promise<LoadResult & { id: string }> {
  const bytes = new Uint8Array(readFileSync(sharedPath('datasets', dir, file)));
  const det = detectCsv(bytes.subarray(0, 65536), bytes.length <= 65536);
  const name = `${dir}/${file}`;
  await engine.registerFile(name, toUtf8(bytes, det.encoding.encoding));
  const mapping = { ...autoMap(det.headers, det.sampleRows).mapping, ...patch };
  const columnFormats = await suggestFormats(engine, name, det.dialect, mapping);
  const res = await loadCsv(engine, {
    datasetId: name,
    name,
    registeredFile: name,
    dialect: det.dialect,
    mapping,
    columnFormats,
    sector: 'state',
    currency,
  });
  return { ...res, id: name };
}

async function sumAmount(id: string): Promise<{ n: number; s: number }> {
  return (
    await engine.query<{ n: number; s: number }>(
      `SELECT count(*) AS n, coalesce(sum(amount), 0)::DOUBLE AS s FROM purchases WHERE dataset_id = ?`,
      [id],
    )
  )[0];
}

describeWithShared('real data: City of Toronto', () => {
  it('loads Awarded Contracts: every row, quoted "771,931.57" amounts included', async () => {
    const p = papa(sharedPath('datasets', 'toronto-contracts', 'Awarded Contracts.csv'), ',');
    const ai = p.header.indexOf('Award');
    const amounts = p.rows.map((r) => cleanAmount(r[ai]));
    const good = amounts.filter((a) => a === null || !Number.isNaN(a));
    const r = await loadShared('toronto-contracts', 'Awarded Contracts.csv', {}, 'CAD');
    expect(r.rowsRead).toBe(p.rows.length);
    expect(r.rowsRead).toBe(7613);
    expect(r.rowsImported + r.rowsRejected).toBe(r.rowsRead);
    expect(r.rowsImported).toBe(good.length);
    const t = await sumAmount(r.id);
    expect(t.s).toBeCloseTo(
      good.reduce<number>((a, b) => a + (b ?? 0), 0),
      1,
    );
    const m = await engine.query(`SELECT DISTINCT currency, amount_kzt FROM purchases WHERE dataset_id = ?`, [r.id]);
    expect(m).toEqual([{ currency: 'CAD', amount_kzt: null }]);
    // Source rows point at the file's lines: _id n sits on line n + 1.
    const bad = await engine.query(
      `SELECT count(*) AS n FROM purchases WHERE dataset_id = ? AND purchase_id::INTEGER + 1 <> source_row`,
      [r.id],
    );
    expect(bad[0].n).toBe(0);
  });

  it('loads Non-Competitive Contracts as direct, non-competitive purchases', async () => {
    const p = papa(sharedPath('datasets', 'toronto-contracts', 'Non-Competitive Contracts.csv'), ',');
    const ai = p.header.indexOf('Contract Amount');
    const amounts = p.rows.map((r) => cleanAmount(r[ai]));
    const r = await loadShared('toronto-contracts', 'Non-Competitive Contracts.csv', {}, 'CAD');
    expect(r.rowsRead).toBe(2931);
    expect(r.rowsImported + r.rowsRejected).toBe(r.rowsRead);
    const good = amounts.filter((a) => a === null || !Number.isNaN(a));
    expect(r.rowsImported).toBe(good.length);
    expect((await sumAmount(r.id)).s).toBeCloseTo(
      good.reduce<number>((a, b) => a + (b ?? 0), 0),
      1,
    );
  });

  it('loads All Solicitations (no amounts) with tender dates', async () => {
    const r = await loadShared('toronto-contracts', 'All Solicitations.csv');
    expect(r.rowsRead).toBe(917);
    expect(r.rowsImported + r.rowsRejected).toBe(917);
    const d = await engine.query<{ n: number }>(`SELECT count(tender_start) AS n FROM purchases WHERE dataset_id = ?`, [r.id]);
    expect(d[0].n).toBeGreaterThan(900);
  });
});

describeWithShared('real data: goszakup samples', () => {
  it('loads the plan sample: `;`, space thousands, dot decimal, methods', async () => {
    const file = sharedPath('datasets', 'kz-goszakup-plan-sample', 'goszakup_table.first118rows.csv');
    const p = papa(file, ';');
    const ai = p.header.indexOf('Плановая_сумма');
    const expected = p.rows.reduce((a, r) => a + (cleanAmount(r[ai]) ?? 0), 0);
    const r = await loadShared('kz-goszakup-plan-sample', 'goszakup_table.first118rows.csv');
    expect(r).toMatchObject({ rowsRead: 118, rowsImported: 118, rowsRejected: 0 });
    expect(p.rows).toHaveLength(118);
    const t = await sumAmount(r.id);
    expect(t.s).toBeCloseTo(expected, 2);
    // Counts by method from SOURCE.md: 60 ЗЦП + 24 e-shop + 1 open tender = 85 open; 18 + 15 single source = 33 direct.
    const m = await engine.query(`SELECT method, count(*) AS n FROM purchases WHERE dataset_id = ? GROUP BY 1 ORDER BY 1`, [
      r.id,
    ]);
    expect(m).toEqual([
      { method: 'direct', n: 33 },
      { method: 'open', n: 85 },
    ]);
    // The buyer is empty in 84 of 118 rows.
    expect(
      (await engine.query(`SELECT count(*) AS n FROM purchases WHERE dataset_id = ? AND buyer_name IS NULL`, [r.id]))[0].n,
    ).toBe(84);
  });

  it('loads the lot/winner micro files: tabs, "" escapes, BINs with leading zeros, a repeated header', async () => {
    const c = await loadShared('kz-goszakup-lots-micro', 'combined.csv');
    expect(c).toMatchObject({ rowsRead: 2, rowsImported: 2, rowsRejected: 0 });
    expect((await sumAmount(c.id)).s).toBeCloseTo(637800 + 97900, 2); // Общая сумма поставщика
    expect(
      await engine.query(`SELECT supplier_id, supplier_name FROM purchases WHERE dataset_id = ? ORDER BY source_row`, [c.id]),
    ).toEqual([
      { supplier_id: '250140002535', supplier_name: '"Print PRO" ЖШС' },
      { supplier_id: '030319500588', supplier_name: 'ИП Ratbekov' },
    ]);
    const w = await loadShared('kz-goszakup-lots-micro', 'winners.csv');
    expect(w).toMatchObject({ rowsRead: 2, rowsImported: 2 });
    expect((await sumAmount(w.id)).s).toBeCloseTo(97900 + 111100, 2);
    expect(
      await engine.query(`SELECT supplier_id, n_bidders FROM purchases WHERE dataset_id = ? ORDER BY source_row`, [w.id]),
    ).toEqual([
      { supplier_id: '030319500588', n_bidders: null },
      { supplier_id: '020515501679', n_bidders: null },
    ]);
    const s = await loadShared('kz-goszakup-lots-micro', 'suppliers.csv');
    expect(s).toMatchObject({ rowsRead: 2, rowsImported: 2 });
    expect((await sumAmount(s.id)).s).toBeCloseTo(637800 + 699990, 2);
    expect(
      (await engine.query(`SELECT supplier_name, n_bidders FROM purchases WHERE dataset_id = ? ORDER BY source_row`, [s.id]))[0],
    ).toEqual({ supplier_name: 'ТОО "Print PRO', n_bidders: 25 });
    // lots.csv repeats its header mid-file: that line is rejected (its amount is "Planned Amount"), on line 3.
    const l = await loadShared('kz-goszakup-lots-micro', 'lots.csv');
    expect(l).toMatchObject({ rowsRead: 3, rowsImported: 2, rowsRejected: 1 });
    expect((await sumAmount(l.id)).s).toBeCloseTo(176000 + 50000, 2);
    expect(await engine.query(`SELECT source_row, raw_value FROM ingest_rejects WHERE dataset_id = ?`, [l.id])).toEqual([
      { source_row: 3, raw_value: 'Planned Amount' },
    ]);
  });
});

describeWithShared('method normaliser: SQL and TypeScript agree', () => {
  it('on every method text in the plan sample and a list of known names', async () => {
    const p = papa(sharedPath('datasets', 'kz-goszakup-plan-sample', 'goszakup_table.first118rows.csv'), ';');
    const mi = p.header.indexOf('Способ_закупки');
    const texts = [
      ...new Set([
        ...p.rows.map((r) => r[mi]),
        'Тендер (не ГЗ)',
        'Non-Competitive',
        'RFSQ',
        'OTP',
        'Аукцион',
        'Бір көзден алу',
        'ЗЦП (не ГЗ)',
        'selective',
        '',
      ]),
    ];
    const rows = await engine.query<{ t: string; m: string | null }>(
      `SELECT t, ${methodCaseSql('t')} AS m FROM (SELECT unnest(?::VARCHAR[]) AS t)`,
      [JSON.stringify(texts).replace(/^\[/, '[').replace(/"/g, "'")].map(
        () => `[${texts.map((t) => `'${t.replaceAll("'", "''")}'`).join(',')}]`,
      ),
    );
    expect(rows).toHaveLength(texts.length);
    for (const r of rows) expect(r.m).toBe(normaliseMethod(r.t).method);
    expect(METHOD_RULES.length).toBeGreaterThan(5);
  });
});

describeWithShared('real data: Samruk-Kazyna lots (a JSON array of records)', () => {
  it('loads every lot as a purchase with its unit price, item name and unit', async () => {
    const bytes = new Uint8Array(
      readFileSync(sharedPath('datasets', 'kz-samruk-lots-sample', 'out_with_prices.first14records.json')),
    );
    // Independent of the importer: the plain JSON's count and price sum.
    const plain = JSON.parse(new TextDecoder().decode(bytes)) as { prise_per_unit: number | null; lot_id: string }[];
    const expectedSum = plain.reduce((a, r) => a + (r.prise_per_unit ?? 0), 0);
    const records = parseRecordsArray(bytes, 'samruk.json');
    expect(records).not.toBeNull();
    const csv = recordsToCsvBytes(records!);
    const det = detectCsv(csv, true);
    await engine.registerFile('samruk.csv', csv);
    const mapping = autoMap(det.headers, det.sampleRows).mapping;
    expect(mapping).toMatchObject({
      purchase_id: 'lot_id',
      unit_price: 'prise_per_unit',
      item_name: 'naimenovanie_kratkaya',
      unit: 'edinitsa_izmereniya',
    });
    const columnFormats = await suggestFormats(engine, 'samruk.csv', det.dialect, mapping);
    const r = await loadCsv(engine, {
      datasetId: 'samruk',
      name: 'samruk',
      registeredFile: 'samruk.csv',
      dialect: det.dialect,
      mapping,
      columnFormats,
      sector: 'quasi_public',
    });
    expect(r.rowsRead).toBe(plain.length);
    expect(r.rowsImported + r.rowsRejected).toBe(plain.length);
    expect(r.rowsRejected).toBe(0);
    const [t] = await engine.query<{ n: number; s: number; ids: number }>(
      `SELECT count(*) AS n, sum(unit_price)::DOUBLE AS s, count(DISTINCT purchase_id) AS ids FROM purchases WHERE dataset_id = 'samruk'`,
    );
    expect(t.n).toBe(plain.length);
    expect(t.s).toBeCloseTo(expectedSum, 2);
    expect(t.ids).toBe(plain.length);
  });

  it('tells OCDS apart: a release package is not a records table', () => {
    const ocds = new TextEncoder().encode(JSON.stringify([{ ocid: 'ocds-x-1', id: '1' }]));
    expect(parseRecordsArray(ocds, 'x.json')).toBeNull();
  });
});
