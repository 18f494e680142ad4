import { int, num, obj, str } from '../evidence';
import { sqlNumber } from '../params';
import { effectStrengthSql, pStrengthSql, valueShareTailSql } from '../strength';
import type { FlagDefinition } from '../types';

const KNOWN = 'buyer_id IS NOT NULL AND supplier_id IS NOT NULL AND signed_date IS NOT NULL AND amount > 0';

/**
 * R040 — a buyer-year whose money went to one supplier far more than its size and market explain.
 *
 * Candidates are the catalogue's rule (top supplier's value share above `max_top_share`, or HHI
 * above `max_hhi`); their strength says whether that is more than arithmetic. A buyer with twelve
 * purchases, or one buying in a market of three suppliers, is concentrated by construction, so the
 * top supplier's value share is tested (exact binomial, value-weighted by Kish's effective n)
 * against the larger of
 *  - 1 / the number of suppliers active that year in the buyer's item codes (its market; all the
 *    dataset's suppliers when item codes are missing), and
 *  - the 90th percentile of the top supplier's share among peer buyer-years of the same size
 *    (purchase count within a factor of two; 0.5 when there are fewer than `min_peers` peers).
 * Strength = min(p-value strength, effect: share / max_top_share); HHI is evidence.
 * Adopted from GTI/ProACT's buyer-concentration component (buyer-years with ≥ 10 contracts) and
 * opentender's relative reading of it (src/flags/README.md).
 */
