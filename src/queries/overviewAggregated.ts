import type { Param } from '../engine/types';
import { literal } from '../engine/sql';
import { cubeRowsSql, dimWhere, factFrom, FLAG_BITS, gapRowsSql, hasEntityFilter, hhiCellsSql, topRowsSql } from './aggregates';
import type { BoundSql, Filter } from './filter';
import { TOP_N } from './overview';

/**
 * The overview's queries answered from the aggregate tables (src/queries/aggregates.ts) instead
 * of `purchases`: the same columns, rows, order and numbers as `overviewQuery`,
 * `currencyGapQuery`, `flagSummaryQuery`, `flaggedPurchaseCountQuery` and `sectorMeasuresQuery`.
 * Only valid while the aggregates belong to the loaded data (built by the session, DataSession.runDerived).
 *
 * Without a buyer or supplier filter they read the small pre-grouped tables; with one, they
 * group the few fact rows of that buyer or supplier on the fly into the same shape.
 */

/** Cube rows (sector × year × month × method with `CUBE_MEASURES`) for the filter. */
function cubeSource(filter: Filter, measures: readonly string[]): BoundSql {
  if (hasEntityFilter(filter)) {
    const f = factFrom(filter);
    return { sql: cubeRowsSql(f.sql, measures), params: f.params };
  }
  const d = dimWhere(filter);
  return { sql: `SELECT * FROM agg_cube WHERE ${d.sql}`, params: d.params };
}

function topSource(kind: 'buyer' | 'supplier', filter: Filter, topN: number): BoundSql {
  if (hasEntityFilter(filter)) {
    const f = factFrom(filter);
    return { sql: topRowsSql(kind, f.sql, false), params: f.params };
  }
  // Threshold pruning: the N-th best filtered value among the entities with the largest upper
  // bounds (`tp`) is a value the top N reach; an entity whose bound is below it cannot enter the
  // top N (its filtered value is below it, so not even a tie), so only entities with tp ≥ it are summed.
  const table = `agg_top_${kind === 'buyer' ? 'b' : 's'}`;
  const d = dimWhere(filter);
  const n = Math.max(1, Math.floor(topN));
  return {
    sql: `SELECT x.* FROM ${table} x LEFT JOIN (
    SELECT sector, min(vf) AS t FROM (
      SELECT sector, vf, row_number() OVER (PARTITION BY sector ORDER BY vf DESC) AS rn FROM (
        SELECT sector, id, sum(v) AS vf FROM ${table}
        WHERE ${d.sql} AND rk <= ${4 * n}
        GROUP BY sector, id
      ) WHERE vf IS NOT NULL
    ) WHERE rn <= ${n} GROUP BY sector HAVING count(*) = ${n}
  ) thr USING (sector)
  WHERE ${d.sql} AND (thr.t IS NULL OR x.tp >= thr.t)`,
    params: [...d.params, ...d.params],
  };
}

