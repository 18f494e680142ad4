import { describe, expect, it } from 'vitest';
import { FlagParamError, resolveParams, sqlNumber } from '../../../src/flags/params';
import { R003 } from '../../../src/flags/tier1/R003-short-submission-period';
import { TIER1_FLAGS } from '../../../src/flags/registry';

describe('flag parameters', () => {
  it('fills defaults and applies overrides', () => {
    expect(resolveParams(R003, { min_days_open: 10 })).toEqual({
      min_days_open: 10,
      min_days_selective: 15,
      min_days_limited: 15,
      min_days_other: 15,
    });
  });
  it('refuses non-numbers, fractions where whole numbers are needed, out-of-range and unknown names', () => {
    expect(() => resolveParams(R003, { min_days_open: '1; DROP TABLE purchases' as unknown as number })).toThrow(FlagParamError);
    expect(() => resolveParams(R003, { min_days_open: 1.5 })).toThrow(/whole/);
    expect(() => resolveParams(R003, { min_days_open: -1 })).toThrow(/at least/);
    expect(() => resolveParams(R003, { min_days_opn: 1 })).toThrow(/not a parameter/);
    expect(() => resolveParams(R003, { min_days_open: Number.NaN })).toThrow(/finite/);
  });
  it('pastes only finite numbers', () => {
    expect(sqlNumber(0.9)).toBe('0.9');
    expect(sqlNumber(-2)).toBe('(-2)');
    expect(() => sqlNumber(Number.POSITIVE_INFINITY)).toThrow();
  });
  it('every flag has metadata, valid defaults, and SQL that names its code', () => {
    const codes = new Set<string>();
    for (const f of TIER1_FLAGS) {
      expect(codes.has(f.code)).toBe(false);
      codes.add(f.code);
      expect(f.explanation.length).toBeGreaterThan(60);
      const p = resolveParams(f);
      expect(f.sql(p)).toContain(`'${f.code}' AS code`);
      for (const spec of f.params) expect(spec.source.length).toBeGreaterThan(3);
    }
    expect([...codes].sort()).toEqual([
      'R003',
      'R011',
      'R013',
      'R016',
      'R017',
      'R018',
      'R029',
      'R040',
      'TL-DUPLICATE',
      'TL-NEW-SUPPLIER',
      'TL-YEAR-END',
    ]);
  });
});
