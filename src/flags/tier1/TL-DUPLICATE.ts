import { int, num, obj, str, strList } from '../evidence';
import type { FlagDefinition } from '../types';

const KEY = 'dataset_id, buyer_id, supplier_id, item_code, amount, signed_date';
const KNOWN =
  'buyer_id IS NOT NULL AND supplier_id IS NOT NULL AND item_code IS NOT NULL AND amount IS NOT NULL AND signed_date IS NOT NULL';

/** TL-DUPLICATE — the same purchase recorded (or paid) more than once. */
export const TL_DUPLICATE: FlagDefinition = {
  code: 'TL-DUPLICATE',
  name: 'Duplicate purchase',
  explanation:
    'The same buyer bought the same item from the same supplier for the same amount on the same day more than once. It may be a double entry in the data, or a double payment; either way someone should check.',
  level: 'purchase',
  entityKey: 'purchase_id',
  needs: ['buyer_id', 'supplier_id', 'item_code', 'amount', 'signed_date'],
  appliesTo: { note: 'purchases with buyer, supplier, item code, amount and date all known' },
  params: [],
  assessed: () => ({ row: `(${KNOWN})` }),
  // A hash GROUP BY finds the repeated keys; only their rows are read again (a window over every row costs far more).
  // The id lists are built on those few rows only: an ordered list() in the first GROUP BY keeps a
  // sort state for every key (millions, nearly all single) and cost most of the flag's time.
  sql: () => `
WITH dup AS (
  SELECT ${KEY}, count(*) AS copies
  FROM purchases WHERE ${KNOWN}
  GROUP BY ${KEY} HAVING count(*) > 1
), drows AS (
  SELECT p.purchase_id, dup.* FROM purchases p JOIN dup USING (${KEY})
), lists AS (
  SELECT ${KEY}, list(purchase_id ORDER BY purchase_id) AS ids FROM drows GROUP BY ${KEY}
), d AS (
  SELECT drows.*, lists.ids FROM drows JOIN lists USING (${KEY})
)
SELECT dataset_id, 'purchase' AS entity_type, purchase_id AS entity_id, 'TL-DUPLICATE' AS code, copies::DOUBLE AS value,
  -- Two identical rows can be a re-sent record or two genuine deliveries on one day: medium; three or more, high.
  CASE WHEN copies >= 3 THEN 0.8 ELSE 0.55 END AS strength,
  ${obj({
    copies: int('copies'),
    purchase_ids: strList('ids'),
    buyer_id: str('buyer_id'),
    supplier_id: str('supplier_id'),
    item_code: str('item_code'),
    amount: num('amount'),
    signed_date: str('signed_date'),
  })} AS evidence
FROM d`,
};
