/**
 * The one import path (src/ingest/draft.ts → importer.ts) on byte sources: JSON tables (an
 * array of records, API envelopes under items/data/results) are read as tables, OCDS is not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeWasmEngine } from '../../src/engine/node';
import { draftImport } from '../../src/ingest/draft';
import { importTable } from '../../src/ingest/importer';
import { bytesSource } from '../../src/ingest/source';
import { createModel } from '../../src/model/schema';

let engine: NodeWasmEngine;
beforeAll(async () => {
  engine = await NodeWasmEngine.create();
  await createModel(engine);
});
afterAll(async () => engine.close());

const records = [
  { id: 'L1', customer_bin: '010140000123', customer_name: 'Alpha LLP', amount: 1500.5, sign_date: '2024-03-01' },
  { id: 'L2', customer_bin: '010140000123', customer_name: 'Alpha LLP', amount: 2500, sign_date: '2024-03-02' },
  { id: 'L3', customer_bin: '020240000456', customer_name: 'Beta JSC', amount: 99.5, sign_date: '2024-03-03' },
];
const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v, null, 1));

describe('JSON tables take the table path', () => {
  const shapes: [string, unknown][] = [
    ['an array of records', records],
    ['a goszakup-style envelope {"total", "items"}', { total: 3, limit: 50, next_page: '', items: records }],
    ['an envelope under "data"', { data: records, meta: { page: 1 } }],
    ['an envelope under "results"', { count: 3, results: records }],
  ];
  for (const [what, value] of shapes) {
    it(what, async () => {
      const source = bytesSource('lots.json', json(value));
      const draft = await draftImport(source);
      expect(draft.kind).toBe('json');
      if (draft.kind === 'ocds') return;
      expect(draft.mapping.amount).toBe('amount');
      const out = await importTable(engine, source, draft, 'json-table');
      expect(out).toMatchObject({ rowsRead: 3, rowsImported: 3, rowsRejected: 0 });
      const [t] = await engine.query<{ n: number; total: number }>(
        `SELECT count(*)::INTEGER AS n, sum(amount)::DOUBLE AS total FROM purchases WHERE dataset_id = 'json-table'`,
      );
      expect(t).toEqual({ n: 3, total: 4100 });
    });
  }

  it('OCDS packages and JSON Lines still go to the OCDS reader', async () => {
    const pkg = await draftImport(bytesSource('p.json', json({ uri: 'x', releases: [{ ocid: 'o-1', id: '1' }] })));
    expect(pkg.kind).toBe('ocds');
    const lines = new TextEncoder().encode('{"ocid":"o-1","id":"1"}\n{"ocid":"o-2","id":"2"}\n');
    expect((await draftImport(bytesSource('r.jsonl', lines))).kind).toBe('ocds');
  });
});
