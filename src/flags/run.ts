import type { Engine } from '../engine/types';
import { literal } from '../engine/sql';
import type { Purchase } from '../model/schema';
import { resolveParams, sqlNumber } from './params';
import { TIER1_FLAGS, type FlagCode } from './registry';
import type { AssessmentGroup, FlagDefinition, ParamValues } from './types';

/** Per-flag parameter overrides, e.g. `{ R003: { min_days_open: 10 } }`. */
export type FlagParamOverrides = Partial<Record<FlagCode, Record<string, number>>>;

/**
 * One flag computed on one dataset. `ms` is the wall time of the flag's query, which computes all
 * datasets where the flag is computable at once (so datasets computed together show the same ms).
 */
export interface FlagComputed {
  code: string;
  datasetId: string;
  rows: number;
  ms: number;
}

/** A flag that could not run on a dataset, with the fields the dataset lacks ("a or b" for alternatives). */
export interface FlagNotComputable {
  code: string;
  datasetId: string;
  missing: string[];
}

/** What `runFlags` did. */
export interface FlagRunReport {
  computed: FlagComputed[];
  notComputable: FlagNotComputable[];
  /** Wall time of building `risk_scores`. */
  riskScoreMs: number;
}

/** DDL of the risk-score table (one row per purchase). */
export const RISK_SCORES_DDL = `CREATE TABLE IF NOT EXISTS risk_scores (
  dataset_id VARCHAR,
  purchase_id VARCHAR,
  score DOUBLE,
  components VARCHAR,
  n_flags INTEGER
)`;

/**
 * Tier-1 flag status per dataset and code, written by `runFlags`: the not-computable list
 * (`missing` = the absent fields, comma-separated) and row counts, readable after a reload.
 */
export const FLAG_STATUS_DDL = `CREATE TABLE IF NOT EXISTS flag_status (
  dataset_id VARCHAR,
  code VARCHAR,
  computable BOOLEAN,
  missing VARCHAR,
  rows INTEGER,
  ms DOUBLE
)`;

/** SQL condition selecting the `flags` rows of these tier-1 flags (by code and entity type). */
export function tier1RowsPredicate(flags: readonly FlagDefinition[] = TIER1_FLAGS): string {
  const purchase = flags.filter((f) => f.level === 'purchase').map((f) => literal(f.code));
  const buyer = flags.filter((f) => f.level === 'buyer').map((f) => literal(f.code));
  const parts = [
    purchase.length ? `(entity_type = 'purchase' AND code IN (${purchase.join(', ')}))` : null,
    buyer.length ? `(entity_type = 'buyer' AND code IN (${buyer.join(', ')}))` : null,
  ].filter(Boolean);
  return parts.length ? `(${parts.join(' OR ')})` : 'FALSE';
}

function columnsOf(flags: readonly FlagDefinition[]): (keyof Purchase)[] {
  const cols = new Set<keyof Purchase>();
  for (const f of flags) {
    f.needs.forEach((c) => cols.add(c));
    f.needsOneOf?.forEach((g) => g.forEach((c) => cols.add(c)));
  }
  return [...cols];
}

/** For each dataset, how many non-NULL values each column has — one scan of `purchases`. */
async function columnCounts(engine: Engine, cols: readonly (keyof Purchase)[]): Promise<Map<string, Record<string, number>>> {
  const sel = cols.map((c) => `count(${c}) AS ${c}`).join(', ');
  const rows = await engine.query(`SELECT dataset_id${sel ? ', ' + sel : ''} FROM purchases GROUP BY dataset_id ORDER BY dataset_id`);
  return new Map(rows.map((r) => [String(r.dataset_id), r as Record<string, number>]));
}

/** Fields a flag lacks in a dataset, given its column counts; empty when computable. */
export function missingFields(def: FlagDefinition, counts: Record<string, number>): string[] {
  const missing: string[] = def.needs.filter((c) => !(Number(counts[c]) > 0));
  for (const group of def.needsOneOf ?? []) {
    if (group.every((c) => !(Number(counts[c]) > 0))) missing.push(group.join(' or '));
  }
  return missing;
}

function now(): number {
  return globalThis.performance?.now?.() ?? Date.now();
}

/**
 * Computes every tier-1 flag on every dataset in `purchases`, replacing earlier tier-1 rows of
 * `flags`, then rebuilds `risk_scores`. A flag runs on a dataset only when none of the columns it
 * needs is entirely NULL there; otherwise it is reported as not computable with the missing fields.
 * Parameters are validated before anything is written (a bad value throws `FlagParamError`).
 */
