/**
 * SQL fragments several flags share, so each rule says the same thing the same way.
 * All are expressions over unqualified `purchases` columns.
 */

/** Calendar year of signing (Kazakhstan's fiscal year is the calendar year). */
export const YEAR = 'year(signed_date)';

/** Buyer-year entity id `<buyer_id>:<year>`, shared with the demo data's ground truth. */
export const BUYER_YEAR_ID = `buyer_id || ':' || CAST(year(signed_date) AS VARCHAR)`;

/**
 * Amount in tenge: `amount_kzt`, else `amount` when the currency is tenge or unstated. Legal
 * thresholds are in tenge; a foreign-currency amount without a conversion is not compared.
 */
export const AMOUNT_KZT = `coalesce(amount_kzt, CASE WHEN currency IS NULL OR upper(trim(currency)) IN ('KZT', '₸') THEN amount END)`;

/**
 * A request for price quotations (ЗЦП), recognised from the original method text: the OCDS
 * codelist has no code for it (it maps to `open` or `limited` depending on the source).
 */
export const IS_PRICE_QUOTATION = `coalesce(regexp_matches(lower(method_detail), 'ценов[а-я]* предложени|зцп|бағалық ұсыныс|price quotation|request for quotation|\\brfq\\b'), false)`;


/**
 * Competitive or not: the loader's `competitive` column, else derived from the OCDS method
 * (open/selective competitive, limited/direct not). NULL when neither is known.
 */
export const COMPETITIVE = `coalesce(competitive, CASE WHEN method IN ('open', 'selective') THEN true WHEN method IN ('limited', 'direct') THEN false END)`;
