import type { Engine, Param } from '../../src/engine/types';
import { PURCHASE_COLUMNS, type Purchase } from '../../src/model/schema';

let counter = 0;

/** A purchase with test defaults (dataset 'd1', state sector, a fresh id); override what the case needs. */
export function purchase(p: Partial<Purchase>): Partial<Purchase> {
  counter += 1;
  return { dataset_id: 'd1', purchase_id: `p${counter}`, sector: 'state', ...p };
}

/** Inserts purchases with one INSERT of bound parameters; columns not given stay NULL. */
export async function insertPurchases(engine: Engine, rows: readonly Partial<Purchase>[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(PURCHASE_COLUMNS) as (keyof Purchase)[];
  const used = cols.filter((c) => rows.some((r) => r[c] !== undefined));
  const casts = used.map((c) => `CAST(? AS ${PURCHASE_COLUMNS[c].replace(' NOT NULL', '')})`);
  const params: Param[] = [];
  for (const r of rows) for (const c of used) params.push((r[c] ?? null) as Param);
  const values = rows.map(() => `(${casts.join(', ')})`).join(', ');
  await engine.query(`INSERT INTO purchases (${used.join(', ')}) VALUES ${values}`, params);
}

/** Flag rows of one code, evidence parsed, sorted by entity id. */
export async function flagRows(
  engine: Engine,
  code: string,
): Promise<
  {
    dataset_id: string;
    entity_type: string;
    entity_id: string;
    value: number;
    strength: number;
    severity: string;
    evidence: Record<string, unknown>;
  }[]
> {
  const rows = await engine.query<{
    dataset_id: string;
    entity_type: string;
    entity_id: string;
    value: number;
    strength: number;
    severity: string;
    evidence: string;
  }>(
    `SELECT dataset_id, entity_type, entity_id, value, strength, severity, evidence FROM flags WHERE code = ? ORDER BY dataset_id, entity_id`,
    [code],
  );
  return rows.map((r) => ({ ...r, evidence: JSON.parse(r.evidence) }));
}
