/**
 * Speed and memory of the OCDS importer on a synthetic release package.
 *
 *   npx tsx scripts/bench/ocds-node.ts [releases=200000] [--jsonl] [--parse-only]
 *
 * Writes a release package (or JSON Lines) of N releases to the temp folder — every tenth
 * process gets a second release (an award update) placed later in the file, so compiling is
 * exercised — then streams it from disk through `loadOcds` into DuckDB-wasm (the Node blocking
 * build) and reports releases/s, MB/s and peak memory (the process's maximum RSS, and the V8 heap
 * sampled every 50 ms). The generator's own memory is included in the RSS high-water mark.
 */
import { createReadStream, createWriteStream, statSync, unlinkSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { NodeWasmEngine } from '../../src/engine/node';
import { loadOcds } from '../../src/ingest/ocds/load';
import { readOcds } from '../../src/ingest/ocds/parse';

const args = process.argv.slice(2);
const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 200_000);
const jsonl = args.includes('--jsonl');
const parseOnly = args.includes('--parse-only');

function release(i: number, update: boolean) {
  const ocid = `ocds-bench-${i}`;
  const buyer = { id: `KZ-BIN-${100000 + (i % 500)}`, name: `Buyer ${i % 500}` };
  const sup = (k: number) => ({ id: `KZ-BIN-${900000 + ((i * 7 + k) % 3000)}`, name: `Supplier ${(i * 7 + k) % 3000}` });
  const amount = 1000 + ((i * 7919) % 1_000_000) / 100;
  if (update) {
    return {
      ocid,
      id: `${ocid}-2`,
      date: '2024-03-01T10:00:00Z',
      tag: ['awardUpdate'],
      awards: [{ id: `${ocid}-a1`, status: 'active' }],
    };
  }
  return {
    ocid,
    id: `${ocid}-1`,
    date: '2024-02-01T10:00:00+05:00',
    tag: ['tender', 'award', 'contract'],
    initiationType: 'tender',
    parties: [
      {
        id: buyer.id,
        name: buyer.name,
        roles: ['buyer'],
        address: { region: `Region ${i % 17}` },
        identifier: { scheme: 'KZ-BIN', id: buyer.id.slice(7) },
      },
      { ...sup(0), roles: ['supplier', 'tenderer'] },
      { ...sup(1), roles: ['tenderer'] },
    ],
    buyer,
    tender: {
      id: `${ocid}-t`,
      status: 'complete',
      procurementMethod: ['open', 'selective', 'limited', 'direct'][i % 4],
      procurementMethodDetails: 'Synthetic method',
      value: { amount: amount * 1.1, currency: 'KZT' },
      tenderPeriod: { startDate: '2024-01-01T09:00:00+05:00', endDate: '2024-01-20T18:00:00+05:00' },
      numberOfTenderers: 2,
      items: [
        {
          id: '1',
          description: 'Office paper A4',
          classification: { scheme: 'CPV', id: '30197630-1' },
          quantity: 10 + (i % 90),
          unit: { name: 'pack' },
        },
      ],
      documents: [{ id: 'd1', url: `https://example.org/${ocid}/notice.pdf`, documentType: 'tenderNotice' }],
    },
    bids: {
      details: [
        {
          id: `${ocid}-b1`,
          status: 'valid',
          date: '2024-01-10T10:00:00Z',
          value: { amount, currency: 'KZT' },
          tenderers: [sup(0)],
        },
        {
          id: `${ocid}-b2`,
          status: 'valid',
          date: '2024-01-11T10:00:00Z',
          value: { amount: amount * 1.05, currency: 'KZT' },
          tenderers: [sup(1)],
        },
      ],
    },
    awards: [
      {
        id: `${ocid}-a1`,
        status: 'pending',
        date: '2024-01-25T00:00:00Z',
        value: { amount, currency: 'KZT' },
        suppliers: [sup(0)],
      },
    ],
    contracts: [
      {
        id: `${ocid}-c1`,
        awardID: `${ocid}-a1`,
        status: 'active',
        dateSigned: '2024-02-01T12:00:00+05:00',
        value: { amount, currency: 'KZT' },
      },
    ],
  };
}

