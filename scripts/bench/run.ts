/**
 * `npm run bench` (issue 5): how fast TenderLens starts, loads and answers, measured in headless
 * Chromium on the built app, against baselines on the same files in the same run.
 *
 *   npm run bench                 1 M and 5 M rows, several repetitions (slow: minutes)
 *   npm run bench -- --quick      100 k rows, fewer repetitions (< 3 minutes)
 *   npm run bench -- --json FILE  where to write the JSON (default .bench/results-<timestamp>.json)
 *   npm run bench -- --rows 1000000[,5000000]  only these sizes (the full plan's repetitions)
 *   npm run bench -- --only coldstart  only the cold start on the demo data (5 runs; --quick: 2)
 *   npm run bench -- --only filters  one cold start, no baselines or uploads: the canonical load
 *                                    and the filter changes (with --rows 1000000: a few minutes)
 *
 * Prints ONE table and the path of the JSON with the same figures. See README.md, "Benchmark".
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { buildAndServe, launchChromium } from '../../tests/e2e/support/browser';
import { REPO_ROOT } from '../../tests/support/shared';
import { ensureSyntheticCsv } from './synthetic';
import { filterPlan } from './filters';
import { nativeReadCsv, papaParse } from './baselines';
import {
  bareReadCsv,
  canonicalLoad,
  coldStart,
  filterChange,
  filterValues,
  instrumentEngine,
  memory,
  openApp,
  PERMALINK_SEARCH,
  reloadWithSaved,
  roundTripFloor,
  upload,
  type Entry,
  type FilterTiming,
  type StartupSplit,
} from './page';
import { formatTable, type BaselineId, type BenchResult, type Figure } from './report';
import { quantile, summarise } from './stats';

/** How much one run measures. */
interface Plan {
  mode: 'quick' | 'full';
  /** `--only filters`: skip baselines and uploads, one cold start. */
  onlyFilters?: boolean;
  sizes: number[];
  coldReps: number;
  /** Cold starts on each other entry point (a filtered permalink, `?view=flags`). */
  entryReps: number;
  /** Repetitions per size of the baselines and the upload. */
  reps: (rows: number) => number;
  /** Repetitions per size of the app's canonical load (each in a fresh page: the slowest step). */
  loadReps: (rows: number) => number;
  /** How many filter changes run at each size (after the canonical load). */
  filterChanges: (rows: number) => number;
  /** Sizes an upload is followed by a reload that restores it from IndexedDB. */
  reloadUpTo: number;
}

const PLANS: Record<'quick' | 'full', Plan> = {
  quick: {
    mode: 'quick',
    sizes: [100_000],
    coldReps: 2,
    entryReps: 1,
    reps: () => 2,
    loadReps: () => 1,
    filterChanges: () => 20,
    reloadUpTo: 100_000,
  },
  full: {
    mode: 'full',
    sizes: [1_000_000, 5_000_000],
    coldReps: 5,
    entryReps: 3,
    reps: (rows) => (rows > 1_000_000 ? 1 : 2),
    loadReps: () => 1,
    // At 5 M rows a change can take seconds (no aggregate tables when the flags run out of memory).
    filterChanges: (rows) => (rows > 1_000_000 ? 12 : 60),
    reloadUpTo: 1_000_000,
  },
};

/** The issue's targets; evaluated on the full run's sizes (quick runs show them as indicative). */
const TARGET_ROWS = 1_000_000;
const STRESS_ROWS = 5_000_000;

const BENCH_DIR = path.join(REPO_ROOT, '.bench');

function parseArgs(argv: string[]): { plan: Plan; json: string; coldOnly: boolean } {
  const quick = argv.includes('--quick');
  const o = argv.indexOf('--only');
  const only = o >= 0 ? argv[o + 1] : undefined;
  if (only !== undefined && only !== 'coldstart' && only !== 'filters')
    throw new Error(`--only takes 'coldstart' or 'filters' (got '${only ?? ''}')`);
  const coldOnly = only === 'coldstart';
  const i = argv.indexOf('--json');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const json = i >= 0 && argv[i + 1] ? path.resolve(argv[i + 1]) : path.join(BENCH_DIR, `results-${stamp}.json`);
  const r = argv.indexOf('--rows');
  const plan: Plan =
    only === 'filters'
      ? { ...PLANS[quick ? 'quick' : 'full'], onlyFilters: true, coldReps: 1, entryReps: 0 }
      : PLANS[quick ? 'quick' : 'full'];
  if (r >= 0) {
    const sizes = (argv[r + 1] ?? '')
      .split(',')
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0);
    if (sizes.length === 0) throw new Error('--rows takes whole numbers separated by commas, e.g. --rows 1000000');
    return { plan: { ...plan, sizes }, json, coldOnly };
  }
  return { plan: coldOnly ? { ...plan, sizes: [], coldReps: quick ? 2 : 5 } : plan, json, coldOnly };
}

