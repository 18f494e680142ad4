import type { FlagDefinition } from '../types';
import { UNIT_PRICE_COMMON, unitPriceOutlierSql } from './unit-price-outlier';

/** R017 — a unit price far below peers (a low-ball bid that may be raised later, or a data error). */
export const R017: FlagDefinition = {
  code: 'R017',
  name: 'Unit price far below peers',
  explanation:
    'The price per unit is far below what other purchases of the same item paid. An abnormally low price can win a tender and be raised later by contract amendments, can signal lower quality than specified, or can be a data error.',
  ...UNIT_PRICE_COMMON,
  sql: (p, stats) => unitPriceOutlierSql('R017', p, stats),
};
