/**
 * Benchmark: every query the overview issues on a filter change, one by one, in DuckDB-wasm
 * (Node, blocking build — the browser's engine) on the bench's canonical 1 M-row file after
 * `afterDataChange`-equivalent derived tables (flags, risk scores, overview aggregates).
 * Usage: npx tsx scripts/bench/overview-node.ts [csv=.bench/data/purchases-1000000-s5.csv, generated when missing] [reps=3] [base,aggregates]
 */
import os from 'node:os';
import path from 'node:path';
import { ensureSyntheticCsv } from './synthetic';
import { REPO_ROOT } from '../../tests/support/shared';
import { NodeWasmEngine } from '../../src/engine/node';
import { ident, literal } from '../../src/engine/sql';
import { createModel, PURCHASE_COLUMNS } from '../../src/model/schema';
import { canonicalColumnsStruct } from '../../src/ingest/demo';
import { runFlags } from '../../src/flags/run';
import type { Filter } from '../../src/queries/filter';
import { overviewPanelQueries } from './overview-queries';

const csv = process.argv[2] ?? ensureSyntheticCsv(path.join(REPO_ROOT, '.bench', 'data'), 1_000_000).file;
const reps = Number(process.argv[3] ?? 3);
const sources = (process.argv[4] ?? 'aggregates').split(',') as ('base' | 'aggregates')[];
const engine = await NodeWasmEngine.create();
await createModel(engine);
let t = performance.now();
const cols = Object.keys(PURCHASE_COLUMNS).map(ident).join(', ');
await engine.exec(
  `INSERT INTO purchases (${cols}) SELECT ${cols} FROM read_csv(${literal(csv)}, header = true, delim = ',', quote = '"', columns = ${canonicalColumnsStruct()}, dateformat = '%Y-%m-%d')`,
);
console.log(`loaded in ${(performance.now() - t).toFixed(0)} ms`);
t = performance.now();
await runFlags(engine);
console.log(`runFlags ${(performance.now() - t).toFixed(0)} ms`);
const buildMs = await overviewPanelQueries.prepare(engine);
console.log(`derived overview tables ${buildMs.toFixed(0)} ms`);

const pick = async (sql: string) => (await engine.query<{ v: string }>(sql)).map((r) => r.v);
const buyers = await pick(
  `SELECT buyer_id AS v FROM purchases WHERE buyer_id IS NOT NULL GROUP BY ALL ORDER BY count(*) DESC, v LIMIT 3`,
);
const suppliers = await pick(
  `SELECT supplier_id AS v FROM purchases WHERE supplier_id IS NOT NULL GROUP BY ALL ORDER BY count(*) DESC, v LIMIT 3`,
);
const filters: [string, Filter][] = [
  ['none', {}],
  ['year', { years: [2020] }],
  ['sector', { sectors: ['state'] }],
  ['method', { methods: ['direct'] }],
  ['2 years+method', { years: [2019, 2021], methods: ['open', 'direct'] }],
  ['buyer', { buyers: [buyers[0]] }],
  ['supplier', { suppliers: [suppliers[0]] }],
  ['buyer+year', { buyers: [buyers[1]], years: [2020] }],
  ['sector+supplier+method', { sectors: ['quasi_public'], suppliers: [suppliers[1]], methods: ['direct'] }],
];

for (const source of sources) {
  const table: Record<string, Record<string, number>> = {};
  for (const [name, filter] of filters) {
    const row: Record<string, number> = {};
    let total = 0;
    for (const [qname, q] of Object.entries(overviewPanelQueries.build(filter, source))) {
      const ms: number[] = [];
      for (let i = 0; i < reps; i++) {
        const t0 = performance.now();
        await engine.query(q.sql, q.params);
        ms.push(performance.now() - t0);
      }
      ms.sort((a, b) => a - b);
      row[qname] = Math.round(ms[Math.floor(ms.length / 2)]);
      total += row[qname];
    }
    row.total = Math.round(total);
    table[name] = row;
  }
  console.log(`— ${source} —`);
  console.table(table);
}
console.log(
  `load average at the end: ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
await engine.close();
