/** The benchmark's result model, its one printed table, and the targets. */
import type { Summary } from './stats';

/** Baselines every load figure is compared with (same file, same run). */
export type BaselineId = 'wasm' | 'native' | 'papa';

/** One measured figure. Unavailable figures keep their row, with the reason, never a made-up number. */
export interface Figure {
  id: string;
  label: string;
  /** Rows in the file measured; null for figures on the bundled demo data. */
  rows: number | null;
  unit: 'ms' | 'MB';
  available: boolean;
  /** Why a figure is missing or what it measured exactly. */
  note?: string;
  summary: Summary | null;
  /** Only for the filter-change figure. */
  p95?: number;
  /** Median of this figure ÷ median of the baseline on the same file. */
  ratios?: Partial<Record<BaselineId, number>>;
  target?: { text: string; pass: boolean | null };
  /** The machine's 1-minute load average when the figure was taken (2 shared cores: read timings with it). */
  loadavg?: number;
}

/** Everything one run produced; written as JSON. */
export interface BenchResult {
  startedAt: string;
  mode: 'quick' | 'full';
  environment: Record<string, string | number>;
  files: { rows: number; path: string; bytes: number; generatedMs: number | null }[];
  figures: Figure[];
  /** Set while a long run is still going (written after each size). */
  partial?: boolean;
}

const BASELINE_LABEL: Record<BaselineId, string> = { wasm: '×wasm read_csv', native: '×native 1T', papa: '×PapaParse' };

function fmt(v: number | undefined | null, unit: 'ms' | 'MB'): string {
  if (v === undefined || v === null || !Number.isFinite(v)) return '';
  if (unit === 'MB') return v.toFixed(1);
  return v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1);
}

function rowsLabel(rows: number | null): string {
  if (rows === null) return 'demo';
  return rows >= 1_000_000 ? `${rows / 1_000_000} M` : `${rows / 1000} k`;
}

/** The one table the benchmark prints: every figure with its ratios to the baselines and its target. */
export function formatTable(result: BenchResult): string {
  const header = [
    'figure',
    'rows',
    'unit',
    'median',
    'min',
    'max',
    'n',
    'p95',
    'load',
    ...Object.values(BASELINE_LABEL),
    'target',
    'result',
  ];
  const lines: string[][] = [header];
  for (const f of result.figures) {
    const s = f.summary;
    const ratios = (Object.keys(BASELINE_LABEL) as BaselineId[]).map((b) =>
      f.ratios?.[b] !== undefined && Number.isFinite(f.ratios[b]!) ? `${f.ratios[b]!.toFixed(2)}×` : '',
    );
    const result_ = f.target ? (f.target.pass === null ? 'n/a' : f.target.pass ? 'PASS' : 'MISS') : '';
    lines.push([
      f.label,
      rowsLabel(f.rows),
      f.unit,
      f.available ? fmt(s?.median, f.unit) : (f.note ?? 'not available'),
      f.available ? fmt(s?.min, f.unit) : '',
      f.available ? fmt(s?.max, f.unit) : '',
      f.available && s ? String(s.n) : '',
      fmt(f.p95, f.unit),
      f.loadavg !== undefined ? f.loadavg.toFixed(1) : '',
      ...ratios,
      f.target?.text ?? '',
      result_,
    ]);
  }
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  const render = (l: string[]) => l.map((c, i) => (i >= 3 && i <= 11 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ');
  const out = [render(lines[0]), widths.map((w) => '-'.repeat(w)).join('-|-'), ...lines.slice(1).map(render)];
  const notes = result.figures.filter((f) => f.available && f.note).map((f) => `  ${f.label} (${rowsLabel(f.rows)}): ${f.note}`);
  if (notes.length) out.push('', 'Notes:', ...notes);
  return out.join('\n');
}
