import { ident } from '../../engine/sql';
import type { ColumnSpec, Engine, Row } from '../../engine/types';
import { PURCHASE_COLUMNS, createModel } from '../../model/schema';
import type { Bid, Purchase, Sector } from '../../model/schema';
import { OcdsError } from './errors';
import { flattenRelease } from './flatten';
import { fingerprinting } from '../fingerprint';
import { readOcdsItems } from './parse';
import type { OcdsSource } from './parse';
import type { CompiledRelease } from './types';

/** What to load and how to report on it. */
export interface LoadOcdsOptions {
  /** New dataset id; loading into an id that already exists is refused. */
  datasetId: string;
  /** Shown in the UI (usually the file name). */
  name: string;
  sector: Sector;
  source: OcdsSource;
  /**
   * The `datasets.fingerprint` to record, e.g. `fingerprintBlob(file)` from src/ingest/fingerprint.ts
   * so reviews match CSV uploads' keys. Default: the fingerprint of the bytes read, computed while reading.
   */
  fingerprint?: string;
  /** Rows per Arrow insert (default 5000). */
  batchSize?: number;
  signal?: AbortSignal;
  /** Called after each chunk of input: top-level items (releases / records) parsed and bytes read. */
  onProgress?: (p: { releases: number; bytes: number }) => void;
  /**
   * Receives the compiled releases in batches, in the same parse pass (e.g. to feed
   * `loadCompiledReleases(engine, batch, datasetId)` of the Cardinal indicators). Called before
   * the purchases are committed: if the load fails afterwards, the receiver must drop what it
   * stored for this dataset id.
   */
  onCompiledReleases?: (batch: CompiledRelease[]) => void | Promise<void>;
}

/** Counts of a finished load. */
export interface LoadOcdsResult {
  datasetId: string;
  /** Contracting processes read (compiled releases). */
  releases: number;
  purchases: number;
  bids: number;
  /** Items that could not be used, by reason. */
  skipped: { reason: string; count: number }[];
  /** Simplifications applied while flattening (e.g. joined supplier names), by reason. */
  notes: { reason: string; count: number }[];
  /** Byte length of the input. */
  bytes: number;
  ms: number;
}

/** `purchases` columns for the Arrow insert. DECIMAL travels as DOUBLE; the table keeps its type. */
export const PURCHASE_INSERT_COLUMNS: readonly ColumnSpec[] = Object.entries(PURCHASE_COLUMNS).map(([name, type]) => ({
  name,
  type: insertType(type),
}));

/** `bids` columns for the Arrow insert, in table order. */
export const BID_INSERT_COLUMNS: readonly ColumnSpec[] = [
  { name: 'dataset_id', type: 'VARCHAR' },
  { name: 'ocid', type: 'VARCHAR' },
  { name: 'bid_id', type: 'VARCHAR' },
  { name: 'tenderer_ids', type: 'VARCHAR' },
  { name: 'amount', type: 'DOUBLE' },
  { name: 'currency', type: 'VARCHAR' },
  { name: 'status', type: 'VARCHAR' },
  { name: 'date', type: 'VARCHAR' },
];

let stageCounter = 0;

/**
 * Parses an OCDS file, flattens it and loads `purchases`, `bids` and the `datasets` row.
 *
 * All-or-nothing: rows go to two staging tables (copies of `purchases` and `bids`) and are moved
 * into the canonical tables in one transaction only once the whole file parsed; on any error or
 * cancel the staging tables are dropped, so data already loaded is never touched and no half
 * dataset appears.
 */
