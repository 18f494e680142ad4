import type { Locale } from './format';

/** The languages TenderLens speaks, in the order the header offers them. */
export const LOCALES: readonly Locale[] = ['kk', 'ru', 'en'];

/** The URL parameter and the localStorage key that carry the chosen language. */
export const LANG_PARAM = 'lang';
export const LANG_STORAGE_KEY = 'tenderlens.lang';

/** A language code as TenderLens knows it, or null ('ru-RU' counts as 'ru'; 'kz' is a common misspelling of 'kk'). */
export function parseLocale(value: string | null | undefined): Locale | null {
  if (!value) return null;
  const base = value.trim().toLowerCase().split(/[-_]/)[0];
  if (base === 'kz') return 'kk';
  return (LOCALES as readonly string[]).includes(base) ? (base as Locale) : null;
}

/**
 * The language to show: the link's `?lang=` first (a shared link opens in the language it was
 * shared in), then the reader's last choice, then the browser's languages, then English.
 */
export function chooseLocale(input: { search: string; stored?: string | null; languages?: readonly string[] }): Locale {
  const fromUrl = parseLocale(new URLSearchParams(input.search).get(LANG_PARAM));
  if (fromUrl) return fromUrl;
  const stored = parseLocale(input.stored);
  if (stored) return stored;
  for (const l of input.languages ?? []) {
    const p = parseLocale(l);
    if (p) return p;
  }
  return 'en';
}

/** `search` with its `lang` parameter set to `locale` (other parameters and their order kept). */
export function withLocale(search: string, locale: Locale): string {
  const p = new URLSearchParams(search);
  p.set(LANG_PARAM, locale);
  return `?${p.toString()}`;
}

/**
 * Carries the `lang` parameter of `current` into `next` (a search string made by another part of
 * the app that does not know about languages), so moving between screens keeps the language in the link.
 */
export function carryLocale(next: string, current: string): string {
  const lang = parseLocale(new URLSearchParams(current).get(LANG_PARAM));
  return lang ? withLocale(next, lang) : next;
}
