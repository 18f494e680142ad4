import { describe, expect, it } from 'vitest';
import {
  BENFORD_FIRST_DIGIT,
  benfordTest,
  chiSquareCritical,
  chiSquareSurvival,
  nigriniBand,
  quantileType8,
} from '../../../src/flags/stats';

describe('quantileType8 (Hyndman–Fan type 8)', () => {
  it('matches R quantile(type = 8) on 1..10', () => {
    // R: quantile(1:10, c(.25, .5, .75), type = 8) -> 2.916667 5.500000 8.083333
    expect(quantileType8([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 0.25)).toBeCloseTo(2.916667, 5);
    expect(quantileType8([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5)).toBeCloseTo(5.5, 10);
    expect(quantileType8([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.75)).toBeCloseTo(8.083333, 5);
  });
  it('clamps to the extremes', () => {
    expect(quantileType8([3, 1, 2], 0)).toBe(1);
    expect(quantileType8([3, 1, 2], 1)).toBe(3);
    expect(quantileType8([], 0.5)).toBeNaN();
  });
});

describe('chi-square with 8 degrees of freedom', () => {
  it('gives the tabulated critical values', () => {
    expect(chiSquareCritical(8, 0.001)).toBeCloseTo(26.124, 3);
    expect(chiSquareCritical(8, 0.01)).toBeCloseTo(20.09, 3);
    expect(chiSquareCritical(8, 0.05)).toBeCloseTo(15.507, 3);
  });
  it('survival function: P(X > 8) for df = 8 is 0.4335', () => {
    expect(chiSquareSurvival(8, 8)).toBeCloseTo(0.43347, 4);
    expect(chiSquareSurvival(0, 8)).toBe(1);
  });
});

describe('Benford', () => {
  it('expected frequencies sum to 1 and start at 30.1 %', () => {
    expect(BENFORD_FIRST_DIGIT.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(BENFORD_FIRST_DIGIT[0]).toBeCloseTo(0.30103, 5);
    expect(BENFORD_FIRST_DIGIT[8]).toBeCloseTo(0.045757, 5);
  });
  it('Nigrini bands', () => {
    expect(nigriniBand(0.006)).toBe('close conformity');
    expect(nigriniBand(0.0061)).toBe('acceptable conformity');
    expect(nigriniBand(0.015)).toBe('marginally acceptable conformity');
    expect(nigriniBand(0.0151)).toBe('nonconformity');
  });
  it('all-ones amounts fail the test hard', () => {
    const r = benfordTest(Array.from({ length: 200 }, (_, i) => 100 + i * 0.1));
    expect(r.counts[0]).toBe(200);
    // chi2 = sum (c - n e)^2 / (n e) = n (1 - e1)^2 / e1 + n * sum_{d>1} e_d = n (1/e1 - 1)
    expect(r.chi2).toBeCloseTo(200 * (1 / Math.log10(2) - 1), 6);
    expect(r.p).toBeLessThan(1e-10);
  });
});