function log(msg: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

async function repeat<T>(n: number, what: string, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) {
    log(`${what} ${i + 1}/${n}`);
    out.push(await fn(i));
  }
  return out;
}

/** A figure from repeated values; `ms` may be empty when the step failed (then `note` says why). */
function figure(id: string, label: string, rows: number | null, unit: 'ms' | 'MB', values: number[], note?: string): Figure {
  const ok = values.length > 0 && values.every(Number.isFinite);
  return { id, label, rows, unit, available: ok, note, summary: ok ? summarise(values) : null, loadavg: os.loadavg()[0] };
}

function missing(id: string, label: string, rows: number | null, unit: 'ms' | 'MB', note: string): Figure {
  return { id, label, rows, unit, available: false, note, summary: null };
}

/** Filter changes at one size: wall time (p50, p95; the target at 1 M) split into engine round trips and the rest. */
function filterFigures(rows: number, runs: FilterTiming[], floorMs: number, loadError?: string): Figure[] {
  const withP95 = (f: Figure, values: number[]) => {
    if (f.summary)
      f.p95 = quantile(
        [...values].sort((a, b) => a - b),
        0.95,
      );
    return f;
  };
  const calls = runs.map((r) => r.calls).sort((a, b) => a - b);
  const total = withP95(
    figure(
      `filter@${rows}`,
      'filter change → all overview panels updated (p50)',
      rows,
      'ms',
      runs.map((r) => r.ms),
      runs.length
        ? `${runs.length} varied filter changes via URL + popstate; median ${calls[Math.floor(calls.length / 2)]} engine calls per change, SELECT 1 round trip ${floorMs.toFixed(1)} ms`
        : loadError,
    ),
    runs.map((r) => r.ms),
  );
  total.target = {
    text: `p95 ≤ 150 ms${rows !== TARGET_ROWS ? ' (at 1 M)' : ''}`,
    pass: total.p95 !== undefined ? total.p95 <= 150 : null,
  };
  const engine = withP95(
    figure(
      `filter.engine@${rows}`,
      '  filter split: engine calls in flight (SQL, messaging, Arrow)',
      rows,
      'ms',
      runs.map((r) => r.engineMs),
    ),
    runs.map((r) => r.engineMs),
  );
  const rest = withP95(
    figure(
      `filter.rest@${rows}`,
      '  filter split: the rest (React, Recharts, paint)',
      rows,
      'ms',
      runs.map((r) => r.ms - r.engineMs),
    ),
    runs.map((r) => r.ms - r.engineMs),
  );
  return [total, engine, rest];
}

/** Labels of the start-up split's stages, in their order. */
const SPLIT_LABELS: Record<keyof StartupSplit, string> = {
  script: 'page script → DuckDB worker started',
  wasmFetch: 'wasm download (compiling alongside)',
  wasmCompile: 'wasm compile + instantiate (after the last byte)',
  open: 'open, connect, create the model',
  demo: 'demo data loaded',
  restore: 'saved datasets restored',
  firstScreen: 'first screen: queries, React, paint',
};

/** One figure per start-up stage (medians of each stage; they add up to about the total's median). */
function splitFigures(prefix: string, rows: number | null, splits: StartupSplit[]): Figure[] {
  return (Object.keys(SPLIT_LABELS) as (keyof StartupSplit)[]).map((k) =>
    figure(
      `${prefix}.split.${k}${rows === null ? '' : `@${rows}`}`,
      `  split: ${SPLIT_LABELS[k]}`,
      rows,
      'ms',
      splits.map((x) => x[k]),
    ),
  );
}

