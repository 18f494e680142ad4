import type { Engine } from '../engine/types';
import { literal } from '../engine/sql';
import type { Purchase } from '../model/schema';
import { resolveParams } from './params';
import { TIER1_FLAGS, type FlagCode } from './registry';
import type { FlagDefinition, ParamValues } from './types';

/** Per-flag parameter overrides, e.g. `{ R003: { min_days_open: 10 } }`. */
export type FlagParamOverrides = Partial<Record<FlagCode, Record<string, number>>>;

/** One flag computed on one dataset. `ms` is the wall time of that flag's query on that dataset. */
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
  const codes = flags.map((f) => literal(f.code)).join(', ');
  await engine.exec(`DELETE FROM flags WHERE code IN (${codes})`);

  for (const def of flags) {
    const sql = def.sql(resolved.get(def.code)!);
    for (const [datasetId, c] of counts) {
      const missing = missingFields(def, c);
      if (missing.length) {
        notComputable.push({ code: def.code, datasetId, missing });
        continue;
      }
      const t0 = now();
      // Shadowing `purchases` with one dataset's rows lets every flag's SQL stay dataset-agnostic.
      await engine.query(
        `INSERT INTO flags (dataset_id, entity_type, entity_id, code, value, evidence)
WITH purchases AS (SELECT * FROM main.purchases WHERE dataset_id = ?)
SELECT dataset_id, entity_type, entity_id, code, value, evidence FROM (${sql}) f`,
        [datasetId],
      );
      const ms = now() - t0;
      const [{ n }] = await engine.query<{ n: number }>(`SELECT count(*) AS n FROM flags WHERE code = ? AND dataset_id = ?`, [def.code, datasetId]);
      computed.push({ code: def.code, datasetId, rows: n, ms });
    }
  }

  const t0 = now();
  await engine.exec(riskScoreSql(flags, resolved, computed));
  return { computed, notComputable, riskScoreMs: now() - t0 };
}

interface Component {
  key: string;
  defs: FlagDefinition[];
  datasets: string[];
}

/**
 * The statement that rebuilds `risk_scores`, GTI CRI style: a purchase's score is the mean of the
 * components that assessed it (0 or 1 each). A buyer-level flag counts for every purchase of that
 * buyer-year (or buyer, for R029). A component counts only where its flag was computed.
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
  const codesOf = (key: FlagDefinition['entityKey']) => flags.filter((f) => f.entityKey === key).map((f) => literal(f.code));
  const inList = (xs: string[]) => (xs.length ? xs.join(', ') : 'NULL');

  const assessedCols = live.map((c, i) => `(dataset_id IN (${c.datasets.map(literal).join(', ')}) AND coalesce(${c.defs[0].assessed(params.get(c.defs[0].code)!)}, false)) AS a${i}`);
  const kCols = live.map((c, i) => {
    const hit = c.defs.map((d) => `list_contains(codes, ${literal(d.code)})`).join(' OR ');
    return `CASE WHEN a${i} THEN CASE WHEN ${hit} THEN 1 ELSE 0 END END AS k${i}`;
  });
  const sumK = live.length ? live.map((_, i) => `coalesce(k${i}, 0)`).join(' + ') : '0';
  const nK = live.length ? live.map((_, i) => `(k${i} IS NOT NULL)::INTEGER`).join(' + ') : '0';
  const parts = live.map((c, i) => `CASE WHEN k${i} IS NOT NULL THEN ${literal(JSON.stringify(c.key) + ':')} || k${i} END`);
  const componentsJson = parts.length ? `'{' || concat_ws(',', ${parts.join(', ')}) || '}'` : `'{}'`;

  return `CREATE OR REPLACE TABLE risk_scores AS
WITH p AS (
  SELECT dataset_id, purchase_id, buyer_id, buyer_id || ':' || CAST(year(signed_date) AS VARCHAR) AS buyer_year${assessedCols.length ? ',\n    ' + assessedCols.join(',\n    ') : ''}
  FROM purchases
), pf AS (
  SELECT dataset_id, entity_id, list(code) AS codes FROM flags WHERE entity_type = 'purchase' AND code IN (${inList(codesOf('purchase_id'))}) GROUP BY ALL
), yf AS (
  SELECT dataset_id, entity_id, list(code) AS codes FROM flags WHERE entity_type = 'buyer' AND code IN (${inList(codesOf('buyer_id:year'))}) GROUP BY ALL
), bf AS (
  SELECT dataset_id, entity_id, list(code) AS codes FROM flags WHERE entity_type = 'buyer' AND code IN (${inList(codesOf('buyer_id'))}) GROUP BY ALL
), j AS (
  SELECT p.*, list_concat(coalesce(pf.codes, []), coalesce(yf.codes, []), coalesce(bf.codes, [])) AS codes
  FROM p
  LEFT JOIN pf ON pf.dataset_id = p.dataset_id AND pf.entity_id = p.purchase_id
  LEFT JOIN yf ON yf.dataset_id = p.dataset_id AND yf.entity_id = p.buyer_year
  LEFT JOIN bf ON bf.dataset_id = p.dataset_id AND bf.entity_id = p.buyer_id
), k AS (
  SELECT dataset_id, purchase_id, len(codes)::INTEGER AS n_flags${kCols.length ? ',\n    ' + kCols.join(',\n    ') : ''}
  FROM j
)
SELECT dataset_id, purchase_id,
  CASE WHEN ${nK} > 0 THEN (${sumK})::DOUBLE / (${nK}) END AS score,
  ${componentsJson} AS components,
  n_flags
FROM k`;
}