export async function runFlags(engine: Engine, params: FlagParamOverrides = {}, flags: readonly FlagDefinition[] = TIER1_FLAGS): Promise<FlagRunReport> {
  const resolved = new Map<string, ParamValues>(flags.map((f) => [f.code, resolveParams(f, (params as Record<string, Record<string, number>>)[f.code])]));
  await engine.exec(RISK_SCORES_DDL);
  const counts = await columnCounts(engine, columnsOf(flags));
  const computed: FlagComputed[] = [];
  const notComputable: FlagNotComputable[] = [];
  // Only tier-1 rows go: Cardinal's indicators share codes (R003, R018) but not entity types.
  await engine.exec(`DELETE FROM flags WHERE ${tier1RowsPredicate(flags)}`);
  await engine.exec(FLAG_STATUS_DDL);
  await engine.exec('DELETE FROM flag_status');

  // Relations flags share (see FlagDefinition.shared), materialised once per run: key → temp table.
  const sharedTables = new Map<string, string>();
  try {
    for (const def of flags) {
      const p = resolved.get(def.code)!;
      const ok: string[] = [];
      for (const [datasetId, c] of counts) {
        const missing = missingFields(def, c);
        if (missing.length) notComputable.push({ code: def.code, datasetId, missing });
        else ok.push(datasetId);
      }
      if (ok.length === 0) continue;
      // Every flag groups by dataset_id, so one query serves all datasets. Where some dataset lacks the
      // flag's fields, `purchases` is shadowed by the computable datasets' rows; NOT MATERIALIZED keeps
      // DuckDB from copying the whole table for a CTE the flag reads twice.
      const scope = ok.length === counts.size ? '' : `WITH purchases AS NOT MATERIALIZED (SELECT * FROM main.purchases WHERE dataset_id IN (${ok.map(() => '?').join(', ')}))\n`;
      const t0 = now();
      let sharedTable: string | undefined;
      const shared = def.shared?.(p);
      if (shared) {
        // Keyed by the relation's SQL and the datasets it covers: flags with other parameters or
        // other computable datasets get their own table.
        const key = JSON.stringify([shared.name, shared.sql, ok.length === counts.size ? null : ok]);
        sharedTable = sharedTables.get(key);
        if (!sharedTable) {
          sharedTable = `tl_shared_${sharedTables.size}_${shared.name.replace(/[^a-z0-9_]/gi, '_')}`;
          await engine.query(`CREATE OR REPLACE TEMP TABLE ${sharedTable} AS\n${scope}SELECT * FROM (${shared.sql}) s`, scope ? ok : []);
          sharedTables.set(key, sharedTable);
        }
      }
      const sql = def.sql(p, sharedTable);
      await engine.query(
        `INSERT INTO flags (dataset_id, entity_type, entity_id, code, value, evidence)
${scope}SELECT dataset_id, entity_type, entity_id, code, value, evidence FROM (${sql}) f`,
        scope ? ok : [],
      );
      const ms = now() - t0;
      const n = await engine.query<{ dataset_id: string; n: number }>(`SELECT dataset_id, count(*) AS n FROM flags WHERE code = ? GROUP BY dataset_id`, [def.code]);
      for (const datasetId of ok) computed.push({ code: def.code, datasetId, rows: n.find((r) => r.dataset_id === datasetId)?.n ?? 0, ms });
    }
  } finally {
    for (const t of sharedTables.values()) await engine.exec(`DROP TABLE IF EXISTS ${t}`);
  }

  const status = [
    ...computed.map((c) => ({ dataset_id: c.datasetId, code: c.code, computable: true, missing: null, rows: c.rows, ms: c.ms })),
    ...notComputable.map((c) => ({ dataset_id: c.datasetId, code: c.code, computable: false, missing: c.missing.join(', '), rows: null, ms: null })),
  ];
  await engine.insertRecords('flag_status', status, [
    { name: 'dataset_id', type: 'VARCHAR' },
    { name: 'code', type: 'VARCHAR' },
    { name: 'computable', type: 'BOOLEAN' },
    { name: 'missing', type: 'VARCHAR' },
    { name: 'rows', type: 'INTEGER' },
    { name: 'ms', type: 'DOUBLE' },
  ]);

  const t0 = now();
  await engine.exec(riskScoreSql(flags, resolved, computed));
  return { computed, notComputable, riskScoreMs: now() - t0 };
}

