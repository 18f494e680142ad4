import { DEMO_DATASETS } from '../ingest/demo';
import { countLoadedDatasets, removeDatasetRows } from '../ingest/remove';
import { forgetRowsOf, saveRowsForReload } from '../engine/savedRows';
import type { ImportOutcome, ImportTimings } from '../ingest/importer';
import { runFlags, type FlagParamOverrides } from '../flags/run';
import { buildAggregates, dropAggregates } from '../queries/aggregates';
import { publishBenchmark, type BenchmarkHooks } from './benchmark';
import { errorText, ImportQueue, type ImportQueueState } from './importQueue';
import { demoHidden, loadFlagParams, setDemoHidden } from './preferences';
import { answers, SessionEngine, type AppEngine } from './sessionEngine';
import { startEngine, type RestoreProblem, type Started, type StartupStage } from './startup';
import { clearStorage, deleteStoredDataset } from './storage';
import { resetWriteLock, withWriteLock } from './writeLock';

/** Where a derived step (the red flags, the overview's aggregate tables) stands for the loaded data. */
export type StepStatus =
  | { state: 'idle' }
  | { state: 'running'; startedAt: number; slow: boolean }
  | { state: 'failed'; reason: string }
  | { state: 'done'; ms: number };

/** Everything the screens may know about the data, as one immutable value (a new object on every change). */
export interface SessionState {
  /** Start-up: 'ready' once the first engine is up with the demo and the saved datasets. */
  stage: StartupStage | 'ready' | 'failed';
  /** Why start-up failed. */
  startError?: string;
  /** The engine every screen queries (calls made before start-up wait for it). */
  engine: SessionEngine;
  /** False while the engine starts (or restarts): panels may show the saved demo snapshot meanwhile. */
  live: boolean;
  /** Bumped after every load, removal or flag run; part of every query key. */
  dataVersion: number;
  flags: StepStatus;
  /** The overview's aggregate tables (src/queries/aggregates.ts): read only while 'done'. */
  aggregates: StepStatus;
  /** Saved datasets that could not be loaded again. */
  problems: readonly RestoreProblem[];
  /** Set when the engine's worker died and a new one was started: how many saved datasets came back. */
  restarted: { restored: number; at: number } | null;
  /** The fictional demo datasets are loaded. */
  demoLoaded: boolean;
  /** A file was uploaded while the demo is loaded: offer to remove the demo (answered once). */
  demoOffer: boolean;
  imports: ImportQueueState;
}

/** A step that runs longer than this says so (with a retry) instead of an endless "computing". */
export const SLOW_STEP_MS = 60_000;
/** How often an idle engine is asked whether its worker still answers, and how long it may take. */
const WATCHDOG_EVERY_MS = 3_000;
const WATCHDOG_TIMEOUT_MS = 8_000;

type Listener = () => void;

/**
 * The one owner of the data's life in the browser, without React: it starts the engine, loads the
 * demo and restores saved datasets, runs the import queue, removes datasets, computes the flags
 * and the overview's aggregate tables after every change (each with a visible status), keeps the
 * person's preferences, watches the worker and restarts it if it dies, and writes the benchmark's
 * hook (`window.__tenderlens`). Screens read {@link SessionState} through `useSession()`.
 */
export class DataSession {
  readonly engine: SessionEngine;
  readonly imports: ImportQueue;
  private state: SessionState;
  private listeners = new Set<Listener>();
  private derivedRun = 0;
  private slowTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private restarting = false;
  private lastImport: ImportTimings | undefined;
  private demoOfferAnswered = false;
  private readonly bench: BenchmarkHooks;

  constructor(private readonly start: (onStage: (s: StartupStage) => void) => Promise<Started> = startEngine) {
    const first = start((stage) => this.set({ stage }));
    this.engine = new SessionEngine(first.then((s) => s.engine));
    this.engine.onCrash = () => void this.restart();
    this.imports = new ImportQueue({
      engine: this.engine,
      imported: (id, options, outcome) => this.afterImport(id, options, outcome),
      changed: (imports) => this.set({ imports }),
    });
    this.state = {
      stage: 'engine',
      engine: this.engine,
      live: false,
      dataVersion: 0,
      flags: { state: 'idle' },
      aggregates: { state: 'idle' },
      problems: [],
      restarted: null,
      demoLoaded: !demoHidden(),
      demoOffer: false,
      imports: this.imports.current,
    };
    this.bench = {
      bumpDataVersion: () => this.bumpDataVersion(),
      dataChanged: async () => {
        await this.refreshAfterLoad();
      },
    };
    first.then(
      (s) => this.started(s),
      (e: unknown) => this.set({ stage: 'failed', startError: errorText(e) }),
    );
  }

