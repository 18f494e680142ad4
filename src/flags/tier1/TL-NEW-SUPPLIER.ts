import { int, num, obj, str } from '../evidence';
import { sqlNumber } from '../params';
import type { FlagDefinition } from '../types';

const AGE = `date_diff('day', supplier_registered, signed_date)`;

function basis(b: number): string {
  if (b === 1) return 'coalesce(over_buyer, over_dataset)';
  if (b === 2) return 'over_dataset';
  return '(coalesce(over_buyer, false) OR over_dataset)';
}

/**
 * TL-NEW-SUPPLIER — a company registered shortly before it won one of the largest contracts.
 *
 * FLAGS.md says "amount in the buyer's (or dataset's) top 10 %". `basis` picks the reading:
 * 0 (default) either — at or above the buyer's P90 or the dataset's P90; 1 the buyer's P90, the
 * dataset's for buyers with too few purchases; 2 the dataset's P90 only.
 */
export const TL_NEW_SUPPLIER: FlagDefinition = {
  code: 'TL-NEW-SUPPLIER',
  name: 'Young supplier, large contract',
  explanation:
    'The supplier was registered less than a year before signing, yet won one of the largest contracts — of this buyer, or of the whole dataset. A new company has no track record to justify a large award; shell companies set up to win a particular contract look like this.',
  level: 'purchase',
  entityKey: 'purchase_id',
  needs: ['supplier_registered', 'signed_date', 'amount'],
  appliesTo: { note: "purchases whose supplier's registration date is known" },
  params: [
    {
      name: 'max_age_days',
      default: 365,
      unit: 'days',
      source: 'opentender.eu (DIGIWHIST): winner founded < 365 days before the award',
      description: 'Flag suppliers registered fewer than this many days before signing',
      min: 1,
      max: 3650,
      integer: true,
    },
    {
      name: 'top_quantile',
      default: 0.9,
      unit: 'quantile 0–1',
      source: "procurement-data.md §7 (value ≥ the buyer's P90)",
      description: 'The contract must be at or above this quantile of the amounts (type-7 quantile)',
      min: 0,
      max: 1,
    },
    {
      name: 'basis',
      default: 0,
      unit: 'choice',
      source: "FLAGS.md (\"the buyer's (or dataset's) top 10 %\"); procurement-data.md §7 (buyer's P90)",
      description:
        "Large compared with what: 0 = the buyer's or the dataset's top amounts (either), 1 = the buyer's (the dataset's for small buyers), 2 = the dataset's",
      min: 0,
      max: 2,
      integer: true,
    },
    {
      name: 'min_buyer_purchases',
      default: 10,
      unit: 'purchases',
      source: 'TenderLens choice: a P90 needs about 10 values',
      description: "A buyer's P90 is used only when it has at least this many purchases",
      min: 1,
      max: 100000,
      integer: true,
    },
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
  SELECT y.*, CASE WHEN bq.n >= ${sqlNumber(p.min_buyer_purchases)} THEN bq.q END AS buyer_bar, dq.q AS dataset_bar
  FROM young y
  LEFT JOIN bq ON bq.dataset_id = y.dataset_id AND bq.buyer_id = y.buyer_id
  JOIN dq ON dq.dataset_id = y.dataset_id
), hit AS (
  SELECT *, amount >= buyer_bar AS over_buyer, amount >= dataset_bar AS over_dataset FROM cmp
)
SELECT dataset_id, 'purchase' AS entity_type, purchase_id AS entity_id, 'TL-NEW-SUPPLIER' AS code, age::DOUBLE AS value,
  -- opentender's rule (< 365 days) is the medium bar; a supplier weeks old at signing is high.
  least(1.0, 0.4 + 0.6 * (${sqlNumber(p.max_age_days)} - age) / ${sqlNumber(p.max_age_days)}) AS strength,
  ${obj({
    supplier_id: str('supplier_id'),
    supplier_registered: str('supplier_registered'),
    signed_date: str('signed_date'),
    age_days: int('age'),
    max_age_days: int(sqlNumber(p.max_age_days)),
    amount: num('amount'),
    quantile: num(q),
    buyer_quantile_amount: num('buyer_bar'),
    dataset_quantile_amount: num('dataset_bar'),
    above: str(`concat_ws('+', CASE WHEN over_buyer THEN 'buyer' END, CASE WHEN over_dataset THEN 'dataset' END)`),
  })} AS evidence
FROM hit
WHERE ${basis(p.basis)}`;
  },
};
