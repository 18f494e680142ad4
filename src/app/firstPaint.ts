import snapshotJson from '../../data/demo/overview-snapshot.json';
import { usableSnapshotQueries, type OverviewSnapshot, type SnapshotQuery } from '../queries/overviewSnapshot';
import { demoHidden } from './bootstrap';
import { countStoredDatasets, storageAvailable } from './storage';

/** What decides whether the saved demo snapshot may stand in for the live overview. */
export interface FirstPaintContext {
  /** The URL's view: the snapshot only answers the overview with no filter. */
  screen: string;
  filterEmpty: boolean;
  /** The person removed the demo datasets. */
  demoHidden: boolean;
  /** Datasets saved in this browser: they would change every figure once restored. */
  savedDatasets: number;
}

/**
 * True when the live engine's first overview will show exactly the demo snapshot: the overview
 * screen, no filter, the demo shown and nothing else loaded. Anything else waits for the engine.
 */
export function snapshotApplies(c: FirstPaintContext): boolean {
  return c.screen === 'overview' && c.filterEmpty && !c.demoHidden && c.savedDatasets === 0;
}

/**
 * The snapshot entries to draw before the engine is ready, or [] when they do not apply to this
 * visit. Asks IndexedDB how many datasets are saved (a count, a few ms; unknown counts as "some").
 */
export async function firstPaintQueries(view: { screen: string; filterEmpty: boolean }): Promise<SnapshotQuery[]> {
  let savedDatasets = 0;
  if (storageAvailable()) savedDatasets = await countStoredDatasets().catch(() => Number.POSITIVE_INFINITY);
  if (!snapshotApplies({ ...view, demoHidden: demoHidden(), savedDatasets })) return [];
  return usableSnapshotQueries(snapshotJson as unknown as OverviewSnapshot);
}
