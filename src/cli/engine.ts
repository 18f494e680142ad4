import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { literal } from '../engine/sql';
import type { Engine } from '../engine/types';
import { CliInputError } from './errors';

/** The engines the command line can run on. */
export type EngineChoice = 'native' | 'wasm';

/** Validates `--engine`. */
export function parseEngineChoice(v: string | undefined): EngineChoice {
  const choice = v ?? 'native';
  if (choice !== 'native' && choice !== 'wasm') throw new CliInputError(`--engine must be native or wasm, not "${choice}".`);
  return choice;
}

/** Native-engine limits for data bigger than memory. */
export interface EngineLimits {
  /** DuckDB `memory_limit`, e.g. '8GB'; beyond it DuckDB spills to a temporary directory. */
  memoryLimit?: string;
}

/** Validates `--memory-limit` (DuckDB's size syntax: a number and a unit). */
export function parseMemoryLimit(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(v.trim()))
    throw new CliInputError(`--memory-limit must look like 8GB or 512MB, not "${v}".`);
  return v.trim();
}

/** An open engine and how to release it (and its spill directory). */
export interface OpenedEngine {
  engine: Engine;
  close: () => Promise<void>;
}

/**
 * Opens the chosen engine. Native DuckDB (@duckdb/node-api) is fast and multi-threaded; wasm is
 * the browser's own engine (DuckDB-wasm, blocking build), for checking that results match the app.
 * Both are imported lazily so one missing binding does not break the other.
 */
export async function openEngine(choice: EngineChoice, limits: EngineLimits = {}): Promise<OpenedEngine> {
  if (choice === 'wasm') {
    if (limits.memoryLimit) throw new CliInputError('--memory-limit applies to --engine native only.');
    const { NodeWasmEngine } = await import('../engine/node');
    const engine = await NodeWasmEngine.create();
    return { engine, close: () => engine.close() };
  }
  const { NativeEngine } = await import('../engine/native');
  const engine = await NativeEngine.create();
  // An in-memory database spills what does not fit to temp_directory; make it a private one.
  const spill = mkdtempSync(path.join(os.tmpdir(), 'tenderlens-spill-'));
  await engine.exec(`SET temp_directory = ${literal(spill)}`);
  if (limits.memoryLimit) await engine.exec(`SET memory_limit = ${literal(limits.memoryLimit)}`);
  return {
    engine,
    close: async () => {
      await engine.close();
      rmSync(spill, { recursive: true, force: true });
    },
  };
}

/**
 * How an engine reads a local file by name in SQL. Native DuckDB reads the path itself (no copy,
 * however big the file); DuckDB-wasm only sees bytes registered with it.
 */
export function readsLocalFiles(engine: Engine): boolean {
  return engine.kind === 'native';
}
