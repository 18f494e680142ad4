/**
 * Locale-aware formatting of numbers, money and dates. Every figure on screen goes through here.
 * Tenge amounts are abbreviated (trillion / billion / million) because procurement totals
 * span 10^3 to 10^13 and unabbreviated tenge figures are unreadable at a glance.
 */

export type Locale = 'en' | 'ru' | 'kk';

/**
 * Intl locale for numbers. Kazakh writes numbers as Russian does (1 234,5; 45,7 %), and
 * Chromium's bundled ICU has no Kazakh number data (kk-KZ formats as 1,234.5 there), so kk
 * borrows ru-RU's number rules. Kazakh dates are spelled out below for the same reason.
 */
const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', ru: 'ru-RU', kk: 'ru-RU' };

/** Kazakh short month names (CLDR kk), since Chromium's ICU lacks them ("2026 M12"). */
const KK_MONTHS = ['қаң.', 'ақп.', 'нау.', 'сәу.', 'мам.', 'мау.', 'шіл.', 'там.', 'қыр.', 'қаз.', 'қар.', 'жел.'];

const SCALE_WORDS: Record<Locale, [number, string][]> = {
  en: [
    [1e12, 'tn'],
    [1e9, 'bn'],
    [1e6, 'm'],
    [1e3, 'k'],
  ],
  ru: [
    [1e12, 'трлн'],
    [1e9, 'млрд'],
    [1e6, 'млн'],
    [1e3, 'тыс.'],
  ],
  kk: [
    [1e12, 'трлн'],
    [1e9, 'млрд'],
    [1e6, 'млн'],
    [1e3, 'мың'],
  ],
};

/** A plain number with grouping, e.g. 12,345. */
export function formatNumber(value: number | null | undefined, locale: Locale = 'en', maxFractionDigits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: maxFractionDigits }).format(value);
}

/** A short amount: 3.52 tn, 781 bn, 12.4 m. Three significant digits. */
export function formatCompact(value: number | null | undefined, locale: Locale = 'en'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  for (const [scale, word] of SCALE_WORDS[locale]) {
    if (abs >= scale) {
      const scaled = value / scale;
      const digits = Math.abs(scaled) >= 100 ? 0 : Math.abs(scaled) >= 10 ? 1 : 2;
      return `${new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: digits }).format(scaled)} ${word}`;
    }
  }
  return formatNumber(value, locale, 2);
}

/** A tenge amount in short form: "3.52 tn ₸". */
export function formatTenge(value: number | null | undefined, locale: Locale = 'en'): string {
  const s = formatCompact(value, locale);
  return s === '—' ? s : `${s} ₸`;
}

/** A tenge amount in full: "3 520 000 000 ₸", for tooltips and tables. */
export function formatTengeFull(value: number | null | undefined, locale: Locale = 'en'): string {
  const s = formatNumber(value, locale, 0);
  return s === '—' ? s : `${s} ₸`;
}

/** A share in 0..1 as a percentage: 0.4567 -> "45.7%". */
export function formatPercent(share: number | null | undefined, locale: Locale = 'en', digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return new Intl.NumberFormat(INTL_LOCALE[locale], {
    style: 'percent',
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(share);
}

/** A ratio such as 4.5×. */
export function formatRatio(ratio: number | null | undefined, locale: Locale = 'en'): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(ratio)}×`;
}

/** An ISO date (YYYY-MM-DD) in the locale's style. */
export function formatDate(iso: string | null | undefined, locale: Locale = 'en'): string {
  if (!iso) return '—';
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  if (locale === 'kk') return `${d.getUTCFullYear()} ж. ${d.getUTCDate()} ${KK_MONTHS[d.getUTCMonth()]}`;
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(d);
}

/** A month key (YYYY-MM) as "Jan 2019". */
export function formatMonth(ym: string, locale: Locale = 'en'): string {
  const d = new Date(`${ym}-01T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return ym;
  if (locale === 'kk') return `${d.getUTCFullYear()} ж. ${KK_MONTHS[d.getUTCMonth()]}`;
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(d);
}

/** A calendar year: never grouped ("2019", not "2 019"), in every language. */
export function formatYear(year: number): string {
  return Number.isInteger(year) ? String(year) : '—';
}