/** Same result as `overviewQuery(filter, topN)`. */
export function overviewAggQuery(filter: Filter, topN = TOP_N): BoundSql {
  const c = cubeSource(filter, ['n_v', 'v', 'v_comp', 'v_noncomp']);
  const b = topSource('buyer', filter, topN);
  const s = topSource('supplier', filter, topN);
  const top = (src: string, panel: string) =>
    `SELECT '${panel}' AS panel, sector, id AS key, min(name) AS label, sum(v)::DOUBLE AS value, sum(n)::BIGINT AS n,
       sum(v_comp)::DOUBLE AS competitive_value, sum(v_noncomp)::DOUBLE AS noncompetitive_value
     FROM ${src} GROUP BY sector, id`;
  const sql = `
WITH c AS (${c.sql}), tb AS (${b.sql}), ts AS (${s.sql}),
g AS (
  SELECT
    CASE
      WHEN GROUPING(yr) = 0 THEN 'sector_year'
      WHEN GROUPING(ym) = 0 THEN 'sector_month'
      WHEN GROUPING(mc) = 0 THEN 'sector_method'
      ELSE 'sector'
    END AS panel,
    sector,
    coalesce(yr::VARCHAR, ym, mc) AS key,
    NULL::VARCHAR AS label,
    sum(v)::DOUBLE AS value,
    sum(n_v)::BIGINT AS n,
    sum(v_comp)::DOUBLE AS competitive_value,
    sum(v_noncomp)::DOUBLE AS noncompetitive_value
  FROM (SELECT *, coalesce(method, 'unknown') AS mc FROM c WHERE n_v > 0)
  GROUP BY GROUPING SETS ((sector), (sector, yr), (sector, ym), (sector, mc))
), t AS (
  SELECT * FROM (${top('tb', 'top_buyer')} UNION ALL ${top('ts', 'top_supplier')})
  QUALIFY row_number() OVER (PARTITION BY panel, sector ORDER BY value DESC, key) <= ${Math.max(1, Math.floor(topN))}
)
SELECT panel, sector, key, label, value, n, competitive_value, noncompetitive_value FROM g
UNION ALL
SELECT panel, sector, key, label, value, n, competitive_value, noncompetitive_value FROM t
ORDER BY panel, sector, key`;
  return { sql, params: [...c.params, ...b.params, ...s.params] };
}

/** Same result as `currencyGapQuery(filter)`. */
export function currencyGapAggQuery(filter: Filter): BoundSql {
  let src: BoundSql;
  if (hasEntityFilter(filter)) {
    const f = factFrom(filter);
    src = { sql: gapRowsSql(f.sql), params: f.params };
  } else {
    const d = dimWhere(filter);
    src = { sql: `SELECT * FROM agg_gap WHERE ${d.sql}`, params: d.params };
  }
  return {
    sql: `SELECT currency, sum(n)::BIGINT AS n, sum(amount)::DOUBLE AS amount FROM (${src.sql}) GROUP BY currency ORDER BY n DESC, currency`,
    params: src.params,
  };
}

/** Same result as `flaggedPurchaseCountQuery(filter)` (no code). */
export function flaggedPurchaseCountAggQuery(filter: Filter): BoundSql {
  const c = cubeSource(filter, ['n_flagged']);
  return { sql: `SELECT coalesce(sum(n_flagged), 0)::INTEGER AS n FROM (${c.sql})`, params: c.params };
}

/** Same result as `flagSummaryQuery(filter)`. */
export function flagSummaryAggQuery(filter: Filter): BoundSql {
  const c = cubeSource(
    filter,
    FLAG_BITS.flatMap((_, i) => [`f${i}_n`, `f${i}_v`]),
  );
  const sums = FLAG_BITS.map((_, i) => `sum(f${i}_n) AS n${i}, sum(f${i}_v) AS v${i}`).join(', ');
  // One unnest instead of a UNION ALL per code: a smaller plan (planning time counts at this size).
  const structs = FLAG_BITS.map((f, i) => `struct_pack(code := ${literal(f.code)}, n := n${i}, v := v${i})`).join(', ');
  return {
    sql: `WITH c AS (${c.sql}), t AS (SELECT sector, ${sums} FROM c GROUP BY sector)
SELECT x.code AS code, sector, x.n::INTEGER AS purchases, x.v::DOUBLE AS value
FROM (SELECT sector, unnest([${structs}]) AS x FROM t)
WHERE x.n > 0 ORDER BY code, sector`,
    params: c.params,
  };
}

