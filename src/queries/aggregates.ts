import type { Engine, Param } from '../engine/types';
import { literal } from '../engine/sql';
import { TIER1_FLAGS } from '../flags/registry';
import { severityPredicate } from '../flags/strength';
import type { Filter } from './filter';

/**
 * Derived tables that let the overview answer a filter change without scanning `purchases`
 * (issue #5: p95 ≤ 150 ms at 1 M rows). Built after every data change, after the flags
 * (they carry each purchase's flag hits), under the same write lock — see `DataSession.runDerived` (src/session/).
 *
 * - `agg_fact_b` / `agg_fact_s`: one slim row per purchase, with its tier-1 flag hits as a bit
 *   mask (`fmask`), sorted by an integer buyer (`bk`) / supplier (`sk`) key, so a buyer or
 *   supplier filter reads one stretch of rows: DuckDB skips row groups by the key's min/max,
 *   which the join on the key table pushes into the scan. Buyer and supplier ids themselves
 *   make poor zone maps (long common prefixes), hence the keys.
 * - `agg_keys_b` / `agg_keys_s`: id → key and name (the filter bar's chip labels).
 * - `agg_cube`: {@link CUBE_MEASURES} per sector × year × month × method (raw, NULL kept).
 * - `agg_top_b` / `agg_top_s`: value sums per sector × buyer (supplier) × year × method, with
 *   `tp`, the entity's sum of positive cell values in its sector (no filter can give it more), and
 *   `rk`, its rank by `tp` in the sector, so
 *   a top-N query reads only the entities whose `tp` reaches a threshold (see overviewAggregated).
 * - `agg_gap`: purchases without a tenge value per sector × year × method × currency.
 * - `agg_byr`: the HHI of each buyer-year for no method filter (`m1`, `m2` NULL), for each
 *   method alone (`m1 = m2`) and for each pair of methods (`m1` before `m2`); a filter on three
 *   or more methods computes it from the fact rows.
 *
 * Sums of money stay DECIMAL until the end, so adding partial sums gives exactly the total a
 * single scan gives (DOUBLE partial sums would differ in the last bits).
 */

/** Every derived table `buildAggregates` writes. */
export const AGGREGATE_TABLES = [
  'agg_fact_b',
  'agg_fact_s',
  'agg_keys_b',
  'agg_keys_s',
  'agg_cube',
  'agg_top_b',
  'agg_top_s',
  'agg_gap',
  'agg_byr',
] as const;

/** Bit of each tier-1 flag code in `fmask` (the registry's order). */
export const FLAG_BITS: readonly { code: string; bit: number }[] = TIER1_FLAGS.map((f, i) => ({ code: f.code, bit: 2 ** i }));

/**
 * The cube's measures as aggregates over fact rows: the build groups the whole fact table with
 * them, and a buyer- or supplier-filtered query groups its few fact rows with the same list, so
 * both feed the same readers.
 */
export const CUBE_MEASURE_LIST: readonly string[] = [
  'count(*) AS n_all',
  'count(amount_kzt) AS n_v',
  'sum(amount_kzt) AS v',
  'sum(amount_kzt) FILTER (WHERE competitive) AS v_comp',
  'sum(amount_kzt) FILTER (WHERE NOT competitive) AS v_noncomp',
  'count(*) FILTER (WHERE competitive AND n_bidders = 1) AS n_single',
  'count(*) FILTER (WHERE competitive AND n_bidders IS NOT NULL) AS n_comp_nb',
  'sum(n_bidders) FILTER (WHERE competitive) AS sum_nb',
  'count(n_bidders) FILTER (WHERE competitive) AS n_nb',
  'count(*) FILTER (WHERE fmask <> 0) AS n_flagged',
  ...FLAG_BITS.flatMap((f, i) => [
    `count(*) FILTER (WHERE (fmask & ${f.bit}::BIGINT) <> 0) AS f${i}_n`,
    `sum(amount_kzt) FILTER (WHERE (fmask & ${f.bit}::BIGINT) <> 0) AS f${i}_v`,
  ]),
];

/** {@link CUBE_MEASURE_LIST} as one SELECT list. */
export const CUBE_MEASURES = CUBE_MEASURE_LIST.join(',\n  ');

/** Top-list measures per sector × entity × year × method, over purchases with a tenge value. */
const topMeasures = (name: string) =>
  `min(${name}) AS name, sum(amount_kzt) AS v, count(*) AS n,
  sum(amount_kzt) FILTER (WHERE competitive) AS v_comp, sum(amount_kzt) FILTER (WHERE NOT competitive) AS v_noncomp`;

