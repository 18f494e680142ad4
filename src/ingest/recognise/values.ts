/**
 * What a column's sample values look like, as evidence for or against a field: dates, numbers
 * and their size, tax ids (Kazakhstan's 12-digit BIN/IIN, Russia's 10/12-digit INN), small
 * integers (bidder counts), method words, currency codes, names of organisations.
 */
import { detectDateFormat, detectNumberFormat, parseNumber, splitCurrency } from '../detect';
import { GOSZAKUP_METHOD_IDS, normaliseMethod } from './methods';

/** Shares are of the non-empty sample values (0 when there are none). */
export interface ValueProfile {
  /** Non-empty values looked at. */
  n: number;
  dates: number;
  numeric: number;
  /** Numbers that are whole. */
  integers: number;
  /** Whole numbers from 0 to 100 (bidder counts). */
  small: number;
  /** Median of the numbers, or null. */
  median: number | null;
  /** Values that are, or hold, a 10- or 12-digit number (BIN, IIN, INN), e.g. `KZ-BIN-010140000143`. */
  taxId: number;
  /** Values with letters, more letters than digits. */
  text: number;
  /** Values with a space inside (words, not codes or hashes). */
  spaced: number;
  /** Mean length of the values. */
  meanLength: number;
  /** Distinct values / values. */
  distinct: number;
  /** Values the method vocabulary knows (goszakup ids not counted). */
  methodWords: number;
  /** Values that are goszakup method ids. */
  methodIds: number;
  /** Values that are ISO currency codes or currency words. */
  currencyCodes: number;
  /** Values naming a company (ТОО, ООО, LLP, Inc, S.A. …). */
  companies: number;
  /** Values naming a public body (ГУ, акимат, министерство, ministry, secretaría …). */
  publicBodies: number;
  /** Codes: digits with dots or dashes (ENS TRU `251112.100.000000`, CPV `45000000-7`). */
  codes: number;
  /** Whole numbers below 1000 rising down the file: a row counter or a rank. */
  rowCounter: boolean;
  /** Values naming a TenderLens sector (state, quasi-public, госзакупки, квазигос…). */
  sectorWords: number;
  /** ISO code of a currency glued to the numbers (`1 250 000 ₸`), or null. */
  gluedCurrency: string | null;
}

/** Placeholders that mean "no value". */
const BLANKS = new Set(['-', '—', '–', 'н/д', 'n/a', 'na', 'null', 'none', 'nan', '']);
const TAX_ID = /(^|\D)(\d{12}|\d{10})(\D|$)/;
const COMPANY =
  /(^|[\s"«(])(тоо|ооо|зао|оао|пао|ао|ип|чп|кх|llp|llc|ltd|inc|corp|gmbh|s\.?a\.?( de c\.?v\.?)?|s\.?a\.?s|sas|ltda|тов|пп|фоп|limited|company)([\s"».,)]|$)/iu;
const PUBLIC_BODY =
  /(^|[\s"«(])(гу|кгу|ргу|кгп|ргп|гкп|мио|акимат|әкімдік|министерств|управлени|департамент|отдел|государственн|мемлекеттік|ministry|department|city of|municipal|council|secretar[ií]a|alcald[ií]a|gobernaci[oó]n|instituto|agencia|министерств|міністерств|управління|рада|школа|больниц|university|университет)/iu;
const CODE = /^[A-Za-z]{0,3}\d{2,}([.\-/]\d+)+[A-Za-z]?$|^\d{8}-\d$/;
const CURRENCY_WORD =
  /^([a-z]{3}|тенге|теңге|тг|₸|руб(\.|ль|лей)?|российский рубль|доллар( сша)?|евро|гривня|peso( mexicano)?s?|dollars?|euros?)$/iu;

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Profiles one column from its sample values. */
export function profileValues(raw: readonly (string | null | undefined)[]): ValueProfile {
  const vs = raw.map((v) => (v ?? '').trim()).filter((v) => !BLANKS.has(v.toLowerCase()));
  const n = vs.length;
  const share = (pred: (v: string) => boolean) => (n === 0 ? 0 : vs.filter(pred).length / n);
  const dateFormat = detectDateFormat(vs);
  const dates = dateFormat ? share((v) => /^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}/.test(v)) : 0;
  const numberFormat = dates >= 0.8 ? null : detectNumberFormat(vs);
  const numbers = numberFormat ? vs.map((v) => parseNumber(v, numberFormat)).filter((x): x is number => x !== null) : [];
  const numeric = n === 0 ? 0 : numbers.length / n;
  const glued = new Map<string, number>();
  for (const v of vs) {
    const c = splitCurrency(v).currency;
    if (c) glued.set(c, (glued.get(c) ?? 0) + 1);
  }
  const gluedCurrency = [...glued.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const letters = (v: string) => (v.match(/\p{L}/gu) ?? []).length;
  const digits = (v: string) => (v.match(/\d/g) ?? []).length;
  return {
    n,
    dates,
    numeric,
    integers: n === 0 ? 0 : numbers.filter((x) => Number.isInteger(x)).length / n,
    small: n === 0 ? 0 : numbers.filter((x) => Number.isInteger(x) && x >= 0 && x <= 100).length / n,
    median: median(numbers),
    taxId: share((v) => TAX_ID.test(v.replace(/\s/g, '')) && letters(v.replace(/^[A-Z]{2}-[A-Z]+-/, '')) < 4),
    text: share((v) => letters(v) >= 4 || (letters(v) >= 2 && letters(v) > digits(v))),
    spaced: share((v) => /\s/.test(v)),
    meanLength: n === 0 ? 0 : vs.reduce((a, v) => a + v.length, 0) / n,
    distinct: n === 0 ? 0 : new Set(vs).size / n,
    methodWords: share((v) => !/^\d+$/.test(v) && normaliseMethod(v).method !== null),
    methodIds: share((v) => v in GOSZAKUP_METHOD_IDS),
    currencyCodes: share((v) => CURRENCY_WORD.test(v) && !/^\d/.test(v)),
    companies: share((v) => COMPANY.test(v)),
    publicBodies: share((v) => PUBLIC_BODY.test(v)),
    codes: share((v) => CODE.test(v)),
    gluedCurrency,
    rowCounter:
      numbers.length === n &&
      n > 0 &&
      numbers.every((x, i) => Number.isInteger(x) && x < 1000 && (i === 0 || x > numbers[i - 1])),
    sectorWords: share((v) => /^(state|quasi[_ -]?public|unknown|гос|госуд|квази|мемлекет|квазимемлекет)/i.test(v)),
  };
}
