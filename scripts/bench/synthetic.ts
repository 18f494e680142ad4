/**
 * Synthetic purchase CSVs for the benchmark: the canonical columns of data/demo/*.csv.gz
 * (src/model/schema.ts PURCHASE_COLUMNS, same header and value spelling), any number of rows,
 * streamed to disk so 5 M rows never sit in memory. Deterministic: the same row count and seed
 * give the same bytes, so a cached file can be reused across runs.
 *
 * Why not the demo generator (scripts/demo/generator.ts): it builds calibrated datasets with
 * planted cases in memory, which is right for ~110 k rows and wrong for 5 M; the benchmark
 * needs volume with a realistic distribution (skewed buyers and suppliers, 3 years, 4 methods,
 * 2 sectors, a few foreign-currency rows), not planted stories.
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { PURCHASE_COLUMNS } from '../../src/model/schema';

/** Default seed; change it and every cached file is regenerated (it is part of the file name). */
export const BENCH_SEED = 5;

const REGIONS = [
  'Almaty',
  'Astana',
  'Shymkent',
  'Karaganda',
  'Aktobe',
  'Atyrau',
  'Pavlodar',
  'Kostanay',
  'Oral',
  'Taraz',
  'Semey',
  'Turkistan',
  'Kyzylorda',
  'Petropavl',
  'Aktau',
  'Taldykorgan',
  'Kokshetau',
];
const METHODS: readonly [string, number][] = [
  ['open', 0.45],
  ['selective', 0.08],
  ['limited', 0.12],
  ['direct', 0.35],
];
const ITEMS = [
  'Office paper A4',
  'Diesel fuel',
  'Road repair works',
  'Laptop computers',
  'Medical gloves',
  'Cleaning services',
  'Catering services',
  'Construction cement',
  'Security services',
  'Software licences',
  'School furniture',
  'Electricity supply',
];
const UNITS = ['pcs', 'l', 'service', 'pcs', 'box', 'service', 'service', 't', 'service', 'pcs', 'pcs', 'kWh'];
const YEARS = [2018, 2019, 2020];
const BUYERS = { state: 2_500, quasi_public: 600 } as const;
const SUPPLIERS = 40_000;

/** mulberry32: tiny, fast and good enough for synthetic data; deterministic per seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A 12-digit BIN-like id. */
function bin(n: number): string {
  return String(n).padStart(12, '0');
}

function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Index in [0, n) skewed towards small values (a few big buyers, many small ones). */
function skewed(r: number, n: number, power: number): number {
  return Math.min(n - 1, Math.floor(n * r ** power));
}

/** Yields CSV text in chunks of `chunkRows` rows, header first. */
export function* syntheticCsvChunks(rows: number, seed = BENCH_SEED, chunkRows = 20_000): Generator<string> {
  const rand = rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  yield Object.keys(PURCHASE_COLUMNS).join(',') + '\n';
  const dayMs = 86_400_000;
  const start = Date.UTC(YEARS[0], 0, 1);
  const days = (Date.UTC(YEARS[YEARS.length - 1] + 1, 0, 1) - start) / dayMs;
  let out: string[] = [];
  for (let i = 0; i < rows; i++) {
    const sector = rand() < 0.75 ? 'state' : 'quasi_public';
    const b = skewed(rand(), BUYERS[sector], 2.5) + (sector === 'state' ? 0 : 100_000);
    const s = skewed(rand(), SUPPLIERS, 3) + 1_000_000;
    let m = rand();
    let method = METHODS[METHODS.length - 1][0];
    for (const [name, w] of METHODS) {
      if ((m -= w) < 0) {
        method = name;
        break;
      }
    }
    const competitive = method !== 'direct';
    const amount = Math.round(Math.exp(13 + 1.8 * gauss()) * 100) / 100;
    const foreign = rand() < 0.004;
    const currency = foreign ? 'USD' : 'KZT';
    // A third of the foreign rows have no tenge rate: the overview must leave them out of sums.
    const amountKzt = foreign ? (rand() < 0.33 ? '' : (amount * 450).toFixed(2)) : amount.toFixed(2);
    const signedMs = start + Math.floor(rand() * days) * dayMs;
    const signed = new Date(signedMs).toISOString().slice(0, 10);
    const open = method === 'open' || method === 'selective';
    const tenderStart = open ? new Date(signedMs - (20 + Math.floor(rand() * 40)) * dayMs).toISOString().slice(0, 10) : '';
    const tenderEnd = open ? new Date(signedMs - (5 + Math.floor(rand() * 10)) * dayMs).toISOString().slice(0, 10) : '';
    const nBidders = competitive ? 1 + Math.floor(rand() * 6) : 1;
    const item = Math.floor(rand() * ITEMS.length);
    const quantity = 1 + Math.floor(rand() * 500);
    const registered = rand() < 0.5 ? new Date(start - Math.floor(rand() * 4000) * dayMs).toISOString().slice(0, 10) : '';
    const row = [
      'bench',
      `bench-${i}`,
      String(i),
      sector,
      bin(b),
      csvField(`Buyer ${b}, LLP`),
      bin(s),
      `Supplier ${s}`,
      method,
      '',
      competitive ? 'true' : 'false',
      amount.toFixed(2),
      currency,
      amountKzt,
      signed,
      tenderStart,
      tenderEnd,
      String(nBidders),
      `${item + 1}`.padStart(6, '0'),
      ITEMS[item],
      UNITS[item],
      String(quantity),
      (amount / quantity).toFixed(2),
      REGIONS[skewed(rand(), REGIONS.length, 1.5)],
      'active',
      registered,
    ];
    out.push(row.join(','));
    if (out.length === chunkRows) {
      yield out.join('\n') + '\n';
      out = [];
    }
  }
  if (out.length) yield out.join('\n') + '\n';
}

/**
 * Path of the cached CSV with `rows` rows under `dir`, written only if missing (through a
 * temporary name, so an interrupted run never leaves a truncated file that looks complete).
 */
export function ensureSyntheticCsv(dir: string, rows: number, seed = BENCH_SEED): { file: string; generatedMs: number | null } {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `purchases-${rows}-s${seed}.csv`);
  if (existsSync(file)) return { file, generatedMs: null };
  const t0 = performance.now();
  const tmp = `${file}.partial`;
  const fd = openSync(tmp, 'w');
  try {
    for (const chunk of syntheticCsvChunks(rows, seed)) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  return { file, generatedMs: performance.now() - t0 };
}