export const R040: FlagDefinition = {
  code: 'R040',
  name: 'Buyer concentration',
  explanation:
    "One supplier received more of this buyer's money in the year than the buyer's number of purchases and its market explain. Small buyers and thin markets are concentrated by arithmetic; this flag is strong only when the top supplier's share is far above what buyers of the same size show and beyond chance. The Herfindahl–Hirschman index is shown as evidence.",
  level: 'buyer',
  entityKey: 'buyer_id:year',
  needs: ['buyer_id', 'supplier_id', 'amount', 'signed_date'],
  appliesTo: { note: 'all purchases of a buyer in a calendar year with a supplier and a positive amount' },
  params: [
    {
      name: 'max_top_share',
      default: 0.5,
      unit: 'share of value 0–1',
      source: 'FLAGS.md (top supplier share)',
      description: "A buyer-year is a candidate when the largest supplier's share of its value is above this",
      min: 0.01,
      max: 1,
    },
    {
      name: 'max_hhi',
      default: 2500,
      unit: 'HHI 0–10 000',
      source: 'US DOJ/FTC 2010 horizontal merger guidelines ("highly concentrated")',
      description: 'A buyer-year is also a candidate when the HHI of supplier value shares is above this',
      min: 0,
      max: 10000,
    },
    {
      name: 'min_purchases',
      default: 10,
      unit: 'purchases',
      source: 'GTI practice (buyer-years with ≥ 10 contracts)',
      description: 'Buyer-years with fewer purchases are not assessed',
      min: 1,
      max: 100000,
      integer: true,
    },
    {
      name: 'min_peers',
      default: 10,
      unit: 'buyer-years',
      source: 'TenderLens choice: a 90th percentile needs about 10 values',
      description: 'Fewest peer buyer-years of the same size for their 90th percentile to be the baseline',
      min: 1,
      max: 100000,
      integer: true,
    },
    {
      name: 'alpha',
      default: 0.001,
      unit: 'p-value',
      source: 'FLAGS.md (p < 0.001, as for R029)',
      description: 'p-value at which a flag becomes medium',
      min: 1e-12,
      max: 0.5,
    },
  ],
  assessed: (p) => ({ row: `(${KNOWN})`, group: { by: 'buyer_year', count: KNOWN, min: p.min_purchases } }),
  sql: (p) => `
WITH k AS (
  SELECT dataset_id, buyer_id, year(signed_date) AS y, supplier_id, item_code, amount::DOUBLE AS v FROM purchases WHERE ${KNOWN}
), s AS (
  SELECT dataset_id, buyer_id, y, supplier_id, count(*) AS c, sum(v) AS v, sum(v * v) AS vv FROM k GROUP BY ALL
), b AS (
  SELECT dataset_id, buyer_id, y, sum(c) AS n, count(*) AS n_suppliers, sum(v) AS total, sum(v * v) AS ss, sum(vv) AS total_sq,
    max(v) AS top_value, arg_max(supplier_id, v) AS top_supplier
  FROM s GROUP BY ALL HAVING sum(c) >= ${sqlNumber(p.min_purchases)}
), m AS (
  SELECT *, top_value / total AS top_share, 10000 * ss / (total * total) AS hhi,
    least(floor(log2(n)), 12) AS size_class FROM b
), peers AS (
  SELECT dataset_id, size_class, count(*) AS n_peers, quantile_cont(top_share, 0.9) AS p90 FROM m GROUP BY ALL
), cand AS (
  SELECT * FROM m WHERE top_share > ${sqlNumber(p.max_top_share)} OR hhi > ${sqlNumber(p.max_hhi)}
), cand_items AS (
  SELECT DISTINCT dataset_id, buyer_id, y, item_code FROM k SEMI JOIN cand USING (dataset_id, buyer_id, y) WHERE item_code IS NOT NULL
), market AS (
  -- Suppliers active that year in each of the candidates' item codes, across all buyers. The largest
  -- of a buyer's markets is a lower bound of the suppliers it could have bought from.
  SELECT dataset_id, y, item_code, count(DISTINCT supplier_id) AS sellers
  FROM k SEMI JOIN (SELECT DISTINCT dataset_id, y, item_code FROM cand_items) ci USING (dataset_id, y, item_code)
  GROUP BY ALL
), bm AS (
  SELECT ci.dataset_id, ci.buyer_id, ci.y, max(market.sellers) AS market_suppliers
  FROM cand_items ci JOIN market USING (dataset_id, y, item_code) GROUP BY ALL
), allsellers AS (
  SELECT dataset_id, y, count(DISTINCT supplier_id) AS sellers FROM k GROUP BY ALL
), t AS (
  SELECT cand.*, coalesce(bm.market_suppliers, allsellers.sellers) AS market_suppliers, peers.n_peers, peers.p90,
    greatest(1.0 / coalesce(bm.market_suppliers, allsellers.sellers),
      CASE WHEN peers.n_peers >= ${sqlNumber(p.min_peers)} THEN peers.p90 ELSE 0.5 END) AS expected
  FROM cand
  JOIN peers USING (dataset_id, size_class)
  JOIN allsellers USING (dataset_id, y)
  LEFT JOIN bm USING (dataset_id, buyer_id, y)
), tested AS (
  SELECT *, CASE WHEN top_share > expected THEN ${valueShareTailSql('top_share', 'total', 'total_sq', 'expected')} ELSE 1.0 END AS p_value FROM t
)
SELECT dataset_id, 'buyer' AS entity_type, buyer_id || ':' || CAST(y AS VARCHAR) AS entity_id, 'R040' AS code, top_share AS value,
  least(${pStrengthSql('p_value', sqlNumber(p.alpha))}, ${effectStrengthSql(`top_share / ${sqlNumber(p.max_top_share)}`)}) AS strength,
  ${obj({
    buyer_id: str('buyer_id'),
    year: int('y'),
    top_supplier_id: str('top_supplier'),
    top_share: num('top_share'),
    expected_top_share: num('expected'),
    peer_p90_top_share: num('p90'),
    peers: int('n_peers'),
    market_suppliers: int('market_suppliers'),
    p_value: num('p_value'),
    max_top_share: num(sqlNumber(p.max_top_share)),
    hhi: num('hhi'),
    max_hhi: num(sqlNumber(p.max_hhi)),
    suppliers: int('n_suppliers'),
    purchases: int('n'),
    total_value: num('total'),
  })} AS evidence
FROM tested`,
};
