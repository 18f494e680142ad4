import { NodeWasmEngine } from '../../src/engine/node';
import { createModel } from '../../src/model/schema';
import { syntheticPurchasesSql } from '../bench/synthetic-purchases';
import { TIER1_FLAGS } from '../../src/flags/registry';
import { resolveParams } from '../../src/flags/params';
const n = Number(process.argv[2] ?? 300000);
const which = (process.argv[3] ?? '').split(',').filter(Boolean);
const e = await NodeWasmEngine.create();
await createModel(e);
await e.exec(syntheticPurchasesSql(n));
for (const f of TIER1_FLAGS) {
  if (which.length && !which.includes(f.code)) continue;
  const sql = f.sql(resolveParams(f));
  let t0 = performance.now();
  await e.query(`SELECT count(*) FROM (${sql})`);
  const plain = performance.now() - t0;
  t0 = performance.now();
  await e.query(`WITH purchases AS (SELECT * FROM main.purchases WHERE dataset_id = 'state') SELECT count(*) FROM (${sql})`);
  const scoped = performance.now() - t0;
  t0 = performance.now();
  await e.query(`WITH purchases AS NOT MATERIALIZED (SELECT * FROM main.purchases WHERE dataset_id = 'state') SELECT count(*) FROM (${sql})`);
  const scopedNM = performance.now() - t0;
  console.log(f.code, 'plain', Math.round(plain), 'scoped(state only)', Math.round(scoped), 'scoped not materialized', Math.round(scopedNM));
  if (process.env.PROFILE) {
    const rows = await e.query(`EXPLAIN ANALYZE SELECT count(*) FROM (${sql})`);
    console.log(String(Object.values(rows[0])[1]));
  }
}
await e.close();