/** Same result as `sectorMeasuresQuery(filter, minPurchases)`. */
export function sectorMeasuresAggQuery(filter: Filter, minPurchases = 10): BoundSql {
  if (!Number.isInteger(minPurchases) || minPurchases < 1) throw new RangeError('minPurchases must be a whole number ≥ 1');
  const c = cubeSource(filter, ['n_all', 'v', 'n_single', 'n_comp_nb', 'sum_nb', 'n_nb']);
  const h = hhiSource(filter, minPurchases);
  return {
    sql: `WITH c AS (${c.sql}), s AS (
  SELECT sector, sum(n_all)::INTEGER AS purchases, sum(v)::DOUBLE AS value,
    (coalesce(sum(v) FILTER (WHERE method = 'direct'), 0) / nullif(sum(v) FILTER (WHERE method IS NOT NULL), 0))::DOUBLE AS direct_share,
    (sum(n_single)::BIGINT / nullif(sum(n_comp_nb)::BIGINT, 0))::DOUBLE AS single_bid_share,
    (sum(sum_nb)::DOUBLE / nullif(sum(n_nb)::BIGINT, 0))::DOUBLE AS avg_bidders
  FROM c GROUP BY sector
), h AS (${h.sql})
SELECT s.*, h.mean_hhi, coalesce(h.buyer_years, 0)::INTEGER AS buyer_years
FROM s LEFT JOIN h USING (sector)
ORDER BY s.sector`,
    params: [...c.params, ...h.params],
  };
}

/** Mean buyer-year HHI per sector: from `agg_byr` when it holds the filter's method set, else from fact rows. */
function hhiSource(filter: Filter, minPurchases: number): BoundSql {
  const methods = [...new Set(filter.methods ?? [])];
  if (!hasEntityFilter(filter) && methods.length <= 2) {
    const params: Param[] = [];
    let sql = 'SELECT sector, avg(hhi)::DOUBLE AS mean_hhi, count(*)::INTEGER AS buyer_years FROM agg_byr WHERE ';
    if (methods.length === 0) sql += 'm1 IS NULL';
    else if (methods.length === 1) {
      sql += 'm1 = ? AND m2 = ?';
      params.push(methods[0], methods[0]);
    } else {
      sql += '((m1 = ? AND m2 = ?) OR (m1 = ? AND m2 = ?))';
      params.push(methods[0], methods[1], methods[1], methods[0]);
    }
    const d = dimWhere({ years: filter.years, sectors: filter.sectors }, 'y');
    sql += ` AND ${d.sql} AND c >= ? GROUP BY sector`;
    return { sql, params: [...params, ...d.params, minPurchases] };
  }
  let from: BoundSql;
  if (hasEntityFilter(filter)) from = factFrom(filter);
  else {
    const d = dimWhere(filter);
    from = { sql: `FROM agg_fact_b WHERE ${d.sql}`, params: d.params };
  }
  return {
    sql: `SELECT sector, avg(hhi)::DOUBLE AS mean_hhi, count(*)::INTEGER AS buyer_years FROM (
  SELECT sector, 10000 * sum(v * v) / (sum(v) * sum(v)) AS hhi FROM (
    SELECT sector, dataset_id, buyer_id, y, supplier_id, sum(c) AS c, sum(v)::DOUBLE AS v FROM (${hhiCellsSql(from.sql)}) GROUP BY ALL
  ) GROUP BY sector, dataset_id, buyer_id, y HAVING sum(c) >= ?
) GROUP BY sector`,
    params: [...from.params, minPurchases],
  };
}

/** Same result as `entityNamesQuery(ids)`, from the key tables (two scans of `purchases` saved per buyer or supplier filter). */
export function entityNamesAggQuery(ids: { buyers: string[]; suppliers: string[] }): BoundSql {
  const b = ids.buyers.length ? ids.buyers : [''];
  const s = ids.suppliers.length ? ids.suppliers : [''];
  return {
    sql: `SELECT 'buyer' AS kind, id, name FROM agg_keys_b WHERE id IN (${b.map(() => '?').join(',')})
          UNION ALL
          SELECT 'supplier', id, name FROM agg_keys_s WHERE id IN (${s.map(() => '?').join(',')})
          ORDER BY kind, id`,
    params: [...b, ...s],
  };
}
