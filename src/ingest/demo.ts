import type { Engine } from '../engine/types';
import { ident, literal } from '../engine/sql';
import { PURCHASE_COLUMNS, type Sector } from '../model/schema';
import { fingerprintChunks } from './fingerprint';
import { streamChunks } from './ocds/parse';

/** One bundled demo file: canonical columns, UTF-8 CSV, gzip. */
export interface DemoFile {
  datasetId: string;
  name: string;
  sector: Sector;
  bytes: Uint8Array;
}

/** The bundled demo datasets, by id, with their file names under data/demo/. */
export const DEMO_DATASETS: readonly { datasetId: string; file: string; name: string; sector: Sector }[] = [
  { datasetId: 'demo-state', file: 'state.csv.gz', name: 'Demo: state purchases 2018–2020 (fictional)', sector: 'state' },
  {
    datasetId: 'demo-quasi',
    file: 'quasi_public.csv.gz',
    name: 'Demo: quasi-public purchases 2018–2020 (fictional)',
    sector: 'quasi_public',
  },
];

/** DuckDB `columns=` struct for canonical CSVs: types are declared, never sniffed. */
export function canonicalColumnsStruct(): string {
  const entries = Object.entries(PURCHASE_COLUMNS).map(
    ([name, type]) => `${literal(name)}: ${literal(type.replace(' NOT NULL', ''))}`,
  );
  return `{${entries.join(', ')}}`;
}

/**
 * Loads canonical demo CSVs straight into `purchases` (they are written in the canonical
 * shape by scripts/generate-demo-data.ts, so no mapping step is needed).
 */
export async function loadDemoFiles(
  engine: Engine,
  files: readonly DemoFile[],
): Promise<{ datasetId: string; rows: number; fingerprint: string }[]> {
  const out: { datasetId: string; rows: number; fingerprint: string }[] = [];
  for (const f of files) {
    // Static hosts (vite preview among them) may serve a .gz with Content-Encoding: gzip, so the
    // browser hands us plain CSV: trust the bytes, not the file name.
    const gzipped = f.bytes[0] === 0x1f && f.bytes[1] === 0x8b;
    const fileName = `${f.datasetId}.csv${gzipped ? '.gz' : ''}`;
    // The hash runs beside the load, not after it, over the CSV itself: a host may or may not
    // have inflated the .gz already, and the browser, Node and the CLI must name the demo alike.
    const fingerprint = fingerprintChunks(
      gzipped ? streamChunks(new Blob([f.bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'))) : [f.bytes],
    );
    await engine.registerFile(fileName, f.bytes);
    const cols = Object.keys(PURCHASE_COLUMNS).map(ident).join(', ');
    await engine.exec(
      `INSERT INTO purchases (${cols}) SELECT ${cols} FROM read_csv(${literal(fileName)}, header = true, delim = ',', quote = '"', columns = ${canonicalColumnsStruct()}, dateformat = '%Y-%m-%d')`,
    );
    await engine.dropFile(fileName);
    globalThis.performance?.mark?.(`tl:demo:inserted:${f.datasetId}`);
    const [{ n }] = await engine.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM purchases WHERE dataset_id = ?`, [
      f.datasetId,
    ]);
    await engine.query(`INSERT OR REPLACE INTO datasets VALUES (?, ?, 'demo', ?, ?, 0, ?, now())`, [
      f.datasetId,
      f.name,
      f.sector,
      n,
      await fingerprint,
    ]);
    out.push({ datasetId: f.datasetId, rows: n, fingerprint: await fingerprint });
  }
  return out;
}

/** The prebuilt demo under data/demo/: both datasets' purchases as one Arrow IPC stream, gzip. */
export const DEMO_ARROW_FILE = 'demo.arrow.gz';
/** What the prebuilt demo was made from and what it holds (scripts/generate-demo-arrow.ts). */
export const DEMO_ARROW_MANIFEST = 'demo-arrow.json';

export interface DemoArrowManifest {
  /** SHA-256 (hex) of each demo CSV the Arrow file was made from: a test fails when they change. */
  sources: Record<string, string>;
  /** Per dataset: rows, and the fingerprint the CSV load gives it (of the plain CSV, as the browser reads it). */
  datasets: { datasetId: string; rows: number; fingerprint: string }[];
}

/**
 * Loads the prebuilt demo (an Arrow IPC stream of `purchases` rows in the canonical columns):
 * DuckDB-wasm reads Arrow as it stands, so start-up parses no CSV. Gives the same rows and
 * `datasets` entries as {@link loadDemoFiles} on the CSVs it was made from (tested).
 */
export async function loadDemoArrow(
  engine: Engine,
  ipc: Uint8Array,
  manifest: DemoArrowManifest,
): Promise<{ datasetId: string; rows: number }[]> {
  if (!engine.insertArrowIpc) throw new Error(`the ${engine.kind} engine cannot read the prebuilt demo (Arrow IPC)`);
  // Straight into `purchases`, no staging copy (a third of the load's CPU when the wasm is cold):
  // the file's columns are PURCHASE_COLUMNS in order (scripts/generate-demo-arrow.ts writes them so).
  // Money travels as DOUBLE in the file; the INSERT casts it back to DECIMAL(18,2) (exact to the cent).
  await engine.insertArrowIpc('purchases', ipc, true);
  globalThis.performance?.mark?.('tl:demo:inserted');
  const out: { datasetId: string; rows: number }[] = [];
  for (const d of manifest.datasets) {
    const meta = DEMO_DATASETS.find((x) => x.datasetId === d.datasetId);
    if (!meta) continue;
    await engine.query(`INSERT OR REPLACE INTO datasets VALUES (?, ?, 'demo', ?, ?, 0, ?, now())`, [
      d.datasetId,
      meta.name,
      meta.sector,
      d.rows,
      d.fingerprint,
    ]);
    out.push({ datasetId: d.datasetId, rows: d.rows });
  }
  return out;
}