/** SELECT of `agg_top_b`/`agg_top_s` rows from fact rows (`from` = a FROM … WHERE … clause). */
export function topRowsSql(kind: 'buyer' | 'supplier', from: string, byCell = true): string {
  // byCell = false: one row per sector × entity (a filtered query needs no finer rows).
  return `SELECT sector, ${kind}_id AS id, ${byCell ? 'yr, method, ' : ''}${topMeasures(`${kind}_name`)} ${from} AND amount_kzt IS NOT NULL AND ${kind}_id IS NOT NULL GROUP BY ALL`;
}

/** SELECT of `agg_cube` rows from fact rows. */
export function cubeRowsSql(from: string, measures: readonly string[] = CUBE_MEASURE_LIST): string {
  // A filtered query asks only for the measures it reads (the measure names stay the cube's).
  const list = CUBE_MEASURE_LIST.filter((m) => measures.some((n) => m === n || m.endsWith(` AS ${n}`)));
  return `SELECT sector, yr, ym, method,\n  ${list.join(',\n  ')}\n${from} GROUP BY ALL`;
}

/** SELECT of `agg_gap` rows from fact rows. */
export function gapRowsSql(from: string): string {
  return `SELECT sector, yr, method, coalesce(currency, 'unknown') AS currency, count(*) AS n, sum(amount) AS amount ${from} AND amount_kzt IS NULL GROUP BY ALL`;
}

/** Buyer × supplier cells behind the HHI (as in `sectorMeasuresQuery`), from fact rows. */
export function hhiCellsSql(from: string): string {
  return `SELECT sector, dataset_id, buyer_id, yr AS y, method, supplier_id, count(*) AS c, sum(amount_kzt) AS v
  ${from} AND buyer_id IS NOT NULL AND supplier_id IS NOT NULL AND yr IS NOT NULL AND amount_kzt > 0 GROUP BY ALL`;
}

const codesOf = (key: 'purchase_id' | 'buyer_id:year' | 'buyer_id') => {
  const fs = TIER1_FLAGS.map((f, i) => ({ f, bit: 2 ** i })).filter(({ f }) => f.entityKey === key);
  return {
    in: fs.map(({ f }) => literal(f.code)).join(', ') || 'NULL',
    mask: fs.length
      ? `bit_or(CASE code ${fs.map(({ f, bit }) => `WHEN ${literal(f.code)} THEN ${bit}::BIGINT`).join(' ')} ELSE 0::BIGINT END)`
      : '0::BIGINT',
  };
};

/**
 * `agg_byr`: per buyer-year, the HHI (and purchase count) for no method filter, each method
 * and each pair of methods. One pass pivots each buyer-year × supplier cell's count and value
 * by method into columns; a second computes every method set's HHI side by side (a set's cell
 * value is the exact DECIMAL sum of its methods' values, as one scan would give); then one row
 * per set. No fan-out join: the cost grows with the number of sets, not rows × sets.
 */
function byrSql(methods: readonly string[]): string {
  const sets: [string | null, string | null][] = [[null, null]];
  for (const [i, a] of methods.entries()) for (const b of methods.slice(i)) sets.push([a, b]);
  const pivot = methods.map(
    (m, i) => `sum(c) FILTER (WHERE method = ${literal(m)}) AS c${i}, sum(v) FILTER (WHERE method = ${literal(m)}) AS v${i}`,
  );
  const idx = new Map(methods.map((m, i) => [m, i]));
  // Sum of the columns of a set; NULL where the cell has none of its methods (left out, as a scan would).
  const of = (kind: 'c' | 'v', set: [string | null, string | null]) => {
    if (set[0] === null) return `${kind}_all`;
    const cols = [...new Set(set)].map((m) => `${kind}${idx.get(m!)}`);
    return cols.length === 1
      ? cols[0]
      : `CASE WHEN ${cols.map((c) => `${c} IS NULL`).join(' AND ')} THEN NULL ELSE ${cols.map((c) => `coalesce(${c}, 0)`).join(' + ')} END`;
  };
  const perSet = sets.map((set, j) => {
    const v = `(${of('v', set)})::DOUBLE`;
    return `10000 * sum(${v} * ${v}) / (sum(${v}) * sum(${v})) AS h${j}, sum(${of('c', set)}) AS n${j}`;
  });
  const rows = sets.map(
    (set, j) =>
      `struct_pack(m1 := ${set[0] === null ? 'NULL::VARCHAR' : literal(set[0])}, m2 := ${set[1] === null ? 'NULL::VARCHAR' : literal(set[1])}, hhi := h${j}, c := n${j})`,
  );
  return `CREATE OR REPLACE TABLE agg_byr AS
WITH bs AS (${hhiCellsSql('FROM agg_fact_tmp WHERE TRUE')}),
w AS (
  SELECT sector, dataset_id, buyer_id, y, supplier_id, sum(c) AS c_all, sum(v) AS v_all${pivot.length ? ',\n    ' + pivot.join(',\n    ') : ''}
  FROM bs GROUP BY sector, dataset_id, buyer_id, y, supplier_id
), h AS (
  SELECT sector, dataset_id, buyer_id, y,
    ${perSet.join(',\n    ')}
  FROM w GROUP BY sector, dataset_id, buyer_id, y
)
SELECT x.m1 AS m1, x.m2 AS m2, sector, dataset_id, buyer_id, y, x.hhi AS hhi, x.c AS c
FROM (SELECT sector, dataset_id, buyer_id, y, unnest([${rows.join(', ')}]) AS x FROM h)
WHERE x.c IS NOT NULL`;
}

