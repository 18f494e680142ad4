import { createContext, useContext } from 'react';
import type { Engine } from '../../engine/types';

/** The running engine and a version that changes whenever the loaded data changes. */
export interface EngineState {
  /** The engine; while it starts, a PendingEngine that queues every call until it is up. */
  engine: Engine;
  /**
   * False while the engine starts: panels may then show the saved demo snapshot
   * (src/app/firstPaint.ts) and queries wait in the PendingEngine's queue.
   */
  live: boolean;
  /** Bumped after every load, removal or flag recomputation; part of every query key. */
  dataVersion: number;
  bumpDataVersion(): void;
  /** 'computing' until the red flags of the current data are in the `flags` table. */
  flagsState: 'computing' | 'ready' | 'failed';
  /**
   * True while the overview's aggregate tables (src/queries/aggregates.ts) belong to the loaded
   * data: set after a successful `afterDataChange`, cleared the moment the data or the flags
   * start to change. Panels pick the aggregate-backed query builders only then.
   */
  aggregatesReady: boolean;
  /** Why the last flag computation failed (a sentence for people), when it did. */
  flagsError?: string;
  /** Recomputes flags and risk scores (after a load, a removal or new parameters). */
  recomputeFlags(params?: import('../../flags/run').FlagParamOverrides): Promise<void>;
  /**
   * After rows were added or removed: every panel refetches at once (flag panels wait, marked as
   * computing), then the flags are recomputed. Resolves when the flags are in, with the time the
   * panels took to fetch (`aggregatesMs`), the flag computation (`flagsMs`), the overview's
   * aggregate tables built after it (`aggregateTablesMs`) and the whole second step (`flagsReadyMs`).
   */
  refreshAfterLoad(): Promise<{ aggregatesMs: number; flagsMs: number; aggregateTablesMs: number; flagsReadyMs: number }>;
}

export const EngineContext = createContext<EngineState | null>(null);

/** The engine; only used below the start-up gate, so it is always there. */
export function useEngine(): EngineState {
  const ctx = useContext(EngineContext);
  if (!ctx) throw new Error('useEngine outside EngineContext');
  return ctx;
}
