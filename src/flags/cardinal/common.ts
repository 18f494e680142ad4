import { inList, raw, sql, type Fragment } from '../../engine/sql';
import { pipeSet, type CardinalSettings } from './settings';

/**
 * SQL pieces shared by the indicators: the processes that survive Cardinal's global exclusions,
 * the price-comparison gate, "all awards final", the single-winner processes and the main currency.
 * Each returns a fragment meant for a `WITH` list; the indicator files put them together.
 */

/** Where a run looks: one dataset, or every loaded one. */
export interface Scope {
  settings: CardinalSettings;
  datasetId?: string;
}

/**
 * `proc`: processes after the global exclusions — `tender.status` "cancelled" and
 * `tender.procurementMethodDetails` in `[exclusions] procurement_method_details` (a deny list: an
 * unset details value is kept).
 */
export function procCte(scope: Scope): Fragment {
  const excluded = pipeSet(scope.settings.exclusions?.procurement_method_details);
  const dataset = scope.datasetId === undefined ? raw('TRUE') : sql`dataset_id = ${scope.datasetId}::VARCHAR`;
  return sql`proc AS (
    SELECT * FROM cardinal_processes
    WHERE ${dataset}
      AND (tender_status IS NULL OR tender_status <> 'cancelled')
      AND (procurement_method_details IS NULL OR NOT (${inList(raw('procurement_method_details'), excluded)}))
  )`;
}

/**
 * Cardinal's `matches_procurement_method_details(release, include = price_comparison…,
 * exclude = no_price_comparison…)`, over column `p.procurement_method_details`. With an allow list,
 * only listed details pass (unset fails); otherwise a listed details value fails and unset passes.
 */
export function priceGate(settings: CardinalSettings): Fragment {
  const allow = pipeSet(settings.price_comparison_procurement_methods);
  const deny = pipeSet(settings.no_price_comparison_procurement_methods);
  const pmd = raw('p.procurement_method_details');
  if (allow.size > 0) return sql`coalesce(${inList(pmd, allow)}, FALSE)`;
  return sql`(p.procurement_method_details IS NULL OR NOT (${inList(pmd, deny)}))`;
}

/**
 * `final_proc`: Cardinal's `get_complete_awards_and_bids_if_all_awards_final` — `awards` and
 * `bids.details` are arrays and no award has a status string other than active, cancelled or
 * unsuccessful (an award with no status string is ignored, not disqualifying).
 * `single_award`: of those, processes with exactly one active award that has exactly one supplier
 * (array length, as Cardinal) whose id is a string; `supplier_id` is that id.
 */
export const finalCtes: Fragment = raw(`final_proc AS (
    SELECT p.* FROM proc p
    WHERE p.has_awards AND p.has_bid_details
      AND NOT EXISTS (
        SELECT 1 FROM cardinal_awards a
        WHERE a.pid = p.pid AND a.status IS NOT NULL AND a.status NOT IN ('active', 'cancelled', 'unsuccessful'))
  ),
  single_award AS (
    SELECT a.pid, any_value(a.supplier_id0) AS supplier_id
    FROM final_proc f JOIN cardinal_awards a ON a.pid = f.pid AND a.status = 'active'
    GROUP BY a.pid
    HAVING count(*) = 1 AND any_value(a.suppliers_len) = 1 AND any_value(a.supplier_id0) IS NOT NULL
  )`);

/** Submitted bid: a status string other than invited or withdrawn (Cardinal's `get_submitted_bids`). */
export const SUBMITTED = "b.status IS NOT NULL AND b.status NOT IN ('invited', 'withdrawn')";

/**
 * `slbr_candidates`: the bids Cardinal's SecondLowestBidRatio (R024, R058) reads before the currency
 * test — valid, with a numeric amount, a currency string and exactly one tenderer with a string id,
 * in single-award processes that pass the price gate. Needs `proc`, `final_proc`, `single_award`.
 */
