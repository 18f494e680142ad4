/**
 * Header normalisation: a column name as people write it (`Кол-во`, `№ лота`, `Ед. изм.`,
 * `tender/tenderPeriod/startDate`, `CONTRACT_SUM_WNDS`, `Сумма, тг.`) becomes a list of plain
 * lower-case word tokens, with abbreviations spelt out and the currency a header names set aside.
 */

/** Abbreviations spelt out before splitting, so `кол-во` is read as `количество` and `№` as `номер`. */
const ABBREVIATIONS: readonly (readonly [RegExp, string])[] = [
  [/кол[-.\s]?во/gu, ' количество '],
  [/к-во/gu, ' количество '],
  [/ед\.?\s*изм\.?/gu, ' единица измерения '],
  [/(^|[^\p{L}])ед\.(?=\s|$)/gu, '$1 единица '],
  [/наим\.(?=\s|$)/gu, ' наименование '],
  [/п\s*\/\s*п/gu, ' пп '],
  [/[№#]|\bn[º°]/gu, ' номер '],
  [/(^|[^\p{L}])no\.(?=\s|$)/gu, '$1 номер '],
  [/ндс/gu, ' vat '],
  [/(^|[^\p{L}])(с|без)\s+vat/gu, '$1 vat '],
];

/** Currency words and signs a header may carry (`Сумма, тг`, `Amount (USD)`), with their ISO code. */
export const HEADER_CURRENCIES: readonly (readonly [token: string, code: string])[] = [
  ['тенге', 'KZT'],
  ['теңге', 'KZT'],
  ['тг', 'KZT'],
  ['₸', 'KZT'],
  ['kzt', 'KZT'],
  ['руб', 'RUB'],
  ['рублей', 'RUB'],
  ['рублях', 'RUB'],
  ['₽', 'RUB'],
  ['rub', 'RUB'],
  ['грн', 'UAH'],
  ['гривень', 'UAH'],
  ['uah', 'UAH'],
  ['₴', 'UAH'],
  ['usd', 'USD'],
  ['us$', 'USD'],
  ['долл', 'USD'],
  ['eur', 'EUR'],
  ['euro', 'EUR'],
  ['евро', 'EUR'],
  ['€', 'EUR'],
  ['mxn', 'MXN'],
  ['pesos', 'MXN'],
  ['cop', 'COP'],
  ['cad', 'CAD'],
  ['gbp', 'GBP'],
  ['£', 'GBP'],
  ['aud', 'AUD'],
  ['mdl', 'MDL'],
  ['kgs', 'KGS'],
  ['uzs', 'UZS'],
  ['cny', 'CNY'],
];

const SIGNS = new Set(['₸', '₽', '₴', '€', '£']);

/** A header taken apart: its tokens and the currency it names, if any. */
export interface HeaderWords {
  /** Lower-case tokens, `ё` as `е`, abbreviations spelt out, OCDS array indices dropped. */
  tokens: string[];
  /** ISO code of a currency the header names (`Сумма, тг` → KZT), or null. */
  currency: string | null;
}

/** Splits `dateSigned`, `numberOfTenderers`, `RFxType` into words (`date Signed`, …). */
function splitCamel(s: string): string {
  return s.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2');
}

/**
 * The words of a header. Case, `ё`, punctuation, `_`, `/`, camelCase and OCDS array indices
 * (`awards/0/…`) do not matter; abbreviations such as `кол-во`, `№`, `ед. изм.` are spelt out; a
 * currency word (`тг`, `руб.`, `USD`) is kept apart in `currency` and out of the tokens.
 */
export function headerWords(header: string): HeaderWords {
  // Accents on Latin letters do not matter (`número`, `contratación`); Cyrillic й and ё keep theirs.
  let s = splitCamel(header.normalize('NFC'))
    .toLowerCase()
    .normalize('NFD')
    .replace(/([a-z])\p{M}+/gu, '$1')
    .normalize('NFC')
    .replaceAll('ё', 'е');
  for (const [re, to] of ABBREVIATIONS) s = s.replace(re, to);
  let currency: string | null = null;
  for (const sign of SIGNS) {
    if (s.includes(sign)) {
      currency ??= HEADER_CURRENCIES.find(([t]) => t === sign)![1];
      s = s.replaceAll(sign, ' ');
    }
  }
  const tokens: string[] = [];
  for (const raw of s.split(/[^\p{L}\p{N}$]+/u)) {
    const t = raw.replaceAll('$', '');
    if (t === '' || /^\d+$/.test(t)) continue;
    const cur = HEADER_CURRENCIES.find(([c]) => c === t || (c.length >= 3 && t === `${c}.`));
    // `cop`/`cad`/`eur` are words only when they stand alone; a currency code is never the first word.
    if (cur && tokens.length > 0) {
      currency ??= cur[1];
      continue;
    }
    tokens.push(t);
  }
  if (tokens.length === 0 && /\$/.test(header)) currency = null;
  return { tokens, currency };
}

/** True for the names the loader gives the columns of a header-less file (column1…N). */
export function isGeneratedName(header: string): boolean {
  return /^column\d+$/.test(header);
}
