/**
 * Writes the demo datasets and their ground truth:
 *   npx tsx scripts/generate-demo-data.ts            → data/demo/{state,quasi_public}.csv.gz, ground-truth.csv, summary.json
 *   npx tsx scripts/generate-demo-data.ts --check    → regenerate in memory and fail if the committed files differ
 *   npx tsx scripts/generate-demo-data.ts --rows 1000000 --out bench.csv [--seed N] [--sector state|quasi_public|mixed]
 *                                                    → an uncompressed benchmark CSV (no ground truth)
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { groundTruthToCsv, gzipDeterministic, purchasesToCsv } from './demo/csv.ts';
import { DEFAULT_SEED, generateDemo } from './demo/generator.ts';
import { writeRowsCsv } from './demo/stream.ts';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'data', 'demo');

/** File name of each dataset under data/demo/. */
export const DEMO_FILES: Readonly<Record<string, string>> = {
  'demo-state': 'state.csv.gz',
  'demo-quasi': 'quasi_public.csv.gz',
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function bench(): void {
  const rows = Number(arg('--rows'));
  const out = arg('--out');
  if (!Number.isInteger(rows) || rows <= 0 || !out)
    throw new Error('usage: --rows N --out FILE.csv [--seed N] [--sector state|quasi_public|mixed]');
  const sector = (arg('--sector') ?? 'mixed') as 'state' | 'quasi_public' | 'mixed';
  const t0 = performance.now();
  const bytes = writeRowsCsv({ seed: Number(arg('--seed') ?? DEFAULT_SEED), rows, sector }, out);
  const s = (performance.now() - t0) / 1000;
  console.log(`${out}: ${rows} rows, ${bytes} bytes in ${s.toFixed(2)} s (${Math.round(rows / s)} rows/s)`);
}

function demo(check: boolean): void {
  const t0 = performance.now();
  const result = generateDemo({ seed: Number(arg('--seed') ?? DEFAULT_SEED) });
  const files = new Map<string, Buffer>();
  for (const d of result.datasets) files.set(DEMO_FILES[d.datasetId], gzipDeterministic(purchasesToCsv(d.rows)));
  files.set('ground-truth.csv', Buffer.from(groundTruthToCsv(result.groundTruth), 'utf8'));
  const summary = {
    seed: Number(arg('--seed') ?? DEFAULT_SEED),
    datasets: result.reports.map((r) => ({ ...r, file: DEMO_FILES[r.datasetId] })),
    groundTruthRows: result.groundTruth.length,
  };
  files.set('summary.json', Buffer.from(JSON.stringify(summary, null, 2) + '\n', 'utf8'));
  const seconds = (performance.now() - t0) / 1000;
  if (check) {
    const stale = [...files].filter(
      ([name, bytes]) => !existsSync(join(outDir, name)) || !readFileSync(join(outDir, name)).equals(bytes),
    );
    if (stale.length) throw new Error(`data/demo differs from the generator: ${stale.map(([n]) => n).join(', ')}`);
    console.log('data/demo is up to date');
    return;
  }
  mkdirSync(outDir, { recursive: true });
  for (const [name, bytes] of files) writeFileSync(join(outDir, name), bytes);
  for (const r of result.reports) {
    const file = DEMO_FILES[r.datasetId];
    console.log(`${file}: ${r.rows} rows, ${statSync(join(outDir, file)).size} bytes`);
    for (const [y, v] of Object.entries(r.totalByYear)) console.log(`  ${y}: ${(v / 1e12).toFixed(3)} trillion KZT`);
    const codes = Object.keys(r.planted).map((c) => `${c} ${r.planted[c]}${r.background[c] ? `+${r.background[c]} bg` : ''}`);
    console.log(`  ground truth: ${codes.join(', ')}`);
    if (Object.keys(r.missedPlanted).length) console.log(`  MISSED planted: ${JSON.stringify(r.missedPlanted)}`);
  }
  console.log(`ground-truth.csv: ${result.groundTruth.length} rows; generated in ${seconds.toFixed(1)} s`);
}

if (arg('--rows') !== undefined) bench();
else demo(process.argv.includes('--check'));
