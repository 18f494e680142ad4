import { execFile } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './shared';

/** The `tenderlens` command as a person runs it. */
export const CLI = path.join(REPO_ROOT, 'scripts', 'tenderlens.mjs');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall time of the run, milliseconds. */
  ms: number;
}

/** Spawns `node scripts/tenderlens.mjs …args` and collects its exit code and output. */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; timeoutMs?: number; nodeArgs?: string[] } = {},
): Promise<CliRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...(options.nodeArgs ?? []), CLI, ...args],
      { cwd: options.cwd ?? REPO_ROOT, maxBuffer: 64 << 20, timeout: options.timeoutMs ?? 110_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr, ms: performance.now() - started });
      },
    );
  });
}
