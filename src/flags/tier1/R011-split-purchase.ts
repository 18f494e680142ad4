import { AMOUNT_KZT, COMPETITIVE, IS_PRICE_QUOTATION } from '../common';
import { int, num, obj, str, strList } from '../evidence';
import { sqlNumber } from '../params';
import { thresholdIndexSql, thresholdRows, thresholdsIndexedValuesSql, type ThresholdRow } from '../thresholds';
import type { FlagDefinition, ParamValues } from '../types';

const METHOD_CLASS = `CASE WHEN ${IS_PRICE_QUOTATION} THEN 'price_quotation' WHEN ${COMPETITIVE} = false THEN 'direct' END`;

/**
 * The split-purchase SELECT. Candidates are non-competitive or price-quotation purchases below the
 * threshold in force on their date for their method. They are grouped by buyer × (supplier or item
 * code) × method class × calendar year — the legal limits are annual, so a window never crosses a
 * year. Two patterns:
 *  - a cluster: at least two candidates within `window_days` whose sum reaches the threshold. Every
 *    member of such a window is flagged (a backward window sum marks the windows that reach it; a
 *    forward look from each purchase finds whether it belongs to one);
 *  - near-threshold repeats: at least `min_repeats` purchases in [near_share·threshold, threshold)
 *    in the same group and year.
 */
