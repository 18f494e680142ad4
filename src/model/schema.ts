/**
 * The canonical model: one place for the tables every loader fills and every query reads.
 * DDL and TypeScript types are written side by side so they cannot drift apart unnoticed
 * (tests/engine/model.test.ts compares them).
 */

/** Which part of the public sector bought. */
export type Sector = 'state' | 'quasi_public' | 'unknown';
export const SECTORS: readonly Sector[] = ['state', 'quasi_public', 'unknown'];

/** OCDS procurementMethod codelist. */
export type Method = 'open' | 'selective' | 'limited' | 'direct';
export const METHODS: readonly Method[] = ['open', 'selective', 'limited', 'direct'];

/** One contract / award / purchase line. */
export interface Purchase {
  dataset_id: string;
  purchase_id: string;
  source_row: number | null;
  sector: Sector;
  buyer_id: string | null;
  buyer_name: string | null;
  supplier_id: string | null;
  supplier_name: string | null;
  method: Method | null;
  method_detail: string | null;
  competitive: boolean | null;
  amount: number | null;
  currency: string | null;
  amount_kzt: number | null;
  signed_date: string | null;
  tender_start: string | null;
  tender_end: string | null;
  n_bidders: number | null;
  item_code: string | null;
  item_name: string | null;
  unit: string | null;
  quantity: number | null;
  unit_price: number | null;
  region: string | null;
  status: string | null;
  supplier_registered: string | null;
}

/** Column name -> DuckDB type, in table order. */
export const PURCHASE_COLUMNS: Readonly<Record<keyof Purchase, string>> = {
  dataset_id: 'VARCHAR NOT NULL',
  purchase_id: 'VARCHAR NOT NULL',
  source_row: 'INTEGER',
  sector: 'VARCHAR NOT NULL',
  buyer_id: 'VARCHAR',
  buyer_name: 'VARCHAR',
  supplier_id: 'VARCHAR',
  supplier_name: 'VARCHAR',
  method: 'VARCHAR',
  method_detail: 'VARCHAR',
  competitive: 'BOOLEAN',
  amount: 'DECIMAL(18,2)',
  currency: 'VARCHAR',
  amount_kzt: 'DECIMAL(18,2)',
  signed_date: 'DATE',
  tender_start: 'DATE',
  tender_end: 'DATE',
  n_bidders: 'INTEGER',
  item_code: 'VARCHAR',
  item_name: 'VARCHAR',
  unit: 'VARCHAR',
  quantity: 'DOUBLE',
  unit_price: 'DOUBLE',
  region: 'VARCHAR',
  status: 'VARCHAR',
  supplier_registered: 'DATE',
};

/** A loaded dataset and where it came from. */
export interface Dataset {
  dataset_id: string;
  name: string;
  source: string; // 'demo' | 'csv' | 'ocds' | 'xlsx'
  sector: Sector;
  rows_read: number;
  rows_rejected: number;
  fingerprint: string;
  loaded_at: string;
}

/** A bid (OCDS `bids.details`), for the bid-level indicators. */
export interface Bid {
  dataset_id: string;
  ocid: string;
  bid_id: string | null;
  tenderer_ids: string | null; // '|'-joined ids, sorted
  amount: number | null;
  currency: string | null;
  status: string | null;
  date: string | null;
}

/** One red flag raised on one entity. */
export interface FlagRow {
  dataset_id: string;
  // 'ocid' and 'procuring_entity' (with 'buyer', 'tenderer') are Cardinal's groups (src/flags/cardinal).
  entity_type: 'purchase' | 'buyer' | 'supplier' | 'tenderer' | 'ocid' | 'procuring_entity';
  entity_id: string;
  code: string;
  value: number | null;
  evidence: string; // JSON text
}

function ddl(table: string, columns: Record<string, string>, extra = ''): string {
  const cols = Object.entries(columns).map(([n, t]) => `  ${n} ${t}`);
  return `CREATE TABLE IF NOT EXISTS ${table} (\n${cols.join(',\n')}${extra ? `,\n  ${extra}` : ''}\n)`;
}

/** Statements that create every canonical table (idempotent). */
export const MODEL_DDL: readonly string[] = [
  ddl('purchases', PURCHASE_COLUMNS),
  ddl('datasets', {
    dataset_id: 'VARCHAR PRIMARY KEY',
    name: 'VARCHAR',
    source: 'VARCHAR',
    sector: 'VARCHAR',
    rows_read: 'INTEGER',
    rows_rejected: 'INTEGER',
    fingerprint: 'VARCHAR',
    loaded_at: 'TIMESTAMP',
  }),
  ddl('ingest_rejects', {
    dataset_id: 'VARCHAR',
    source_row: 'INTEGER',
    column_name: 'VARCHAR',
    reason: 'VARCHAR',
    raw_value: 'VARCHAR',
  }),
  ddl('bids', {
    dataset_id: 'VARCHAR',
    ocid: 'VARCHAR',
    bid_id: 'VARCHAR',
    tenderer_ids: 'VARCHAR',
    amount: 'DOUBLE',
    currency: 'VARCHAR',
    status: 'VARCHAR',
    date: 'VARCHAR',
  }),
  ddl('flags', {
    dataset_id: 'VARCHAR',
    entity_type: 'VARCHAR',
    entity_id: 'VARCHAR',
    code: 'VARCHAR',
    value: 'DOUBLE',
    evidence: 'VARCHAR',
    // Tier-1 flags: 0–1 and high / medium / low (src/flags/strength.ts); NULL for Cardinal's indicators.
    strength: 'DOUBLE',
    severity: 'VARCHAR',
  }),
];

/** Creates the canonical tables. */
export async function createModel(engine: { exec(sql: string): Promise<void> }): Promise<void> {
  for (const s of MODEL_DDL) await engine.exec(s);
}