async function writeFile(file: string): Promise<number> {
  const out = createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  let count = 0;
  const emit = async (r: object, first: boolean) => {
    count++;
    await write(jsonl ? `${JSON.stringify(r)}\n` : `${first ? '' : ',\n'}${JSON.stringify(r)}`);
  };
  if (!jsonl) await write('{"uri":"https://example.org/bench","version":"1.1","publisher":{"name":"bench"},"releases":[\n');
  for (let i = 0; i < n; i++) {
    await emit(release(i, false), i === 0);
    // the update of process i - 1000 arrives later in the file, as in real bulk packages
    if (i >= 1000 && (i - 1000) % 10 === 0) await emit(release(i - 1000, true), false);
  }
  if (!jsonl) await write('\n]}\n');
  out.end();
  await once(out, 'finish');
  return count;
}

async function main() {
  const file = path.join(os.tmpdir(), `tenderlens-ocds-bench-${process.pid}.${jsonl ? 'jsonl' : 'json'}`);
  const tGen = performance.now();
  const written = await writeFile(file);
  const size = statSync(file).size;
  console.log(
    `wrote ${written} releases (${n} processes), ${(size / 1e6).toFixed(1)} MB, in ${((performance.now() - tGen) / 1000).toFixed(1)} s: ${file}`,
  );

  global.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 50);
  const source = createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>;
  try {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let processes = 0;
    let purchases = 0;
    let bids = 0;
    if (parseOnly) {
      for await (const _ of readOcds(source)) processes++;
    } else {
      const engine = await NodeWasmEngine.create();
      const t1 = performance.now();
      const res = await loadOcds(engine, { datasetId: 'bench', name: 'bench', sector: 'state', source });
      processes = res.releases;
      purchases = res.purchases;
      bids = res.bids;
      const [check] = await engine.query(
        `SELECT count(*) AS n, sum(amount)::DOUBLE AS s FROM purchases WHERE dataset_id = 'bench'`,
      );
      console.log(`engine start ${((t1 - t0) / 1000).toFixed(1)} s; purchases in table: ${check.n}, value ${check.s}`);
      await engine.close();
    }
    const s = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    // CPU seconds of this process (main thread + GC helpers): less sensitive than wall time to other jobs on a shared machine.
    const cpuS = (cpu.user + cpu.system) / 1e6;
    clearInterval(timer);
    console.log(
      [
        `${parseOnly ? 'parse only' : 'parse + compile + flatten + load'} (${jsonl ? 'JSON Lines' : 'release package'}):`,
        `${written} releases -> ${processes} compiled, ${purchases} purchases, ${bids} bids in ${s.toFixed(1)} s`,
        `wall: ${Math.round(written / s).toLocaleString('en-US')} releases/s, ${(size / 1e6 / s).toFixed(1)} MB/s`,
        `CPU time ${cpuS.toFixed(1)} s: ${Math.round(written / cpuS).toLocaleString('en-US')} releases per CPU-second, ${(size / 1e6 / cpuS).toFixed(1)} MB per CPU-second (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`,
        // maxRSS is the kernel's high-water mark; the 50 ms sampler misses peaks while the event loop is busy.
        `peak RSS ${(process.resourceUsage().maxRSS / 1e3).toFixed(0)} MB (at start ${(base.rss / 1e6).toFixed(0)} MB; sampled peak ${(peakRss / 1e6).toFixed(0)} MB), sampled peak V8 heap ${(peakHeap / 1e6).toFixed(0)} MB`,
      ].join('\n  '),
    );
  } finally {
    clearInterval(timer);
    unlinkSync(file);
  }
}

await main();
