import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeWasmEngine } from '../../src/engine/node';
import { OcdsError } from '../../src/ingest/ocds/errors';
import { loadOcds } from '../../src/ingest/ocds/load';
import type { CompiledRelease } from '../../src/ingest/ocds/types';
import { describeWithShared, sharedPath } from '../support/shared';

let engine: NodeWasmEngine;
beforeAll(async () => {
  engine = await NodeWasmEngine.create();
});
afterAll(async () => engine.close());

// OCDS fixtures are built as loosely typed JSON trees on purpose: the importer must cope with any shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

/**
 * What a file should produce, worked out here with plain code straight from the JSON (not
 * through the importer): the processes it holds, the rows the documented rules give
 * (award rows; contracts no award accounts for; a tender row when neither exists), the bids,
 * and the value by currency.
 */
function expectedFromFile(file: string) {
  const j = JSON.parse(readFileSync(file, 'utf8')) as Obj;
  let processes: Obj[];
  if (Array.isArray(j.records)) processes = j.records.map((r: Obj) => r.compiledRelease);
  else if (j.compiledRelease) processes = [j.compiledRelease];
  else if (Array.isArray(j.releases)) {
    const ocids = j.releases.map((r: Obj) => r.ocid);
    // the samples hold one release per process, so no compiling is needed here
    expect(new Set(ocids).size).toBe(ocids.length);
    processes = j.releases;
  } else processes = [j];
  let purchases = 0;
  let bids = 0;
  const value: Record<string, number> = {};
  const add = (v: Obj | undefined) => {
    // an empty string (Moldova's "amount": "") is no amount
    const amount = typeof v?.amount === 'string' ? (v.amount.trim() === '' ? NaN : Number(v.amount)) : v?.amount;
    if (typeof amount !== 'number' || !Number.isFinite(amount)) return;
    const cur = v?.currency ? String(v.currency).trim().toUpperCase() : '(none)';
    value[cur] = (value[cur] ?? 0) + amount;
  };
  // Entries repeating an id are one award (OCDS merge by id, the later entry winning).
  const byId = (list: Obj[] = []) => [...new Map(list.map((x, i) => [x.id == null ? `#${i}` : String(x.id), x])).values()];
  for (const p of processes) {
    const awards: Obj[] = byId(p.awards);
    const contracts: Obj[] = byId(p.contracts);
    const awardIds = new Set(awards.map((a) => String(a.id)));
    for (const a of awards) {
      purchases++;
      if (a.value?.amount != null) add(a.value);
      else for (const c of contracts) if (String(c.awardID) === String(a.id)) add(c.value);
    }
    for (const c of contracts) {
      if (c.awardID != null && awardIds.has(String(c.awardID))) continue;
      purchases++;
      add(c.value);
    }
    if (awards.length === 0 && contracts.length === 0) {
      purchases++;
      add(p.tender?.value);
    }
    bids += p.bids?.details?.length ?? 0;
  }
  return { releases: processes.length, purchases, bids, value };
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((e) => {
      const p = path.join(dir, e);
      return statSync(p).isDirectory() ? walk(p) : p.endsWith('.json') ? [p] : [];
    });
}

