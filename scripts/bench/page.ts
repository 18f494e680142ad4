/**
 * What the benchmark does inside the app's page. Everything goes through the app itself: its
 * engine (`window.__tenderlens.engine`, the same DuckDB-wasm worker the screens query), its URL
 * state (history + popstate, as the back button does) and its rendered overview.
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { waitForOverview } from '../../tests/e2e/support/browser';
import { canonicalColumnsStruct } from '../../src/ingest/demo';
import { ident, literal } from '../../src/engine/sql';
import { PURCHASE_COLUMNS } from '../../src/model/schema';
import { en } from '../../src/i18n/en';

/** Page-side helpers installed before the app's scripts run. */
declare global {
  interface Window {
    __bench?: {
      marks: { engineReady?: number; firstChart?: number; liveChart?: number; firstQueueRow?: number };
      /** Resolves with `performance.now()` once the overview has fetched (data-fetching true → false) and painted. */
      nextOverviewUpdate(timeoutMs?: number): Promise<number>;
    };
  }
}

/**
 * Installed with `addInitScript`: marks when the engine is ready (the app's `tl:engine:ready`
 * performance mark, else the start-up screen switching to "loading demo"), when the first
 * overview chart is drawn (the saved demo snapshot counts) and when the first chart from the
 * live engine is drawn, in navigation-relative milliseconds (`performance.now()`), and offers
 * `nextOverviewUpdate`.
 */
function benchInit(loadingDemoText: string): void {
  const marks: { engineReady?: number; firstChart?: number; liveChart?: number; firstQueueRow?: number } = {};
  const check = () => {
    // `?view=flags`: the first row of the flag queue is that screen's "first chart".
    if (marks.firstQueueRow === undefined && document.querySelector('[data-testid="flagged-row"]'))
      marks.firstQueueRow = performance.now();
    if (marks.engineReady === undefined) {
      const m = performance.getEntriesByName('tl:engine:ready')[0];
      if (m) marks.engineReady = m.startTime;
    }
    if (marks.engineReady === undefined) {
      const s = document.querySelector('p.loading[role="status"]');
      if (s && s.textContent === loadingDemoText) marks.engineReady = performance.now();
    }
    if (
      marks.firstChart === undefined &&
      document.querySelector('[data-testid="overview"][data-fetching="false"] .recharts-surface')
    ) {
      marks.firstChart = performance.now();
    }
    // Builds without the snapshot have no data-source: their first chart is live.
    if (
      marks.liveChart === undefined &&
      document.querySelector('[data-testid="overview"]:not([data-source="snapshot"])[data-fetching="false"] .recharts-surface')
    ) {
      marks.liveChart = performance.now();
      // No engine-ready frame was rendered (the stage text can be batched away): fall back to
      // the first chart's frame minus the app's own demo-loading time, below.
      if (marks.engineReady === undefined) {
        const t = (window as unknown as { __tenderlens?: { timings?: { engineReadyMs: number; demoLoadedMs: number } } })
          .__tenderlens?.timings;
        if (t) marks.engineReady = marks.liveChart - (t.demoLoadedMs - t.engineReadyMs);
      }
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  const nextOverviewUpdate = (timeoutMs = 600_000) =>
    new Promise<number>((resolve, reject) => {
      let sawFetching = false;
      const done = () => {
        obs.disconnect();
        clearTimeout(timer);
        // Two frames: the one React committed in, then the one after paint.
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
      };
      const obs = new MutationObserver((records) => {
        for (const r of records) if (r.type === 'attributes' && r.oldValue === 'true') sawFetching = true;
        const el = document.querySelector('[data-testid="overview"]');
        const state = el?.getAttribute('data-fetching');
        if (state === 'true') sawFetching = true;
        if (sawFetching && state === 'false') done();
      });
      obs.observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-fetching'],
        attributeOldValue: true,
      });
      const timer = setTimeout(() => {
        obs.disconnect();
        reject(new Error(`overview did not update within ${timeoutMs} ms`));
      }, timeoutMs);
    });
  (window as unknown as { __bench: unknown }).__bench = { marks, nextOverviewUpdate };
}

