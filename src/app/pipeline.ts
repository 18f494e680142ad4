import type { Engine } from '../engine/types';
import { runFlags, type FlagParamOverrides, type FlagRunReport } from '../flags/run';
import { withWriteLock } from './writeLock';
import { loadFlagParams } from './flagSettings';
import { buildAggregates, dropAggregates } from '../queries/aggregates';

/**
 * What runs after the loaded data changes (a load, a removal, new flag parameters): derived
 * tables that every screen reads — the tier-1 flags, the risk scores and the overview's aggregate
 * tables (src/queries/aggregates.ts; read only while `aggregatesReady`). Kept in one place so
 * uploads, removals, start-up and the settings panel agree.
 */
export function afterDataChange(
  engine: Engine,
  params: FlagParamOverrides = loadFlagParams(),
): Promise<{ flagsMs: number; aggregatesMs: number | null; report: FlagRunReport }> {
  return withWriteLock(async () => {
    const t0 = performance.now();
    const report = await runFlags(engine, params);
    const flagsMs = performance.now() - t0;
    // The overview's aggregate tables carry each purchase's flag hits: built after the flags.
    // They only speed the overview up: if they cannot be built (wasm memory at many millions of
    // rows), the flags still stand and the panels keep reading the base tables (aggregatesMs null).
    let aggregatesMs: number | null = null;
    try {
      aggregatesMs = await buildAggregates(engine);
    } catch (e) {
      console.warn('overview aggregate tables not built; the overview reads the base tables', e);
      await dropAggregates(engine).catch(() => undefined);
    }
    return { flagsMs, aggregatesMs, report };
  });
}
