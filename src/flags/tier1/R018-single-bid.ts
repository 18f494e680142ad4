import { COMPETITIVE } from '../common';
import { int, obj, str } from '../evidence';
import type { FlagDefinition } from '../types';

/** R018 — a competitive procedure that drew exactly one bid. */
export const R018: FlagDefinition = {
  code: 'R018',
  name: 'Single bid received',
  explanation:
    'A competitive procedure that attracted only one bidder gave the buyer no real choice. It can mean the tender was written for one company, advertised poorly, or that competitors agreed not to bid. Single bidding is the core indicator of the GTI Corruption Risk Index.',
  level: 'purchase',
  entityKey: 'purchase_id',
  needs: ['n_bidders'],
  needsOneOf: [['method', 'competitive']],
  appliesTo: { competitive: true, note: 'competitive procedures (open, selective) with a known number of bidders' },
  params: [],
  assessed: () => ({ row: `(${COMPETITIVE} AND n_bidders IS NOT NULL)` }),
  sql: () => `
SELECT dataset_id, 'purchase' AS entity_type, purchase_id AS entity_id, 'R018' AS code, 1.0::DOUBLE AS value,
  ${obj({ n_bidders: int('n_bidders'), method: str('method'), method_detail: str('method_detail') })} AS evidence
FROM purchases
WHERE ${COMPETITIVE} AND n_bidders = 1`,
};