interface Component {
  key: string;
  defs: FlagDefinition[];
  datasets: string[];
}

const GROUP_KEYS: Record<AssessmentGroup, { cols: string; on: string; where: string }> = {
  buyer_year: { cols: 'dataset_id, buyer_id, year(signed_date) AS y', on: 'g_buyer_year.dataset_id = p.dataset_id AND g_buyer_year.buyer_id = p.buyer_id AND g_buyer_year.y = p.y', where: 'buyer_id IS NOT NULL AND signed_date IS NOT NULL' },
  buyer: { cols: 'dataset_id, buyer_id', on: 'g_buyer.dataset_id = p.dataset_id AND g_buyer.buyer_id = p.buyer_id', where: 'buyer_id IS NOT NULL' },
  item_unit: { cols: "dataset_id, item_code, coalesce(unit, '') AS unit_key", on: 'g_item_unit.dataset_id = p.dataset_id AND g_item_unit.item_code = p.item_code AND g_item_unit.unit_key = p.unit_key', where: 'item_code IS NOT NULL' },
};

/**
 * The statement that rebuilds `risk_scores`, GTI CRI style: a purchase's score is the mean of the
 * components that assessed it (0 or 1 each). A buyer-level flag counts for every purchase of that
 * buyer-year (or buyer, for R029). A component counts only where its flag was computed.
 *
 * Built for a million rows in wasm: per purchase only integer bit masks are computed (which
 * components assessed it, which flags hit it); group tests are GROUP BYs joined back; the JSON text
 * of `components` is built once per distinct mask pair and joined on.
 */
