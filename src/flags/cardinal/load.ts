import type { ColumnSpec, Engine, Row } from '../../engine/types';
import { ident } from '../../engine/sql';
import { parseRfc3339 } from './rfc3339';

/**
 * Flattens OCDS compiled releases into the `cardinal_*` tables the indicator SQL reads.
 *
 * JS only walks the JSON here. It keeps exactly the facts Cardinal tests with `if let Some(Value::…)`:
 * a value is stored only when it has the JSON type Cardinal requires (ids, statuses, currencies and
 * dates must be strings; amounts numbers), and array lengths are kept raw (Cardinal's "exactly one
 * tenderer/supplier" counts array elements, with or without an `id`). Everything that depends on
 * settings (cancelled tenders, `[exclusions]`, the price-comparison gate, the main currency) is
 * applied later, in SQL, by the indicators.
 *
 * Global rules applied here: a line whose `ocid` is not a string is skipped; organisation
 * references without a string `id` are not stored (their array position still counts).
 */

/** Column layouts of the Cardinal tables, in order. */
export const CARDINAL_TABLES: Readonly<Record<string, readonly ColumnSpec[]>> = {
  cardinal_processes: [
    { name: 'pid', type: 'BIGINT' }, // unique across loads; also the file order ("first seen")
    { name: 'dataset_id', type: 'VARCHAR' },
    { name: 'ocid', type: 'VARCHAR' },
    { name: 'buyer_id', type: 'VARCHAR' },
    { name: 'procuring_entity_id', type: 'VARCHAR' },
    { name: 'tender_status', type: 'VARCHAR' },
    { name: 'procurement_method', type: 'VARCHAR' },
    { name: 'procurement_method_details', type: 'VARCHAR' },
    { name: 'tender_start_raw', type: 'VARCHAR' },
    { name: 'tender_end_raw', type: 'VARCHAR' },
    { name: 'tender_start', type: 'TIMESTAMP' }, // null unless strict RFC 3339
    { name: 'tender_end', type: 'TIMESTAMP' },
    { name: 'number_of_tenderers', type: 'DOUBLE' },
    { name: 'number_of_tenderers_is_uint', type: 'BOOLEAN' },
    { name: 'has_awards', type: 'BOOLEAN' }, // `awards` is an array
    { name: 'has_bid_details', type: 'BOOLEAN' }, // `bids.details` is an array
  ],
  cardinal_bids: [
    { name: 'pid', type: 'BIGINT' },
    { name: 'bid_idx', type: 'INTEGER' }, // position in bids.details: ties go to the first seen
    { name: 'status', type: 'VARCHAR' },
    { name: 'amount', type: 'DOUBLE' },
    { name: 'currency', type: 'VARCHAR' },
    { name: 'date', type: 'VARCHAR' }, // the original string: R030 compares strings
    { name: 'tenderers_len', type: 'INTEGER' }, // null when `tenderers` is not an array
    { name: 'tenderer_id0', type: 'VARCHAR' }, // string id of tenderers[0]
  ],
  cardinal_bid_tenderers: [
    { name: 'pid', type: 'BIGINT' },
    { name: 'bid_idx', type: 'INTEGER' },
    { name: 'pos', type: 'INTEGER' },
    { name: 'tenderer_id', type: 'VARCHAR' },
  ],
  cardinal_awards: [
    { name: 'pid', type: 'BIGINT' },
    { name: 'award_idx', type: 'INTEGER' },
    { name: 'status', type: 'VARCHAR' },
    { name: 'suppliers_len', type: 'INTEGER' },
    { name: 'supplier_id0', type: 'VARCHAR' },
    { name: 'items_is_array', type: 'BOOLEAN' },
  ],
  cardinal_award_suppliers: [
    { name: 'pid', type: 'BIGINT' },
    { name: 'award_idx', type: 'INTEGER' },
    { name: 'pos', type: 'INTEGER' },
    { name: 'supplier_id', type: 'VARCHAR' },
  ],
  cardinal_award_items: [
    { name: 'pid', type: 'BIGINT' },
    { name: 'award_idx', type: 'INTEGER' },
    { name: 'item_idx', type: 'INTEGER' },
    { name: 'classification_id', type: 'VARCHAR' },
  ],
  cardinal_parties: [
    { name: 'pid', type: 'BIGINT' },
    { name: 'party_idx', type: 'INTEGER' },
    { name: 'party_id', type: 'VARCHAR' },
    { name: 'street_address', type: 'VARCHAR' },
    { name: 'locality', type: 'VARCHAR' },
    { name: 'region', type: 'VARCHAR' },
    { name: 'postal_code', type: 'VARCHAR' },
    { name: 'country_name', type: 'VARCHAR' },
    { name: 'contact_name', type: 'VARCHAR' },
    { name: 'contact_email', type: 'VARCHAR' },
    { name: 'contact_telephone', type: 'VARCHAR' },
    { name: 'contact_fax_number', type: 'VARCHAR' },
    { name: 'contact_url', type: 'VARCHAR' },
  ],
  cardinal_party_roles: [
    { name: 'pid', type: 'BIGINT' },
    { name: 'party_idx', type: 'INTEGER' },
    { name: 'role', type: 'VARCHAR' },
  ],
};

