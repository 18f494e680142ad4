import { literal } from '../engine/sql';
import type { BoundSql } from '../queries/filter';
import { TIER1_FLAGS } from './registry';
import { ALL_SEVERITIES, type Severity } from './strength';

/** One row of the flag-rate table: a flag × severity on one dataset. */
export interface FlagRateRow {
  dataset_id: string;
  code: string;
  severity: Severity;
  /** Flag rows (purchases, buyer-years or buyers, as the flag's entity). */
  entities: number;
  /** Purchases concerned (a buyer-level flag concerns every purchase of its buyer-year or buyer). */
  purchases: number;
  /** Share of the dataset's purchases. */
  purchase_share: number | null;
  /** Distinct buyers concerned. */
  buyers: number;
  buyer_share: number | null;
  /** Value of the purchases concerned (amount_kzt, else amount). */
  value: number | null;
  value_share: number | null;
}

const keyCodes = (key: 'purchase_id' | 'buyer_id:year' | 'buyer_id') =>
  TIER1_FLAGS.filter((f) => f.entityKey === key)
    .map((f) => literal(f.code))
    .join(', ') || 'NULL';

/**
 * Flag rates: per dataset, tier-1 flag (where computable, from `flag_status`) and severity, how
 * many entities were flagged and what share of the dataset's purchases, buyers and value they
 * concern. Every computable flag × severity has a row, zero when nothing was flagged. The only
 * text pasted is the registry's own codes and severities.
 */
export function flagRatesQuery(): BoundSql {
  const order = TIER1_FLAGS.map((f, i) => `WHEN ${literal(f.code)} THEN ${i}`).join(' ');
  const sevs = ALL_SEVERITIES.map((s, i) => `(${literal(s)}, ${i})`).join(', ');
  const v = 'coalesce(p.amount_kzt, p.amount)::DOUBLE';
  return {
    sql: `WITH hits AS (
  SELECT f.dataset_id, f.code, f.severity, f.entity_id, p.purchase_id, p.buyer_id, ${v} AS v
  FROM flags f JOIN purchases p ON p.dataset_id = f.dataset_id AND p.purchase_id = f.entity_id
  WHERE f.entity_type = 'purchase' AND f.code IN (${keyCodes('purchase_id')})
  UNION ALL
  SELECT f.dataset_id, f.code, f.severity, f.entity_id, p.purchase_id, p.buyer_id, ${v} AS v
  FROM flags f JOIN purchases p ON p.dataset_id = f.dataset_id AND p.buyer_id || ':' || CAST(year(p.signed_date) AS VARCHAR) = f.entity_id
  WHERE f.entity_type = 'buyer' AND f.code IN (${keyCodes('buyer_id:year')})
  UNION ALL
  SELECT f.dataset_id, f.code, f.severity, f.entity_id, p.purchase_id, p.buyer_id, ${v} AS v
  FROM flags f JOIN purchases p ON p.dataset_id = f.dataset_id AND p.buyer_id = f.entity_id
  WHERE f.entity_type = 'buyer' AND f.code IN (${keyCodes('buyer_id')})
), per AS (
  SELECT dataset_id, code, severity, count(DISTINCT entity_id) AS entities, count(DISTINCT purchase_id) AS purchases,
    count(DISTINCT buyer_id) AS buyers, sum(v) AS value
  FROM hits GROUP BY ALL
), den AS (
  SELECT dataset_id, count(*) AS n, count(DISTINCT buyer_id) AS buyers, sum(coalesce(amount_kzt, amount))::DOUBLE AS value
  FROM purchases GROUP BY dataset_id
), grid AS (
  SELECT s.dataset_id, s.code, sev.severity, sev.rank
  FROM flag_status s CROSS JOIN (VALUES ${sevs}) sev(severity, rank)
  WHERE s.computable AND s.code IN (${TIER1_FLAGS.map((f) => literal(f.code)).join(', ')})
)
SELECT g.dataset_id, g.code, g.severity,
  coalesce(per.entities, 0)::INTEGER AS entities,
  coalesce(per.purchases, 0)::INTEGER AS purchases,
  (coalesce(per.purchases, 0) / nullif(den.n, 0))::DOUBLE AS purchase_share,
  coalesce(per.buyers, 0)::INTEGER AS buyers,
  (coalesce(per.buyers, 0) / nullif(den.buyers, 0))::DOUBLE AS buyer_share,
  coalesce(per.value, 0)::DOUBLE AS value,
  (coalesce(per.value, 0) / nullif(den.value, 0))::DOUBLE AS value_share
FROM grid g
JOIN den USING (dataset_id)
LEFT JOIN per ON per.dataset_id = g.dataset_id AND per.code = g.code AND per.severity = g.severity
ORDER BY g.dataset_id, CASE g.code ${order} END, g.rank`,
    params: [],
  };
}
