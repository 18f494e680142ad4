import { int, num, obj, str } from '../evidence';
import { sqlNumber } from '../params';
import type { FlagDefinition } from '../types';

const AGE = `date_diff('day', supplier_registered, signed_date)`;

/** TL-NEW-SUPPLIER — a company registered shortly before it won one of the buyer's largest contracts. */
export const TL_NEW_SUPPLIER: FlagDefinition = {
  code: 'TL-NEW-SUPPLIER',
  name: 'Young supplier, large contract',
  explanation:
    'The supplier was registered less than a year before signing, yet won one of this buyer\'s largest contracts. A new company has no track record to justify a large award; shell companies set up to win a particular contract look like this.',
  level: 'purchase',
  entityKey: 'purchase_id',
  needs: ['supplier_registered', 'signed_date', 'amount'],
  appliesTo: { note: 'purchases whose supplier\'s registration date is known' },
  params: [
    { name: 'max_age_days', default: 365, unit: 'days', source: 'opentender.eu (DIGIWHIST): winner founded < 365 days before the award', description: 'Flag suppliers registered fewer than this many days before signing', min: 1, max: 3650, integer: true },
    { name: 'top_quantile', default: 0.9, unit: 'quantile 0–1', source: 'procurement-data.md §7 (value ≥ the buyer\'s P90)', description: 'The contract must be at or above this quantile of the buyer\'s amounts (type-7 quantile)', min: 0, max: 1 },
    { name: 'min_buyer_purchases', default: 10, unit: 'purchases', source: 'TenderLens choice: a P90 needs about 10 values', description: 'Buyers with fewer purchases are compared with the whole dataset\'s P90 instead', min: 1, max: 100000, integer: true },
  ],
  assessed: () => ({ row: '(supplier_registered IS NOT NULL AND signed_date IS NOT NULL AND amount IS NOT NULL)' }),
  sql: (p) => {
    const q = sqlNumber(p.top_quantile);
    return `
WITH young AS (
  SELECT dataset_id, purchase_id, buyer_id, supplier_id, supplier_registered, signed_date, amount::DOUBLE AS amount, ${AGE} AS age
  FROM purchases
  WHERE supplier_registered IS NOT NULL AND signed_date IS NOT NULL AND amount IS NOT NULL
    AND ${AGE} >= 0 AND ${AGE} < ${sqlNumber(p.max_age_days)}
), bq AS (
  -- Quantiles only for the buyers that have a young supplier: a holistic aggregate over every buyer costs seconds.
  SELECT dataset_id, buyer_id, count(*) AS n, quantile_cont(amount::DOUBLE, ${q}) AS q
  FROM purchases
  WHERE amount IS NOT NULL AND buyer_id IS NOT NULL AND buyer_id IN (SELECT buyer_id FROM young)
  GROUP BY ALL
), dq AS (
  SELECT dataset_id, quantile_cont(amount::DOUBLE, ${q}) AS q FROM purchases WHERE amount IS NOT NULL GROUP BY ALL
), cmp AS (
  SELECT y.*, CASE WHEN bq.n >= ${sqlNumber(p.min_buyer_purchases)} THEN bq.q ELSE dq.q END AS bar,
    CASE WHEN bq.n >= ${sqlNumber(p.min_buyer_purchases)} THEN 'buyer' ELSE 'dataset' END AS compared_with
  FROM young y
  LEFT JOIN bq ON bq.dataset_id = y.dataset_id AND bq.buyer_id = y.buyer_id
  JOIN dq ON dq.dataset_id = y.dataset_id
)
SELECT dataset_id, 'purchase' AS entity_type, purchase_id AS entity_id, 'TL-NEW-SUPPLIER' AS code, age::DOUBLE AS value,
  ${obj({
    supplier_id: str('supplier_id'),
    supplier_registered: str('supplier_registered'),
    signed_date: str('signed_date'),
    age_days: int('age'),
    max_age_days: int(sqlNumber(p.max_age_days)),
    amount: num('amount'),
    quantile: num(q),
    quantile_amount: num('bar'),
    compared_with: str('compared_with'),
  })} AS evidence
FROM cmp
WHERE amount >= bar`;
  },
};
