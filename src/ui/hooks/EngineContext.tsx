import { useMemo } from 'react';
import type { Engine } from '../../engine/types';
import type { FlagParamOverrides } from '../../flags/run';
import { useSession } from './useSession';

/** The engine and the data's state as the screens use them: a view of the session (src/session/). */
export interface EngineState {
  /** The engine; while it starts, calls wait for it in order. */
  engine: Engine;
  /**
   * False while the engine starts: panels may then show the saved demo snapshot
   * (src/session/firstPaint.ts) and queries wait for the engine.
   */
  live: boolean;
  /** Bumped after every load, removal or flag recomputation; part of every query key. */
  dataVersion: number;
  bumpDataVersion(): void;
  /** 'computing' until the red flags of the current data are in the `flags` table. */
  flagsState: 'computing' | 'ready' | 'failed';
  /** True while the overview's aggregate tables (src/queries/aggregates.ts) belong to the loaded data. */
  aggregatesReady: boolean;
  /** Why the last flag computation failed (a sentence for people), when it did. */
  flagsError?: string;
  /** Recomputes flags and risk scores (after new parameters). */
  recomputeFlags(params?: FlagParamOverrides): Promise<void>;
  /** After rows were added or removed: see DataSession.refreshAfterLoad. */
  refreshAfterLoad(): Promise<{ aggregatesMs: number; flagsMs: number; aggregateTablesMs: number; flagsReadyMs: number }>;
}

/** The engine and the data's state; re-renders when the session changes. */
export function useEngine(): EngineState {
  const { session, state } = useSession();
  const { engine, live, dataVersion, flags, aggregates } = state;
  return useMemo<EngineState>(
    () => ({
      engine,
      live,
      dataVersion,
      bumpDataVersion: () => session.bumpDataVersion(),
      flagsState: flags.state === 'done' ? 'ready' : flags.state === 'failed' ? 'failed' : 'computing',
      flagsError: flags.state === 'failed' ? flags.reason : undefined,
      aggregatesReady: aggregates.state === 'done',
      recomputeFlags: (params) => session.recomputeFlags(params),
      refreshAfterLoad: () => session.refreshAfterLoad(),
    }),
    [session, engine, live, dataVersion, flags, aggregates],
  );
}
