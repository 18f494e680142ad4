import stateDemoUrl from '../../data/demo/state.csv.gz?url';
import quasiDemoUrl from '../../data/demo/quasi_public.csv.gz?url';
import { BrowserEngine } from '../engine/browser';
import { createModel } from '../model/schema';
import { DEMO_DATASETS, loadDemoFiles } from '../ingest/demo';

const DEMO_URLS: Record<string, string> = { 'demo-state': stateDemoUrl, 'demo-quasi': quasiDemoUrl };

/** Timings of start-up, exposed on `window.__tenderlens` for the e2e test and the benchmark. */
export interface StartupTimings {
  engineReadyMs: number;
  demoLoadedMs: number;
}

let started: ReturnType<typeof start> | undefined;

/**
 * Starts DuckDB, creates the model and loads the bundled demo datasets (same-origin files only).
 * Memoised: React's StrictMode runs effects twice in development, and one engine is enough.
 */
export function startApp(onStage: (stage: 'engine' | 'demo') => void): ReturnType<typeof start> {
  started ??= start(onStage);
  return started;
}

async function start(onStage: (stage: 'engine' | 'demo') => void): Promise<{ engine: BrowserEngine; timings: StartupTimings }> {
  const t0 = performance.now();
  onStage('engine');
  const engine = await BrowserEngine.create();
  await createModel(engine);
  const engineReadyMs = performance.now() - t0;
  onStage('demo');
  const files = await Promise.all(
    DEMO_DATASETS.map(async (d) => {
      const res = await fetch(DEMO_URLS[d.datasetId]);
      if (!res.ok) throw new Error(`The demo file ${d.file} could not be read (HTTP ${res.status}).`);
      return { ...d, bytes: new Uint8Array(await res.arrayBuffer()) };
    }),
  );
  await loadDemoFiles(engine, files);
  return { engine, timings: { engineReadyMs, demoLoadedMs: performance.now() - t0 } };
}