async function main(): Promise<void> {
  const { plan, json, coldOnly } = parseArgs(process.argv.slice(2));
  const started = new Date();
  log(coldOnly ? `mode ${plan.mode}: cold start only` : `mode ${plan.mode}: sizes ${plan.sizes.join(', ')}`);
  const files = plan.sizes.map((rows) => {
    log(`data: ${rows} rows`);
    const { file, generatedMs } = ensureSyntheticCsv(path.join(BENCH_DIR, 'data'), rows);
    if (generatedMs !== null) log(`generated ${file} in ${Math.round(generatedMs)} ms`);
    return { rows, path: file, bytes: statSync(file).size, generatedMs };
  });

  log('building the app');
  const served = await buildAndServe({ outDir: path.join(BENCH_DIR, 'dist') });
  const browser: Browser = await launchChromium();
  const figures: Figure[] = [];
  const environment: Record<string, string | number> = {
    node: process.version,
    chromium: browser.version(),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? '',
    loadavg1mAtStart: Number(os.loadavg()[0].toFixed(2)),
    totalMemMB: Math.round(os.totalmem() / 2 ** 20),
  };
  try {
    // a. Cold start on the bundled demo data; each run in a fresh context (cold HTTP cache).
    const cold = await repeat(plan.coldReps, 'cold start', async () => {
      const c = await coldStart(browser, served.url);
      log(
        `  first chart ${Math.round(c.firstChartMs)} ms, live chart ${Math.round(c.liveChartMs)} ms, engine ready ${Math.round(c.engineReadyMs)} ms (load ${os.loadavg()[0].toFixed(2)})`,
      );
      return c;
    });
    const threeSeconds = (f: Figure) => {
      f.target = { text: '≤ 3 s', pass: f.summary ? f.summary.median <= 3000 : null };
      return f;
    };
    figures.push(
      figure(
        'cold.engineReady',
        'cold start: navigation → engine ready',
        null,
        'ms',
        cold.map((c) => c.engineReadyMs),
      ),
      figure(
        'cold.firstChart',
        'cold start: navigation → first overview chart',
        null,
        'ms',
        cold.map((c) => c.firstChartMs),
        'whatever is drawn first: the saved demo snapshot on a plain visit',
      ),
      threeSeconds(
        figure(
          'cold.liveChart',
          'cold start: navigation → first chart from the live engine',
          null,
          'ms',
          cold.map((c) => c.liveChartMs),
        ),
      ),
      ...splitFigures(
        'cold',
        null,
        cold.map((c) => c.split),
      ),
    );
    // The other entry points: a shared link with a filter, and the flag queue.
    const entries: { entry: Entry; id: string; label: string }[] = [
      { entry: 'permalink', id: 'permalink', label: `cold start: filtered permalink (${PERMALINK_SEARCH}) → live chart` },
      { entry: 'flags', id: 'flags', label: 'cold start: ?view=flags → first row of the flag queue' },
    ];
    for (const e of plan.entryReps > 0 ? entries : []) {
      const runs = await repeat(plan.entryReps, `cold start ${e.entry}`, async () => {
        const c = await coldStart(browser, served.url, e.entry);
        log(`  live ${Math.round(c.liveChartMs)} ms (load ${os.loadavg()[0].toFixed(2)})`);
        return c;
      });
      figures.push(
        threeSeconds(
          figure(
            `cold.${e.id}`,
            e.label,
            null,
            'ms',
            runs.map((c) => c.liveChartMs),
          ),
        ),
        ...splitFigures(
          `cold.${e.id}`,
          null,
          runs.map((c) => c.split),
        ),
      );
    }

    // Is the app's upload path on this build? (Seen on the cold-start pages.)
    const uploadTarget = cold[0].upload;
    if (!coldOnly)
      log(
        uploadTarget
          ? `upload input found: ${uploadTarget.selector} on '${uploadTarget.search || '?'}'`
          : 'no upload input in this build: upload figures marked not available',
      );

    for (const f of files) {
      const reps = plan.reps(f.rows);
      const baseline: Partial<Record<BaselineId, number>> = {};
      const ratiosOf = (ms: number) =>
        Object.fromEntries(Object.entries(baseline).map(([k, v]) => [k, ms / v!])) as Figure['ratios'];

      // Baselines first, each on an otherwise idle machine as far as this run goes.
      const native = plan.onlyFilters ? [] : await repeat(reps, `native read_csv ${f.rows}`, () => nativeReadCsv(f.path));
      if (native[0]) environment.duckdbNative = native[0].version;
      const nativeFig = figure(
        `baseline.native@${f.rows}`,
        'baseline: native DuckDB read_csv (1 thread)',
        f.rows,
        'ms',
        native.map((r) => r.ms),
      );
      const papa = plan.onlyFilters ? [] : await repeat(reps, `PapaParse ${f.rows}`, () => papaParse(f.path));
      const papaFig = figure(
        `baseline.papa@${f.rows}`,
        'baseline: PapaParse in Node (header, strings)',
        f.rows,
        'ms',
        papa.map((r) => r.ms),
      );
      let wasmFig: Figure;
      if (plan.onlyFilters)
        wasmFig = missing(
          `baseline.wasm@${f.rows}`,
          'baseline: DuckDB-wasm bare read_csv (browser)',
          f.rows,
          'ms',
          'skipped (--only filters)',
        );
      else
        try {
          const { context, page } = await openApp(browser, served.url);
          try {
            log(`wasm read_csv ${f.rows} ×${reps}`);
            const bare = await bareReadCsv(page, f.path, reps);
            environment.duckdbWasm = bare.version;
            wasmFig = figure(
              `baseline.wasm@${f.rows}`,
              'baseline: DuckDB-wasm bare read_csv (browser)',
              f.rows,
              'ms',
              bare.ms,
              bare.rows === f.rows ? undefined : `read ${bare.rows} rows`,
            );
          } finally {
            await context.close();
          }
        } catch (e) {
          wasmFig = missing(
            `baseline.wasm@${f.rows}`,
            'baseline: DuckDB-wasm bare read_csv (browser)',
            f.rows,
            'ms',
            `failed: ${firstLine(e)}`,
          );
        }
      if (wasmFig.summary) baseline.wasm = wasmFig.summary.median;
      if (nativeFig.summary) baseline.native = nativeFig.summary.median;
      if (papaFig.summary) baseline.papa = papaFig.summary.median;
      for (const b of [wasmFig, nativeFig, papaFig]) if (b.summary) b.ratios = ratiosOf(b.summary.median);

      // b. Upload through the app's real path, when the build has it.
      const uploadFigs: Figure[] = [];
      const reloadFigs: Figure[] = [];
      // In the app's order: the panels refetch as soon as the rows are in; flags follow, in the background.
      const stageLabels = {
        read: 'read',
        normalise: 'normalise',
        aggregates: 'first aggregates (panels refetched)',
        flags: 'flags + risk scores (after the panels)',
        aggregateTables: 'overview aggregate tables (after the flags)',
      } as const;
      if (!uploadTarget || plan.onlyFilters) {
        uploadFigs.push(
          missing(
            `upload.total@${f.rows}`,
            'upload → overview updated (app import)',
            f.rows,
            'ms',
            'not available yet (no upload input on main)',
          ),
        );
        for (const [k, l] of Object.entries(stageLabels))
          uploadFigs.push(missing(`upload.${k}@${f.rows}`, `  upload stage: ${l}`, f.rows, 'ms', 'not available yet'));
        uploadFigs.push(
          missing(
            `upload.overview@${f.rows}`,
            '  upload: import done → overview drawn (bench clock)',
            f.rows,
            'ms',
            'not available yet',
          ),
        );
        uploadFigs.push(
          missing(`upload.flagsReady@${f.rows}`, 'upload → red flags ready (app import)', f.rows, 'ms', 'not available yet'),
        );
      } else {
        try {
          const runs = await repeat(reps, `upload ${f.rows}`, async () => {
            const { context, page } = await openApp(browser, served.url);
            try {
              const up = await upload(page, uploadTarget, f.path);
              // The upload was saved in IndexedDB: a reload restores it before the overview is live.
              const reload = f.rows <= plan.reloadUpTo ? await reloadWithSaved(page) : null;
              if (reload) log(`  reload with saved rows: live chart ${Math.round(reload.liveChartMs)} ms`);
              return { ...up, reload };
            } finally {
              await context.close();
            }
          });
          if (f.rows <= plan.reloadUpTo) {
            const reloads = runs.flatMap((r) => (r.reload ? [r.reload] : []));
            const rl = figure(
              `reload.liveChart@${f.rows}`,
              'reload with saved rows → live overview chart',
              f.rows,
              'ms',
              reloads.map((r) => r.liveChartMs),
              `the uploaded file, saved in IndexedDB, restored on reload (warm HTTP cache); ${reloads.filter((r) => r.rowsKept).length}/${reloads.length} from the rows kept at import`,
            );
            reloadFigs.push(
              rl,
              ...splitFigures(
                'reload',
                f.rows,
                reloads.map((r) => r.split),
              ),
            );
          }
          const total = figure(
            `upload.total@${f.rows}`,
            'upload → overview updated (app import)',
            f.rows,
            'ms',
            runs.map((r) => r.wallMs),
          );
          uploadFigs.push(total);
          for (const [k, l] of Object.entries(stageLabels)) {
            uploadFigs.push(
              figure(
                `upload.${k}@${f.rows}`,
                `  upload stage: ${l}`,
                f.rows,
                'ms',
                runs.map((r) => Number(r.stages[`${k as keyof typeof stageLabels}Ms`])),
              ),
            );
          }
          uploadFigs.push(
            figure(
              `upload.overview@${f.rows}`,
              '  upload: import done → overview drawn (bench clock)',
              f.rows,
              'ms',
              runs.map((r) => r.overviewMs),
            ),
          );
          uploadFigs.push(
            figure(
              `upload.flagsReady@${f.rows}`,
              'upload → red flags ready (app import)',
              f.rows,
              'ms',
              runs.map((r) => r.flagsReadyMs),
            ),
          );
        } catch (e) {
          uploadFigs.length = 0;
          uploadFigs.push(
            missing(`upload.total@${f.rows}`, 'upload → overview updated (app import)', f.rows, 'ms', `failed: ${firstLine(e)}`),
          );
          for (const [k, l] of Object.entries(stageLabels))
            uploadFigs.push(missing(`upload.${k}@${f.rows}`, `  upload stage: ${l}`, f.rows, 'ms', 'failed (see upload row)'));
          uploadFigs.push(
            missing(
              `upload.overview@${f.rows}`,
              '  upload: import done → overview drawn (bench clock)',
              f.rows,
              'ms',
              'failed (see upload row)',
            ),
          );
          uploadFigs.push(
            missing(
              `upload.flagsReady@${f.rows}`,
              'upload → red flags ready (app import)',
              f.rows,
              'ms',
              'failed (see upload row)',
            ),
          );
        }
      }
      const up = uploadFigs[0];
      if (up.summary) up.ratios = ratiosOf(up.summary.median);
      const rl = reloadFigs.at(0);
      if (rl?.summary) {
        rl.ratios = ratiosOf(rl.summary.median);
        rl.target = {
          text: `≤ 2× wasm read_csv${f.rows !== TARGET_ROWS ? ' (at 1 M)' : ''}`,
          pass: baseline.wasm ? rl.summary.median <= 2 * baseline.wasm : null,
        };
      }
      const ready = uploadFigs.find((u) => u.id === `upload.flagsReady@${f.rows}`);
      if (ready?.summary) ready.ratios = ratiosOf(ready.summary.median);
      if (ready && (f.rows === TARGET_ROWS || plan.mode === 'quick'))
        ready.target = {
          text: `≤ 3.0× wasm read_csv${f.rows !== TARGET_ROWS ? ' (at 1 M)' : ''}`,
          pass: ready.summary && baseline.wasm ? ready.summary.median <= 3 * baseline.wasm : null,
        };
      if (f.rows <= plan.reloadUpTo && reloadFigs.length === 0) {
        const why = uploadTarget && !plan.onlyFilters ? 'failed (see upload row)' : 'not available yet (needs the upload)';
        reloadFigs.push(missing(`reload.liveChart@${f.rows}`, 'reload with saved rows → live overview chart', f.rows, 'ms', why));
        for (const [k, l] of Object.entries(SPLIT_LABELS))
          reloadFigs.push(missing(`reload.split.${k}@${f.rows}`, `  split: ${l}`, f.rows, 'ms', why));
      }
      if (f.rows === STRESS_ROWS && uploadTarget)
        up.target = { text: '5 M rows load without crashing', pass: up.summary !== null };
      if (f.rows === TARGET_ROWS || plan.mode === 'quick') {
        up.target = {
          text: `≤ 2.0× wasm read_csv${f.rows !== TARGET_ROWS ? ' (at 1 M)' : ''}`,
          pass: up.summary && baseline.wasm ? up.summary.median <= 2 * baseline.wasm : null,
        };
      }

      // Canonical load into the app + memory + (at one size) filter changes.
      const loads: { insertMs: number; overviewMs: number; totalMs: number; rows: number }[] = [];
      const mem: { jsHeapMB: number; duckdbMB: number; rendererPeakRssMB: number }[] = [];
      const filterMs: FilterTiming[] = [];
      let floorMs = NaN;
      let loadError: string | undefined;
      const loadReps = plan.loadReps(f.rows);
      try {
        for (let i = 0; i < loadReps; i++) {
          log(`app canonical load ${f.rows} ${i + 1}/${loadReps}`);
          const { context, page, errors } = await openApp(browser, served.url);
          try {
            const r = await canonicalLoad(page, f.path);
            if (r.rows !== f.rows) throw new Error(`loaded ${r.rows} rows, expected ${f.rows}`);
            if (errors.length) throw new Error(errors.join('; '));
            loads.push(r);
            if (i === loadReps - 1) {
              mem.push(await memory(page));
              const plans = filterPlan(await filterValues(page), plan.filterChanges(f.rows));
              log(`filter changes: ${plans.length}`);
              await instrumentEngine(page);
              floorMs = await roundTripFloor(page);
              for (const qs of plans) filterMs.push(await filterChange(page, qs));
            }
          } finally {
            await context.close();
          }
        }
      } catch (e) {
        loadError = `failed: ${firstLine(e)}`;
        log(`canonical load ${f.rows}: ${loadError}`);
      }
      const loadFig = loads.length
        ? figure(
            `load.total@${f.rows}`,
            'app canonical loader → overview updated',
            f.rows,
            'ms',
            loads.map((l) => l.totalMs),
            'INSERT INTO purchases … read_csv(columns=…) on the app engine, then the overview redraw; not the upload path',
          )
        : missing(`load.total@${f.rows}`, 'app canonical loader → overview updated', f.rows, 'ms', loadError ?? 'failed');
      if (loadFig.summary) loadFig.ratios = ratiosOf(loadFig.summary.median);
      if (f.rows === STRESS_ROWS)
        loadFig.target = { text: '5 M rows load without crashing', pass: loads.length === loadReps && !loadError };
      const insertFig = figure(
        `load.insert@${f.rows}`,
        '  loader stage: INSERT … read_csv',
        f.rows,
        'ms',
        loads.map((l) => l.insertMs),
      );
      if (insertFig.summary) insertFig.ratios = ratiosOf(insertFig.summary.median);
      const overviewFig = figure(
        `load.overview@${f.rows}`,
        '  loader stage: overview redraw',
        f.rows,
        'ms',
        loads.map((l) => l.overviewMs),
      );
      const memFigs = [
        figure(
          `memory.rendererPeakRss@${f.rows}`,
          'memory: renderer peak RSS (page + DuckDB worker)',
          f.rows,
          'MB',
          mem.map((m) => m.rendererPeakRssMB),
        ),
        figure(
          `memory.duckdb@${f.rows}`,
          'memory: DuckDB duckdb_memory() total',
          f.rows,
          'MB',
          mem.map((m) => m.duckdbMB),
        ),
        figure(
          `memory.jsHeap@${f.rows}`,
          'memory: page JS heap used',
          f.rows,
          'MB',
          mem.map((m) => m.jsHeapMB),
        ),
      ];
      figures.push(...uploadFigs, ...reloadFigs, loadFig, insertFig, overviewFig, wasmFig, nativeFig, papaFig, ...memFigs);

      figures.push(...filterFigures(f.rows, filterMs, floorMs, loadError));
      // Long runs keep what they have: the figures so far, in the JSON and on stderr.
      if (f !== files[files.length - 1]) {
        const partial: BenchResult = {
          startedAt: started.toISOString(),
          mode: plan.mode,
          environment,
          files,
          figures,
          partial: true,
        };
        mkdirSync(path.dirname(json), { recursive: true });
        writeFileSync(json, JSON.stringify(partial, null, 2));
        log(`figures so far (also in ${json}):\n${formatTable(partial)}`);
      }
    }
  } finally {
    await browser.close();
    await served.close();
  }

  environment.loadavg1mAtEnd = Number(os.loadavg()[0].toFixed(2));
  const result: BenchResult = { startedAt: started.toISOString(), mode: plan.mode, environment, files, figures };
  mkdirSync(path.dirname(json), { recursive: true });
  writeFileSync(json, JSON.stringify(result, null, 2));
  const env = Object.entries(environment)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  console.log(`TenderLens benchmark (${plan.mode}), ${started.toISOString()}\n${env}\n`);
  if (plan.mode === 'quick')
    console.log(
      'Quick mode: 100 k rows, few repetitions; targets are stated for 1 M rows, so PASS/MISS here is only indicative.\n',
    );
  console.log(formatTable(result));
  console.log(`\nJSON: ${json}`);
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 200);
}

await main();
