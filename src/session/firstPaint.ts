import snapshotJson from '../../data/demo/overview-snapshot.json';
import { usableSnapshotQueries, type OverviewSnapshot, type SnapshotQuery } from '../queries/overviewSnapshot';
import { demoHidden } from './preferences';
import { countStoredDatasets, savedDatasetsHint, storageAvailable } from './storage';

/** What decides whether the saved demo snapshot may stand in for the live overview. */
export interface FirstPaintContext {
  /** The URL's view: the snapshot only answers the overview with no filter. */
  screen: string;
  filterEmpty: boolean;
  /** The person removed the demo datasets. */
  demoHidden: boolean;
  /** Datasets saved in this browser (null: not known yet): they would change every figure once restored. */
  savedDatasets: number | null;
}

/**
 * True when the live engine's first overview will show exactly the demo snapshot: the overview
 * screen, no filter, the demo shown and no saved dataset known. Anything else waits for the engine.
 */
export function snapshotApplies(c: FirstPaintContext): boolean {
  return c.screen === 'overview' && c.filterEmpty && !c.demoHidden && (c.savedDatasets === null || c.savedDatasets === 0);
}

/**
 * The snapshot entries to draw in the very first frame, or [] when they do not apply to this visit.
 * Synchronous: saved datasets are judged by the localStorage hint; {@link savedDatasetsConfirmedNone}
 * checks IndexedDB itself afterwards.
 */
export function firstPaintQueries(view: { screen: string; filterEmpty: boolean }): SnapshotQuery[] {
  if (!snapshotApplies({ ...view, demoHidden: demoHidden(), savedDatasets: savedDatasetsHint() })) return [];
  return usableSnapshotQueries(snapshotJson as unknown as OverviewSnapshot);
}

/**
 * True when IndexedDB holds no saved dataset (a count: no blobs are read). The hint can be missing
 * (data saved before it existed) or stale (another tab); when this says false the snapshot goes.
 */
export async function savedDatasetsConfirmedNone(): Promise<boolean> {
  if (!storageAvailable()) return true;
  return (await countStoredDatasets().catch(() => 1)) === 0;
}
