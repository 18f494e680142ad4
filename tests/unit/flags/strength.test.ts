import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  binomialUpperTail,
  effectStrength,
  kishN,
  logGamma,
  pStrength,
  severityOf,
  severityPredicate,
  SEVERITY_BANDS,
} from '../../../src/flags/strength';

describe('severity bands', () => {
  it('cuts exactly at the band edges', () => {
    expect(severityOf(SEVERITY_BANDS.high)).toBe('high');
    expect(severityOf(SEVERITY_BANDS.high - 1e-9)).toBe('medium');
    expect(severityOf(SEVERITY_BANDS.medium)).toBe('medium');
    expect(severityOf(SEVERITY_BANDS.medium - 1e-9)).toBe('low');
    expect(severityOf(0)).toBe('low');
  });

  it('pastes only the three known words', () => {
    expect(severityPredicate()).toBe("severity IN ('high', 'medium')");
    expect(severityPredicate(['low'], 'f')).toBe("f.severity IN ('low')");
    expect(severityPredicate([])).toBe('FALSE');
    expect(() => severityPredicate(["low') OR 1=1 --" as 'low'])).toThrow(RangeError);
  });
});

describe('strength of a p-value and of an effect', () => {
  it('puts alpha at the medium bar and 10⁻³ × alpha at the high bar', () => {
    expect(pStrength(1e-3)).toBeCloseTo(0.4, 12);
    expect(pStrength(1e-6)).toBeCloseTo(0.7, 12);
    expect(pStrength(0.01, 0.01)).toBeCloseTo(0.4, 12);
    expect(pStrength(0)).toBe(1);
    expect(pStrength(1)).toBeCloseTo(0.1, 12);
    expect(pStrength(Number.NaN)).toBe(0);
  });

  it('puts 1× the bar at medium, 1.75× at high, and is monotone and within [0, 1]', () => {
    expect(effectStrength(1)).toBeCloseTo(0.4, 12);
    expect(effectStrength(1.75)).toBeCloseTo(0.7, 12);
    expect(effectStrength(0)).toBe(0);
    expect(effectStrength(Number.NaN)).toBe(0);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (a, b) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        const s = effectStrength(lo);
        return s >= 0 && s <= 1 && s <= effectStrength(hi);
      }),
    );
  });
});

describe('exact binomial upper tail', () => {
  it('matches hand-computed values and its edges', () => {
    // P(X ≥ 2 | 3, 0.5) = 4/8
    expect(binomialUpperTail(2, 3, 0.5)).toBeCloseTo(0.5, 12);
    // P(X ≥ 12 | 12, 0.5) = 2^-12
    expect(binomialUpperTail(12, 12, 0.5)).toBeCloseTo(2 ** -12, 15);
    expect(binomialUpperTail(0, 5, 0.3)).toBe(1);
    expect(binomialUpperTail(6, 5, 0.3)).toBe(0);
    expect(binomialUpperTail(1, 1, 0)).toBe(0);
    expect(binomialUpperTail(1, 1, 1)).toBe(1);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
  });

  it('falls as k grows and rises with p (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (n, k0, p) => {
          const k = Math.min(k0, n);
          const t = binomialUpperTail(k, n, p);
          return (
            t >= 0 &&
            t <= 1 + 1e-12 &&
            binomialUpperTail(k + 1, n, p) <= t + 1e-12 &&
            binomialUpperTail(k, n, Math.min(0.999, p + 0.01)) >= t - 1e-12
          );
        },
      ),
    );
  });
});

describe("Kish's effective n", () => {
  it('is n for equal amounts and about 1 when one amount dominates', () => {
    expect(kishN([5, 5, 5, 5])).toBeCloseTo(4, 12);
    expect(kishN([1e9, 1, 1, 1])).toBeCloseTo(1, 6);
    expect(kishN([])).toBe(0);
  });
});
