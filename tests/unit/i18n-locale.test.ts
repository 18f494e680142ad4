import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { carryLocale, chooseLocale, parseLocale, withLocale } from '../../src/i18n/locale';
import { parseView, serializeView } from '../../src/ui/hooks/urlState';

describe('choosing the language', () => {
  it('takes the link first, then the remembered choice, then the browser, then English', () => {
    expect(chooseLocale({ search: '?lang=kk', stored: 'ru', languages: ['en-US'] })).toBe('kk');
    expect(chooseLocale({ search: '?view=flags', stored: 'ru', languages: ['kk-KZ'] })).toBe('ru');
    expect(chooseLocale({ search: '', stored: null, languages: ['de-DE', 'ru-RU'] })).toBe('ru');
    expect(chooseLocale({ search: '?lang=fr', stored: 'xx', languages: ['de'] })).toBe('en');
  });
  it('reads region variants and the common "kz" for Kazakh', () => {
    expect(parseLocale('ru-KZ')).toBe('ru');
    expect(parseLocale('kz')).toBe('kk');
    expect(parseLocale('KK_kz')).toBe('kk');
    expect(parseLocale('')).toBeNull();
  });
  it('keeps the language in the link when the view changes, and the view when the language changes', () => {
    fc.assert(
      fc.property(
        fc.record({
          screen: fc.constantFrom('overview' as const, 'flags' as const, 'data' as const),
          years: fc.uniqueArray(fc.integer({ min: 2000, max: 2030 }), { maxLength: 3 }),
          buyers: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 3 }),
        }),
        fc.constantFrom('en' as const, 'ru' as const, 'kk' as const),
        (v, lang) => {
          const filter = {
            ...(v.years.length ? { years: [...v.years].sort() } : {}),
            ...(v.buyers.length ? { buyers: v.buyers } : {}),
          };
          const view = { screen: v.screen, filter };
          const url = carryLocale(serializeView(view), `?lang=${lang}`);
          expect(new URLSearchParams(url).get('lang')).toBe(lang);
          expect(parseView(url)).toEqual(parseView(serializeView(view)));
          expect(parseView(withLocale(serializeView(view), lang))).toEqual(parseView(serializeView(view)));
        },
      ),
    );
  });
  it('adds nothing to a link that had no language', () => {
    expect(carryLocale('?view=flags', '?year=2019')).toBe('?view=flags');
  });
});