export function slbrCandidatesCte(settings: CardinalSettings): Fragment {
  return sql`slbr_candidates AS (
    SELECT s.pid, s.supplier_id, b.bid_idx, b.tenderer_id0 AS tenderer_id, b.amount, b.currency
    FROM single_award s
    JOIN proc p ON p.pid = s.pid
    JOIN cardinal_bids b ON b.pid = s.pid
    WHERE ${priceGate(settings)}
      AND b.status = 'valid' AND b.amount IS NOT NULL AND b.currency IS NOT NULL
      AND b.tenderers_len = 1 AND b.tenderer_id0 IS NOT NULL
  )`;
}

/**
 * `r036_candidates`: the bids R036 reads before the currency test — submitted, with a numeric
 * amount and a currency string, in processes with an active award that pass the price gate.
 */
export function r036CandidatesCte(settings: CardinalSettings): Fragment {
  return sql`r036_candidates AS (
    SELECT p.pid, b.bid_idx, b.status, b.amount, b.currency
    FROM proc p JOIN cardinal_bids b ON b.pid = p.pid
    WHERE ${priceGate(settings)}
      AND p.has_awards AND EXISTS (SELECT 1 FROM cardinal_awards a WHERE a.pid = p.pid AND a.status = 'active')
      AND ${raw(SUBMITTED)} AND b.amount IS NOT NULL AND b.currency IS NOT NULL
  )`;
}

/**
 * `main_currency`: the `currency` setting, else the first currency Cardinal's currency-aware
 * indicators meet, in file order. Within one release SecondLowestBidRatio (R024/R058) runs before
 * R036, so its bids come first. Needs the candidate CTEs of whichever of them is enabled.
 */
export function mainCurrencyCte(settings: CardinalSettings): Fragment {
  const sources: string[] = [];
  if (settings.R024 !== undefined || settings.R058 !== undefined)
    sources.push('SELECT pid, 0 AS phase, bid_idx, currency FROM slbr_candidates');
  if (settings.R036 !== undefined) sources.push('SELECT pid, 1 AS phase, bid_idx, currency FROM r036_candidates');
  const seen =
    sources.length === 0
      ? raw('NULL::VARCHAR')
      : raw(`(SELECT currency FROM (${sources.join(' UNION ALL ')}) ORDER BY pid, phase, bid_idx LIMIT 1)`);
  return sql`main_currency AS (SELECT coalesce(${settings.currency ?? null}::VARCHAR, ${seen}) AS currency)`;
}

/**
 * Every currency-aware part at once (`proc`, `final_proc`, `single_award`, candidates, `main_currency`)
 * so R024, R058 and R036 agree on the main currency whichever of them runs.
 */
export function currencyCtes(scope: Scope): Fragment {
  return sql`${procCte(scope)},
  ${finalCtes},
  ${slbrCandidatesCte(scope.settings)},
  ${r036CandidatesCte(scope.settings)},
  ${mainCurrencyCte(scope.settings)}`;
}

/**
 * `ratios`: Cardinal's second-lowest-bid ratio per process, for R024 and R058. Among the candidate
 * bids in the main currency, the winner's lowest bid and the lowest other bid (first seen wins ties,
 * as Cardinal's strict `<`); kept when the lowest other bid is not below the winner's (else the
 * criteria were not price-only). A winning amount of 0 is dropped (Cardinal would divide by zero).
 */
export const ratiosCte: Fragment = raw(`ranked_bids AS (
    SELECT c.*, (c.tenderer_id = c.supplier_id) AS is_winner,
      row_number() OVER (PARTITION BY c.pid, c.tenderer_id = c.supplier_id ORDER BY c.amount, c.bid_idx) AS rn
    FROM slbr_candidates c
    WHERE c.currency = (SELECT currency FROM main_currency)
  ),
  ratios AS (
    SELECT w.pid, w.tenderer_id AS winner, l.tenderer_id AS runner_up,
      w.amount AS winner_amount, l.amount AS runner_up_amount,
      (l.amount - w.amount) / w.amount AS ratio
    FROM ranked_bids w JOIN ranked_bids l ON l.pid = w.pid AND NOT l.is_winner AND l.rn = 1
    WHERE w.is_winner AND w.rn = 1 AND l.amount >= w.amount AND w.amount <> 0
  )`);
