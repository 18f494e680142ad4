/**
 * Cardinal's settings file (INI), parsed into the settings our indicators read.
 *
 * Mirrors cardinal-rs `Settings`: top-level `currency`, `no_price_comparison_procurement_methods`,
 * `price_comparison_procurement_methods`; `[exclusions] procurement_method_details`; one section per
 * indicator, and `[R003.procurement_method_details]` for per-details thresholds. An indicator runs
 * only if its section exists (an empty section enables it with defaults). Unknown sections and keys
 * are errors, as in Cardinal (serde `deny_unknown_fields`), so a typo cannot silently do nothing.
 */

/** Codes of the indicators this module computes, in Cardinal's order of execution. */
export const CARDINAL_CODES = ['R003', 'R018', 'R024', 'R025', 'R028', 'R030', 'R035', 'R036', 'R038', 'R048', 'R058'] as const;
/** One of {@link CARDINAL_CODES}. */
export type CardinalCode = (typeof CARDINAL_CODES)[number];

/** Settings of every indicator; a present key (even `{}`) enables the indicator. */
export interface CardinalSettings {
  /** Main currency; unset → the first currency seen. */
  currency?: string;
  /** Pipe-separated deny list of `tender.procurementMethodDetails` for the price-comparison indicators. */
  no_price_comparison_procurement_methods?: string;
  /** Pipe-separated allow list of `tender.procurementMethodDetails` for the price-comparison indicators. */
  price_comparison_procurement_methods?: string;
  /** Global exclusions. */
  exclusions?: { procurement_method_details?: string };
  R003?: { threshold?: number; procurement_methods?: string; procurement_method_details?: Record<string, number> };
  R018?: { procurement_methods?: string };
  R024?: { threshold?: number };
  R025?: { percentile?: number; threshold?: number };
  R028?: Record<string, never>;
  R030?: Record<string, never>;
  R035?: { threshold?: number };
  R036?: Record<string, never>;
  R038?: { threshold?: number; minimum_submitted_bids?: number; minimum_contracting_processes?: number };
  R048?: { digits?: number; threshold?: number; minimum_contracting_processes?: number };
  R058?: { threshold?: number };
}

type Kind = 'string' | 'int' | 'uint' | 'float';

/** Allowed keys per section and their types (Cardinal: i64 for R003, usize for counts, f64 for ratios). */
const SCHEMA: Record<string, Record<string, Kind>> = {
  '': { currency: 'string', no_price_comparison_procurement_methods: 'string', price_comparison_procurement_methods: 'string' },
  exclusions: { procurement_method_details: 'string' },
  R003: { threshold: 'int', procurement_methods: 'string' },
  R018: { procurement_methods: 'string' },
  R024: { threshold: 'float' },
  R025: { percentile: 'uint', threshold: 'float' },
  R028: {},
  R030: {},
  R035: { threshold: 'uint' },
  R036: {},
  R038: { threshold: 'float', minimum_submitted_bids: 'uint', minimum_contracting_processes: 'uint' },
  R048: { digits: 'uint', threshold: 'uint', minimum_contracting_processes: 'uint' },
  R058: { threshold: 'float' },
};

/** A settings file that Cardinal would reject. */
export class CardinalSettingsError extends Error {}

function typed(section: string, key: string, value: string, kind: Kind): string | number {
  if (kind === 'string') return value;
  const n = Number(value);
  const ok =
    value.trim() !== '' && Number.isFinite(n) && (kind === 'float' || (Number.isInteger(n) && (kind === 'int' || n >= 0)));
  if (!ok)
    throw new CardinalSettingsError(
      `[${section}] ${key} = ${value}: expected ${kind === 'float' ? 'a number' : kind === 'uint' ? 'a whole number ≥ 0' : 'a whole number'}`,
    );
  return n;
}

function unquote(v: string): string {
  const t = v.trim();
  return t.length >= 2 && ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) ? t.slice(1, -1) : t;
}

/** Parses Cardinal's INI settings text. Throws {@link CardinalSettingsError} on unknown sections/keys or bad numbers. */
export function parseCardinalSettings(text: string): CardinalSettings {
  const out: Record<string, unknown> = {};
  let section = '';
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (t === '' || t.startsWith(';') || t.startsWith('#')) return;
    const head = /^\[([^\]]+)\]$/.exec(t);
    if (head) {
      section = head[1].trim();
      if (section === 'R003.procurement_method_details') {
        const r003 = (out.R003 ??= {}) as Record<string, unknown>;
        r003.procurement_method_details ??= {};
      } else if (section in SCHEMA && section !== '') {
        out[section] ??= {};
      } else {
        throw new CardinalSettingsError(`line ${i + 1}: unknown section [${section}]`);
      }
      return;
    }
    const eq = t.indexOf('=');
    if (eq < 0) throw new CardinalSettingsError(`line ${i + 1}: expected "key = value", got "${t}"`);
    const key = t.slice(0, eq).trim();
    const value = unquote(t.slice(eq + 1));
    if (section === 'R003.procurement_method_details') {
      // Keys are procurementMethodDetails values (free text); thresholds are i64 days.
      const map = (out.R003 as { procurement_method_details: Record<string, number> }).procurement_method_details;
      map[key] = typed(section, key, value, 'int') as number;
      return;
    }
    const kind = SCHEMA[section][key];
    if (!kind)
      throw new CardinalSettingsError(`line ${i + 1}: unknown key "${key}"${section ? ` in [${section}]` : ' at top level'}`);
    const target = section === '' ? out : (out[section] as Record<string, unknown>);
    target[key] = typed(section || 'top level', key, value, kind);
  });
  return out as CardinalSettings;
}

/**
 * Cardinal's `split_terminator('|')`: "a|b|" → {a, b}; "" → {}; "a||b" keeps the empty string.
 * Unset → the default (R018 defaults to `open|selective`).
 */
export function pipeSet(value: string | undefined, fallback = ''): Set<string> {
  const s = value ?? fallback;
  const parts = s.split('|');
  if (parts[parts.length - 1] === '') parts.pop();
  return new Set(parts);
}

/** The INI text a conformance fixture's file name stands for (see FLAGS.md, tier 2). */
export function fixtureSettingsIni(fileName: string): string {
  const base = fileName.replace(/^.*\//, '').replace(/\.(jsonl|expected)$/, '');
  const [code, ...rest] = base.split('-');
  const lines = [
    'no_price_comparison_procurement_methods = NPC',
    '',
    '[exclusions]',
    'procurement_method_details = EXC',
    '',
    `[${code}]`,
  ];
  if (rest[0] === 'procurement_method_details') {
    lines.push('', `[${code}.procurement_method_details]`);
    for (let i = 1; i + 1 < rest.length; i += 2) lines.push(`${rest[i]} = ${rest[i + 1]}`);
  } else if (rest.length === 2) {
    lines.push(`${rest[0]} = ${rest[1].replaceAll('+', '|')}`);
  } else if (rest.length > 2) {
    throw new CardinalSettingsError(`cannot read settings from fixture name "${fileName}"`);
  }
  // A single extra word (e.g. R038-tenderer) is only a label.
  return lines.join('\n') + '\n';
}

/** Settings derived from a conformance fixture's file name: only the named indicator is enabled. */
export function settingsFromFixtureName(fileName: string): CardinalSettings {
  return parseCardinalSettings(fixtureSettingsIni(fileName));
}

/** The enabled indicators, in Cardinal's order. */
export function enabledCodes(settings: CardinalSettings): CardinalCode[] {
  return CARDINAL_CODES.filter((c) => settings[c] !== undefined);
}
