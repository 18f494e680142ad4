import { inList, join, raw, sql } from '../../engine/sql';
import { procCte, type Scope } from './common';
import type { CardinalIndicator } from './indicator';
import { pipeSet } from './settings';

/**
 * R003 Short submission period: whole days between tenderPeriod.startDate and endDate (both strict
 * RFC 3339, truncated toward zero as chrono's `num_days`) below the threshold — the
 * `[R003.procurement_method_details]` threshold for the process's details value, else `threshold`
 * (default 15). With `procurement_methods` set, only those methods (a missing method never matches).
 */
export const R003: CardinalIndicator = {
  code: 'R003',
  build(scope: Scope) {
    const s = scope.settings.R003 ?? {};
    const methods = pipeSet(s.procurement_methods);
    const methodOk = methods.size === 0 ? raw('TRUE') : sql`coalesce(${inList(raw('p.procurement_method'), methods)}, FALSE)`;
    const perDetails = Object.entries(s.procurement_method_details ?? {});
    const fallback = sql`${s.threshold ?? 15}::BIGINT`;
    const threshold =
      perDetails.length === 0
        ? fallback
        : sql`CASE p.procurement_method_details ${join(
            perDetails.map(([k, v]) => sql`WHEN ${k}::VARCHAR THEN ${v}::BIGINT`),
            ' ',
          )} ELSE ${fallback} END`;
    return sql`WITH ${procCte(scope)},
    periods AS (
      SELECT p.ocid, p.tender_start_raw, p.tender_end_raw,
        trunc(date_diff('millisecond', p.tender_start, p.tender_end)::DOUBLE / 86400000::DOUBLE) AS days,
        ${threshold} AS threshold
      FROM proc p
      WHERE p.tender_start IS NOT NULL AND p.tender_end IS NOT NULL AND ${methodOk}
    )
    SELECT 'OCID' AS grp, ocid AS id, 1.0::DOUBLE AS value, ocid, days, threshold::DOUBLE AS threshold
    FROM periods WHERE days < threshold`;
  },
};
