import type { ColumnSpec, Engine, Param, Row } from './types';

/** What the app's engine offers beyond {@link Engine} (see src/engine/browser.ts). */
interface BrowserExtras {
  registerBrowserFile?(name: string, file: File): Promise<void>;
  insertArrowIpc?(table: string, ipc: Uint8Array, append?: boolean): Promise<void>;
  queryArrowIpc?(sql: string): Promise<Uint8Array>;
  cancel?(): Promise<void>;
}

/**
 * An engine that is still starting: every call waits until `ready` resolves and then runs on the
 * real engine, in the order it was made. The start-up screen hands this to the UI so that a
 * filter clicked while the wasm compiles is queued, not lost (issue 5).
 */
export class PendingEngine implements Engine {
  readonly kind = 'browser' as const;
  private started: (Engine & BrowserExtras) | null = null;
  constructor(private readonly ready: Promise<Engine & BrowserExtras>) {
    ready.then(
      (e) => (this.started = e),
      () => undefined,
    );
  }

  async query<T extends Row = Row>(sql: string, params?: readonly Param[]): Promise<T[]> {
    return (await this.ready).query<T>(sql, params);
  }

  async exec(sql: string): Promise<void> {
    return (await this.ready).exec(sql);
  }

  async registerFile(name: string, data: Uint8Array): Promise<void> {
    return (await this.ready).registerFile(name, data);
  }

  /** Reads a browser File in place once the engine is up (see BrowserEngine.registerBrowserFile). */
  async registerBrowserFile(name: string, file: File): Promise<void> {
    const e = await this.ready;
    if (!e.registerBrowserFile) throw new Error('this engine cannot read browser files in place');
    return e.registerBrowserFile(name, file);
  }

  async dropFile(name: string): Promise<void> {
    return (await this.ready).dropFile(name);
  }

  async insertRecords(table: string, records: readonly Row[], columns: readonly ColumnSpec[]): Promise<void> {
    return (await this.ready).insertRecords(table, records, columns);
  }

  async insertArrowIpc(table: string, ipc: Uint8Array, append?: boolean): Promise<void> {
    const e = await this.ready;
    if (!e.insertArrowIpc) throw new Error('this engine cannot read Arrow IPC');
    return e.insertArrowIpc(table, ipc, append);
  }

  async queryArrowIpc(sql: string): Promise<Uint8Array> {
    const e = await this.ready;
    if (!e.queryArrowIpc) throw new Error('this engine cannot give Arrow IPC');
    return e.queryArrowIpc(sql);
  }

  /** Stops the running query; before start-up nothing runs, so there is nothing to stop. */
  async cancel(): Promise<void> {
    await this.started?.cancel?.();
  }

  /** The real engine outlives this wrapper (the app keeps using it), so closing it is not ours to do. */
  async close(): Promise<void> {}
}
