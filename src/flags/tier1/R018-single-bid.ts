import { COMPETITIVE } from '../common';
import { int, num, obj, str } from '../evidence';
import { sqlNumber } from '../params';
import { binomialUpperTailSql, effectStrengthSql, pStrengthSql } from '../strength';
import type { FlagDefinition } from '../types';

const KNOWN = `${COMPETITIVE} AND n_bidders IS NOT NULL`;

/**
 * R018 — a competitive procedure that drew exactly one bid.
 *
 * Every single bid is flagged, but its strength is the buyer's: one single bid among many
 * competitive lots happens everywhere (about 2 % of lots in an ordinary register) and stays low;
 * single bids are medium or high where the buyer's single-bid count is beyond what the dataset's
 * single-bid rate explains for its number of lots (exact binomial test, as for the buyer-level
 * flags) and its single-bid share is at least `min_ratio` times that rate.
 */
export const R018: FlagDefinition = {
  code: 'R018',
  name: 'Single bid received',
  explanation:
    "A competitive procedure that attracted only one bidder gave the buyer no real choice. It can mean the tender was written for one company, advertised poorly, or that competitors agreed not to bid. Single bidding is the core indicator of the GTI Corruption Risk Index. An isolated single bid is common and weak; it is strong when the buyer's lots draw single bids far more often than the rest of the dataset's.",
  level: 'purchase',
  entityKey: 'purchase_id',
  needs: ['n_bidders'],
  needsOneOf: [['method', 'competitive']],
  appliesTo: { competitive: true, note: 'competitive procedures (open, selective) with a known number of bidders' },
  params: [
    {
      name: 'min_ratio',
      default: 3,
      unit: 'ratio',
      source: "TenderLens choice: the buyer's single-bid share at 3 × the dataset's rate is worth a look",
      description:
        "A single bid is medium or stronger only when the buyer's single-bid share is at least this many times the dataset's",
      min: 1,
      max: 1000,
    },
    {
      name: 'alpha',
      default: 0.0001,
      unit: 'p-value',
      source:
        'TenderLens choice: every buyer with a single bid is tested (about a thousand in a national register), so 10⁻⁴ keeps chance hits near 0.1 per dataset',
      description: "p-value at which a buyer's single bids become medium",
      min: 1e-12,
      max: 0.5,
    },
  ],
  assessed: () => ({ row: `(${KNOWN})` }),
  sql: (p) => `
WITH c AS (
  SELECT dataset_id, purchase_id, buyer_id, method, method_detail, n_bidders FROM purchases WHERE ${KNOWN}
), base AS (
  SELECT dataset_id, count(*) FILTER (WHERE n_bidders = 1)::DOUBLE / count(*) AS rate FROM c GROUP BY dataset_id
), b AS (
  SELECT dataset_id, buyer_id, count(*) AS n, count(*) FILTER (WHERE n_bidders = 1) AS k
  FROM c WHERE buyer_id IS NOT NULL GROUP BY ALL HAVING count(*) FILTER (WHERE n_bidders = 1) > 0
), t AS (
  SELECT b.*, base.rate, ${binomialUpperTailSql('k', 'n', 'base.rate')} AS p_value FROM b JOIN base USING (dataset_id)
), s AS (
  SELECT c.*, t.n, t.k, t.rate, t.p_value,
    -- A purchase without a buyer is judged alone: one lot, one single bid.
    coalesce(least(${pStrengthSql('t.p_value', sqlNumber(p.alpha))}, ${effectStrengthSql(`(t.k::DOUBLE / t.n) / (${sqlNumber(p.min_ratio)} * t.rate)`)}), 0.1) AS strength
  FROM c LEFT JOIN t USING (dataset_id, buyer_id)
  WHERE c.n_bidders = 1
)
SELECT dataset_id, 'purchase' AS entity_type, purchase_id AS entity_id, 'R018' AS code, 1.0::DOUBLE AS value, strength,
  ${obj({
    n_bidders: int('n_bidders'),
    method: str('method'),
    method_detail: str('method_detail'),
    buyer_single_bids: int('k'),
    buyer_lots: int('n'),
    dataset_single_bid_rate: num('rate'),
    p_value: num('p_value'),
    min_ratio: num(sqlNumber(p.min_ratio)),
  })} AS evidence
FROM s`,
};
