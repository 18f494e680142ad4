import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/shared';
import type { BenchResult } from '../../scripts/bench/report';

// Runs `npm run bench -- --quick` as a user would, so the benchmark cannot rot unnoticed.
// Timings depend on the machine: this test checks that every figure was produced, never how fast.
const dir = mkdtempSync(path.join(os.tmpdir(), 'tenderlens-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runQuickBench(json: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, 'scripts/bench/run.ts', '--quick', '--json', json], { cwd: REPO_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const ROWS = 100_000;
const SPLIT = ['script', 'wasmFetch', 'wasmCompile', 'open', 'demo', 'restore', 'firstScreen'];
const ALWAYS = [
  'cold.engineReady',
  'cold.firstChart',
  'cold.liveChart',
  'cold.permalink',
  'cold.flags',
  ...['cold', 'cold.permalink', 'cold.flags'].flatMap((p) => SPLIT.map((k) => `${p}.split.${k}`)),
  `load.total@${ROWS}`,
  `load.insert@${ROWS}`,
  `load.overview@${ROWS}`,
  `baseline.wasm@${ROWS}`,
  `baseline.native@${ROWS}`,
  `baseline.papa@${ROWS}`,
  `memory.rendererPeakRss@${ROWS}`,
  `memory.duckdb@${ROWS}`,
  `memory.jsHeap@${ROWS}`,
  `filter@${ROWS}`,
  `filter.engine@${ROWS}`,
  `filter.rest@${ROWS}`,
];
// Present once the app has an upload input; until then listed as "not available yet".
const UPLOAD = [
  ...['total', 'read', 'normalise', 'flags', 'aggregateTables', 'aggregates', 'overview', 'flagsReady'].map(
    (s) => `upload.${s}@${ROWS}`,
  ),
  `reload.liveChart@${ROWS}`,
  ...SPLIT.map((k) => `reload.split.${k}@${ROWS}`),
];

describe('npm run bench -- --quick', () => {
  it('prints one table and writes a JSON with every figure present and finite', { timeout: 1_200_000 }, async () => {
    const json = path.join(dir, 'quick.json');
    const run = await runQuickBench(json);
    expect(run.code, run.stderr.slice(-3000)).toBe(0);
    expect(run.stdout).toContain(`JSON: ${json}`);
    expect(existsSync(json)).toBe(true);
    const result = JSON.parse(readFileSync(json, 'utf8')) as BenchResult;
    expect(result.mode).toBe('quick');
    expect(result.files).toEqual([expect.objectContaining({ rows: ROWS })]);

    const byId = new Map(result.figures.map((f) => [f.id, f]));
    expect([...byId.keys()].sort()).toEqual([...ALWAYS, ...UPLOAD].sort());
    for (const id of ALWAYS) {
      const f = byId.get(id)!;
      expect(f.available, `${id}: ${f.note}`).toBe(true);
      for (const k of ['median', 'min', 'max'] as const) expect(Number.isFinite(f.summary![k]), `${id}.${k}`).toBe(true);
      expect(f.summary!.min).toBeLessThanOrEqual(f.summary!.median);
      expect(f.summary!.median).toBeLessThanOrEqual(f.summary!.max);
      // A stage can take no time (no saved datasets to restore); a whole figure cannot.
      if (!id.includes('.split.')) expect(f.summary!.min, id).toBeGreaterThan(0);
      else expect(f.summary!.min, id).toBeGreaterThanOrEqual(0);
      expect(f.loadavg, `${id}: load average`).toEqual(expect.any(Number));
      // The table printed this figure's row.
      expect(run.stdout).toContain(f.label);
    }
    for (const id of UPLOAD) {
      const f = byId.get(id)!;
      if (f.available)
        for (const k of ['median', 'min', 'max'] as const) expect(Number.isFinite(f.summary![k]), `${id}.${k}`).toBe(true);
      else expect(f.note, id).toMatch(/not available yet/);
    }
    // The reload restores the upload: its split says so (restore is where the time goes).
    const reload = byId.get(`reload.liveChart@${ROWS}`)!;
    if (reload.available) {
      expect(reload.ratios!.wasm, 'reload ×wasm').toEqual(expect.any(Number));
      expect(byId.get(`reload.split.restore@${ROWS}`)!.summary!.median).toBeGreaterThan(0);
    }

    // Each baseline is compared with the others on the same file; the app's load with all three.
    for (const id of [`load.total@${ROWS}`, `baseline.wasm@${ROWS}`]) {
      const r = byId.get(id)!.ratios!;
      for (const b of ['wasm', 'native', 'papa'] as const) expect(Number.isFinite(r[b]), `${id} ×${b}`).toBe(true);
    }
    expect(byId.get(`baseline.wasm@${ROWS}`)!.ratios!.wasm).toBe(1);
    const filter = byId.get(`filter@${ROWS}`)!;
    expect(filter.summary!.n).toBe(20);
    // The split: engine calls in flight and the rest, each no more than the whole.
    for (const part of ['engine', 'rest'])
      expect(byId.get(`filter.${part}@${ROWS}`)!.summary!.median, part).toBeLessThanOrEqual(filter.summary!.max);
    expect(byId.get(`filter.engine@${ROWS}`)!.summary!.max).toBeGreaterThan(0);
    expect(Number.isFinite(filter.p95)).toBe(true);
    expect(filter.p95!).toBeGreaterThanOrEqual(filter.summary!.median);
    for (const id of ['cold.liveChart', 'cold.permalink', 'cold.flags'])
      expect(byId.get(id)!.target?.pass, id).toEqual(expect.any(Boolean));
  });
});