describeWithShared('loadOcds on every real OCDS sample', () => {
  const root = sharedPath('datasets', 'ocds-real-samples');

  it('loads each file with the counts and value totals worked out from its JSON', async () => {
    const files = walk(root);
    expect(files.length).toBeGreaterThan(200);
    const table = new Map<
      string,
      { files: number; releases: number; purchases: number; bids: number; value: Record<string, number> }
    >();
    let n = 0;
    for (const file of files) {
      const rel = path.relative(root, file);
      const datasetId = `sample-${++n}`;
      const exp = expectedFromFile(file);
      const res = await loadOcds(engine, { datasetId, name: rel, sector: 'state', source: readFileSync(file) });
      expect(res.skipped, rel).toEqual([]);
      expect([res.releases, res.purchases, res.bids], rel).toEqual([exp.releases, exp.purchases, exp.bids]);

      const [counts] = await engine.query<{ p: number; b: number; d: number }>(
        `SELECT (SELECT count(*) FROM purchases WHERE dataset_id = ?) AS p,
                (SELECT count(*) FROM bids WHERE dataset_id = ?) AS b,
                (SELECT rows_read FROM datasets WHERE dataset_id = ?) AS d`,
        [datasetId, datasetId, datasetId],
      );
      expect([counts.p, counts.b, counts.d], rel).toEqual([exp.purchases, exp.bids, exp.releases]);
      const sums = await engine.query<{ cur: string; total: number }>(
        `SELECT coalesce(currency, '(none)') AS cur, sum(amount)::DOUBLE AS total FROM purchases WHERE dataset_id = ? AND amount IS NOT NULL GROUP BY 1`,
        [datasetId],
      );
      const got = Object.fromEntries(sums.map((s) => [s.cur, s.total]));
      expect(Object.keys(got).sort(), rel).toEqual(Object.keys(exp.value).sort());
      // DECIMAL(18,2) rounds each amount to the cent
      for (const [cur, total] of Object.entries(exp.value))
        expect(Math.abs(got[cur] - total), `${rel} ${cur}`).toBeLessThanOrEqual(0.005 * exp.purchases + 1e-6);

      const publisher = rel.split(`${path.sep}sample${path.sep}`)[0] + ' ' + rel.split(path.sep).at(-2);
      const t = table.get(publisher) ?? { files: 0, releases: 0, purchases: 0, bids: 0, value: {} };
      t.files++;
      t.releases += res.releases;
      t.purchases += res.purchases;
      t.bids += res.bids;
      for (const [cur, total] of Object.entries(got)) t.value[cur] = (t.value[cur] ?? 0) + total;
      table.set(publisher, t);
    }
    const lines = [...table].map(([pub, t]) => {
      const value = Object.entries(t.value)
        .map(([c, v]) => `${c} ${v.toLocaleString('en-US', { maximumFractionDigits: 2 })}`)
        .join(', ');
      return `| ${pub} | ${t.files} | ${t.releases} | ${t.purchases} | ${t.bids} | ${value || '–'} |`;
    });
    console.log(
      [
        '| publisher / folder | files | releases | purchases | bids | total value by currency |',
        '|---|---|---|---|---|---|',
        ...lines,
      ].join('\n'),
    );
    const [all] = await engine.query<{ d: number }>(`SELECT count(*) AS d FROM datasets WHERE source = 'ocds'`);
    expect(all.d).toBe(files.length);
    // staging tables never outlive a load
    expect(await engine.query(`SELECT table_name FROM information_schema.tables WHERE table_name LIKE '_stage_ocds%'`)).toEqual(
      [],
    );
  });

  it('reads a real record with the fields taken from its compiledRelease', async () => {
    const file = sharedPath(
      'datasets',
      'ocds-real-samples',
      'ukraine',
      'sample',
      'records',
      'ocds-be6bcu-UA-2016-06-02-000468-c.json',
    );
    const c = JSON.parse(readFileSync(file, 'utf8')).compiledRelease as Obj;
    await loadOcds(engine, { datasetId: 'ua-one', name: 'ua', sector: 'state', source: readFileSync(file) });
    const [row] = await engine.query(`SELECT * FROM purchases WHERE dataset_id = 'ua-one'`);
    const award = c.awards[0];
    expect(row).toMatchObject({
      purchase_id: `${c.ocid}/${award.id}`,
      buyer_name: c.buyer.name,
      supplier_name: award.suppliers[0].name,
      amount: award.value.amount,
      currency: award.value.currency,
      method: c.tender.procurementMethod,
      tender_start: c.tender.tenderPeriod.startDate.slice(0, 10),
      tender_end: c.tender.tenderPeriod.endDate.slice(0, 10),
      signed_date: c.contracts[0].dateSigned.slice(0, 10),
      source_row: 1,
    });
  });
});

