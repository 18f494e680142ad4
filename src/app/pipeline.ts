import type { Engine } from '../engine/types';
import { runFlags, type FlagParamOverrides, type FlagRunReport } from '../flags/run';
import { withWriteLock } from './writeLock';
import { loadFlagParams } from './flagSettings';

/**
 * What runs after the loaded data changes (a load, a removal, new flag parameters): derived
 * tables that every screen reads — the tier-1 flags and the risk scores. Kept in one place so
 * uploads, removals, start-up and the settings panel agree.
 */
export function afterDataChange(engine: Engine, params: FlagParamOverrides = loadFlagParams()): Promise<{ flagsMs: number; report: FlagRunReport }> {
  return withWriteLock(async () => {
    const t0 = performance.now();
    const report = await runFlags(engine, params);
    return { flagsMs: performance.now() - t0, report };
  });
}
