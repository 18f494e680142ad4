import type { Param } from '../engine/types';
import { literal } from '../engine/sql';
import { TIER1_FLAGS } from '../flags/registry';
import { str } from '../flags/evidence';
import { severityPredicate, type Severity } from '../flags/strength';
import type { BoundSql, Filter } from './filter';
import { whereClause } from './filter';

/**
 * Query builders for the flags screen. Each returns `{ sql, params }`; values from the UI are bound
 * parameters, and the only text pasted is the registry's own flag codes (through `literal`).
 *
 * "Flagged purchases" include the purchases of a flagged buyer-year (R013, R040, TL-YEAR-END) or
 * flagged buyer (R029): a buyer-level flag is about all of them. Value is `amount_kzt`.
 */

const codesOf = (key: 'purchase_id' | 'buyer_id:year' | 'buyer_id') =>
  TIER1_FLAGS.filter((f) => f.entityKey === key)
    .map((f) => literal(f.code))
    .join(', ') || 'NULL';

/**
 * A CTE pair: `fp` = purchases matching the filter, `pf` = (dataset_id, purchase_id, code, evidence)
 * for every tier-1 flag of the given severities (default high and medium) that concerns each of them.
 */
function flaggedCtes(filter: Filter, severities?: readonly Severity[]): BoundSql {
  const w = whereClause(filter, 'p');
  const sev = severityPredicate(severities, 'f');
  return {
    sql: `fp AS (
  SELECT p.* FROM purchases p WHERE ${w.sql}
), pf AS (
  SELECT fp.dataset_id, fp.purchase_id, f.code, f.evidence FROM fp
  JOIN flags f ON f.entity_type = 'purchase' AND f.code IN (${codesOf('purchase_id')}) AND ${sev} AND f.dataset_id = fp.dataset_id AND f.entity_id = fp.purchase_id
  UNION ALL
  SELECT fp.dataset_id, fp.purchase_id, f.code, f.evidence FROM fp
  JOIN flags f ON f.entity_type = 'buyer' AND f.code IN (${codesOf('buyer_id:year')}) AND ${sev} AND f.dataset_id = fp.dataset_id
    AND f.entity_id = fp.buyer_id || ':' || CAST(year(fp.signed_date) AS VARCHAR)
  UNION ALL
  SELECT fp.dataset_id, fp.purchase_id, f.code, f.evidence FROM fp
  JOIN flags f ON f.entity_type = 'buyer' AND f.code IN (${codesOf('buyer_id')}) AND ${sev} AND f.dataset_id = fp.dataset_id AND f.entity_id = fp.buyer_id
)`,
    params: w.params,
  };
}

/** One row of the flag summary: a code in a sector. */
export interface FlagSummaryRow {
  code: string;
  sector: string;
  purchases: number;
  value: number | null;
}

/** (a) Flagged purchases and their value, by flag code × sector (flags of `severities`, default high + medium). */
export function flagSummaryQuery(filter: Filter, severities?: readonly Severity[]): BoundSql {
  const c = flaggedCtes(filter, severities);
  return {
    sql: `WITH ${c.sql}
SELECT pf.code, fp.sector, count(*)::INTEGER AS purchases, sum(fp.amount_kzt)::DOUBLE AS value
FROM pf JOIN fp USING (dataset_id, purchase_id)
GROUP BY pf.code, fp.sector
ORDER BY pf.code, fp.sector`,
    params: c.params,
  };
}

/** Options of the flagged-purchase list. */
export interface FlaggedListOptions {
  /** Only purchases carrying this flag code. */
  code?: string;
  /** Page size (1–1000). */
  limit: number;
  /** Rows to skip (≥ 0). */
  offset: number;
  /** Severities listed (default high and medium; add 'low' on request). */
  severities?: readonly Severity[];
}

/** One row of the flagged-purchase list. `evidence` is JSON text: `{ "<code>": <evidence>, … }`. */
export interface FlaggedPurchaseRow {
  dataset_id: string;
  purchase_id: string;
  sector: string;
  buyer_id: string | null;
  buyer_name: string | null;
  supplier_id: string | null;
  supplier_name: string | null;
  method: string | null;
  method_detail: string | null;
  amount: number | null;
  currency: string | null;
  amount_kzt: number | null;
  signed_date: string | null;
  item_code: string | null;
  item_name: string | null;
  score: number | null;
  n_flags: number;
  /** Flag codes, comma-separated and sorted (engine results carry no list type). */
  codes: string;
  evidence: string;
}

function checkPage(o: FlaggedListOptions): void {
  if (!Number.isInteger(o.limit) || o.limit < 1 || o.limit > 1000)
    throw new RangeError('limit must be a whole number in 1..1000');
  if (!Number.isInteger(o.offset) || o.offset < 0) throw new RangeError('offset must be a whole number ≥ 0');
}

function codeFilter(code: string | undefined, params: Param[]): string {
  if (code === undefined) return '';
  params.push(code);
  return 'HAVING bool_or(pf.code = ?)';
}

/**
 * (b) Flagged purchases, highest risk score first (then most flags, then id, so pages are
 * stable), with their flag codes and evidence; optionally only those carrying `code`.
 */
