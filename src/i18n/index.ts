import { en, type MessageKey } from './en';
import { ru } from './ru';
import { kk } from './kk';
import type { Locale } from './format';

export type { MessageKey } from './en';
export * from './format';

/** Every language has every key (the type says so, and tests/unit/i18n-catalogues.test.ts checks it at run time). */
export const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, ru, kk };

/**
 * Looks up a UI string and fills `{name}` placeholders. Falls back to English, then to the key,
 * so a translation lost at run time shows up on screen instead of failing.
 */
export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const template = CATALOGUES[locale][key] ?? en[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
