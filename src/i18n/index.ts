import { en, type MessageKey } from './en';
import type { Locale } from './format';

export type { MessageKey } from './en';
export * from './format';

const CATALOGUES: Record<Locale, Partial<Record<MessageKey, string>>> = { en, ru: {}, kk: {} };

/**
 * Looks up a UI string and fills `{name}` placeholders. Falls back to English, then to the key,
 * so a missing translation shows up on screen instead of failing.
 */
export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const template = CATALOGUES[locale][key] ?? en[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