/**
 * The statements that (re)build every aggregate table, in order. Reads `purchases` and `flags`;
 * `methods` = the distinct non-NULL methods in `purchases` (for the buyer-year HHI per method set).
 */
export function aggregateBuildSql(methods: readonly string[]): string[] {
  const p = codesOf('purchase_id');
  const y = codesOf('buyer_id:year');
  const b = codesOf('buyer_id');
  const fact = (key: string) => `SELECT * EXCLUDE (purchase_id) FROM agg_fact_tmp ORDER BY ${key}`;
  return [
    `CREATE OR REPLACE TEMP TABLE agg_fact_tmp AS
WITH pm AS (
  SELECT dataset_id, entity_id, ${p.mask} AS m FROM flags WHERE entity_type = 'purchase' AND code IN (${p.in}) AND ${severityPredicate()} GROUP BY ALL
), ym AS (
  SELECT dataset_id, entity_id, ${y.mask} AS m FROM flags WHERE entity_type = 'buyer' AND code IN (${y.in}) AND ${severityPredicate()} GROUP BY ALL
), bm AS (
  SELECT dataset_id, entity_id, ${b.mask} AS m FROM flags WHERE entity_type = 'buyer' AND code IN (${b.in}) AND ${severityPredicate()} GROUP BY ALL
), bk AS (
  SELECT buyer_id, (row_number() OVER (ORDER BY buyer_id))::INTEGER AS bk FROM (SELECT DISTINCT buyer_id FROM purchases WHERE buyer_id IS NOT NULL)
), sk AS (
  SELECT supplier_id, (row_number() OVER (ORDER BY supplier_id))::INTEGER AS sk FROM (SELECT DISTINCT supplier_id FROM purchases WHERE supplier_id IS NOT NULL)
)
SELECT p.dataset_id, p.purchase_id, p.sector, p.buyer_id, p.buyer_name, p.supplier_id, p.supplier_name,
  year(p.signed_date) AS yr, strftime(p.signed_date, '%Y-%m') AS ym, p.method, p.competitive,
  p.amount, p.currency, p.amount_kzt, p.n_bidders,
  coalesce(pm.m, 0::BIGINT) | coalesce(ym.m, 0::BIGINT) | coalesce(bm.m, 0::BIGINT) AS fmask,
  bk.bk, sk.sk
FROM purchases p
LEFT JOIN pm ON pm.dataset_id = p.dataset_id AND pm.entity_id = p.purchase_id
LEFT JOIN ym ON ym.dataset_id = p.dataset_id AND ym.entity_id = p.buyer_id || ':' || CAST(year(p.signed_date) AS VARCHAR)
LEFT JOIN bm ON bm.dataset_id = p.dataset_id AND bm.entity_id = p.buyer_id
LEFT JOIN bk ON bk.buyer_id = p.buyer_id
LEFT JOIN sk ON sk.supplier_id = p.supplier_id`,
    `CREATE OR REPLACE TABLE agg_fact_b AS ${fact('bk')}`,
    `CREATE OR REPLACE TABLE agg_fact_s AS ${fact('sk')}`,
    `CREATE OR REPLACE TABLE agg_keys_b AS SELECT buyer_id AS id, bk AS k, min(buyer_name) AS name FROM agg_fact_tmp WHERE buyer_id IS NOT NULL GROUP BY ALL`,
    `CREATE OR REPLACE TABLE agg_keys_s AS SELECT supplier_id AS id, sk AS k, min(supplier_name) AS name FROM agg_fact_tmp WHERE supplier_id IS NOT NULL GROUP BY ALL`,
    `CREATE OR REPLACE TABLE agg_cube AS ${cubeRowsSql('FROM agg_fact_tmp')}`,
    `CREATE OR REPLACE TABLE agg_top_b AS
WITH r AS (${topRowsSql('buyer', 'FROM agg_fact_tmp WHERE TRUE')}),
b AS (SELECT r.*, sum(greatest(v, 0)) OVER (PARTITION BY sector, id) AS tp FROM r)
SELECT b.*, dense_rank() OVER (PARTITION BY sector ORDER BY tp DESC, id) AS rk FROM b ORDER BY sector, rk`,
    `CREATE OR REPLACE TABLE agg_top_s AS
WITH r AS (${topRowsSql('supplier', 'FROM agg_fact_tmp WHERE TRUE')}),
b AS (SELECT r.*, sum(greatest(v, 0)) OVER (PARTITION BY sector, id) AS tp FROM r)
SELECT b.*, dense_rank() OVER (PARTITION BY sector ORDER BY tp DESC, id) AS rk FROM b ORDER BY sector, rk`,
    `CREATE OR REPLACE TABLE agg_gap AS ${gapRowsSql('FROM agg_fact_tmp WHERE TRUE')}`,
    byrSql(methods),
    `DROP TABLE agg_fact_tmp`,
  ];
}

