import { inList, raw, sql } from '../../engine/sql';
import { procCte, type Scope } from './common';
import type { CardinalIndicator } from './indicator';
import { pipeSet } from './settings';

/**
 * R018 Single bid received: `tender.numberOfTenderers` is the JSON unsigned integer 1 and the
 * procurement method is in `procurement_methods` (default `open|selective`; an empty setting
 * matches every process, a missing method never matches a non-empty list).
 */
export const R018: CardinalIndicator = {
  code: 'R018',
  build(scope: Scope) {
    const methods = pipeSet(scope.settings.R018?.procurement_methods, 'open|selective');
    const methodOk = methods.size === 0 ? raw('TRUE') : sql`coalesce(${inList(raw('p.procurement_method'), methods)}, FALSE)`;
    return sql`WITH ${procCte(scope)}
    SELECT 'OCID' AS grp, p.ocid AS id, 1.0::DOUBLE AS value, p.ocid, p.procurement_method
    FROM proc p
    WHERE p.number_of_tenderers_is_uint AND p.number_of_tenderers = 1 AND ${methodOk}`;
  },
};
