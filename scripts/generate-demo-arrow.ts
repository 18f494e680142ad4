/**
 * Writes data/demo/demo.arrow.gz and data/demo/demo-arrow.json: the demo's purchases as one Arrow
 * IPC stream, which the browser loads at start-up instead of parsing the CSVs (issue 15). Made
 * from data/demo/*.csv.gz by the app's own CSV loader, so the rows are exactly those; a test
 * fails when the CSVs change and this was not re-run (npm run demo-snapshot runs it).
 *   npx tsx scripts/generate-demo-arrow.ts           write both files
 *   npx tsx scripts/generate-demo-arrow.ts --check   fail if the manifest's sources differ from the CSVs
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type * as ArrowModule from 'apache-arrow';
import { NodeWasmEngine } from '../src/engine/node';
import { ident } from '../src/engine/sql';
import { DEMO_ARROW_FILE, DEMO_ARROW_MANIFEST, DEMO_DATASETS, loadDemoFiles, type DemoArrowManifest } from '../src/ingest/demo';
import { createModel, PURCHASE_COLUMNS } from '../src/model/schema';

// DuckDB-wasm's Node build loads apache-arrow through require(): its tables must be encoded by
// that same module instance (the ESM one does not recognise them and writes nothing).
const arrow = createRequire(import.meta.url)('apache-arrow') as typeof ArrowModule;

const demoDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'data', 'demo');

/** SHA-256 of each demo CSV, by file name. */
export function demoSourceHashes(dir: string): Record<string, string> {
  return Object.fromEntries(
    DEMO_DATASETS.map((d) => [
      d.file,
      createHash('sha256')
        .update(readFileSync(path.join(dir, d.file)))
        .digest('hex'),
    ]),
  );
}

/** Text columns with few distinct values become dictionaries: a quarter of the bytes, and DuckDB reads them as well. */
function dictionaryEncode(table: ArrowModule.Table): ArrowModule.Table {
  const columns: Record<string, ArrowModule.Vector> = {};
  for (const f of table.schema.fields) {
    const v = table.getChild(f.name)!;
    columns[f.name] =
      arrow.DataType.isUtf8(f.type) && f.name !== 'purchase_id'
        ? arrow.vectorFromArray(v.toArray(), new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32()))
        : v;
  }
  return new arrow.Table(columns);
}

async function build(): Promise<{ ipc: Uint8Array; manifest: DemoArrowManifest }> {
  const engine = await NodeWasmEngine.create();
  try {
    await createModel(engine);
    const files = DEMO_DATASETS.map((d) => ({ ...d, bytes: new Uint8Array(readFileSync(path.join(demoDir, d.file))) }));
    const loaded = await loadDemoFiles(engine, files);
    const cols = Object.keys(PURCHASE_COLUMNS).map(ident).join(', ');
    const table = engine.arrow(`SELECT ${cols} FROM purchases ORDER BY dataset_id, source_row, purchase_id`);
    const ipc = arrow.tableToIPC(dictionaryEncode(table), 'stream');
    // Rows and fingerprints as the CSV load gives them: the demo keeps its identity (reviews key on it).
    const datasets = loaded.map(({ datasetId, rows, fingerprint }) => ({ datasetId, rows, fingerprint }));
    return { ipc, manifest: { sources: demoSourceHashes(demoDir), datasets } };
  } finally {
    await engine.close();
  }
}

const manifestPath = path.join(demoDir, DEMO_ARROW_MANIFEST);
if (process.argv.includes('--check')) {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as DemoArrowManifest;
  if (JSON.stringify(manifest.sources) !== JSON.stringify(demoSourceHashes(demoDir))) {
    console.error(`${manifestPath} is stale: run npm run demo-snapshot`);
    process.exit(1);
  }
  console.log(`${manifestPath} is up to date`);
} else {
  const { ipc, manifest } = await build();
  const gz = gzipSync(ipc, { level: 9 });
  writeFileSync(path.join(demoDir, DEMO_ARROW_FILE), gz);
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  console.log(`wrote ${DEMO_ARROW_FILE} (${gz.length} bytes, ${ipc.length} inflated) and ${DEMO_ARROW_MANIFEST}`);
}
