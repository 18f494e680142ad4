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