/** A fresh browser context (cold HTTP cache) with the bench helpers, opened on the app. */
export async function openApp(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const opened = await openPage(browser, url);
  await waitForOverview(opened.page, 120_000);
  return opened;
}

/** {@link openApp} without waiting for anything: the page has just navigated. */
async function openPage(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
  // tsx compiles with esbuild's keepNames, which wraps inner functions in `__name(...)`; functions
  // serialised into the page (init script, evaluate) need that helper to exist there too.
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  await context.addInitScript(benchInit, en['engine.loadingDemo']);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('crash', () => errors.push('page crashed'));
  await page.goto(url);
  return { context, page, errors };
}

/** Where a cold start goes, in ms, stage by stage; the stages add up to the first live figure. */
export interface StartupSplit {
  /** Navigation → DuckDB's worker started (HTML, main bundle, first render). */
  script: number;
  /** Worker started → the wasm's last byte (streamed: compiling runs alongside). */
  wasmFetch: number;
  /** Last wasm byte → module compiled and instantiated. */
  wasmCompile: number;
  /** Instantiated → database open, connected, model created. */
  open: number;
  /** Engine ready → demo rows in (waits for the demo download if it is still running). */
  demo: number;
  /** Demo in → saved datasets re-imported (0 without any). */
  restore: number;
  /** Start-up over → the first live chart (or queue row) drawn: queries, messaging, React, paint. */
  firstScreen: number;
}

/** Which first screen a cold start opens. */
export type Entry = 'demo' | 'permalink' | 'flags';
/** A filtered overview link (a year and a sector of the demo data, as a shared link would carry). */
export const PERMALINK_SEARCH = '?year=2019&sector=state';
const ENTRY_SEARCH: Record<Entry, string> = { demo: '', permalink: PERMALINK_SEARCH, flags: '?view=flags' };

/**
 * Navigation → engine ready, → first overview chart (snapshot or live), → first live chart (on
 * `?view=flags`: the first row of the queue), with the start-up split, as the page saw them.
 */
export async function coldStart(
  browser: Browser,
  url: string,
  entry: Entry = 'demo',
): Promise<{
  engineReadyMs: number;
  firstChartMs: number;
  liveChartMs: number;
  split: StartupSplit;
  upload: UploadTarget | null;
}> {
  const { context, page } = await openPage(browser, url + ENTRY_SEARCH[entry]);
  try {
    const result = await liveMarks(page, entry === 'flags', 180_000);
    return { ...result, upload: entry === 'demo' ? await uploadInput(page) : null };
  } finally {
    await context.close();
  }
}

/** Waits for the first live chart (or queue row) of the page's current visit and reads the marks and the split. */
async function liveMarks(
  page: Page,
  queueRow: boolean,
  timeout: number,
): Promise<{ engineReadyMs: number; firstChartMs: number; liveChartMs: number; split: StartupSplit }> {
  let wasmEnd = NaN;
  const onRequest = (req: import('playwright-core').Request) => {
    if (!req.url().endsWith('.wasm')) return;
    const t = req.timing();
    wasmEnd = t.startTime + t.responseEnd;
  };
  page.on('requestfinished', onRequest);
  try {
    await page.waitForFunction(
      (q) =>
        (q ? window.__bench?.marks.firstQueueRow : window.__bench?.marks.liveChart) !== undefined &&
        window.__tenderlens?.timings !== undefined,
      queueRow,
      { timeout },
    );
    const m = await page.evaluate((q) => {
      const mark = (n: string) => performance.getEntriesByName(n)[0]?.startTime ?? NaN;
      const b = window.__bench!.marks;
      return {
        origin: performance.timeOrigin,
        engineReadyMs: b.engineReady!,
        firstChartMs: q ? b.firstQueueRow! : b.firstChart!,
        liveChartMs: q ? b.firstQueueRow! : b.liveChart!,
        worker: mark('tl:engine:worker'),
        instantiated: mark('tl:engine:instantiated'),
        ready: mark('tl:engine:ready'),
        demo: mark('tl:demo:loaded'),
        restored: mark('tl:restored'),
      };
    }, queueRow);
    // Served from the HTTP cache (a reload), the wasm may finish before the worker mark: no fetch time then.
    const fetched = Math.max(m.worker, Number.isFinite(wasmEnd) ? wasmEnd - m.origin : m.worker);
    return {
      engineReadyMs: m.engineReadyMs,
      firstChartMs: m.firstChartMs,
      liveChartMs: m.liveChartMs,
      split: {
        script: m.worker,
        wasmFetch: Math.min(fetched, m.instantiated) - m.worker,
        wasmCompile: m.instantiated - Math.min(fetched, m.instantiated),
        open: m.ready - m.instantiated,
        demo: m.demo - m.ready,
        restore: m.restored - m.demo,
        firstScreen: m.liveChartMs - m.restored,
      },
    };
  } finally {
    page.off('requestfinished', onRequest);
  }
}

