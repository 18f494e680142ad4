import { keepPreviousData, replaceEqualDeep, useQuery } from '@tanstack/react-query';
import type { Row } from '../../engine/types';
import type { BoundSql } from '../../queries/filter';
import { isSnapshotRows } from '../../queries/overviewSnapshot';
import { sqlKey } from '../../queries/keys';
import { planQuery, type Question } from '../../queries/planner';
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

/**
 * Asks a question of the data (src/queries/planner.ts): the planner picks aggregate or base
 * tables from the session's state; the screen only names the question.
 */
export function usePlannedSql<T extends Row, Q extends Question>(
  question: Q,
  arg: Parameters<typeof planQuery<Q>>[1],
  options: { enabled?: boolean } = {},
) {
  const { aggregatesReady } = useEngine();
  return useSql<T>(planQuery(question, arg, aggregatesReady), options);
}
