import { reviewId, type Decision, type Review, type ReviewKey, type ReviewStatus } from './types';

/**
 * The review logic without storage: a decision applied to what was there, and a colleague's
 * reviews merged into ours. The IndexedDB adapter (./idb.ts) only stores what these return.
 */

/** `prev` updated with `decision` at time `at`; the previous state goes to the history. */
export function decide(prev: Review | undefined, key: ReviewKey, decision: Decision, at: string): Review {
  const note = decision.note ?? prev?.note ?? '';
  const reviewer = decision.reviewer ?? prev?.reviewer;
  const history = prev
    ? [
        ...prev.history,
        { status: prev.status, note: prev.note, at: prev.at, ...(prev.reviewer ? { reviewer: prev.reviewer } : {}) },
      ]
    : [];
  return {
    fingerprint: key.fingerprint,
    purchaseId: key.purchaseId,
    code: key.code,
    status: decision.status,
    note,
    ...(reviewer ? { reviewer } : {}),
    at,
    history,
  };
}

/** Reviews by key, for lookups while rendering the queue. */
export function indexReviews(reviews: Iterable<Review>): Map<string, Review> {
  const m = new Map<string, Review>();
  for (const r of reviews) m.set(reviewId(r), r);
  return m;
}

/**
 * A purchase's status across its flags: escalated beats confirmed beats dismissed; `new` unless
 * every flag it carries has a decision (a half-reviewed purchase still needs the monitor).
 */
export function purchaseStatus(
  index: Map<string, Review>,
  fingerprint: string,
  purchaseId: string,
  codes: readonly string[],
): ReviewStatus {
  const statuses = codes.map((code) => index.get(reviewId({ fingerprint, purchaseId, code }))?.status ?? 'new');
  if (statuses.length === 0 || statuses.includes('new')) return 'new';
  for (const s of ['escalated', 'confirmed', 'dismissed'] as const) if (statuses.includes(s)) return s;
  return 'new';
}

/**
 * Reviews of `fingerprint` whose flag no longer fires (flags were recomputed with other
 * parameters): they are kept, and the case view lists them as such.
 */
export function reviewsNoLongerFiring(
  reviews: Iterable<Review>,
  fingerprint: string,
  purchaseId: string,
  firingCodes: readonly string[],
): Review[] {
  const firing = new Set(firingCodes);
  return [...reviews].filter(
    (r) => r.fingerprint === fingerprint && r.purchaseId === purchaseId && !firing.has(r.code) && r.status !== 'new',
  );
}

/** Same key, different decision: the user picks which one stays. */
export interface ReviewConflict {
  id: string;
  local: Review;
  incoming: Review;
}

export interface MergeResult {
  /** Reviews to store: incoming ones for keys we had not reviewed, and equal-decision updates. */
  toStore: Review[];
  /** Keys decided differently here and in the file; nothing is stored for them until resolved. */
  conflicts: ReviewConflict[];
  /** Incoming reviews equal to ours. */
  unchanged: number;
}

/** Merges a colleague's reviews into ours without overwriting a different decision silently. */
export function mergeReviews(local: Iterable<Review>, incoming: Iterable<Review>): MergeResult {
  const ours = indexReviews(local);
  const result: MergeResult = { toStore: [], conflicts: [], unchanged: 0 };
  for (const theirs of incoming) {
    const id = reviewId(theirs);
    const mine = ours.get(id);
    if (!mine) result.toStore.push(theirs);
    else if (mine.status !== theirs.status) result.conflicts.push({ id, local: mine, incoming: theirs });
    else if (mine.note === theirs.note) result.unchanged++;
    // Same decision, different note: keep both words rather than choose.
    else
      result.toStore.push(
        decide(mine, mine, { status: mine.status, note: joinNotes(mine, theirs) }, laterOf(mine.at, theirs.at)),
      );
  }
  return result;
}

/** The review that stays for a conflict: ours, or theirs with ours kept in its history. */
export function resolveConflict(conflict: ReviewConflict, pick: 'local' | 'incoming'): Review {
  if (pick === 'local') return conflict.local;
  const { incoming, local } = conflict;
  return decide(local, local, { status: incoming.status, note: incoming.note, reviewer: incoming.reviewer }, incoming.at);
}

function joinNotes(a: Review, b: Review): string {
  if (!a.note) return b.note;
  if (!b.note) return a.note;
  return `${a.note}\n— ${b.reviewer ?? '?'}: ${b.note}`;
}

function laterOf(a: string, b: string): string {
  return a >= b ? a : b;
}
