import { describe, expect, it } from 'vitest';
import { CATALOGUES, translate, type Locale, type MessageKey } from '../../src/i18n';
import { en } from '../../src/i18n/en';
import { FLAG_SOURCES, FLAG_TEXT_TABLES, type FlagText } from '../../src/i18n/flagText';
import { TIER1_FLAGS } from '../../src/flags/registry';

const KEYS = Object.keys(en) as MessageKey[];
const TRANSLATED: Locale[] = ['ru', 'kk'];

/** Names that stay in Latin letters in every language (products, formats, commands). */
const LATIN_NAMES =
  /\b(TenderLens|goszakup|DuckDB|README|OCDS|CSV|JSON|Lines|Excel|xlsx|UTF-\d+|Windows-\d+|KOI8-R|CP\d+|tenderlens|flags|R\d{3}|TL)\b|\.?xlsx|-\d+|\d+/g;
const KAZAKH_LETTERS = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/;

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('string tables', () => {
  it.each(TRANSLATED)('%s has every English key, non-empty, and no key English lacks', (locale) => {
    const table = CATALOGUES[locale] as Record<string, string>;
    expect(KEYS.filter((k) => typeof table[k] !== 'string' || table[k].trim() === '')).toEqual([]);
    expect(Object.keys(table).filter((k) => !(k in en))).toEqual([]);
  });

  it.each(TRANSLATED)('%s keeps exactly the placeholders of the English text', (locale) => {
    const wrong = KEYS.filter((k) => placeholders(CATALOGUES[locale][k]).join() !== placeholders(en[k]).join());
    expect(wrong).toEqual([]);
  });

  it.each(TRANSLATED)('%s leaves no English text untranslated (names of products and formats may stay)', (locale) => {
    const english = KEYS.filter((k) => {
      const rest = CATALOGUES[locale][k].replace(/\{\w+\}/g, '').replace(LATIN_NAMES, '');
      return /[A-Za-z]{3,}/.test(rest);
    });
    expect(english).toEqual([]);
  });

  it('Kazakh sentences of four words or more use Kazakh letters; Russian ones do not', () => {
    const words = (s: string) =>
      s
        .replace(/\{\w+\}/g, '')
        .split(/\s+/)
        .filter((w) => /[а-яё]/i.test(w)).length;
    const kkWithout = KEYS.filter((k) => words(CATALOGUES.kk[k]) >= 4 && !KAZAKH_LETTERS.test(CATALOGUES.kk[k]));
    expect(kkWithout).toEqual([]);
    expect(KEYS.filter((k) => KAZAKH_LETTERS.test(CATALOGUES.ru[k]))).toEqual([]);
  });

  it('uses the procurement terms of the Law on Public Procurement in Kazakh', () => {
    expect(CATALOGUES.kk['sector.state']).toBe('Мемлекеттік сатып алу');
    expect(CATALOGUES.kk['sector.quasi_public']).toBe('Квазимемлекеттік сектор');
    expect(CATALOGUES.kk['filter.buyer']).toBe('Тапсырыс беруші');
    expect(CATALOGUES.kk['filter.supplier']).toBe('Өнім беруші');
    expect(CATALOGUES.kk['chart.methods.summary']).toContain('Бір көзден сатып алу');
  });

  it('fills placeholders in every language', () => {
    expect(translate('en', 'headline.count', { count: '12' })).toBe('12 purchases');
    expect(translate('ru', 'headline.count', { count: '12' })).toBe('закупок: 12');
    expect(translate('kk', 'headline.count', { count: '12' })).toBe('12 сатып алу');
  });
});

describe('red flags explained in every language', () => {
  it('every flag of the registry has a name, explanation, scope, limits, sources and a line per parameter in ru and kk', () => {
    const gaps: string[] = [];
    for (const f of TIER1_FLAGS) {
      if (!FLAG_TEXT_TABLES.en[f.code]) gaps.push(`en ${f.code} limits`);
      if (!FLAG_SOURCES[f.code]?.length) gaps.push(`${f.code} sources`);
      for (const locale of TRANSLATED) {
        const t = (FLAG_TEXT_TABLES[locale as 'ru' | 'kk'] as Record<string, FlagText | undefined>)[f.code];
        if (!t) {
          gaps.push(`${locale} ${f.code}`);
          continue;
        }
        for (const k of ['name', 'explanation', 'applies', 'limits'] as const)
          if (!t[k].trim()) gaps.push(`${locale} ${f.code} ${k}`);
        for (const p of f.params) if (!t.params[p.name]?.trim()) gaps.push(`${locale} ${f.code} param ${p.name}`);
        if (t.name === f.name) gaps.push(`${locale} ${f.code} name left in English`);
      }
    }
    expect(gaps).toEqual([]);
  });
  it('names every canonical field a flag needs', () => {
    const fields = new Set(TIER1_FLAGS.flatMap((f) => [...f.needs, ...(f.needsOneOf ?? []).flat()]));
    const missing = [...fields].filter((k) => !(`field.${k}` in en));
    expect(missing).toEqual([]);
  });
});
