import { keepPreviousData, replaceEqualDeep, useQuery } from '@tanstack/react-query';
import type { Row } from '../../engine/types';
import type { BoundSql } from '../../queries/filter';
import { isSnapshotRows } from '../../queries/overviewSnapshot';
import { sqlKey } from '../../queries/keys';
import { useEngine } from './EngineContext';

/**
 * Runs a query built by a `queries/` builder. Components never write SQL: they pass a builder's
 * output here. Previous data stays on screen while a new filter is computed, so panels don't flash.
 */
export function useSql<T extends Row>(q: BoundSql, options: { enabled?: boolean } = {}) {
  const { engine, dataVersion } = useEngine();
  return useQuery({
    queryKey: sqlKey(dataVersion, q),
    queryFn: () => engine.query<T>(q.sql, q.params),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    enabled: options.enabled ?? true,
    // Live rows equal to the saved snapshot's must still replace its array: the array's identity
    // is what tells the screens the engine answered (src/session/firstPaint.ts).
    structuralSharing: (old: unknown, next: unknown) => (isSnapshotRows(old) ? next : replaceEqualDeep(old, next)),
  });
}
