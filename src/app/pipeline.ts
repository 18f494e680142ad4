import type { Engine } from '../engine/types';
import { withWriteLock } from './writeLock';

/**
 * What runs after the loaded data changes (a load, a removal, new flag parameters): derived
 * tables that every screen reads. Kept in one place so uploads, removals and start-up agree.
 */
export function afterDataChange(engine: Engine): Promise<{ flagsMs: number }> {
  return withWriteLock(() => recompute(engine));
}

async function recompute(_engine: Engine): Promise<{ flagsMs: number }> {
  const t0 = performance.now();
  return { flagsMs: performance.now() - t0 };
}
