import { serializeView } from '../../src/ui/hooks/urlState';
import type { Filter } from '../../src/queries/filter';

/** Values present in the loaded data that filters are built from. */
export interface FilterValues {
  years: number[];
  sectors: string[];
  methods: string[];
  buyers: string[];
  suppliers: string[];
}

/** Filters for the filter-change figure: varied, each new to the app's query cache, never empty. */
export function filterPlan(values: FilterValues, count: number): string[] {
  // Deterministic walk over combinations of one to three dimensions.
  let seed = 12345;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const dims: (keyof Filter)[] = ['years', 'sectors', 'methods', 'buyers', 'suppliers'];
  const source: Record<keyof Filter, (string | number)[]> = {
    years: values.years,
    sectors: values.sectors,
    methods: values.methods,
    buyers: values.buyers,
    suppliers: values.suppliers,
  };
  const seen = new Set<string>();
  const out: string[] = [];
  for (let guard = 0; out.length < count && guard < count * 50; guard++) {
    const filter: Filter = {};
    const k = 1 + Math.floor(rand() * 3);
    for (let j = 0; j < k; j++) {
      const d = pick(dims);
      if (source[d].length === 0) continue;
      const extra = d === 'years' || d === 'methods' ? Math.floor(rand() * 2) : 0;
      const vals = new Set<string | number>();
      for (let e = 0; e <= extra; e++) vals.add(pick(source[d]));
      (filter as Record<string, unknown>)[d] = [...vals].sort();
    }
    const qs = serializeView({ screen: 'overview', filter });
    if (!qs || seen.has(qs)) continue;
    seen.add(qs);
    out.push(qs);
  }
  return out;
}
