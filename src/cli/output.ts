/**
 * Writing results: stdout with back-pressure (millions of flag rows must not pile up in memory),
 * and the human summary on stderr (CSV goes through `src/export/csv.ts`).
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { terminalSafe } from '../export/safeText';

/** A sink for output text that waits when the reader is slower than we are. */
export class Out {
  private closed = false;
  constructor(private readonly stream: Writable = process.stdout) {
    // `tenderlens … | head` closes the pipe early: stop writing instead of crashing.
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') this.closed = true;
      else throw e;
    });
  }

  /** True once the reader went away (EPIPE). */
  get gone(): boolean {
    return this.closed;
  }

  /** Writes text, waiting for the stream to drain when its buffer is full. */
  async write(text: string): Promise<void> {
    if (this.closed || text === '') return;
    if (!this.stream.write(text)) {
      await Promise.race([once(this.stream, 'drain'), once(this.stream, 'close')]);
    }
  }
}

/** Writes a line to stderr unless `quiet`; control characters from files are shown escaped, never obeyed. */
export function note(quiet: boolean, text: string): void {
  if (!quiet) process.stderr.write(terminalSafe(text) + '\n');
}

/** Milliseconds as seconds with one decimal ("1.3 s"), or ms below one second. */
export function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A whole number with thousands separators, as in the summaries. */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en');
}

/** Milliseconds since an arbitrary origin. */
export function now(): number {
  return performance.now();
}
