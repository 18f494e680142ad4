/**
 * Benchmark: tier-1 flags and the risk score on a synthetic table in DuckDB-wasm (Node, blocking
 * build — the browser's engine). For scale, it also times loading the same rows from a CSV.
 * Usage: npx tsx scripts/bench/flags-node.ts [rows=1000000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NodeWasmEngine } from '../../src/engine/node';
import { literal } from '../../src/engine/sql';
import { createModel } from '../../src/model/schema';
import { runFlags, type FlagRunReport } from '../../src/flags/run';
import { syntheticPurchasesSql } from './synthetic-purchases';

const rows = Number(process.argv[2] ?? 1_000_000);
const csvPath = path.join(mkdtempSync(path.join(os.tmpdir(), 'tenderlens-bench-')), 'purchases.csv');
const engine = await NodeWasmEngine.create();
await createModel(engine);

let t = performance.now();
await engine.exec(syntheticPurchasesSql(rows));
console.log(`built ${rows} synthetic rows in SQL: ${(performance.now() - t).toFixed(0)} ms`);

t = performance.now();
// DuckDB-wasm in Node writes COPY output (and its tmp_ file) to the real file system: keep it out of the repository.
await engine.exec(`COPY purchases TO ${literal(csvPath)} (HEADER)`);
console.log(`wrote CSV: ${(performance.now() - t).toFixed(0)} ms`);
t = performance.now();
await engine.exec(`CREATE TABLE reload AS SELECT * FROM read_csv(${literal(csvPath)}, header = true)`);
const loadMs = performance.now() - t;
console.log(`loaded the same rows from CSV (read_csv): ${loadMs.toFixed(0)} ms`);
await engine.exec('DROP TABLE reload');
rmSync(path.dirname(csvPath), { recursive: true, force: true });

// Twice: the first run also pays for wasm warming up (code paths used for the first time).
let report: FlagRunReport | undefined;
for (const pass of ['cold', 'warm']) {
  t = performance.now();
  report = await runFlags(engine);
  const total = performance.now() - t;
  // One query computes a flag for every dataset: its ms is repeated on each dataset's entry.
  const byCode = new Map<string, { rows: number; ms: number }>();
  for (const c of report.computed) {
    const e = byCode.get(c.code) ?? { rows: 0, ms: 0 };
    e.rows += c.rows;
    e.ms = c.ms;
    byCode.set(c.code, e);
  }
  console.log(`— ${pass} run —`);
  console.table([...byCode].map(([code, e]) => ({ code, rows: e.rows, ms: Math.round(e.ms) })));
  console.log(`risk score: ${report.riskScoreMs.toFixed(0)} ms`);
  console.log(`runFlags total: ${total.toFixed(0)} ms (CSV load of the same rows: ${loadMs.toFixed(0)} ms)`);
}
console.log(
  `load average at the end: ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
if (report?.notComputable.length) console.table(report.notComputable);
await engine.close();