/**
 * Reloads the page (warm HTTP cache, the datasets saved in IndexedDB by an earlier upload) and
 * measures navigation → first live overview chart with its split. Waits first until IndexedDB
 * holds a saved dataset, so the reload restores it.
 */
export async function reloadWithSaved(page: Page): Promise<{ liveChartMs: number; split: StartupSplit; rowsKept: boolean }> {
  const saved = (dbName: string, store: string) =>
    page.waitForFunction(
      ([d, st]) =>
        new Promise<boolean>((resolve) => {
          const req = indexedDB.open(d);
          req.onerror = () => resolve(false);
          req.onsuccess = () => {
            const db = req.result;
            if (!db.objectStoreNames.contains(st)) return resolve(false);
            const count = db.transaction(st).objectStore(st).count();
            count.onsuccess = () => resolve(count.result > 0);
            count.onerror = () => resolve(false);
          };
        }),
      [dbName, store] as const,
      { timeout: 120_000, polling: 250 },
    );
  await saved('tenderlens', 'datasets');
  // The rows kept for a fast reload (src/engine/savedRows.ts), when this build keeps them; else the file is re-imported.
  const rowsKept = await saved('tenderlens-rows', 'rows').then(
    () => true,
    () => false,
  );
  await page.reload();
  const r = await liveMarks(page, false, 1_800_000);
  return { liveChartMs: r.liveChartMs, split: r.split, rowsKept };
}

/** Puts `file` on a hidden file input of the bench's own, so the page holds it as a browser File (as an upload would). */
async function attachFile(page: Page, file: string, id: string): Promise<void> {
  await page.evaluate((inputId) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = inputId;
    input.style.display = 'none';
    document.body.appendChild(input);
  }, id);
  await page.setInputFiles(`#${id}`, file);
}

/**
 * The app's canonical loader (src/ingest/demo.ts `loadDemoFiles`: INSERT INTO purchases …
 * read_csv with declared columns) on a File registered without copying, as large uploads are.
 * Replaces the demo rows, then bumps the app's data version and waits until the overview shows
 * the new data.
 */
export async function canonicalLoad(
  page: Page,
  file: string,
): Promise<{ insertMs: number; overviewMs: number; totalMs: number; rows: number }> {
  await attachFile(page, file, 'bench-canonical');
  const cols = Object.keys(PURCHASE_COLUMNS).map(ident).join(', ');
  const insert = `INSERT INTO purchases (${cols}) SELECT ${cols} FROM read_csv(${literal('bench-canonical.csv')}, header = true, delim = ',', quote = '"', columns = ${canonicalColumnsStruct()}, dateformat = '%Y-%m-%d')`;
  return page.evaluate(async (sql) => {
    const tl = window.__tenderlens as unknown as {
      engine: {
        registerBrowserFile(n: string, f: File): Promise<void>;
        exec(s: string): Promise<void>;
        query(s: string): Promise<{ n: number }[]>;
      };
      bumpDataVersion?: () => void;
      dataChanged?: () => Promise<void>;
    };
    if (!tl.bumpDataVersion)
      throw new Error('window.__tenderlens.bumpDataVersion is missing: the app must expose it (see README, Benchmark)');
    const f = (document.getElementById('bench-canonical') as HTMLInputElement).files![0];
    const t0 = performance.now();
    await tl.engine.registerBrowserFile('bench-canonical.csv', f);
    await tl.engine.exec('DELETE FROM purchases');
    await tl.engine.exec(sql);
    const t1 = performance.now();
    const updated = window.__bench!.nextOverviewUpdate();
    // dataChanged (when the app has it) also rebuilds flags and the overview's aggregate tables
    // for the new rows — as an upload does — so later figures (filter changes) read current ones.
    const derived = tl.dataChanged ? tl.dataChanged() : (tl.bumpDataVersion(), Promise.resolve());
    const t2 = await updated;
    await derived;
    const [{ n }] = await tl.engine.query('SELECT count(*)::INTEGER AS n FROM purchases');
    return { insertMs: t1 - t0, overviewMs: t2 - t1, totalMs: t2 - t0, rows: n };
  }, insert);
}