export async function loadOcds(engine: Engine, opts: LoadOcdsOptions): Promise<LoadOcdsResult> {
  const t0 = performance.now();
  const { datasetId } = opts;
  const batchSize = opts.batchSize ?? 5000;
  await createModel(engine);
  const existing = await engine.query(
    `SELECT 1 FROM datasets WHERE dataset_id = ? UNION ALL SELECT 1 FROM purchases WHERE dataset_id = ? LIMIT 1`,
    [datasetId, datasetId],
  );
  if (existing.length > 0) {
    throw new OcdsError(
      'duplicate_dataset',
      `A dataset with the id "${datasetId}" is already loaded. Remove it first or load under another name.`,
    );
  }

  const n = ++stageCounter;
  const stagePurchases = `_stage_ocds_purchases_${n}`;
  const stageBids = `_stage_ocds_bids_${n}`;
  await engine.exec(`CREATE OR REPLACE TABLE ${ident(stagePurchases)} AS SELECT * FROM purchases LIMIT 0`);
  await engine.exec(`CREATE OR REPLACE TABLE ${ident(stageBids)} AS SELECT * FROM bids LIMIT 0`);

  const skipped = new Map<string, number>();
  const notes = new Map<string, number>();
  let releases = 0;
  let purchases = 0;
  let bidsCount = 0;
  let bytes = 0;
  let pendingPurchases: Purchase[] = [];
  let pendingBids: Bid[] = [];
  let pendingReleases: CompiledRelease[] = [];
  const purchaseIds = new Set<string>();

  const flush = async (force: boolean) => {
    if (pendingPurchases.length >= batchSize || (force && pendingPurchases.length > 0)) {
      await engine.insertRecords(stagePurchases, pendingPurchases as unknown as Row[], PURCHASE_INSERT_COLUMNS);
      pendingPurchases = [];
    }
    if (pendingBids.length >= batchSize || (force && pendingBids.length > 0)) {
      await engine.insertRecords(stageBids, pendingBids as unknown as Row[], BID_INSERT_COLUMNS);
      pendingBids = [];
    }
    if (opts.onCompiledReleases && (pendingReleases.length >= batchSize || (force && pendingReleases.length > 0))) {
      await opts.onCompiledReleases(pendingReleases);
      pendingReleases = [];
    }
  };

  try {
    // The file is read once: its chunks are hashed on their way to the parser.
    const hashed = fingerprinting(wholeOrChunks(opts.source));
    const items = readOcdsItems(hashed.chunks, {
      signal: opts.signal,
      onSkip: (reason) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1),
      onProgress: (p) => {
        bytes = p.bytes;
        opts.onProgress?.({ releases: p.items, bytes: p.bytes });
      },
    });
    for await (const item of items) {
      releases++;
      const res = flattenRelease(item.release, { datasetId, sector: opts.sector, sourceRow: item.sourceIndex });
      for (const note of res.notes) notes.set(note, (notes.get(note) ?? 0) + 1);
      for (const p of res.purchases) {
        // The same ocid twice in one file (e.g. a record package listing it twice) must not
        // break purchase_id uniqueness.
        if (purchaseIds.has(p.purchase_id)) {
          let k = 2;
          while (purchaseIds.has(`${p.purchase_id}~${k}`)) k++;
          p.purchase_id = `${p.purchase_id}~${k}`;
          notes.set(
            'process repeated in the file: purchase id suffixed',
            (notes.get('process repeated in the file: purchase id suffixed') ?? 0) + 1,
          );
        }
        purchaseIds.add(p.purchase_id);
        pendingPurchases.push(p);
      }
      pendingBids.push(...res.bids);
      purchases += res.purchases.length;
      bidsCount += res.bids.length;
      if (opts.onCompiledReleases) pendingReleases.push(item.release);
      await flush(false);
      if (opts.signal?.aborted) throw new OcdsError('aborted', 'The import was cancelled.');
    }
    await flush(true);
    if (opts.signal?.aborted) throw new OcdsError('aborted', 'The import was cancelled.');

    const rejected = [...skipped.values()].reduce((s, c) => s + c, 0);
    await engine.exec('BEGIN TRANSACTION');
    try {
      await engine.exec(`INSERT INTO purchases SELECT * FROM ${ident(stagePurchases)}`);
      await engine.exec(`INSERT INTO bids SELECT * FROM ${ident(stageBids)}`);
      await engine.query(`INSERT INTO datasets VALUES (?, ?, 'ocds', ?, ?, ?, ?, now())`, [
        datasetId,
        opts.name,
        opts.sector,
        releases,
        rejected,
        opts.fingerprint ?? hashed.fingerprint(),
      ]);
      await engine.exec('COMMIT');
    } catch (e) {
      await engine.exec('ROLLBACK').catch(() => undefined);
      throw e;
    }
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${ident(stagePurchases)}`).catch(() => undefined);
    await engine.exec(`DROP TABLE IF EXISTS ${ident(stageBids)}`).catch(() => undefined);
  }

  return {
    datasetId,
    releases,
    purchases,
    bids: bidsCount,
    skipped: [...skipped].map(([reason, count]) => ({ reason, count })),
    notes: [...notes].map(([reason, count]) => ({ reason, count })),
    bytes,
    ms: Math.round(performance.now() - t0),
  };
}

/** A whole file in memory still travels in 1 MiB views, so progress and cancel stay responsive. */
function wholeOrChunks(source: OcdsSource): AsyncIterable<Uint8Array> | Iterable<Uint8Array> {
  return source instanceof Uint8Array
    ? Array.from({ length: Math.ceil(source.length / (1 << 20)) }, (_, i) => source.subarray(i << 20, (i + 1) << 20))
    : source;
}

function insertType(sqlType: string): ColumnSpec['type'] {
  const t = sqlType.replace(/\s+NOT NULL$/i, '').toUpperCase();
  if (t.startsWith('DECIMAL') || t === 'DOUBLE') return 'DOUBLE';
  if (t === 'INTEGER' || t === 'BOOLEAN' || t === 'DATE' || t === 'BIGINT' || t === 'TIMESTAMP') return t;
  return 'VARCHAR';
}