/** Outcome of a load. */
export interface CardinalLoadResult {
  /** Releases stored. */
  processes: number;
  /** Lines skipped because they were not objects or their `ocid` was not a string. */
  skipped: number;
}

type Json = Record<string, unknown>;

function obj(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}
function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}
function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
function arr(v: unknown): unknown[] | undefined {
  return Array.isArray(v) ? v : undefined;
}
/** `org.id` when it is a string (Cardinal skips organisation references without one). */
function orgId(v: unknown): string | null {
  return str(obj(v)?.id);
}

/** Creates the `cardinal_*` tables if missing. */
export async function createCardinalTables(engine: Engine): Promise<void> {
  for (const [table, columns] of Object.entries(CARDINAL_TABLES)) {
    await engine.exec(`CREATE TABLE IF NOT EXISTS ${table} (${columns.map((c) => `${c.name} ${c.type}`).join(', ')})`);
  }
}

/**
 * Deletes a dataset's rows from the Cardinal tables (they exist only after an OCDS load). Only
 * `cardinal_processes` carries `dataset_id`; the other tables hang off its `pid`, so they go first.
 */
export async function removeCardinalRows(engine: Engine, datasetId: string): Promise<void> {
  const present = await engine.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'cardinal_%'`,
  );
  const names = new Set(present.map((p) => p.table_name));
  if (!names.has('cardinal_processes')) return;
  const children = Object.keys(CARDINAL_TABLES).filter((t) => t !== 'cardinal_processes' && names.has(t));
  for (const t of children) {
    await engine.query(`DELETE FROM ${ident(t)} WHERE pid IN (SELECT pid FROM cardinal_processes WHERE dataset_id = ?)`, [
      datasetId,
    ]);
  }
  await engine.query('DELETE FROM cardinal_processes WHERE dataset_id = ?', [datasetId]);
}

const BATCH = 2000;

/**
 * Loads OCDS compiled releases (one object per contracting process, e.g. the lines of a JSON Lines
 * file) into the `cardinal_*` tables under `datasetId`.
 */
export async function loadCompiledReleases(
  engine: Engine,
  releases: Iterable<object> | AsyncIterable<object>,
  datasetId: string,
): Promise<CardinalLoadResult> {
  await createCardinalTables(engine);
  const [{ m }] = await engine.query<{ m: number }>('SELECT coalesce(max(pid), 0)::DOUBLE AS m FROM cardinal_processes');
  let pid = m;
  const rows: Record<string, Row[]> = Object.fromEntries(Object.keys(CARDINAL_TABLES).map((t) => [t, []]));
  const flush = async () => {
    for (const [table, records] of Object.entries(rows)) {
      if (records.length === 0) continue;
      await engine.insertRecords(table, records, CARDINAL_TABLES[table]);
      rows[table] = [];
    }
  };
  let processes = 0;
  let skipped = 0;
  let pending = 0;
  for await (const value of releases as AsyncIterable<object>) {
    const release = obj(value);
    const ocid = str(release?.ocid);
    if (!release || ocid === null) {
      skipped++;
      continue;
    }
    pid++;
    processes++;
    flattenRelease(release, ocid, pid, datasetId, rows);
    if (++pending >= BATCH) {
      await flush();
      pending = 0;
    }
  }
  await flush();
  return { processes, skipped };
}

function flattenRelease(release: Json, ocid: string, pid: number, datasetId: string, rows: Record<string, Row[]>): void {
  const tender = obj(release.tender);
  const period = obj(tender?.tenderPeriod);
  const startRaw = str(period?.startDate);
  const endRaw = str(period?.endDate);
  const start = startRaw === null ? null : parseRfc3339(startRaw);
  const end = endRaw === null ? null : parseRfc3339(endRaw);
  const nt = tender?.numberOfTenderers;
  const bids = obj(release.bids);
  const details = arr(bids?.details);
  const awards = arr(release.awards);
  rows.cardinal_processes.push({
    pid,
    dataset_id: datasetId,
    ocid,
    buyer_id: orgId(release.buyer),
    procuring_entity_id: orgId(tender?.procuringEntity),
    tender_status: str(tender?.status),
    procurement_method: str(tender?.procurementMethod),
    procurement_method_details: str(tender?.procurementMethodDetails),
    tender_start_raw: startRaw,
    tender_end_raw: endRaw,
    tender_start: start === null ? null : new Date(start),
    tender_end: end === null ? null : new Date(end),
    number_of_tenderers: num(nt),
    // serde_json's as_u64(): a non-negative whole number (JSON.parse cannot tell 1 from 1.0).
    number_of_tenderers_is_uint: typeof nt === 'number' && Number.isInteger(nt) && nt >= 0,
    has_awards: awards !== undefined,
    has_bid_details: details !== undefined,
  });

  details?.forEach((d, bidIdx) => {
    const bid = obj(d);
    if (!bid) return;
    const value = obj(bid.value);
    const tenderers = arr(bid.tenderers);
    rows.cardinal_bids.push({
      pid,
      bid_idx: bidIdx,
      status: str(bid.status),
      amount: num(value?.amount),
      currency: str(value?.currency),
      date: str(bid.date),
      tenderers_len: tenderers ? tenderers.length : null,
      tenderer_id0: tenderers && tenderers.length > 0 ? orgId(tenderers[0]) : null,
    });
    tenderers?.forEach((t, pos) => {
      const id = orgId(t);
      if (id !== null) rows.cardinal_bid_tenderers.push({ pid, bid_idx: bidIdx, pos, tenderer_id: id });
    });
  });

  awards?.forEach((a, awardIdx) => {
    const award = obj(a);
    if (!award) return;
    const suppliers = arr(award.suppliers);
    const items = arr(award.items);
    rows.cardinal_awards.push({
      pid,
      award_idx: awardIdx,
      status: str(award.status),
      suppliers_len: suppliers ? suppliers.length : null,
      supplier_id0: suppliers && suppliers.length > 0 ? orgId(suppliers[0]) : null,
      items_is_array: items !== undefined,
    });
    suppliers?.forEach((s, pos) => {
      const id = orgId(s);
      if (id !== null) rows.cardinal_award_suppliers.push({ pid, award_idx: awardIdx, pos, supplier_id: id });
    });
    items?.forEach((it, itemIdx) => {
      const id = str(obj(obj(it)?.classification)?.id);
      if (id !== null) rows.cardinal_award_items.push({ pid, award_idx: awardIdx, item_idx: itemIdx, classification_id: id });
    });
  });

  arr(release.parties)?.forEach((p, partyIdx) => {
    const party = obj(p);
    if (!party) return;
    const address = obj(party.address);
    const contact = obj(party.contactPoint);
    rows.cardinal_parties.push({
      pid,
      party_idx: partyIdx,
      party_id: str(party.id),
      street_address: str(address?.streetAddress),
      locality: str(address?.locality),
      region: str(address?.region),
      postal_code: str(address?.postalCode),
      country_name: str(address?.countryName),
      contact_name: str(contact?.name),
      contact_email: str(contact?.email),
      contact_telephone: str(contact?.telephone),
      contact_fax_number: str(contact?.faxNumber),
      contact_url: str(contact?.url),
    });
    arr(party.roles)?.forEach((r) => {
      if (typeof r === 'string') rows.cardinal_party_roles.push({ pid, party_idx: partyIdx, role: r });
    });
  });
}
