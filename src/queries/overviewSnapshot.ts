import type { Engine, Row } from '../engine/types';
import type { BoundSql } from './filter';
import { currencyGapQuery, filterOptionsQuery, overviewQuery } from './overview';
import { sectorMeasuresQuery } from './flags';

/**
 * The first screen's answers on the bundled demo data, saved at build time (issue 5): the live
 * engine needs seconds to compile its wasm and load the demo, so the overview's default view is
 * drawn from this snapshot at once and replaced by live results when they arrive.
 *
 * Each entry keeps the exact SQL and parameters it answers, so the app uses an entry only while
 * the query builders still produce that SQL (a changed builder silently falls back to the live
 * engine), and tests/engine/overview-snapshot.test.ts fails when the saved rows are stale.
 */
export interface OverviewSnapshot {
  /** Format of this file; bump when its shape changes. */
  version: 1;
  /** The demo files the rows were computed from, by dataset id: their fingerprint (src/ingest/fingerprint.ts: SHA-256 of the CSV). */
  demo: Record<string, string>;
  queries: SnapshotQuery[];
}

/** One saved query: its name on the first screen, the bound SQL and its result rows. */
export interface SnapshotQuery {
  name: FirstScreenQueryName;
  sql: string;
  params: BoundSql['params'];
  rows: Row[];
}

/** The queries the overview's default view (empty filter) sends before anything is clicked. */
export type FirstScreenQueryName = 'overview' | 'currencyGap' | 'filterOptions' | 'sectorMeasures';

/**
 * The first screen's queries for the empty filter, built by the same builders the screens call
 * (src/ui/overview, src/ui/components/FilterBar, src/ui/flags/FlagPicture).
 */
export function firstScreenQueries(): Record<FirstScreenQueryName, BoundSql> {
  return {
    overview: overviewQuery({}),
    currencyGap: currencyGapQuery({}),
    filterOptions: filterOptionsQuery(),
    sectorMeasures: sectorMeasuresQuery({}),
  };
}

/** Runs the first screen's queries on `engine` (which holds the demo data) and returns the snapshot. */
export async function computeOverviewSnapshot(engine: Engine, demo: Record<string, string>): Promise<OverviewSnapshot> {
  const queries: SnapshotQuery[] = [];
  for (const [name, q] of Object.entries(firstScreenQueries()) as [FirstScreenQueryName, BoundSql][]) {
    queries.push({ name, sql: q.sql, params: q.params, rows: await engine.query(q.sql, q.params) });
  }
  return { version: 1, demo, queries };
}

/** The snapshot as written to data/demo/overview-snapshot.json: stable key order, one trailing newline. */
export function serializeOverviewSnapshot(s: OverviewSnapshot): string {
  return `${JSON.stringify(s, null, 1)}\n`;
}

/**
 * The snapshot entries whose SQL and parameters equal what the builders produce now; entries of
 * a builder that changed since the snapshot was written are left out (the live engine answers them).
 */
export function usableSnapshotQueries(s: OverviewSnapshot): SnapshotQuery[] {
  if (s.version !== 1) return [];
  const current = firstScreenQueries();
  return s.queries.filter((e) => {
    const q = current[e.name];
    return q !== undefined && q.sql === e.sql && JSON.stringify(q.params) === JSON.stringify(e.params);
  });
}

const SNAPSHOT_ROWS = new WeakSet<object>();

/** Marks a result array as coming from the saved snapshot, not the live engine. */
export function markSnapshotRows<T extends object>(rows: T): T {
  SNAPSHOT_ROWS.add(rows);
  return rows;
}

/** True when `rows` is a result array from the saved snapshot (see {@link markSnapshotRows}). */
export function isSnapshotRows(rows: unknown): boolean {
  return typeof rows === 'object' && rows !== null && SNAPSHOT_ROWS.has(rows);
}