/** Rebuilds every aggregate table from `purchases` and `flags`; returns the wall time in ms. */
export async function buildAggregates(engine: Engine): Promise<number> {
  const t0 = performance.now();
  const methods = (
    await engine.query<{ m: string }>('SELECT DISTINCT method AS m FROM purchases WHERE method IS NOT NULL ORDER BY m')
  ).map((r) => r.m);
  for (const s of aggregateBuildSql(methods)) await engine.exec(s);
  return performance.now() - t0;
}

/** Drops every aggregate table (after a failed build, so none is half-built or stale). */
export async function dropAggregates(engine: Engine): Promise<void> {
  for (const t of [...AGGREGATE_TABLES, 'agg_fact_tmp']) await engine.exec(`DROP TABLE IF EXISTS ${t}`);
}

/** A condition with its parameters. */
interface Cond {
  sql: string;
  params: Param[];
}

function inList(column: string, values: readonly Param[] | undefined, out: Cond): void {
  if (!values || values.length === 0) return;
  out.sql += ` AND ${column} IN (${values.map(() => '?').join(', ')})`;
  out.params.push(...values);
}

/** Conditions on the cube dimensions (year, sector, method) of any aggregate table with `yr`, `sector`, `method`. */
export function dimWhere(filter: Filter, yearColumn = 'yr'): Cond {
  const c: Cond = { sql: 'TRUE', params: [] };
  inList(yearColumn, filter.years, c);
  inList('sector', filter.sectors, c);
  inList('method', filter.methods, c);
  return c;
}

/** True when a filter names buyers or suppliers: the aggregate tables then cannot answer, the fact tables can. */
export function hasEntityFilter(filter: Filter): boolean {
  return (filter.buyers?.length ?? 0) > 0 || (filter.suppliers?.length ?? 0) > 0;
}

/**
 * `FROM agg_fact_x WHERE …` for a buyer- or supplier-filtered query: the fact table sorted by
 * the filtered entity, narrowed by its key (so the scan skips row groups), then every filter.
 */
export function factFrom(filter: Filter): Cond {
  const byBuyer = (filter.buyers?.length ?? 0) > 0;
  const [table, keys, col, ids] = byBuyer
    ? ['agg_fact_b', 'agg_keys_b', 'bk', filter.buyers!]
    : ['agg_fact_s', 'agg_keys_s', 'sk', filter.suppliers ?? []];
  const c: Cond = {
    sql: `FROM ${table} WHERE ${col} IN (SELECT k FROM ${keys} WHERE id IN (${ids.map(() => '?').join(', ')}))`,
    params: [...ids],
  };
  const d = dimWhere(filter);
  c.sql += ` AND ${d.sql}`;
  c.params.push(...d.params);
  inList('buyer_id', filter.buyers, c);
  inList('supplier_id', filter.suppliers, c);
  return c;
}
