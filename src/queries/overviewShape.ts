import type { OverviewRow } from './overview';

/** Panel data for the overview, shaped from the one tagged result set. */
export interface OverviewData {
  totals: Record<string, { value: number; n: number; noncompetitive: number; competitive: number }>;
  /** Quasi-public value ÷ state value; null unless both are in view and state > 0. */
  ratio: number | null;
  years: { key: string; [sector: string]: number | string }[];
  months: { key: string; [sector: string]: number | string }[];
  methods: { sector: string; method: string; value: number; share: number; n: number }[];
  topBuyers: Record<string, { id: string; name: string; value: number; n: number; share: number }[]>;
  topSuppliers: Record<string, { id: string; name: string; value: number; n: number; share: number }[]>;
  sectors: string[];
}

/** Sectors in display order. */
export const SECTOR_ORDER = ['quasi_public', 'state', 'unknown'];

/** Turns the overview scan's rows into what each panel draws. Pure, so it is unit-tested. */
export function shapeOverview(rows: readonly OverviewRow[]): OverviewData {
  const totals: OverviewData['totals'] = {};
  for (const r of rows.filter((r) => r.panel === 'sector')) {
    totals[r.sector] = {
      value: r.value,
      n: r.n,
      noncompetitive: r.noncompetitive_value ?? 0,
      competitive: r.competitive_value ?? 0,
    };
  }
  const sectors = SECTOR_ORDER.filter((s) => s in totals);
  const ratio =
    totals.quasi_public && totals.state && totals.state.value > 0 ? totals.quasi_public.value / totals.state.value : null;

  const series = (panel: OverviewRow['panel']) => {
    const byKey = new Map<string, { key: string; [sector: string]: number | string }>();
    for (const r of rows.filter((r) => r.panel === panel && r.key !== null)) {
      const entry = byKey.get(r.key!) ?? { key: r.key! };
      entry[r.sector] = r.value;
      byKey.set(r.key!, entry);
    }
    return [...byKey.values()]
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((e) => {
        for (const s of sectors) if (!(s in e)) e[s] = 0;
        return e;
      });
  };

  const methods = rows
    .filter((r) => r.panel === 'sector_method')
    .map((r) => ({
      sector: r.sector,
      method: r.key ?? 'unknown',
      value: r.value,
      n: r.n,
      share: totals[r.sector]?.value ? r.value / totals[r.sector].value : 0,
    }));

  const top = (panel: OverviewRow['panel']) => {
    const out: OverviewData['topBuyers'] = {};
    for (const r of rows.filter((r) => r.panel === panel && r.key !== null)) {
      (out[r.sector] ??= []).push({
        id: r.key!,
        name: r.label ?? r.key!,
        value: r.value,
        n: r.n,
        share: totals[r.sector]?.value ? r.value / totals[r.sector].value : 0,
      });
    }
    for (const list of Object.values(out)) list.sort((a, b) => b.value - a.value);
    return out;
  };

  return {
    totals,
    ratio,
    years: series('sector_year'),
    months: series('sector_month'),
    methods,
    topBuyers: top('top_buyer'),
    topSuppliers: top('top_supplier'),
    sectors,
  };
}
