import { int, num, obj, str, strList } from '../evidence';
import type { FlagDefinition } from '../types';

const KEY = 'dataset_id, buyer_id, supplier_id, item_code, amount, signed_date';

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
  assessed: () => `(buyer_id IS NOT NULL AND supplier_id IS NOT NULL AND item_code IS NOT NULL AND amount IS NOT NULL AND signed_date IS NOT NULL)`,
  sql: () => `
WITH k AS (
  SELECT dataset_id, purchase_id, buyer_id, supplier_id, item_code, amount, signed_date,
    count(*) OVER (PARTITION BY ${KEY}) AS copies
  FROM purchases
  WHERE buyer_id IS NOT NULL AND supplier_id IS NOT NULL AND item_code IS NOT NULL AND amount IS NOT NULL AND signed_date IS NOT NULL
), d AS (
  SELECT *, list(purchase_id ORDER BY purchase_id) OVER (PARTITION BY ${KEY}) AS ids FROM k WHERE copies > 1
)
SELECT dataset_id, 'purchase' AS entity_type, purchase_id AS entity_id, 'TL-DUPLICATE' AS code, copies::DOUBLE AS value,
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
