import { describe, expect, it } from 'vitest';
import {
  formatCompact,
  formatDate,
  formatMonth,
  formatNumber,
  formatPercent,
  formatRatio,
  formatTenge,
  formatYear,
  translate,
} from '../../src/i18n';

describe('tenge formatting', () => {
  it('abbreviates trillions, billions and millions with three significant digits', () => {
    expect(formatTenge(3_521_000_000_000)).toBe('3.52 tn ₸');
    expect(formatTenge(781_234_000_000)).toBe('781 bn ₸');
    expect(formatTenge(12_400_000)).toBe('12.4 m ₸');
    expect(formatTenge(950)).toBe('950 ₸');
    expect(formatTenge(null)).toBe('—');
  });
  it('uses Russian scale words and separators', () => {
    expect(formatCompact(3_521_000_000_000, 'ru')).toBe('3,52 трлн');
  });
  it('formats shares, ratios and dates', () => {
    expect(formatPercent(0.4567)).toBe('45.7%');
    expect(formatRatio(4.4999)).toBe('4.5×');
    expect(formatRatio(Infinity)).toBe('—');
    expect(formatDate('2020-12-31')).toBe('31 Dec 2020');
    expect(formatMonth('2019-02')).toBe('Feb 2019');
  });
});

describe('translate', () => {
  it('fills placeholders', () => {
    expect(translate('en', 'headline.count', { count: '12' })).toBe('12 purchases');
  });
});

describe('the same figure in three languages', () => {
  it('groups with a space and uses a decimal comma in Russian and Kazakh, never groups years', () => {
    const group = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    expect(group(formatNumber(1234.5, 'ru', 1))).toBe('1 234,5');
    expect(group(formatNumber(1234.5, 'kk', 1))).toBe('1 234,5');
    expect(formatNumber(1234.5, 'en', 1)).toBe('1,234.5');
    expect(formatYear(2019)).toBe('2019');
  });
  it('names trillions, billions and millions of tenge in each language', () => {
    expect(formatTenge(3_521_000_000_000, 'kk')).toBe('3,52 трлн ₸');
    expect(formatTenge(781_234_000_000, 'ru')).toBe('781 млрд ₸');
    expect(formatTenge(12_400_000, 'kk')).toBe('12,4 млн ₸');
    expect(formatTenge(12_400_000, 'en')).toBe('12.4 m ₸');
  });
  it('writes Kazakh dates with Kazakh month names, year first', () => {
    expect(formatMonth('2019-02', 'kk')).toBe('2019 ж. ақп.');
    expect(formatDate('2020-12-31', 'kk')).toBe('2020 ж. 31 жел.');
    expect(formatMonth('2019-04', 'kk')).toContain('сәу');
  });
});