function splitSql(p: ParamValues, thresholds: readonly ThresholdRow[]): string {
  const days = sqlNumber(p.window_days);
  const near = sqlNumber(p.near_share);
  const minRepeats = sqlNumber(p.min_repeats);
  const part = 'dataset_id, buyer_id, key_kind, key, method_class, y';
  return `
WITH base AS (
  SELECT dataset_id, purchase_id, buyer_id, supplier_id, item_code, signed_date, year(signed_date) AS y,
    ${AMOUNT_KZT}::DOUBLE AS amt, ${METHOD_CLASS} AS method_class
  FROM purchases
  WHERE buyer_id IS NOT NULL AND signed_date IS NOT NULL AND (supplier_id IS NOT NULL OR item_code IS NOT NULL)
), indexed AS (
  -- The threshold row in force is picked by a CASE on class and date, then joined on its number:
  -- a range join against the thresholds costs seconds on a million rows.
  SELECT *, ${thresholdIndexSql(thresholds, 'method_class', 'signed_date')} AS t_idx FROM base
), cand AS (
  SELECT b.* EXCLUDE (t_idx), thresholds.threshold_kzt, thresholds.mrp, thresholds.mrp_multiple
  FROM indexed b
  JOIN ${thresholdsIndexedValuesSql(thresholds)} ON b.t_idx = thresholds.idx
  WHERE b.amt > 0 AND b.amt < thresholds.threshold_kzt
), keyed AS (
  SELECT *, 'supplier' AS key_kind, supplier_id AS key FROM cand WHERE supplier_id IS NOT NULL
  UNION ALL
  SELECT *, 'item' AS key_kind, item_code AS key FROM cand WHERE item_code IS NOT NULL
), hashed AS (
  SELECT *, hash(${part}) AS gkey FROM keyed
), multi AS (
  -- Most buyer × supplier (or item) groups hold one purchase; windows run only on groups of two or
  -- more. Grouping on one hash is cheaper than on six columns; a collision only lets a lone purchase
  -- through to the exact windows below, which never flag it alone.
  SELECT gkey FROM hashed GROUP BY gkey HAVING count(*) >= 2
), grouped AS (
  SELECT hashed.* FROM hashed SEMI JOIN multi USING (gkey)
), back AS (
  SELECT *,
    sum(amt) OVER wb AS win_sum,
    count(*) OVER wb AS win_n,
    count(*) FILTER (WHERE amt >= ${near} * threshold_kzt) OVER (PARTITION BY ${part}) AS near_n,
    sum(amt) FILTER (WHERE amt >= ${near} * threshold_kzt) OVER (PARTITION BY ${part}) AS near_sum
  FROM grouped
  WINDOW wb AS (PARTITION BY ${part} ORDER BY signed_date RANGE BETWEEN INTERVAL (${days}) DAY PRECEDING AND CURRENT ROW)
), anchored AS (
  SELECT *, (win_n >= 2 AND win_sum >= threshold_kzt) AS is_anchor FROM back
), member AS (
  SELECT *,
    max(CASE WHEN is_anchor THEN win_sum END) OVER wf AS group_sum,
    max(CASE WHEN is_anchor THEN win_n END) OVER wf AS group_n
  FROM anchored
  WINDOW wf AS (PARTITION BY ${part} ORDER BY signed_date RANGE BETWEEN CURRENT ROW AND INTERVAL (${days}) DAY FOLLOWING)
), hits AS (
  SELECT *, group_sum IS NOT NULL AS in_cluster,
    (amt >= ${near} * threshold_kzt AND near_n >= ${minRepeats}) AS near_repeat
  FROM member
), per_purchase AS (
  SELECT dataset_id, purchase_id,
    any_value(amt) AS amt, any_value(threshold_kzt) AS threshold_kzt, any_value(mrp) AS mrp,
    any_value(mrp_multiple) AS mrp_multiple, any_value(method_class) AS method_class,
    bool_or(in_cluster) AS in_cluster, bool_or(near_repeat) AS near_repeat,
    max(group_sum) AS group_sum, max(group_n) AS group_n, max(CASE WHEN near_repeat THEN near_n END) AS near_n,
    max(CASE WHEN near_repeat THEN near_sum END) AS near_sum,
    list(DISTINCT key_kind ORDER BY key_kind) AS keys,
    any_value(CASE WHEN key_kind = 'supplier' THEN key END) AS supplier_id,
    any_value(CASE WHEN key_kind = 'item' THEN key END) AS item_code
  FROM hits
  WHERE in_cluster OR near_repeat
  GROUP BY dataset_id, purchase_id
), graded AS (
  SELECT *, ${closenessSql(p)} AS closeness,
    greatest(
      CASE WHEN in_cluster THEN ${gradeSql('group_n', 'group_sum')} END,
      CASE WHEN near_repeat THEN ${gradeSql('near_n', 'near_sum')} END) AS strength
  FROM per_purchase
)
SELECT dataset_id, 'purchase' AS entity_type, purchase_id AS entity_id, 'R011' AS code,
  coalesce(group_sum, amt) / threshold_kzt AS value, strength,
  ${obj({
    pattern: str(
      `CASE WHEN in_cluster AND near_repeat THEN 'cluster+near_threshold' WHEN in_cluster THEN 'cluster' ELSE 'near_threshold' END`,
    ),
    matched_by: strList('keys'),
    supplier_id: str('supplier_id'),
    item_code: str('item_code'),
    amount_kzt: num('amt'),
    group_total_kzt: num('group_sum'),
    group_purchases: int('group_n'),
    window_days: int(days),
    near_threshold_purchases: int('near_n'),
    near_threshold_total_kzt: num('near_sum'),
    closeness: num('closeness'),
    method_class: str('method_class'),
    threshold_kzt: num('threshold_kzt'),
    threshold_mrp: num('mrp_multiple'),
    mrp: num('mrp'),
  })} AS evidence
FROM graded`;
}

/**
 * DOZORRO's bands below a threshold: within 5 % (goods and services) counts fully, within 10 %
 * (works) 0.6; further below, 0. The item's kind is seldom known, so both bands apply to every purchase.
 */
function closenessSql(p: ParamValues): string {
  return `CASE WHEN amt >= (1 - ${sqlNumber(p.band_close)}) * threshold_kzt THEN 1.0 WHEN amt >= (1 - ${sqlNumber(p.band_near)}) * threshold_kzt THEN 0.6 ELSE 0.0 END`;
}