/** DuckDB-wasm's bare `CREATE TABLE … AS SELECT * FROM read_csv(…)` (types sniffed) on the app's engine, `reps` times. */
export async function bareReadCsv(
  page: Page,
  file: string,
  reps: number,
): Promise<{ ms: number[]; rows: number; version: string }> {
  await attachFile(page, file, 'bench-bare');
  return page.evaluate(async (n) => {
    const engine = (
      window.__tenderlens as unknown as {
        engine: {
          registerBrowserFile(n: string, f: File): Promise<void>;
          exec(s: string): Promise<void>;
          query(s: string): Promise<{ n: number; v: string }[]>;
        };
      }
    ).engine;
    const version = (await engine.query('SELECT version() AS v'))[0].v;
    await engine.registerBrowserFile('bench-bare.csv', (document.getElementById('bench-bare') as HTMLInputElement).files![0]);
    const ms: number[] = [];
    let rows = 0;
    for (let i = 0; i < n; i++) {
      await engine.exec('DROP TABLE IF EXISTS bench_bare');
      const t0 = performance.now();
      await engine.exec(`CREATE TABLE bench_bare AS SELECT * FROM read_csv('bench-bare.csv')`);
      ms.push(performance.now() - t0);
      rows = (await engine.query('SELECT count(*)::INTEGER AS n FROM bench_bare'))[0].n;
    }
    await engine.exec('DROP TABLE IF EXISTS bench_bare');
    return { ms, rows, version };
  }, reps);
}

/** Stage timings the app's importer publishes after an upload (contract: README, Benchmark). */
export interface LastImport {
  readMs: number;
  normaliseMs: number;
  flagsMs: number;
  aggregateTablesMs: number;
  aggregatesMs: number;
  /** Import done → flags and aggregate tables done (or failed). */
  flagsReadyMs?: number;
  totalMs: number;
  rows: number;
}

/** Where the app's upload input lives: the selector and the URL search of its screen. */
export interface UploadTarget {
  selector: string;
  search: string;
}

const UPLOAD_SELECTORS = ['input[type="file"][data-testid="upload-input"]', 'input[type="file"]:not([id^="bench-"])'];

/** Switches the app's screen the way the back button does: new URL, then `popstate`. */
async function navigate(page: Page, search: string): Promise<void> {
  await page.evaluate((qs) => {
    history.pushState(null, '', `${location.pathname}${qs}`);
    dispatchEvent(new PopStateEvent('popstate'));
  }, search);
}

/**
 * The app's own upload input ("Upload data"), if the build has one: looked for on the current
 * screen, then on the Data screen (`?view=data`). The bench's own inputs are excluded.
 */
export async function uploadInput(page: Page): Promise<UploadTarget | null> {
  for (const search of [null, '?view=data']) {
    if (search) {
      await navigate(page, search);
      await page.waitForSelector(UPLOAD_SELECTORS[0], { state: 'attached', timeout: 5_000 }).catch(() => undefined);
    }
    for (const selector of UPLOAD_SELECTORS) {
      if ((await page.locator(selector).count()) === 1) return { selector, search: search ?? '' };
    }
  }
  return null;
}

/**
 * Upload through the app's real path: the file goes on the app's file input; if the app asks to
 * confirm the column mapping (`[data-testid="mapping-confirm"]`) the bench confirms at once, as
 * a person accepting the proposed mapping would; the app imports and publishes
 * `window.__tenderlens.lastImport`; the figure ends when the overview has redrawn with the new
 * data (after switching back to it if the upload lives on another screen).
 */