export function flaggedPurchasesQuery(filter: Filter, options: FlaggedListOptions): BoundSql {
  checkPage(options);
  const c = flaggedCtes(filter, options.severities);
  const params: Param[] = [...c.params];
  const having = codeFilter(options.code, params);
  params.push(options.limit, options.offset);
  return {
    sql: `WITH ${c.sql}, agg AS (
  SELECT pf.dataset_id, pf.purchase_id, string_agg(pf.code, ',' ORDER BY pf.code) AS codes, count(*) AS n_codes,
    '{' || string_agg(${str('pf.code')} || ':' || pf.evidence, ',' ORDER BY pf.code) || '}' AS evidence
  FROM pf GROUP BY pf.dataset_id, pf.purchase_id
  ${having}
)
SELECT fp.dataset_id, fp.purchase_id, fp.sector, fp.buyer_id, fp.buyer_name, fp.supplier_id, fp.supplier_name,
  fp.method, fp.method_detail, fp.amount::DOUBLE AS amount, fp.currency, fp.amount_kzt::DOUBLE AS amount_kzt, fp.signed_date,
  fp.item_code, fp.item_name, r.score, coalesce(r.n_flags, agg.n_codes)::INTEGER AS n_flags, agg.codes, agg.evidence
FROM agg
JOIN fp USING (dataset_id, purchase_id)
LEFT JOIN risk_scores r ON r.dataset_id = agg.dataset_id AND r.purchase_id = agg.purchase_id
ORDER BY r.score DESC NULLS LAST, n_flags DESC, fp.dataset_id, fp.purchase_id
LIMIT ? OFFSET ?`,
    params,
  };
}

/** (c) How many purchases the list would show (same filter, code and severities). Returns one row `{ n }`. */
export function flaggedPurchaseCountQuery(filter: Filter, code?: string, severities?: readonly Severity[]): BoundSql {
  const c = flaggedCtes(filter, severities);
  const params: Param[] = [...c.params];
  const having = codeFilter(code, params);
  return {
    sql: `WITH ${c.sql}, agg AS (
  SELECT pf.dataset_id, pf.purchase_id FROM pf GROUP BY pf.dataset_id, pf.purchase_id ${having}
)
SELECT count(*)::INTEGER AS n FROM agg`,
    params,
  };
}

/** One sector's absolute comparison measures (NULL where the data cannot say). */
export interface SectorMeasuresRow {
  sector: string;
  purchases: number;
  value: number | null;
  /** Share of value through direct awards (method = 'direct'), of value with a known method. */
  direct_share: number | null;
  /** Share of competitive purchases with a known bidder count that drew one bid. */
  single_bid_share: number | null;
  /** Mean bidders per competitive purchase with a known bidder count. */
  avg_bidders: number | null;
  /** Mean HHI (0–10 000) of supplier value shares over buyer-years with ≥ `minPurchases` purchases. */
  mean_hhi: number | null;
  /** Buyer-years behind mean_hhi. */
  buyer_years: number;
}

/**
 * (d) Absolute measures per sector — the fair way to compare the quasi-public sector with the
 * state, since relative flags are relative to the data they were computed on.
 */
export function sectorMeasuresQuery(filter: Filter, minPurchases = 10): BoundSql {
  if (!Number.isInteger(minPurchases) || minPurchases < 1) throw new RangeError('minPurchases must be a whole number ≥ 1');
  const w = whereClause(filter);
  return {
    // NOT MATERIALIZED and only the columns used: read twice, the CTE was otherwise copied whole
    // (at 5 M rows that copy ran out of wasm memory).
    sql: `WITH fp AS NOT MATERIALIZED (
  SELECT sector, dataset_id, buyer_id, supplier_id, signed_date, amount_kzt, method, competitive, n_bidders FROM purchases WHERE ${w.sql}
), s AS (
  SELECT sector, count(*)::INTEGER AS purchases, sum(amount_kzt)::DOUBLE AS value,
    (coalesce(sum(amount_kzt) FILTER (WHERE method = 'direct'), 0) / nullif(sum(amount_kzt) FILTER (WHERE method IS NOT NULL), 0))::DOUBLE AS direct_share,
    (count(*) FILTER (WHERE competitive AND n_bidders = 1) / nullif(count(*) FILTER (WHERE competitive AND n_bidders IS NOT NULL), 0))::DOUBLE AS single_bid_share,
    avg(n_bidders) FILTER (WHERE competitive)::DOUBLE AS avg_bidders
  FROM fp GROUP BY sector
), bs AS (
  SELECT sector, dataset_id, buyer_id, year(signed_date) AS y, supplier_id, count(*) AS c, sum(amount_kzt)::DOUBLE AS v
  FROM fp WHERE buyer_id IS NOT NULL AND supplier_id IS NOT NULL AND signed_date IS NOT NULL AND amount_kzt > 0
  GROUP BY ALL
), byr AS (
  SELECT sector, 10000 * sum(v * v) / (sum(v) * sum(v)) AS hhi FROM bs
  GROUP BY sector, dataset_id, buyer_id, y HAVING sum(c) >= ?
), h AS (
  SELECT sector, avg(hhi)::DOUBLE AS mean_hhi, count(*)::INTEGER AS buyer_years FROM byr GROUP BY sector
)
SELECT s.*, h.mean_hhi, coalesce(h.buyer_years, 0)::INTEGER AS buyer_years
FROM s LEFT JOIN h USING (sector)
ORDER BY s.sector`,
    params: [...w.params, minPurchases],
  };
}

/** One entry of the not-computable list. */
export interface NotComputableRow {
  dataset_id: string;
  /** The dataset's file name (`datasets.name`), else its id. */
  dataset_name: string;
  code: string;
  missing: string;
}

/** (e) Flags that could not run on a dataset and the fields it lacks (from `flag_status`, written by runFlags). */
export function notComputableQuery(): BoundSql {
  return {
    sql: `SELECT s.dataset_id, coalesce(d.name, s.dataset_id) AS dataset_name, s.code, s.missing
FROM flag_status s LEFT JOIN datasets d USING (dataset_id)
WHERE NOT s.computable ORDER BY s.dataset_id, s.code`,
    params: [],
  };
}
