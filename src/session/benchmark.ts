import type { Engine } from '../engine/types';
import type { ImportTimings } from '../ingest/importer';
import type { StartupTimings } from './startup';

/** What a script that changed the rows itself may call (the benchmark's loader). */
export interface BenchmarkHooks {
  /** Refreshes every panel after rows were loaded behind the screens' back. */
  bumpDataVersion: () => void;
  /** The same, then rebuilds flags and the overview's aggregate tables; resolves when done. */
  dataChanged: () => Promise<void>;
}

/** The fields of `window.__tenderlens` (README, Benchmark): written by the session, read by scripts only. */
export interface BenchmarkWindow extends Partial<BenchmarkHooks> {
  timings?: StartupTimings;
  engine?: Engine;
  lastImport?: ImportTimings;
  flagsMs?: number;
  /** Wall time of the last build of the overview's aggregate tables (src/queries/aggregates.ts). */
  aggregateTablesMs?: number;
}

declare global {
  interface Window {
    /** Start-up figures and test hooks for the e2e tests and the benchmark (scripts/bench). The app never reads it. */
    __tenderlens?: BenchmarkWindow;
  }
}

/** Writes figures and hooks on `window.__tenderlens` (at start-up, after each run, after a restart). */
export function publishBenchmark(fields: BenchmarkWindow): void {
  if (typeof window === 'undefined') return;
  Object.assign((window.__tenderlens ??= {}), fields);
}
