import type { FlagDefinition } from '../types';
import { UNIT_PRICE_COMMON, unitPriceOutlierSql } from './unit-price-outlier';

/** R016 — a unit price far above what other purchases of the same item paid. */
export const R016: FlagDefinition = {
  code: 'R016',
  name: 'Unit price far above peers',
  explanation:
    'The price per unit is far above what other purchases of the same item (same code and unit) paid. Overpricing is the most direct way public money leaks to a supplier; it can also be a data error worth fixing.',
  ...UNIT_PRICE_COMMON,
  sql: (p, stats) => unitPriceOutlierSql('R016', p, stats),
};
