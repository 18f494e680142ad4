import { describe, expect, it } from 'vitest';
import { quantileType8 } from '../../src/flags/cardinal/quantile';

/** Type 7 (numpy's default, DuckDB's quantile_cont), to show where it parts from type 8. */
function type7(xs: number[], p: number): number {
  const x = [...xs].sort((a, b) => a - b);
  const h = (x.length - 1) * p;
  const f = Math.floor(h);
  return f + 1 < x.length ? x[f] + (h - f) * (x[f + 1] - x[f]) : x[f];
}

describe('quantileType8 (Hyndman–Fan type 8, as statrs)', () => {
  it('matches R quantile(type = 8) on 1..10', () => {
    const xs = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    // h = (10 + 1/3)p + 1/3 → 2.91667 and 8.08333
    expect(quantileType8(xs, 0.25)).toBeCloseTo(2 + 11 / 12, 12);
    expect(quantileType8(xs, 0.5)).toBeCloseTo(5.5, 12);
    expect(quantileType8(xs, 0.75)).toBeCloseTo(8 + 1 / 12, 12);
  });

  it('clamps to the minimum and maximum at the ends', () => {
    expect(quantileType8([3, 1, 2], 0)).toBe(1);
    expect(quantileType8([3, 1, 2], 1)).toBe(3);
    expect(quantileType8([3, 1, 2], 0.1)).toBe(1); // h = 0.6333 → ⌊h⌋ = 0
    expect(quantileType8([3, 1, 2], 0.95)).toBe(3); // h = 3.1 → ⌊h⌋ ≥ n
    expect(quantileType8([7], 0.25)).toBe(7);
  });

  it('is NaN without data or with p outside [0, 1], as statrs', () => {
    expect(quantileType8([], 0.5)).toBeNaN();
    expect(quantileType8([1, 2], 1.5)).toBeNaN();
    expect(quantileType8([1, 2], -0.1)).toBeNaN();
  });

  // Cardinal's documentation examples (docs/examples/R/0xx.jsonl), reduced to the values the fences see.
  it('R024 doc example: ratios 1, 99, 99, 99, 99 give a lower fence of 17.33 that flags only F', () => {
    const ratios = [1, 99, 99, 99, 99];
    const q1 = quantileType8(ratios, 0.25);
    const q3 = quantileType8(ratios, 0.75);
    expect(q1).toBeCloseTo(1 + (2 / 3) * 98, 9); // 66.3333
    expect(q3).toBe(99);
    const fence = q1 - 1.5 * (q3 - q1);
    expect(fence).toBeCloseTo(17.3333, 4);
    expect(ratios.filter((r) => r <= fence)).toEqual([1]);
    // Type 7 puts Q1 at 99: the IQR collapses and every process would be flagged.
    expect(type7(ratios, 0.25)).toBe(99);
  });

  it('R058 doc example: ratios 99, 1, 1, 1, 1 give an upper fence of 82.67 that flags only F', () => {
    const ratios = [99, 1, 1, 1, 1];
    const q1 = quantileType8(ratios, 0.25);
    const q3 = quantileType8(ratios, 0.75);
    expect(q1).toBe(1);
    expect(q3).toBeCloseTo(1 + 98 / 3, 9);
    const fence = q3 + 1.5 * (q3 - q1);
    expect(fence).toBeCloseTo(82.6667, 4);
    expect(ratios.filter((r) => r >= fence)).toEqual([99]);
    expect(type7(ratios, 0.75)).toBe(1);
  });

  it('R048 doc example: varieties 2, 1, 1, 1, 1 give an upper fence of 1.83 that flags only F', () => {
    const v = [2, 1, 1, 1, 1];
    const q1 = quantileType8(v, 0.25);
    const q3 = quantileType8(v, 0.75);
    expect(q1).toBe(1);
    expect(q3).toBeCloseTo(4 / 3, 12);
    expect(q3 + 1.5 * (q3 - q1)).toBeCloseTo(11 / 6, 12);
  });

  it('R025 fixture: the 75th percentile of process counts (nine 1s and a 10) is 1', () => {
    expect(quantileType8([1, 1, 1, 1, 1, 1, 1, 1, 1, 10], 0.75)).toBe(1);
    // ratios 0, 0.2 and eight 1s: Q1 = 0.2 + 0.9167·0.8
    expect(quantileType8([0, 0.2, 1, 1, 1, 1, 1, 1, 1, 1], 0.25)).toBeCloseTo(0.2 + (11 / 12) * 0.8, 12);
  });
});