describe('loadOcds: all or nothing', () => {
  const release = (i: number, ocid = `ocds-t-${i}`): Obj => ({
    ocid,
    id: `r${i}`,
    date: '2021-01-01T00:00:00Z',
    tag: ['award'],
    buyer: { id: 'B', name: 'Buyer' },
    awards: [{ id: `a${i}`, value: { amount: i, currency: 'EUR' }, suppliers: [{ id: `S${i % 3}`, name: `S${i % 3}` }] }],
    bids: { details: [{ id: `b${i}`, tenderers: [{ id: `S${i % 3}` }], value: { amount: i, currency: 'EUR' } }] },
  });
  const pkg = (n: number) =>
    new TextEncoder().encode(JSON.stringify({ releases: Array.from({ length: n }, (_, i) => release(i + 1)) }));

  it('loads a package and hands the same compiled releases to a second consumer', async () => {
    const seen: CompiledRelease[] = [];
    const progress: number[] = [];
    const res = await loadOcds(engine, {
      datasetId: 'keep',
      name: 'keep.json',
      sector: 'quasi_public',
      source: pkg(50),
      batchSize: 7,
      onCompiledReleases: (b) => void seen.push(...b),
      onProgress: (p) => progress.push(p.releases),
    });
    expect([res.releases, res.purchases, res.bids]).toEqual([50, 50, 50]);
    expect(seen.map((r) => r.ocid)).toEqual(Array.from({ length: 50 }, (_, i) => `ocds-t-${i + 1}`));
    expect(progress.at(-1)).toBe(50);
    const [t] = await engine.query(
      `SELECT count(*) AS n, sum(amount)::DOUBLE AS s, min(source_row) AS lo, max(source_row) AS hi FROM purchases WHERE dataset_id = 'keep'`,
    );
    expect(t).toEqual({ n: 50, s: (50 * 51) / 2, lo: 1, hi: 50 });
    const [d] = await engine.query(`SELECT source, sector, rows_read, rows_rejected FROM datasets WHERE dataset_id = 'keep'`);
    expect(d).toEqual({ source: 'ocds', sector: 'quasi_public', rows_read: 50, rows_rejected: 0 });
  });

  it('a file that breaks after some batches were inserted leaves nothing behind and keeps other datasets', async () => {
    const whole = pkg(40);
    const truncated = whole.slice(0, whole.length - 30);
    const before = await engine.query(
      `SELECT dataset_id, count(*) AS n, sum(amount)::DOUBLE AS s FROM purchases GROUP BY 1 ORDER BY 1`,
    );
    const err = await loadOcds(engine, {
      datasetId: 'broken',
      name: 'b',
      sector: 'state',
      source: truncated,
      batchSize: 3,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(OcdsError);
    expect(err.code).toBe('invalid_json');
    expect(
      await engine.query(`SELECT dataset_id, count(*) AS n, sum(amount)::DOUBLE AS s FROM purchases GROUP BY 1 ORDER BY 1`),
    ).toEqual(before);
    expect(await engine.query(`SELECT * FROM bids WHERE dataset_id = 'broken'`)).toEqual([]);
    expect(await engine.query(`SELECT * FROM datasets WHERE dataset_id = 'broken'`)).toEqual([]);
    expect(await engine.query(`SELECT table_name FROM information_schema.tables WHERE table_name LIKE '_stage_ocds%'`)).toEqual(
      [],
    );
  });

  it('cancelling mid-way leaves nothing behind', async () => {
    const ctrl = new AbortController();
    const err = await loadOcds(engine, {
      datasetId: 'cancelled',
      name: 'c',
      sector: 'state',
      source: pkg(30),
      batchSize: 2,
      onCompiledReleases: (b) => {
        if (b.length) ctrl.abort();
      },
      signal: ctrl.signal,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(OcdsError);
    expect(err.code).toBe('aborted');
    expect(await engine.query(`SELECT count(*) AS n FROM purchases WHERE dataset_id = 'cancelled'`)).toEqual([{ n: 0 }]);
  });

  it('refuses to load into an id that is already loaded, without touching it', async () => {
    const err = await loadOcds(engine, { datasetId: 'keep', name: 'again', sector: 'state', source: pkg(2) }).catch((e) => e);
    expect(err).toBeInstanceOf(OcdsError);
    expect(err.code).toBe('duplicate_dataset');
    expect(await engine.query(`SELECT count(*) AS n FROM purchases WHERE dataset_id = 'keep'`)).toEqual([{ n: 50 }]);
  });

  it('an empty file and a non-OCDS file fail with a message for people', async () => {
    const empty = await loadOcds(engine, { datasetId: 'e', name: 'e', sector: 'state', source: new Uint8Array(0) }).catch(
      (e) => e,
    );
    expect(empty.userMessage).toMatch(/empty/);
    const other = await loadOcds(engine, {
      datasetId: 'o',
      name: 'o',
      sector: 'state',
      source: new TextEncoder().encode('{"hello": "world"}'),
    }).catch((e) => e);
    expect(other.userMessage).toMatch(/not OCDS/);
    expect(await engine.query(`SELECT dataset_id FROM datasets WHERE dataset_id IN ('e', 'o')`)).toEqual([]);
  });
});
