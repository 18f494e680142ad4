import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

/** The repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * `../shared` beside the clone: third-party datasets and Cardinal's conformance fixtures.
 * They are read from there and never copied into this repository.
 */
export const SHARED_DIR = process.env.TENDERLENS_SHARED ?? path.resolve(REPO_ROOT, '..', 'shared');

/** True when ../shared is present. Under CI its absence is an error, not a skip. */
export function sharedAvailable(): boolean {
  const ok = existsSync(path.join(SHARED_DIR, 'datasets'));
  if (!ok && process.env.CI === 'true') {
    throw new Error(
      `CI=true but ${SHARED_DIR} is missing: the shared datasets and conformance fixtures must sit beside the clone.`,
    );
  }
  if (!ok) {
    console.warn(
      `[tenderlens] skipping tests that need ../shared (not found at ${SHARED_DIR}); put the shared folder beside the clone to run them.`,
    );
  }
  return ok;
}

/** A `describe` that runs only when ../shared is present (and fails under CI when it is not). */
export const describeWithShared: typeof describe = (sharedAvailable() ? describe : describe.skip) as typeof describe;

/** Absolute path of a file under ../shared. */
export function sharedPath(...parts: string[]): string {
  return path.join(SHARED_DIR, ...parts);
}