/**
 * Strength of a split pattern of \`n\` purchases summing to \`total\`:
 * 0.35 · min(1, (n − 1) / 3) [more pieces] + 0.35 · closeness [each piece just under the limit] +
 * 0.3 · min(1, total / limit − 1) [how far together they pass it]. Two ordinary repeats (not within
 * 10 % of the limit, so together under 1.8 × it) stay below 0.36: low, as FLAGS.md requires.
 */
function gradeSql(n: string, total: string): string {
  return `(0.35 * least(1.0, (${n} - 1) / 3.0) + 0.35 * closeness + 0.3 * least(1.0, greatest(0.0, ${total} / threshold_kzt - 1)))`;
}

/**
 * R011 with a given thresholds table (see thresholds.ts: edit the MRP or the method limits, then
 * build the flag with `thresholdRows(mrp, limits)`).
 */
export function createSplitPurchaseFlag(thresholds: readonly ThresholdRow[] = thresholdRows()): FlagDefinition {
  return { ...R011_META, sql: (p) => splitSql(p, thresholds) };
}

const R011_META: Omit<FlagDefinition, 'sql'> = {
  code: 'R011',
  name: 'Split purchase',
  explanation:
    'Buying the same thing from the same supplier in several pieces, each just under the legal limit, lets a buyer avoid an open tender. The law caps the annual volume of homogeneous items bought without competition or by price quotations; this flag finds pieces that together cross that cap within a few weeks, and purchases that repeatedly land just below it.',
  level: 'purchase',
  entityKey: 'purchase_id',
  needs: ['buyer_id', 'amount', 'signed_date'],
  needsOneOf: [
    ['method', 'competitive', 'method_detail'],
    ['supplier_id', 'item_code'],
  ],
  appliesTo: {
    competitive: false,
    note: 'non-competitive purchases and requests for price quotations, against the limit in force on the signing date (thresholds.ts)',
  },
  params: [
    {
      name: 'window_days',
      default: 30,
      unit: 'days',
      source: 'procurement-data.md §7 (cluster within 30 days)',
      description: 'Purchases at most this many days apart form a cluster',
      min: 1,
      max: 366,
      integer: true,
    },
    {
      name: 'near_share',
      default: 0.9,
      unit: 'share of the threshold 0–1',
      source: 'DOZORRO 5 %/10 % bands; FLAGS.md [90 %, 100 %)',
      description: 'A purchase at or above this share of the threshold (and below it) is "just under"',
      min: 0,
      max: 1,
    },
    {
      name: 'band_close',
      default: 0.05,
      unit: 'share of the threshold 0–1',
      source: 'DOZORRO risk indicator: within 5 % below the threshold (goods and services)',
      description: 'A purchase this close below the threshold counts as fully "just under" in the strength',
      min: 0,
      max: 1,
    },
    {
      name: 'band_near',
      default: 0.1,
      unit: 'share of the threshold 0–1',
      source: 'DOZORRO risk indicator: within 10 % below the threshold (works)',
      description: 'A purchase this close below the threshold counts 0.6 in the strength',
      min: 0,
      max: 1,
    },
    {
      name: 'min_repeats',
      default: 2,
      unit: 'purchases',
      source: 'FLAGS.md ("that repeat")',
      description: 'How many just-under purchases per buyer, supplier or item and year make a pattern',
      min: 2,
      max: 1000,
      integer: true,
    },
  ],
  assessed: () => ({
    row: `(buyer_id IS NOT NULL AND signed_date IS NOT NULL AND ${AMOUNT_KZT} IS NOT NULL AND (supplier_id IS NOT NULL OR item_code IS NOT NULL) AND (${METHOD_CLASS}) IS NOT NULL)`,
  }),
};

/** R011 — purchases that look split to stay under a method's money limit (default thresholds). */
export const R011: FlagDefinition = createSplitPurchaseFlag();
