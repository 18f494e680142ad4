/**
 * One connection runs every statement, and DuckDB allows one transaction per connection: two
 * writers interleaving (a mapping preview while a dataset is removed, say) would nest
 * BEGINs. Every operation that writes the canonical tables goes through this queue.
 */
let tail: Promise<unknown> = Promise.resolve();

/** Runs `fn` after every write queued before it has finished (whether it failed or not). */
export function withWriteLock<T>(fn: () => Promise<T>): Promise<T> {
  const run = tail.then(fn, fn);
  tail = run.catch(() => undefined);
  return run;
}

/**
 * Forgets every queued write: only for a new engine after the old worker died, whose writes will
 * never finish and would otherwise hold the queue for ever.
 */
export function resetWriteLock(): void {
  tail = Promise.resolve();
}
