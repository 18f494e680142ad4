import type { Filter } from '../../queries/filter';

/** Screens of the app; part of the URL so a shared link opens the same screen. */
export type Screen = 'overview' | 'flags' | 'data' | 'method';
export const SCREENS: readonly Screen[] = ['overview', 'flags', 'data', 'method'];

/** The whole view as it lives in the URL. */
export interface ViewState {
  screen: Screen;
  filter: Filter;
  /** The flag code the Flags screen is narrowed to, if any. */
  flag?: string;
}

const LIST_KEYS = { years: 'year', sectors: 'sector', methods: 'method', buyers: 'buyer', suppliers: 'supplier' } as const;

/** URL search string -> view. Unknown or malformed values are ignored, never trusted. */
export function parseView(search: string): ViewState {
  const p = new URLSearchParams(search);
  const screenParam = p.get('view') as Screen | null;
  const screen = screenParam && SCREENS.includes(screenParam) ? screenParam : 'overview';
  const filter: Filter = {};
  // Strict: four decimal digits only (Number('0x7E3') would be 2019).
  const years = p
    .getAll(LIST_KEYS.years)
    .filter((y) => /^\d{4}$/.test(y))
    .map(Number)
    .filter((y) => y >= 1900 && y < 3000);
  if (years.length) filter.years = unique(years).sort();
  for (const k of ['sectors', 'methods', 'buyers', 'suppliers'] as const) {
    const values = p.getAll(LIST_KEYS[k]).filter((v) => v.length > 0 && v.length < 200);
    if (values.length) filter[k] = unique(values);
  }
  const flag = p.get('flag');
  return flag && /^[A-Z0-9-]{2,24}$/.test(flag) ? { screen, filter, flag } : { screen, filter };
}

/** View -> URL search string (stable order, so equal views give equal links). */
export function serializeView(view: ViewState): string {
  const p = new URLSearchParams();
  if (view.screen !== 'overview') p.set('view', view.screen);
  for (const k of ['years', 'sectors', 'methods', 'buyers', 'suppliers'] as const) {
    for (const v of view.filter[k] ?? []) p.append(LIST_KEYS[k], String(v));
  }
  if (view.flag) p.set('flag', view.flag);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Adds a value to a filter list, or removes it when it is already there (click to toggle). */
export function toggleFilterValue<K extends keyof Filter>(filter: Filter, key: K, value: NonNullable<Filter[K]>[number]): Filter {
  const current = (filter[key] ?? []) as (string | number)[];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  const out = { ...filter, [key]: next };
  if (next.length === 0) delete out[key];
  return out;
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
