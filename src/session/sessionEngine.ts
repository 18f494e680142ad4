import type { ColumnSpec, Engine, Param, Row } from '../engine/types';

/** What the browser's engine offers beyond {@link Engine} (see src/engine/browser.ts). */
export interface BrowserExtras {
  registerBrowserFile?(name: string, file: File): Promise<void>;
  insertArrowIpc?(table: string, ipc: Uint8Array, append?: boolean): Promise<void>;
  queryArrowIpc?(sql: string): Promise<Uint8Array>;
  cancel?(): Promise<void>;
  /** Stops the worker at once, without asking it (it may be dead). */
  terminate?(): void;
}

export type AppEngine = Engine & BrowserExtras;

/** How a DuckDB-wasm instance that aborted answers every later call (not DuckDB's own, recoverable errors). */
const WASM_CRASH = /RuntimeError|Aborted\(|memory access out of bounds|unreachable executed/;

/** True when `engine` answers `SELECT 1` within `timeoutMs`. Send it only when nothing else is queued. */
export async function answers(engine: Engine, timeoutMs: number): Promise<boolean> {
  return Promise.race([
    engine.query('SELECT 1 AS ok').then(
      () => true,
      () => true,
    ),
    new Promise<false>((r) => setTimeout(() => r(false), timeoutMs)),
  ]);
}

/**
 * The one engine the screens and the benchmark hold: every call runs on the session's current
 * engine, which may still be starting (calls wait, in order: a filter clicked while the wasm
 * compiles is queued, not lost) or may be replaced after its worker died. It counts the calls in
 * flight, so the session knows when the screens have their data without asking React.
 */
export class SessionEngine implements Engine {
  readonly kind = 'browser' as const;
  private current: Promise<AppEngine>;
  private started: AppEngine | null = null;
  private inFlight = 0;
  private lastSettled = 0;
  /** Bumped by `replace`: calls sent to a dead engine never settle and must not count. */
  private generation = 0;
  private idleWaiters: (() => void)[] = [];

  /** Called when a call fails the way a crashed wasm instance fails (the worker is then of no more use). */
  onCrash: (() => void) | undefined;

  constructor(first: Promise<AppEngine>) {
    this.current = first;
    this.track(first);
  }

  /** Points every later call at `next` (a new engine after the old worker died). */
  replace(next: Promise<AppEngine>): void {
    this.started = null;
    this.current = next;
    this.generation++;
    this.inFlight = 0;
    this.track(next);
  }

  /** The engine once started (null while it starts). */
  get live(): AppEngine | null {
    return this.started;
  }

  /** Calls sent and not yet answered. */
  get pendingCalls(): number {
    return this.inFlight;
  }

  /** performance.now() of the last answered call. */
  get lastSettledAt(): number {
    return this.lastSettled;
  }

  /**
   * Resolves once no call has been in flight for `quietMs` (so that screens re-rendered by a data
   * change have sent theirs), or after `maxMs`.
   */
  whenIdle(maxMs: number, quietMs = 50): Promise<void> {
    const started = performance.now();
    return new Promise((resolve) => {
      const check = () => {
        const now = performance.now();
        const quiet = this.inFlight === 0 && now - Math.max(this.lastSettled, started) >= quietMs;
        if (quiet || now - started >= maxMs) resolve();
        else if (this.inFlight === 0) setTimeout(check, quietMs - (now - Math.max(this.lastSettled, started)));
        else this.idleWaiters.push(check);
      };
      check();
    });
  }

  private track(p: Promise<AppEngine>): void {
    p.then(
      (e) => {
        if (this.current === p) this.started = e;
      },
      () => undefined,
    );
  }

  private async call<T>(fn: (e: AppEngine) => Promise<T>): Promise<T> {
    const generation = this.generation;
    this.inFlight++;
    try {
      return await fn(await this.current);
    } catch (e) {
      if (generation === this.generation && WASM_CRASH.test(String((e as Error)?.message ?? e))) this.onCrash?.();
      throw e;
    } finally {
      if (generation === this.generation) this.inFlight--;
      this.lastSettled = performance.now();
      if (this.inFlight === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const w of waiters) w();
      }
    }
  }

  query<T extends Row = Row>(sql: string, params?: readonly Param[]): Promise<T[]> {
    return this.call((e) => e.query<T>(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.call((e) => e.exec(sql));
  }

  registerFile(name: string, data: Uint8Array): Promise<void> {
    return this.call((e) => e.registerFile(name, data));
  }

  /** Reads a browser File in place (see BrowserEngine.registerBrowserFile). */
  registerBrowserFile(name: string, file: File): Promise<void> {
    return this.call((e) => {
      if (!e.registerBrowserFile) throw new Error('this engine cannot read browser files in place');
      return e.registerBrowserFile(name, file);
    });
  }

  dropFile(name: string): Promise<void> {
    return this.call((e) => e.dropFile(name));
  }

  insertRecords(table: string, records: readonly Row[], columns: readonly ColumnSpec[]): Promise<void> {
    return this.call((e) => e.insertRecords(table, records, columns));
  }

  insertArrowIpc(table: string, ipc: Uint8Array, append?: boolean): Promise<void> {
    return this.call((e) => {
      if (!e.insertArrowIpc) throw new Error('this engine cannot read Arrow IPC');
      return e.insertArrowIpc(table, ipc, append);
    });
  }

  queryArrowIpc(sql: string): Promise<Uint8Array> {
    return this.call((e) => {
      if (!e.queryArrowIpc) throw new Error('this engine cannot give Arrow IPC');
      return e.queryArrowIpc(sql);
    });
  }

  /** Stops the running query; before start-up nothing runs, so there is nothing to stop. */
  async cancel(): Promise<void> {
    await this.started?.cancel?.();
  }

  /** The session owns the engine's life; screens never close it. */
  async close(): Promise<void> {}
}
