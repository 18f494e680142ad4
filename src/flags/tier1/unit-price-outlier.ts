import { int, num, obj, str } from '../evidence';
import { sqlNumber } from '../params';
import { effectStrengthSql } from '../strength';
import type { FlagDefinition, ParamSpec, ParamValues } from '../types';

/**
 * The rule R016 and R017 share: within one item code and unit, the modified z-score
 * (Iglewicz & Hoaglin 1993) of the log unit price, 0.6745·(x − median)/MAD. Logs, because prices
 * are skewed and "three times the usual price" should weigh like "a third of it". When more than
 * half the group has the same price the MAD is 0; then the mean absolute deviation scaled by
 * 1.253314 stands in (the usual fallback); when that is 0 too, nothing is an outlier.
 */
export function unitPriceOutlierSql(code: 'R016' | 'R017', p: ParamValues, statsTable?: string): string {
  const z = sqlNumber(p.z_threshold);
  const test = code === 'R016' ? `z > ${z}` : `z < -${z}`;
  // The per-group statistics (two medians over every priced purchase) are most of the cost; runFlags
  // computes them once for R016 and R017 and passes the table.
  const stats = statsTable ?? `(${unitPriceStatsSql(p)})`;
  return `
WITH base AS (${UNIT_PRICE_BASE}
), scored AS (
  SELECT b.*, s.n, s.med, s.mad, s.meanad,
    CASE WHEN s.mad > 0 THEN 0.6745 * (b.lp - s.med) / s.mad
         WHEN s.meanad > 0 THEN (b.lp - s.med) / (1.253314 * s.meanad) END AS z
  FROM base b JOIN ${stats} s USING (dataset_id, item_code, unit_key)
)
SELECT dataset_id, 'purchase' AS entity_type, purchase_id AS entity_id, '${code}' AS code, z AS value,
  -- |z| at the threshold is an outlier by Iglewicz & Hoaglin's rule: medium; twice as far is high.
  ${effectStrengthSql(`abs(z) / ${z}`)} AS strength,
  ${obj({
    unit_price: num('unit_price'),
    peer_median: num('exp(med)'),
    ratio: num('unit_price / exp(med)'),
    peers: int('n - 1'),
    z: num('z'),
    z_threshold: num(z),
    item_code: str('item_code'),
    unit: str('unit'),
  })} AS evidence
FROM scored
WHERE ${test}`;
}

const UNIT_PRICE_BASE = `
  SELECT dataset_id, purchase_id, item_code, coalesce(unit, '') AS unit_key, unit, unit_price, ln(unit_price) AS lp
  FROM purchases
  WHERE item_code IS NOT NULL AND unit_price > 0`;

/**
 * Per item code × unit with at least `min_peers` + 1 priced purchases: `n`, the median `med` of the
 * log unit price, the median `mad` and the mean `meanad` of the absolute deviations from it.
 */
export function unitPriceStatsSql(p: ParamValues): string {
  return `
WITH base AS (${UNIT_PRICE_BASE}
), grp AS (
  SELECT dataset_id, item_code, unit_key, count(*) AS n, median(lp) AS med
  FROM base GROUP BY ALL HAVING count(*) - 1 >= ${sqlNumber(p.min_peers)}
), dev AS (
  SELECT b.dataset_id, b.item_code, b.unit_key, abs(b.lp - g.med) AS d
  FROM base b JOIN grp g USING (dataset_id, item_code, unit_key)
)
SELECT g.dataset_id, g.item_code, g.unit_key, g.n, g.med, s.mad, s.meanad
FROM grp g JOIN (SELECT dataset_id, item_code, unit_key, median(d) AS mad, avg(d) AS meanad FROM dev GROUP BY ALL) s
  USING (dataset_id, item_code, unit_key)`;
}

/** Parameters of R016 and R017. */
export const UNIT_PRICE_PARAMS: ParamSpec[] = [
  {
    name: 'z_threshold',
    default: 3.5,
    unit: 'modified z',
    source: 'Iglewicz & Hoaglin (1993)',
    description: 'Flag when the robust z of the log unit price is beyond this',
    min: 0,
    max: 100,
  },
  {
    name: 'min_peers',
    default: 5,
    unit: 'purchases',
    source: 'procurement-data.md §7 (n ≥ 5–10 per group)',
    description: 'Fewest other purchases of the same item and unit (peers) a price is compared with',
    min: 3,
    max: 10000,
    integer: true,
  },
];

/** Shared metadata of R016/R017. */
export const UNIT_PRICE_COMMON: Pick<
  FlagDefinition,
  'level' | 'entityKey' | 'needs' | 'appliesTo' | 'params' | 'component' | 'assessed' | 'shared'
> = {
  level: 'purchase',
  entityKey: 'purchase_id',
  needs: ['item_code', 'unit_price'],
  appliesTo: { note: 'all purchases with an item code and a positive unit price, compared within item code and unit' },
  params: UNIT_PRICE_PARAMS,
  component: 'R016/R017',
  shared: (p) => ({ name: 'unit_price_stats', sql: unitPriceStatsSql(p) }),
  assessed: (p) => ({
    row: '(item_code IS NOT NULL AND unit_price > 0)',
    group: { by: 'item_unit', count: 'unit_price > 0', min: p.min_peers, strict: true },
  }),
};
