import { describe, expect, it } from 'vitest';
import {
  MRP,
  UNVERIFIED_HISTORICAL_LIMITS,
  thresholdOn,
  thresholdRows,
  thresholdsValuesSql,
} from '../../../src/flags/thresholds';

describe('Kazakhstan thresholds', () => {
  it('has every year 2018–2026 and the two mid-year MRP changes', () => {
    expect(MRP.map((m) => m.from.slice(0, 4))).toEqual([
      '2018',
      '2019',
      '2020',
      '2020',
      '2021',
      '2022',
      '2022',
      '2023',
      '2024',
      '2025',
      '2026',
    ]);
    expect(MRP.filter((m) => m.verified).map((m) => m.tenge)).toEqual([3692, 3932, 4325]);
  });
  it('price-quotation ceiling in 2025 is 8 000 × 3 932 = 31 456 000 tenge', () => {
    const r = thresholdOn('2025-06-30', 'price_quotation')!;
    expect(r.thresholdKzt).toBe(31_456_000);
    expect(r.verified).toBe(true);
  });
  it('follows the April 2020 MRP change and marks older limits unverified', () => {
    expect(thresholdOn('2020-03-31', 'price_quotation')!.mrp).toBe(2651);
    expect(thresholdOn('2020-04-01', 'price_quotation')!.mrp).toBe(2778);
    expect(thresholdOn('2020-04-01', 'price_quotation')!.verified).toBe(false);
    expect(thresholdOn('2015-06-01', 'price_quotation')).toBeUndefined();
  });
  it('ranges of one class never overlap and leave no gap from 2018', () => {
    for (const cls of ['price_quotation', 'direct'] as const) {
      const rs = thresholdRows().filter((r) => r.methodClass === cls);
      for (let i = 1; i < rs.length; i++) expect(rs[i].validFrom).toBe(rs[i - 1].validTo);
    }
  });
  it('builds a VALUES table and refuses a bad date', () => {
    expect(thresholdsValuesSql(thresholdRows(MRP, UNVERIFIED_HISTORICAL_LIMITS))).toMatch(
      /^\(VALUES \('price_quotation', DATE '2018-01-01', DATE '2019-01-01', 4000::DOUBLE, 2405::DOUBLE, 9620000::DOUBLE\)/,
    );
    expect(thresholdsValuesSql()).toMatch(
      /^\(VALUES \('price_quotation', DATE '2018-01-01', DATE '2019-01-01', 8000::DOUBLE, 2405::DOUBLE, 19240000::DOUBLE\)/,
    );
    expect(() =>
      thresholdsValuesSql([
        {
          methodClass: 'direct',
          validFrom: "2020-01-01'; DROP",
          validTo: '2021-01-01',
          mrpMultiple: 1,
          mrp: 1,
          thresholdKzt: 1,
          verified: false,
        },
      ]),
    ).toThrow();
  });
});
