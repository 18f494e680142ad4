import { join, raw, sql } from '../../engine/sql';
import { procCte, SUBMITTED, type Scope } from './common';
import { fenceCte, metaRows } from './fences';
import type { CardinalIndicator } from './indicator';

/**
 * R038 Excessive disqualified bids: disqualified ÷ submitted bids per buyer, procuring entity and
 * tenderer (a tenderer counts once per bid it is on). Only organisations with at least
 * `minimum_contracting_processes` (buyers, procuring entities; default 2) or `minimum_submitted_bids`
 * (tenderers; default 2) enter — Cardinal compares both minimums with the number of submitted bids.
 * Flagged when the ratio is at or above Q3 + 1.5·IQR of its group (or `threshold`), if that fence
 * is > 0. Value: the ratio. Meta keys are prefixed with the group (`Buyer_q1`, …).
 */
export const R038: CardinalIndicator = {
  code: 'R038',
  build(scope: Scope) {
    const s = scope.settings.R038 ?? {};
    const minProcesses = s.minimum_contracting_processes ?? 2;
    const minBids = s.minimum_submitted_bids ?? 2;
    const groups = [
      { grp: 'Buyer', cte: 'buyers', minimum: minProcesses },
      { grp: 'ProcuringEntity', cte: 'entities', minimum: minProcesses },
      { grp: 'Tenderer', cte: 'tenderers', minimum: minBids },
    ];
    const fences = join(
      groups.map(
        (g) => sql`${raw(g.cte)}_in AS (SELECT * FROM ${raw(g.cte)} WHERE submitted >= ${g.minimum}::DOUBLE),
    ${fenceCte(`${g.cte}_fence`, `${g.cte}_in`, 'ratio', 'upper', s.threshold)}`,
      ),
      ',\n    ',
    );
    const results = join(
      groups.map((g) =>
        raw(`SELECT '${g.grp}' AS grp, o.id, o.ratio AS value, NULL::VARCHAR AS ocid, o.disqualified, o.submitted, f.fence AS upper_fence
      FROM ${g.cte}_in o, ${g.cte}_fence f WHERE f.fence > 0 AND o.ratio >= f.fence
    UNION ALL BY NAME ${metaRows(`${g.cte}_fence`, 'upper_fence', s.threshold === undefined, `${g.grp}_`, `${g.cte}_in`).text}`),
      ),
      '\n    UNION ALL BY NAME ',
    );
    return sql`WITH ${procCte(scope)},
    submitted AS (
      SELECT b.pid, b.bid_idx, (b.status = 'disqualified')::INTEGER AS dq
      FROM proc p JOIN cardinal_bids b ON b.pid = p.pid
      WHERE ${raw(SUBMITTED)}
    ),
    per_process AS (SELECT pid, sum(dq)::DOUBLE AS disqualified, count(*)::DOUBLE AS submitted FROM submitted GROUP BY pid),
    buyers AS (
      SELECT p.buyer_id AS id, sum(x.disqualified) AS disqualified, sum(x.submitted) AS submitted, sum(x.disqualified) / sum(x.submitted) AS ratio
      FROM per_process x JOIN proc p ON p.pid = x.pid WHERE p.buyer_id IS NOT NULL GROUP BY p.buyer_id
    ),
    entities AS (
      SELECT p.procuring_entity_id AS id, sum(x.disqualified) AS disqualified, sum(x.submitted) AS submitted, sum(x.disqualified) / sum(x.submitted) AS ratio
      FROM per_process x JOIN proc p ON p.pid = x.pid WHERE p.procuring_entity_id IS NOT NULL GROUP BY p.procuring_entity_id
    ),
    tenderers AS (
      SELECT t.tenderer_id AS id, sum(s.dq)::DOUBLE AS disqualified, count(*)::DOUBLE AS submitted, sum(s.dq)::DOUBLE / count(*)::DOUBLE AS ratio
      FROM submitted s JOIN cardinal_bid_tenderers t ON t.pid = s.pid AND t.bid_idx = s.bid_idx GROUP BY t.tenderer_id
    ),
    ${fences}
    ${results}`;
  },
};
