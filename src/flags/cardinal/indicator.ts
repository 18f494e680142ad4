import type { Fragment } from '../../engine/sql';
import type { Scope } from './common';
import type { CardinalCode } from './settings';

/**
 * One Cardinal indicator as a single SQL query. The query returns rows
 * `(grp, id, value, ocid, …evidence columns)`: `grp` is 'OCID', 'Buyer', 'ProcuringEntity',
 * 'Tenderer' or 'Meta' (then `id` is the meta key, e.g. `q1`); `ocid` names the process behind a
 * flag when there is one; any further columns are evidence.
 */
export interface CardinalIndicator {
  readonly code: CardinalCode;
  /** Builds the query for the indicator's settings in `scope.settings[code]`. */
  build(scope: Scope): Fragment;
}
