/**
 * Writes data/demo/overview-snapshot.json: the overview's default view of the demo data, drawn
 * while the browser's engine starts (issue 5). Deterministic: same demo files, same bytes.
 *   npx tsx scripts/generate-overview-snapshot.ts           write it
 *   npx tsx scripts/generate-overview-snapshot.ts --check   fail if the committed file differs
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serializeOverviewSnapshot } from '../src/queries/overviewSnapshot';
import { buildDemoOverviewSnapshot, SNAPSHOT_FILE } from './demo/overviewSnapshot';

const demoDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'data', 'demo');
const out = path.join(demoDir, SNAPSHOT_FILE);
const text = serializeOverviewSnapshot(await buildDemoOverviewSnapshot(demoDir));
if (process.argv.includes('--check')) {
  if (!existsSync(out) || readFileSync(out, 'utf8') !== text) {
    console.error(`${out} is stale: run npm run demo-snapshot`);
    process.exit(1);
  }
  console.log(`${out} is up to date`);
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out} (${text.length} bytes)`);
}
