/**
 * Where the currency of the amounts comes from, never assumed in silence: a currency column, a
 * currency the amount's header names (`Сумма, тг`, `Amount (USD)`), or a symbol glued to the
 * amounts (`1 250 000 ₸`). When none says it, the answer is `null` and the person is asked.
 */
import type { ColumnMapping } from '../mapping';
import { headerWords } from './normalise';
import type { ValueProfile } from './values';

/** What was found about the currency. */
export type CurrencyEvidence =
  | { source: 'column'; column: string; code: null }
  | { source: 'header'; column: string; code: string }
  | { source: 'values'; column: string; code: string }
  | { source: 'none'; code: null };

/** Decides where the currency comes from, given the mapping and the amount column's value profile. */
export function detectCurrencySource(mapping: Partial<ColumnMapping>, amountProfile: ValueProfile | undefined): CurrencyEvidence {
  if (mapping.currency) return { source: 'column', column: mapping.currency, code: null };
  const amount = mapping.amount;
  if (!amount) return { source: 'none', code: null };
  const fromHeader = headerWords(amount).currency;
  if (fromHeader) return { source: 'header', column: amount, code: fromHeader };
  if (amountProfile?.gluedCurrency) return { source: 'values', column: amount, code: amountProfile.gluedCurrency };
  return { source: 'none', code: null };
}