export async function upload(
  page: Page,
  target: UploadTarget,
  file: string,
): Promise<{ wallMs: number; overviewMs: number; flagsReadyMs: number; stages: LastImport }> {
  if (target.search) await navigate(page, target.search);
  await page.waitForSelector(target.selector, { state: 'attached', timeout: 30_000 });
  const t0 = await page.evaluate(() => {
    const w = window as unknown as { __tenderlens?: { lastImport?: unknown } };
    if (w.__tenderlens) w.__tenderlens.lastImport = undefined;
    return performance.now();
  });
  await page.setInputFiles(target.selector, file);
  const imported = page.waitForFunction(
    () => (window as unknown as { __tenderlens?: { lastImport?: unknown } }).__tenderlens?.lastImport !== undefined,
    undefined,
    {
      timeout: 1_800_000,
      polling: 50,
    },
  );
  const confirm = page.waitForSelector('[data-testid="mapping-confirm"]', { timeout: 1_800_000 });
  const first = await Promise.race([imported.then(() => 'imported' as const), confirm.then(() => 'confirm' as const)]);
  if (first === 'confirm') {
    await page.click('[data-testid="mapping-confirm"]');
    await imported;
  } else {
    confirm.catch(() => undefined);
  }
  const tImported = await page.evaluate(() => performance.now());
  // Back on the overview (if the upload lives elsewhere): it must show the new data, fetched and drawn.
  if (target.search) await navigate(page, '');
  await page.waitForSelector('[data-testid="overview"][data-fetching="false"] .recharts-surface', { timeout: 600_000 });
  const tEnd = await page.evaluate(
    () => new Promise<number>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now())))),
  );
  // The app computes the flags after the panels have their data; the import's stage timings are
  // complete once that step has ended (flagsReadyMs set), whether the flags could be computed or
  // not (at 5 M rows they run out of wasm memory: flagsMs stays NaN and the figure says so).
  await page.waitForFunction(
    () =>
      Number.isFinite((window as unknown as { __tenderlens: { lastImport: LastImport } }).__tenderlens.lastImport?.flagsReadyMs),
    undefined,
    {
      timeout: 1_800_000,
      polling: 100,
    },
  );
  const tFlags = await page.evaluate(() => performance.now());
  const stages = await page.evaluate(
    () => (window as unknown as { __tenderlens: { lastImport: LastImport } }).__tenderlens.lastImport,
  );
  return { wallMs: tEnd - t0, overviewMs: tEnd - tImported, flagsReadyMs: tFlags - t0, stages };
}

/** Values present in the loaded data, to build varied filters from. */
export async function filterValues(
  page: Page,
): Promise<{ years: number[]; sectors: string[]; methods: string[]; buyers: string[]; suppliers: string[] }> {
  return page.evaluate(async () => {
    const engine = (window.__tenderlens as unknown as { engine: { query(s: string): Promise<{ v: string }[]> } }).engine;
    const col = async (sql: string) => (await engine.query(sql)).map((r) => r.v);
    return {
      years: (
        await col(`SELECT DISTINCT year(signed_date)::VARCHAR AS v FROM purchases WHERE signed_date IS NOT NULL ORDER BY v`)
      ).map(Number),
      sectors: await col(`SELECT DISTINCT sector AS v FROM purchases ORDER BY v`),
      methods: await col(`SELECT DISTINCT method AS v FROM purchases WHERE method IS NOT NULL ORDER BY v`),
      buyers: await col(
        `SELECT buyer_id AS v FROM purchases WHERE buyer_id IS NOT NULL GROUP BY ALL ORDER BY count(*) DESC, v LIMIT 30`,
      ),
      suppliers: await col(
        `SELECT supplier_id AS v FROM purchases WHERE supplier_id IS NOT NULL GROUP BY ALL ORDER BY count(*) DESC, v LIMIT 30`,
      ),
    };
  });
}

/**
 * Times every call the screens make on the app's engine (the same object they hold): each call's
 * start and end land in `window.__benchCalls`, so a filter change splits into engine round trips
 * (SQL in the worker, messaging, Arrow decoding) and everything else (React, Recharts, paint).
 */
