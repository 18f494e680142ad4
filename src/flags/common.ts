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

/** The pattern that recognises a request for price quotations in the original method text. */
export const PRICE_QUOTATION_PATTERN =
  'ценов[а-я]* предложени|зцп|бағалық ұсыныс|price quotation|request for quotation|\\brfq\\b';

/**
 * A request for price quotations (ЗЦП), recognised from the original method text: the OCDS
 * codelist has no code for it (it maps to `open` or `limited` depending on the source). The
 * regular expression runs once per distinct method text, not once per row (a million regex
 * matches cost seconds in wasm; a semi-join against a handful of texts costs milliseconds).
 */
// The test sits on min(method_detail) in HAVING so the optimiser cannot push it below the GROUP BY,
// back onto every row.
export const IS_PRICE_QUOTATION = `coalesce(method_detail IN (SELECT method_detail FROM purchases WHERE method_detail IS NOT NULL GROUP BY method_detail HAVING regexp_matches(lower(min(method_detail)), '${PRICE_QUOTATION_PATTERN}')), false)`;

/**
 * Competitive or not: the loader's `competitive` column, else derived from the OCDS method
 * (open/selective competitive, limited/direct not). NULL when neither is known.
 */
export const COMPETITIVE = `coalesce(competitive, CASE WHEN method IN ('open', 'selective') THEN true WHEN method IN ('limited', 'direct') THEN false END)`;