  // ── subscription (useSyncExternalStore) ──────────────────────────────────────────────────────

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): SessionState => this.state;

  private set(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  // ── start-up and restart ─────────────────────────────────────────────────────────────────────

  private started(s: Started): void {
    this.set({ stage: 'ready', live: true, problems: s.problems, demoLoaded: s.demoLoaded });
    publishBenchmark({ timings: s.timings, engine: this.engine, ...this.bench });
    // First chart first, then the flags: the worker runs one query at a time, so flag queries sent
    // with the overview's would queue in front of it. Wait until the first panels have their data.
    void this.engine.whenIdle(10_000).then(async () => {
      await this.recomputeFlags();
      // Datasets re-imported from their files: keep their rows for the next start.
      await s.keepRestoredRows();
    });
    this.watchdog ??= setInterval(() => void this.checkWorker(), WATCHDOG_EVERY_MS);
  }

  /** Asks an idle engine for `SELECT 1`: nothing else is queued in its worker, so silence means it died. */
  private async checkWorker(): Promise<void> {
    const live = this.engine.live;
    if (this.restarting || !live || this.engine.pendingCalls > 0) return;
    if (!(await answers(live, WATCHDOG_TIMEOUT_MS)) && this.engine.live === live) await this.restart(live);
  }

  /**
   * The worker died: start a new engine, load the demo and every saved dataset again, recompute
   * the flags, and say so. Writes queued on the dead worker are dropped (they cannot finish).
   */
  async restart(dead: AppEngine | null = this.engine.live): Promise<void> {
    if (this.restarting) return;
    this.restarting = true;
    console.warn('the database worker stopped answering; starting a new one');
    dead?.terminate?.();
    resetWriteLock();
    const next = this.start(() => undefined);
    this.engine.replace(next.then((s) => s.engine));
    this.set({ live: false, flags: { state: 'idle' }, aggregates: { state: 'idle' } });
    try {
      const s = await next;
      publishBenchmark({ timings: s.timings, engine: this.engine, ...this.bench });
      this.set({
        live: true,
        problems: s.problems,
        demoLoaded: s.demoLoaded,
        restarted: { restored: s.restored, at: Date.now() },
      });
      this.restarting = false;
      await this.refreshAfterLoad();
    } catch (e) {
      this.restarting = false;
      this.set({ stage: 'failed', startError: errorText(e) });
    }
  }

  /** Closes the "engine restarted" notice. */
  dismissRestarted(): void {
    this.set({ restarted: null });
  }

  // ── data changes ─────────────────────────────────────────────────────────────────────────────

  bumpDataVersion(): void {
    this.set({ dataVersion: this.state.dataVersion + 1 });
  }

  /**
   * After rows were added or removed: every panel refetches at once (flag panels wait, marked as
   * running), then the flags and aggregate tables are rebuilt. Resolves when they are, with the
   * time the panels took (`aggregatesMs`), the flags (`flagsMs`), the aggregate tables
   * (`aggregateTablesMs`) and the whole second step (`flagsReadyMs`).
   */
  async refreshAfterLoad(): Promise<{ aggregatesMs: number; flagsMs: number; aggregateTablesMs: number; flagsReadyMs: number }> {
    const run = this.beginDerived();
    const t0 = performance.now();
    this.bumpDataVersion();
    await this.engine.whenIdle(60_000);
    const aggregatesMs = performance.now() - t0;
    const t1 = performance.now();
    const r = await this.runDerived(run);
    return { aggregatesMs, flagsMs: r.flagsMs, aggregateTablesMs: r.aggregateTablesMs, flagsReadyMs: performance.now() - t1 };
  }

  /** Recomputes flags, risk scores and the overview's aggregate tables (after new parameters, or a retry). */
  async recomputeFlags(params?: FlagParamOverrides): Promise<void> {
    await this.runDerived(this.beginDerived(), params);
  }

  /** Marks flags and aggregates as running for a new run; older runs' results are then ignored. */
  private beginDerived(): number {
    const run = ++this.derivedRun;
    clearTimeout(this.slowTimer);
    const startedAt = performance.now();
    this.set({ flags: { state: 'running', startedAt, slow: false }, aggregates: { state: 'idle' } });
    publishBenchmark({ flagsMs: undefined, aggregateTablesMs: undefined });
    this.slowTimer = setTimeout(() => {
      const f = this.state.flags;
      if (run === this.derivedRun && f.state === 'running') this.set({ flags: { ...f, slow: true } });
    }, SLOW_STEP_MS);
    return run;
  }

  /**
   * Flags first, then the overview's aggregate tables (they carry each purchase's flag hits).
   * The aggregates only speed the overview up: if they fail, the flags stand and the panels read
   * the base tables; both failures are shown with their reason.
   */
  private async runDerived(
    run: number,
    params: FlagParamOverrides = loadFlagParams(),
  ): Promise<{ flagsMs: number; aggregateTablesMs: number }> {
    const current = () => run === this.derivedRun;
    let flagsMs = NaN;
    let aggregateTablesMs = 0;
    await withWriteLock(async () => {
      if (!current()) return;
      const t0 = performance.now();
      try {
        await runFlags(this.engine, params);
      } catch (e) {
        console.warn('flags failed', e);
        if (current()) this.set({ flags: { state: 'failed', reason: errorText(e) } });
        return;
      }
      flagsMs = performance.now() - t0;
      if (!current()) return;
      this.set({
        flags: { state: 'done', ms: flagsMs },
        aggregates: { state: 'running', startedAt: performance.now(), slow: false },
      });
      try {
        aggregateTablesMs = await buildAggregates(this.engine);
        if (current()) this.set({ aggregates: { state: 'done', ms: aggregateTablesMs } });
      } catch (e) {
        console.warn('overview aggregate tables not built; the overview reads the base tables', e);
        await dropAggregates(this.engine).catch(() => undefined);
        if (current()) this.set({ aggregates: { state: 'failed', reason: errorText(e) } });
      }
    });
    if (current()) {
      clearTimeout(this.slowTimer);
      publishBenchmark({ flagsMs: Number.isNaN(flagsMs) ? undefined : flagsMs, aggregateTablesMs });
      this.bumpDataVersion();
    }
    return { flagsMs, aggregateTablesMs };
  }

  private afterImport(datasetId: string, options: unknown, outcome: ImportOutcome): void {
    // The import is done: published now (the benchmark's "import done"), completed with the
    // panels' fetch and the flags' time once those are in. Flags compute after the panels.
    const timings: ImportTimings = { ...outcome.timings, flagsMs: NaN, aggregatesMs: NaN, aggregateTablesMs: NaN };
    publishBenchmark({ lastImport: timings });
    if (this.state.demoLoaded && !this.demoOfferAnswered) this.set({ demoOffer: true });
    this.lastImport = timings;
    const refreshed = this.refreshAfterLoad().then((r) => {
      // A later import's figures are not overwritten by this one's.
      if (this.lastImport === timings) publishBenchmark({ lastImport: { ...timings, ...r } });
      // Once the screens are done: keep the imported rows so a reload need not import the file again.
      return saveRowsForReload(this.engine, datasetId, options);
    });
    refreshed.catch(() => undefined);
  }

  /**
   * Removes a dataset from this browser: from storage first (so it never comes back after a
   * reload, even if the engine fails below), then every row it put in the engine.
   */
  async remove(datasetId: string): Promise<void> {
    await deleteStoredDataset(datasetId).catch(() => undefined);
    await forgetRowsOf(datasetId).catch(() => undefined);
    const isDemo = DEMO_DATASETS.some((d) => d.datasetId === datasetId);
    if (isDemo) setDemoHidden(true);
    try {
      await withWriteLock(() => removeDatasetRows(this.engine, datasetId));
      if (isDemo) {
        const demoLoaded = await this.anyDemoLoaded();
        this.set({ demoLoaded, demoOffer: demoLoaded && this.state.demoOffer });
      }
    } finally {
      await this.refreshAfterLoad();
    }
  }

  /**
   * Forgets everything this browser kept (saved files, mappings, the demo hidden); what is loaded
   * now stays until the page is closed.
   */
  async clearStorage(): Promise<void> {
    await clearStorage();
    setDemoHidden(false);
    this.bumpDataVersion();
  }

  // ── the demo ─────────────────────────────────────────────────────────────────────────────────

  /** Removes the fictional demo datasets (and keeps them away on the next visits). */
  async hideDemo(): Promise<void> {
    this.demoOfferAnswered = true;
    setDemoHidden(true);
    this.set({ demoOffer: false });
    await withWriteLock(async () => {
      for (const d of DEMO_DATASETS) await removeDatasetRows(this.engine, d.datasetId);
    });
    this.set({ demoLoaded: false });
    await this.refreshAfterLoad();
  }

  private async anyDemoLoaded(): Promise<boolean> {
    return (
      (await countLoadedDatasets(
        this.engine,
        DEMO_DATASETS.map((d) => d.datasetId),
      )) > 0
    );
  }

  /**
   * Stops a step that runs too long (or failed) and runs flags and aggregates again. A worker that
   * does not answer once its query is cancelled is dead (a call it never answered is what kept
   * the step "running"): then a new engine starts instead.
   */
  async retryDerived(): Promise<void> {
    const live = this.engine.live;
    await Promise.race([this.engine.cancel().catch(() => undefined), new Promise((r) => setTimeout(r, WATCHDOG_TIMEOUT_MS))]);
    if (live && !(await answers(live, WATCHDOG_TIMEOUT_MS))) return this.restart(live);
    await this.recomputeFlags();
  }

  /** The person chose to keep the demo beside their data. */
  keepDemo(): void {
    this.demoOfferAnswered = true;
    this.set({ demoOffer: false });
  }
}