export async function instrumentEngine(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __benchCalls?: [number, number][]; __tenderlens: { engine: Record<string, unknown> } };
    if (w.__benchCalls) return;
    const calls: [number, number][] = [];
    w.__benchCalls = calls;
    const engine = w.__tenderlens.engine;
    for (const k of ['query', 'exec']) {
      const original = (engine[k] as (...a: unknown[]) => Promise<unknown>).bind(engine);
      engine[k] = async (...args: unknown[]) => {
        const t0 = performance.now();
        try {
          return await original(...args);
        } finally {
          calls.push([t0, performance.now()]);
        }
      };
    }
  });
}

/** One filter change: wall time, the time at least one engine call was in flight, and how many calls it made. */
export interface FilterTiming {
  ms: number;
  engineMs: number;
  calls: number;
}

/**
 * One filter change as the app sees a back/forward navigation: the URL changes and `popstate`
 * fires. Measured in the page from the event to the overview having fetched and painted; engine
 * calls counted when {@link instrumentEngine} ran.
 */
export async function filterChange(page: Page, search: string): Promise<FilterTiming> {
  return page.evaluate(async (qs) => {
    const calls = (window as unknown as { __benchCalls?: [number, number][] }).__benchCalls ?? [];
    const from = calls.length;
    const t0 = performance.now();
    const updated = window.__bench!.nextOverviewUpdate(120_000);
    history.pushState(null, '', `${location.pathname}${qs}`);
    dispatchEvent(new PopStateEvent('popstate'));
    const t1 = await updated;
    // Union of the calls' intervals within the change (the worker answers one at a time).
    const mine = calls
      .slice(from)
      .map(([a, b]) => [Math.max(a, t0), Math.min(b, t1)] as [number, number])
      .filter(([a, b]) => b > a)
      .sort((x, y) => x[0] - y[0]);
    let busy = 0;
    let end = -Infinity;
    for (const [a, b] of mine) {
      if (b <= end) continue;
      busy += b - Math.max(a, end);
      end = b;
    }
    return { ms: t1 - t0, engineMs: busy, calls: calls.length - from };
  }, search);
}

/** Median round trip of `SELECT 1` on the app's engine: the floor under every query (messaging, Arrow, no SQL work). */
export async function roundTripFloor(page: Page, n = 15): Promise<number> {
  return page.evaluate(async (reps) => {
    const engine = (window.__tenderlens as unknown as { engine: { query(s: string): Promise<unknown> } }).engine;
    const ms: number[] = [];
    for (let i = 0; i < reps; i++) {
      const t0 = performance.now();
      await engine.query('SELECT 1 AS one');
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    return ms[Math.floor(ms.length / 2)];
  }, n);
}

/** Memory of the page after loading: JS heap (main thread), DuckDB's own accounting, and the renderer's peak RSS. */
export async function memory(
  page: Page,
): Promise<{ jsHeapMB: number; duckdbMB: number; rendererPeakRssMB: number; wasmMemoryMB: number | null }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  await cdp.detach();
  const duckdbBytes = await page.evaluate(async () => {
    const engine = (window.__tenderlens as unknown as { engine: { query(s: string): Promise<{ b: number }[]> } }).engine;
    return (await engine.query('SELECT sum(memory_usage_bytes)::DOUBLE AS b FROM duckdb_memory()'))[0].b;
  });
  // The DuckDB worker's wasm Memory is not reachable from the page; its size shows in the renderer's RSS.
  return {
    jsHeapMB: heap / 2 ** 20,
    duckdbMB: duckdbBytes / 2 ** 20,
    rendererPeakRssMB: rendererPeakRssMB(),
    wasmMemoryMB: null,
  };
}

/**
 * Largest peak resident set (VmHWM) among Chromium renderer processes that are children of
 * this Node process. The page and its DuckDB worker share one renderer; the benchmark keeps
 * only one page open when it reads this.
 */
export function rendererPeakRssMB(): number {
  let best = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer') || !isDescendant(Number(pid))) continue;
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) best = Math.max(best, Number(m[1]) / 1024);
    } catch {
      // The process ended while we looked.
    }
  }
  return best;
}

function isDescendant(pid: number): boolean {
  for (let p = pid, i = 0; p > 1 && i < 20; i++) {
    if (p === process.pid) return true;
    const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
    p = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  }
  return false;
}