export function riskScoreSql(flags: readonly FlagDefinition[], params: ReadonlyMap<string, ParamValues>, computed: readonly FlagComputed[]): string {
  const comps = new Map<string, Component>();
  for (const def of flags) {
    const key = def.component ?? def.code;
    const c = comps.get(key) ?? { key, defs: [], datasets: [] };
    c.defs.push(def);
    for (const r of computed) if (r.code === def.code && !c.datasets.includes(r.datasetId)) c.datasets.push(r.datasetId);
    comps.set(key, c);
  }
  const live = [...comps.values()].filter((c) => c.datasets.length > 0);
  const codeBit = new Map(flags.map((f, j) => [f.code, j]));
  const bit = (j: number) => `${2 ** j}::BIGINT`;
  const hitMask = (key: FlagDefinition['entityKey']) => {
    const fs = flags.filter((f) => f.entityKey === key);
    if (fs.length === 0) return `0::BIGINT`;
    return `bit_or(CASE code ${fs.map((f) => `WHEN ${literal(f.code)} THEN ${bit(codeBit.get(f.code)!)}`).join(' ')} ELSE 0::BIGINT END)`;
  };
  const codesIn = (key: FlagDefinition['entityKey']) => flags.filter((f) => f.entityKey === key).map((f) => literal(f.code)).join(', ') || 'NULL';

  // Group tests: one GROUP BY per group kind, one filtered count per component that uses it.
  const groupCounts = new Map<AssessmentGroup, string[]>();
  const rowTerms: string[] = [];
  const assessedTerms = live.map((c, i) => {
    const def = c.defs[0];
    const a = def.assessed(params.get(def.code)!);
    rowTerms.push(`coalesce(${a.row}, false) AS r${i}`);
    let term = `p.dataset_id IN (${c.datasets.map(literal).join(', ')}) AND p.r${i}`;
    if (a.group) {
      const list = groupCounts.get(a.group.by) ?? [];
      list.push(`count(*) FILTER (WHERE ${a.group.count}) AS c${i}`);
      groupCounts.set(a.group.by, list);
      term += ` AND coalesce(g_${a.group.by}.c${i}, 0) ${a.group.strict ? '>' : '>='} ${sqlNumber(a.group.min)}`;
    }
    return `CASE WHEN ${term} THEN ${bit(i)} ELSE 0::BIGINT END`;
  });
  const groupCtes = [...groupCounts].map(([by, counts]) => `g_${by} AS (
  SELECT ${GROUP_KEYS[by].cols}, ${counts.join(', ')} FROM purchases WHERE ${GROUP_KEYS[by].where} GROUP BY ALL
)`);
  const groupJoins = [...groupCounts.keys()].map((by) => `LEFT JOIN g_${by} ON ${GROUP_KEYS[by].on}`);
  const compHit = live.map((c, i) => {
    const mask = c.defs.reduce((m, d) => m + 2 ** codeBit.get(d.code)!, 0);
    return `CASE WHEN (h & ${mask}::BIGINT) <> 0 THEN ${bit(i)} ELSE 0::BIGINT END`;
  });
  const jsonParts = live.map((c, i) => `CASE WHEN (a & ${bit(i)}) <> 0 THEN ${literal(JSON.stringify(c.key) + ':')} || CASE WHEN (hc & ${bit(i)}) <> 0 THEN '1' ELSE '0' END END`);

  return `CREATE OR REPLACE TABLE risk_scores AS
WITH pf AS (
  SELECT dataset_id, entity_id, ${hitMask('purchase_id')} AS h FROM flags WHERE entity_type = 'purchase' AND code IN (${codesIn('purchase_id')}) GROUP BY ALL
), yf AS (
  SELECT dataset_id, entity_id, ${hitMask('buyer_id:year')} AS h FROM flags WHERE entity_type = 'buyer' AND code IN (${codesIn('buyer_id:year')}) GROUP BY ALL
), bf AS (
  SELECT dataset_id, entity_id, ${hitMask('buyer_id')} AS h FROM flags WHERE entity_type = 'buyer' AND code IN (${codesIn('buyer_id')}) GROUP BY ALL
), by_hits AS (
  -- Buyer-year and buyer hits joined to the small buyer tables first, so the big table meets one row per buyer-year.
  SELECT b.dataset_id, b.buyer_id, b.y, coalesce(yf.h, 0::BIGINT) | coalesce(bf.h, 0::BIGINT) AS h
  FROM (SELECT DISTINCT dataset_id, buyer_id, year(signed_date) AS y FROM purchases WHERE buyer_id IS NOT NULL) b
  LEFT JOIN yf ON yf.dataset_id = b.dataset_id AND yf.entity_id = b.buyer_id || ':' || CAST(b.y AS VARCHAR)
  LEFT JOIN bf ON bf.dataset_id = b.dataset_id AND bf.entity_id = b.buyer_id
  WHERE yf.h IS NOT NULL OR bf.h IS NOT NULL
)${groupCtes.length ? ',\n' + groupCtes.join(',\n') : ''}, p AS (
  -- Row tests are evaluated here, on purchases alone, where their unqualified column names are unambiguous.
  SELECT dataset_id, purchase_id, buyer_id, year(signed_date) AS y, item_code, coalesce(unit, '') AS unit_key${rowTerms.length ? ',\n    ' + rowTerms.join(',\n    ') : ''}
  FROM purchases
), m AS (
  SELECT p.dataset_id, p.purchase_id,
    coalesce(pf.h, 0::BIGINT) | coalesce(by_hits.h, 0::BIGINT) AS h,
    ${assessedTerms.length ? assessedTerms.join('\n    | ') : '0::BIGINT'} AS a0
  FROM p
  LEFT JOIN pf ON pf.dataset_id = p.dataset_id AND pf.entity_id = p.purchase_id
  LEFT JOIN by_hits ON by_hits.dataset_id = p.dataset_id AND by_hits.buyer_id = p.buyer_id AND by_hits.y = p.y
  ${groupJoins.join('\n  ')}
), mm AS (
  SELECT dataset_id, purchase_id, h, ${compHit.length ? compHit.join(' | ') : '0::BIGINT'} AS hc, a0 FROM m
), masks AS (
  -- A component that raised a flag on a purchase has assessed it, whatever its "assessed" test says.
  SELECT dataset_id, purchase_id, hc, a0 | hc AS a, bit_count(h)::INTEGER AS n_flags FROM mm
), patterns AS (
  SELECT a, hc, '{' || concat_ws(',', ${jsonParts.length ? jsonParts.join(', ') : "NULL"}) || '}' AS components
  FROM (SELECT DISTINCT a, hc FROM masks)
)
SELECT masks.dataset_id, masks.purchase_id,
  CASE WHEN masks.a <> 0 THEN bit_count(masks.hc)::DOUBLE / bit_count(masks.a) END AS score,
  patterns.components, masks.n_flags
FROM masks JOIN patterns ON patterns.a = masks.a AND patterns.hc = masks.hc`;
}
