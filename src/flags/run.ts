import type { Engine } from '../engine/types';
import { literal } from '../engine/sql';
import type { Purchase } from '../model/schema';
import { resolveParams, sqlNumber } from './params';
import { TIER1_FLAGS, type FlagCode } from './registry';
import { clamp01Sql, severitySql } from './strength';
import type { FlagDefinition, ParamValues } from './types';

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
  n_flags INTEGER,
  n_assessed INTEGER,
  n_components INTEGER
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
  const rows = await engine.query(
    `SELECT dataset_id${sel ? ', ' + sel : ''} FROM purchases GROUP BY dataset_id ORDER BY dataset_id`,
  );
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
export async function runFlags(
  engine: Engine,
  params: FlagParamOverrides = {},
  flags: readonly FlagDefinition[] = TIER1_FLAGS,
): Promise<FlagRunReport> {
  const resolved = new Map<string, ParamValues>(
    flags.map((f) => [f.code, resolveParams(f, (params as Record<string, Record<string, number>>)[f.code])]),
  );
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
      // DuckDB from copying the whole table for a CTE the flag reads twice. The ids are quoted literals
      // (engine/sql.ts), not bound parameters: inlined at each of the flag's reads, a NOT MATERIALIZED
      // CTE bound its parameters at the first read only, and a flag reading `purchases` three times
      // (TL-NEW-SUPPLIER) found no rows once a dataset that could not compute it was loaded.
      const scope =
        ok.length === counts.size
          ? ''
          : `WITH purchases AS NOT MATERIALIZED (SELECT * FROM main.purchases WHERE dataset_id IN (${ok.map(literal).join(', ')}))\n`;
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
          await engine.query(`CREATE OR REPLACE TEMP TABLE ${sharedTable} AS\n${scope}SELECT * FROM (${shared.sql}) s`);
          sharedTables.set(key, sharedTable);
        }
      }
      const sql = def.sql(p, sharedTable);
      // Strength is clamped here and severity follows from it in one place, so no flag grades its own way.
      const strength = clamp01Sql('f.strength');
      await engine.query(
        `INSERT INTO flags (dataset_id, entity_type, entity_id, code, value, evidence, strength, severity)
${scope}SELECT dataset_id, entity_type, entity_id, code, value, evidence, ${strength}, ${severitySql(strength)} FROM (${sql}) f`,
      );
      const ms = now() - t0;
      const n = await engine.query<{ dataset_id: string; n: number }>(
        `SELECT dataset_id, count(*) AS n FROM flags WHERE code = ? GROUP BY dataset_id`,
        [def.code],
      );
      for (const datasetId of ok)
        computed.push({ code: def.code, datasetId, rows: n.find((r) => r.dataset_id === datasetId)?.n ?? 0, ms });
    }
  } finally {
    for (const t of sharedTables.values()) await engine.exec(`DROP TABLE IF EXISTS ${t}`);
  }

  const status = [
    ...computed.map((c) => ({ dataset_id: c.datasetId, code: c.code, computable: true, missing: null, rows: c.rows, ms: c.ms })),
    ...notComputable.map((c) => ({
      dataset_id: c.datasetId,
      code: c.code,
      computable: false,
      missing: c.missing.join(', '),
      rows: null,
      ms: null,
    })),
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

/**
 * The statement that rebuilds `risk_scores`, GTI CRI style weighted by strength (src/flags/README.md):
 * score = Σ over the components computable on the purchase's dataset of the strongest flag of that
 * component on the purchase (0 when none) ÷ the number of those components. A component that could
 * not assess a purchase adds 0 and stays in the denominator, so missing data never raises a score,
 * and a purchase with one flag cannot outrank one with several of the same strength. `components`
 * is JSON of the components that assessed it → strength (0 when not flagged); `n_assessed` counts
 * them, `n_components` the dataset's computable components. A buyer-level flag counts for every
 * purchase of that buyer-year (or buyer, for R029). A component counts only where its flag was computed.
 *
 * Built for a million rows in wasm: per purchase only integer bit masks are computed (which
 * components assessed it, which flags hit it). Everything about a buyer-year — its buyer-year and
 * buyer hits and which group tests it passes — comes from one GROUP BY of purchases and is joined
 * back once; item × unit group tests likewise. The JSON text of `components` is built once per
 * distinct mask pair and joined on.
 */
export function riskScoreSql(
  flags: readonly FlagDefinition[],
  params: ReadonlyMap<string, ParamValues>,
  computed: readonly FlagComputed[],
): string {
  const comps = new Map<string, Component>();
  for (const def of flags) {
    const key = def.component ?? def.code;
    const c = comps.get(key) ?? { key, defs: [], datasets: [] };
    c.defs.push(def);
    for (const r of computed) if (r.code === def.code && !c.datasets.includes(r.datasetId)) c.datasets.push(r.datasetId);
    comps.set(key, c);
  }
  const live = [...comps.values()].filter((c) => c.datasets.length > 0);
  // Per entity key: the strongest flag of each live component, one column s<i> each, and their sum.
  const compCols = (key: FlagDefinition['entityKey']) =>
    live
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => c.defs[0].entityKey === key)
      .map(({ c, i }) => `max(strength) FILTER (WHERE code IN (${c.defs.map((d) => literal(d.code)).join(', ')})) AS s${i}`);
  const colsOf = (key: FlagDefinition['entityKey']) =>
    compCols(key)
      .map((s) => ', ' + s)
      .join('');
  const keyOf = (i: number) => live[i].defs[0].entityKey;
  const sumOf = (alias: string, key: FlagDefinition['entityKey']) =>
    live
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => c.defs[0].entityKey === key)
      .map(({ i }) => `coalesce(${alias}.s${i}, 0)`)
      .join(' + ') || '0';
  // Components computable per dataset: the score's denominator.
  const perDataset = new Map<string, number>();
  for (const c of live) for (const d of c.datasets) perDataset.set(d, (perDataset.get(d) ?? 0) + 1);
  const dcValues = [...perDataset].map(([d, k]) => `(${literal(d)}, ${k})`).join(', ');
  const codeBit = new Map(flags.map((f, j) => [f.code, j]));
  const bit = (j: number) => `${2 ** j}::BIGINT`;
  const hitMask = (key: FlagDefinition['entityKey']) => {
    const fs = flags.filter((f) => f.entityKey === key);
    if (fs.length === 0) return `0::BIGINT`;
    return `bit_or(CASE code ${fs.map((f) => `WHEN ${literal(f.code)} THEN ${bit(codeBit.get(f.code)!)}`).join(' ')} ELSE 0::BIGINT END)`;
  };
  const codesIn = (key: FlagDefinition['entityKey']) =>
    flags
      .filter((f) => f.entityKey === key)
      .map((f) => literal(f.code))
      .join(', ') || 'NULL';
  const orAll = (terms: string[]) => (terms.length ? terms.join(' | ') : '0::BIGINT');

  // Per component: a row test (bit i of `rm`, with the dataset test) and maybe a group test, whose
  // count is computed in the GROUP BY of its group kind and turned into bit i of that kind's mask.
  const rowTerms: string[] = [];
  let free = 0; // components without a group test
  const byCounts: string[] = []; // counts per buyer-year (buyer_year and buyer groups)
  const byYearTests: string[] = [];
  const buyerSums: string[] = [];
  const buyerTests: string[] = [];
  const iuTests: string[] = [];
  live.forEach((c, i) => {
    const def = c.defs[0];
    const a = def.assessed(params.get(def.code)!);
    rowTerms.push(
      `CASE WHEN dataset_id IN (${c.datasets.map(literal).join(', ')}) AND coalesce(${a.row}, false) THEN ${bit(i)} ELSE 0::BIGINT END`,
    );
    if (!a.group) {
      free += 2 ** i;
      return;
    }
    const count = `count(*) FILTER (WHERE ${a.group.count})`;
    const pass = (n: string) => `${n} ${a.group!.strict ? '>' : '>='} ${sqlNumber(a.group!.min)}`;
    if (a.group.by === 'buyer_year') {
      byCounts.push(`${count} AS c${i}`);
      // The NULL-year row of a buyer holds its undated purchases, which form no buyer-year.
      byYearTests.push(`CASE WHEN bg.y IS NOT NULL AND ${pass('bg.c' + i)} THEN ${bit(i)} ELSE 0::BIGINT END`);
    } else if (a.group.by === 'buyer') {
      byCounts.push(`${count} AS c${i}`);
      buyerSums.push(`sum(c${i}) AS c${i}`);
      buyerTests.push(`CASE WHEN ${pass('coalesce(bb.c' + i + ', 0)')} THEN ${bit(i)} ELSE 0::BIGINT END`);
    } else {
      iuTests.push(`CASE WHEN ${pass(count)} THEN ${bit(i)} ELSE 0::BIGINT END`);
    }
  });
  const compHit = live.map((c, i) => {
    const mask = c.defs.reduce((m, d) => m + 2 ** codeBit.get(d.code)!, 0);
    return `CASE WHEN (h & ${mask}::BIGINT) <> 0 THEN ${bit(i)} ELSE 0::BIGINT END`;
  });
  const jsonParts = live.map((c, i) => `CASE WHEN (a & ${bit(i)}) <> 0 THEN ${literal(JSON.stringify(c.key) + ':')} || '0' END`);
  const strengthJsonParts = live.map(
    (c, i) =>
      `CASE WHEN (masks.a & ${bit(i)}) <> 0 THEN ${literal(JSON.stringify(c.key) + ':')} || CAST(round(coalesce(masks.s${i}, 0), 3)::DOUBLE AS VARCHAR) END`,
  );
  const sCols = live.map((_, i) => `, s${i}`).join('');
  const sFromM = live.map((_, i) => `, ${keyOf(i) === 'purchase_id' ? 'pf' : 'bym'}.s${i}`).join('');
  const iuCte = iuTests.length
    ? `, giu AS (
  SELECT dataset_id, item_code, coalesce(unit, '') AS unit_key, ${orAll(iuTests)} AS g FROM purchases WHERE item_code IS NOT NULL GROUP BY ALL
)`
    : '';
  const iuJoin = iuTests.length
    ? `LEFT JOIN giu ON giu.dataset_id = p.dataset_id AND giu.item_code = p.item_code AND giu.unit_key = p.unit_key`
    : '';

  return `CREATE OR REPLACE TABLE risk_scores AS
WITH pf AS (
  SELECT dataset_id, entity_id, ${hitMask('purchase_id')} AS h${colsOf('purchase_id')} FROM flags WHERE entity_type = 'purchase' AND code IN (${codesIn('purchase_id')}) GROUP BY ALL
), yf AS (
  SELECT dataset_id, entity_id, ${hitMask('buyer_id:year')} AS h${colsOf('buyer_id:year')} FROM flags WHERE entity_type = 'buyer' AND code IN (${codesIn('buyer_id:year')}) GROUP BY ALL
), bf AS (
  SELECT dataset_id, entity_id, ${hitMask('buyer_id')} AS h${colsOf('buyer_id')} FROM flags WHERE entity_type = 'buyer' AND code IN (${codesIn('buyer_id')}) GROUP BY ALL
), bg AS (
  -- One row per buyer and year of signing (NULL for undated purchases), with the group counts.
  SELECT dataset_id, buyer_id, year(signed_date) AS y${byCounts.length ? ', ' + byCounts.join(', ') : ''}
  FROM purchases WHERE buyer_id IS NOT NULL GROUP BY ALL
), bb AS (
  SELECT dataset_id, buyer_id${buyerSums.length ? ', ' + buyerSums.join(', ') : ''} FROM bg GROUP BY ALL
), bym AS (
  -- Per buyer-year: the buyer-year and buyer flags that hit it (undated purchases match no
  -- buyer-year, so they get neither), their strengths, and the buyer-year and buyer group tests it passes.
  SELECT bg.dataset_id, bg.buyer_id, bg.y,
    CASE WHEN bg.y IS NOT NULL THEN coalesce(yf.h, 0::BIGINT) | coalesce(bf.h, 0::BIGINT) ELSE 0::BIGINT END AS h,
    ${orAll([...byYearTests, ...buyerTests])} AS g
    ${live
      .map((_, i) =>
        keyOf(i) === 'buyer_id:year'
          ? `, CASE WHEN bg.y IS NOT NULL THEN yf.s${i} END AS s${i}`
          : keyOf(i) === 'buyer_id'
            ? `, CASE WHEN bg.y IS NOT NULL THEN bf.s${i} END AS s${i}`
            : '',
      )
      .join('')}
  FROM bg
  JOIN bb ON bb.dataset_id = bg.dataset_id AND bb.buyer_id = bg.buyer_id
  LEFT JOIN yf ON yf.dataset_id = bg.dataset_id AND yf.entity_id = bg.buyer_id || ':' || CAST(bg.y AS VARCHAR)
  LEFT JOIN bf ON bf.dataset_id = bg.dataset_id AND bf.entity_id = bg.buyer_id
)${iuCte}, p AS (
  -- Row tests are evaluated here, on purchases alone, where their unqualified column names are unambiguous.
  SELECT dataset_id, purchase_id, buyer_id, year(signed_date) AS y, item_code, coalesce(unit, '') AS unit_key,
    ${orAll(rowTerms)} AS rm
  FROM purchases
), m AS (
  SELECT p.dataset_id, p.purchase_id,
    coalesce(pf.h, 0::BIGINT) | coalesce(bym.h, 0::BIGINT) AS h,
    p.rm & (${free}::BIGINT | coalesce(bym.g, 0::BIGINT)${iuTests.length ? ' | coalesce(giu.g, 0::BIGINT)' : ''}) AS a0,
    ${sumOf('pf', 'purchase_id')} + ${sumOf('bym', 'buyer_id:year')} + ${sumOf('bym', 'buyer_id')} AS ssum${sFromM}
  FROM p
  LEFT JOIN pf ON pf.dataset_id = p.dataset_id AND pf.entity_id = p.purchase_id
  LEFT JOIN bym ON bym.dataset_id = p.dataset_id AND bym.buyer_id = p.buyer_id AND bym.y IS NOT DISTINCT FROM p.y
  ${iuJoin}
), mm AS (
  SELECT dataset_id, purchase_id, h, ${orAll(compHit)} AS hc, a0, ssum${sCols} FROM m
), masks AS (
  -- A component that raised a flag on a purchase has assessed it, whatever its "assessed" test says.
  SELECT dataset_id, purchase_id, hc, a0 | hc AS a, bit_count(h)::INTEGER AS n_flags, ssum${sCols} FROM mm
), patterns AS (
  -- JSON of the unflagged purchases, built once per distinct mask (flagged ones get theirs per row).
  SELECT a, '{' || concat_ws(',', ${jsonParts.length ? jsonParts.join(', ') : 'NULL'}) || '}' AS components
  FROM (SELECT DISTINCT a FROM masks WHERE hc = 0)
), dc(dataset_id, k) AS (
  ${dcValues ? `VALUES ${dcValues}` : `SELECT NULL::VARCHAR, 0 WHERE false`}
)
SELECT masks.dataset_id, masks.purchase_id,
  CASE WHEN masks.a <> 0 THEN masks.ssum::DOUBLE / dc.k END AS score,
  CASE WHEN masks.hc = 0 THEN patterns.components
    ELSE '{' || concat_ws(',', ${strengthJsonParts.length ? strengthJsonParts.join(', ') : 'NULL'}) || '}' END AS components,
  masks.n_flags, bit_count(masks.a)::INTEGER AS n_assessed, coalesce(dc.k, 0)::INTEGER AS n_components
FROM masks
LEFT JOIN patterns ON masks.hc = 0 AND patterns.a = masks.a
LEFT JOIN dc ON dc.dataset_id = masks.dataset_id`;
}
