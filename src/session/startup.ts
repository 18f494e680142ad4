import demoArrowUrl from '../../data/demo/demo.arrow.gz?url';
import demoArrowManifest from '../../data/demo/demo-arrow.json';
import { BrowserEngine } from '../engine/browser';
import { forgetSavedRows, restoreSavedRows, saveRowsForReload } from '../engine/savedRows';
import { createModel } from '../model/schema';
import { loadDemoArrow, type DemoArrowManifest } from '../ingest/demo';
import { importOcds, importTable, type ImportOptions, type TableDraft } from './imports';
import { listStoredDatasets, storageAvailable, type StoredDataset } from './storage';
import { demoHidden } from './preferences';
import type { AppEngine } from './sessionEngine';

/** Timings of start-up, written on `window.__tenderlens` for the e2e test and the benchmark. */
export interface StartupTimings {
  engineReadyMs: number;
  demoLoadedMs: number;
  restoredMs: number;
}

/** A dataset saved in an earlier visit that could not be loaded again, and why. */
export interface RestoreProblem {
  name: string;
  message: string;
}

export type StartupStage = 'engine' | 'demo' | 'restore';

/** What {@link startEngine} hands the session. */
export interface Started {
  engine: AppEngine;
  problems: RestoreProblem[];
  timings: StartupTimings;
  /** True when the demo datasets were loaded (the person did not hide them). */
  demoLoaded: boolean;
  /** How many saved datasets are back. */
  restored: number;
  /** Keeps the rows of datasets re-imported from their files, for the next start (call when idle). */
  keepRestoredRows(): Promise<void>;
}

/**
 * Starts DuckDB, creates the model, loads the bundled demo datasets (same-origin files only)
 * and the datasets saved in earlier visits. Run at start-up and again when the worker died.
 */
export async function startEngine(onStage: (stage: StartupStage) => void): Promise<Started> {
  const t0 = performance.now();
  onStage('engine');
  // Everything that does not need the engine runs while the wasm compiles: the demo download
  // (and its gunzip, in the browser's native decoder rather than in wasm) and the IndexedDB read.
  const demo = demoHidden() ? Promise.resolve(null) : fetchDemoArrow();
  demo.catch(() => undefined);
  const saved = storageAvailable() ? listStoredDatasets().catch(() => []) : Promise.resolve([]);
  const engine = await BrowserEngine.create();
  await createModel(engine);
  performance.mark('tl:engine:ready');
  const engineReadyMs = performance.now() - t0;
  onStage('demo');
  const ipc = await demo;
  performance.mark('tl:demo:fetched');
  // The prebuilt demo (scripts/generate-demo-arrow.ts): Arrow, read as it stands, no CSV to parse.
  if (ipc) await loadDemoArrow(engine, ipc, demoArrowManifest as DemoArrowManifest);
  const savedList = await saved;
  performance.mark('tl:demo:loaded');
  const demoLoadedMs = performance.now() - t0;
  onStage('restore');
  const imported: StoredDataset[] = [];
  const problems = await restoreSaved(engine, savedList, imported);
  performance.mark('tl:restored');
  // Flags are computed after the first chart is drawn (the UI starts them), not here: the
  // overview needs only purchases, and cold start is what a journalist waits through.
  return {
    engine,
    problems,
    demoLoaded: ipc !== null,
    restored: savedList.length - problems.length,
    timings: { engineReadyMs, demoLoadedMs, restoredMs: performance.now() - t0 },
    keepRestoredRows: async () => {
      for (const s of imported) await saveRowsForReload(engine, s.datasetId, s.options).catch(() => false);
    },
  };
}

async function fetchDemoArrow(): Promise<Uint8Array> {
  const res = await fetch(demoArrowUrl);
  if (!res.ok) throw new Error(`The demo data could not be read (HTTP ${res.status}).`);
  return gunzipIfNeeded(new Uint8Array(await res.arrayBuffer()));
}

/**
 * Hosts that serve the .gz without `Content-Encoding: gzip` hand us compressed bytes; DuckDB-wasm
 * would inflate them on its one thread after start-up, so inflate them here, natively, meanwhile.
 */
async function gunzipIfNeeded(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b || typeof DecompressionStream === 'undefined') return bytes;
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Puts back every dataset saved in IndexedDB: from the rows kept at its last import when they
 * match its options, else by importing the file again with the options the person confirmed
 * (those go in `imported`: their rows are worth keeping once the first screen is drawn).
 */
async function restoreSaved(engine: AppEngine, saved: StoredDataset[], imported: StoredDataset[]): Promise<RestoreProblem[]> {
  const problems: RestoreProblem[] = [];
  await forgetSavedRows(saved.map((s) => s.datasetId)).catch(() => undefined);
  for (const s of saved) {
    try {
      // The rows this browser kept from the last import (src/engine/savedRows.ts): no re-import.
      if ((await restoreSavedRows(engine, s.datasetId, s.options).catch(() => null)) !== null) continue;
      const o = s.options as ImportOptions;
      const file = s.blob instanceof File ? s.blob : new File([s.blob], s.fileName);
      if (o.kind === 'ocds') {
        await importOcds(engine, file, o, s.datasetId);
        continue;
      }
      const draft: TableDraft = {
        ...o,
        detection: {
          encoding: { encoding: o.encoding, bom: false },
          dialect: o.dialect,
          headers: o.headers,
          sampleRows: [],
          columns: [],
        },
      };
      await importTable(engine, file, draft, s.datasetId);
      imported.push(s);
    } catch (e) {
      problems.push({ name: s.name, message: (e as { userMessage?: string }).userMessage ?? String((e as Error)?.message ?? e) });
    }
  }
  return problems;
}
