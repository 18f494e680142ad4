import { describe, expect, it } from 'vitest';
import { formatCompact, formatTenge, formatPercent, formatRatio, formatDate, formatMonth, translate } from '../../src/i18n';

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
  it('fills placeholders and falls back to English', () => {
    expect(translate('ru', 'headline.count', { count: '12' })).toBe('12 purchases');
  });
});
