import type { BoundSql } from './filter';

/**
 * Query keys for TanStack Query: the data version plus the exact SQL and parameters,
 * so identical requests share one cache entry and new data invalidates everything.
 */
export function sqlKey(dataVersion: number, q: BoundSql): readonly unknown[] {
  return ['sql', dataVersion, q.sql, q.params];
}
