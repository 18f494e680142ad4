import { describe, expect, it } from 'vitest';
import { quantile, summarise } from '../../scripts/bench/stats';
import { filterPlan } from '../../scripts/bench/filters';
import { syntheticCsvChunks } from '../../scripts/bench/synthetic';
import { parseView } from '../../src/ui/hooks/urlState';
import { PURCHASE_COLUMNS } from '../../src/model/schema';

describe('bench statistics', () => {
  it('gives median, min, max and type-7 quantiles', () => {
    expect(summarise([5, 1, 3, 2, 4])).toEqual({ median: 3, min: 1, max: 5, n: 5 });
    expect(summarise([4, 1, 3, 2]).median).toBe(2.5);
    // 1..100: h = 99 * 0.95 = 94.05 -> 95 + 0.05 * (96 - 95)
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(xs, 0.95)).toBeCloseTo(95.05, 10);
    expect(quantile([7], 0.95)).toBe(7);
  });
});

describe('bench filter plan', () => {
  const values = {
    years: [2018, 2019, 2020],
    sectors: ['quasi_public', 'state'],
    methods: ['direct', 'open'],
    buyers: ['b1', 'b2', 'b3'],
    suppliers: ['s1', 's2'],
  };
  it('yields distinct, non-empty filters that the app parses back to values from the data', () => {
    const plan = filterPlan(values, 60);
    expect(plan).toHaveLength(60);
    expect(new Set(plan).size).toBe(60);
    for (const qs of plan) {
      const f = parseView(qs).filter;
      expect(Object.keys(f).length).toBeGreaterThan(0);
      for (const y of f.years ?? []) expect(values.years).toContain(y);
      for (const b of f.buyers ?? []) expect(values.buyers).toContain(b);
    }
    expect(filterPlan(values, 60)).toEqual(plan);
  });
});

describe('bench synthetic CSV', () => {
  it('writes the canonical header and the requested number of rows, the same bytes every time', () => {
    const text = [...syntheticCsvChunks(2_500, 7, 1_000)].join('');
    expect(text).toBe([...syntheticCsvChunks(2_500, 7, 700)].join(''));
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(Object.keys(PURCHASE_COLUMNS).join(','));
    expect(lines).toHaveLength(2_501);
    expect(lines[1].startsWith('bench,bench-0,0,')).toBe(true);
  });
});
