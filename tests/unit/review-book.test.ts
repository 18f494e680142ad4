import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { fingerprintBlob } from '../../src/ingest/fingerprint';
import {
  decide,
  indexReviews,
  mergeReviews,
  parseReviewsJson,
  purchaseStatus,
  resolveConflict,
  reviewId,
  reviewsNoLongerFiring,
  reviewsToCsv,
  reviewsToJson,
  type Review,
} from '../../src/review';

const FP = 'a'.repeat(64);
const key = (purchaseId: string, code = 'R001', fingerprint = FP) => ({ fingerprint, purchaseId, code });

describe('review decisions', () => {
  it('keep every earlier state in the history, oldest first', () => {
    const a = decide(undefined, key('p1'), { status: 'confirmed', note: 'price 4× median' }, '2026-12-01T10:00:00Z');
    const b = decide(a, key('p1'), { status: 'escalated', reviewer: 'Aigerim' }, '2026-12-02T10:00:00Z');
    expect(b).toMatchObject({
      status: 'escalated',
      note: 'price 4× median',
      reviewer: 'Aigerim',
      history: [{ status: 'confirmed' }],
    });
    expect(b.history[0].at).toBe('2026-12-01T10:00:00Z');
  });

  it('survive a reload: the stored (structured-cloned) form finds the same decisions', () => {
    const reviews = [
      decide(undefined, key('p1'), { status: 'confirmed', note: 'x' }, 't1'),
      decide(undefined, key('p2'), { status: 'dismissed' }, 't2'),
    ];
    const reloaded = indexReviews(structuredClone(reviews));
    expect(purchaseStatus(reloaded, FP, 'p1', ['R001'])).toBe('confirmed');
    expect(purchaseStatus(reloaded, FP, 'p2', ['R001'])).toBe('dismissed');
  });

  it('are found again when the same file is uploaded again, and never by a different file with the same header and row count', async () => {
    const fileA = 'buyer;amount\nAlpha;100\nBeta;200\n';
    const fileB = 'buyer;amount\nAlpha;100\nBeta;201\n';
    const first = await fingerprintBlob(new Blob([fileA]));
    const again = await fingerprintBlob(new Blob([fileA]));
    const other = await fingerprintBlob(new Blob([fileB]));
    const index = indexReviews([decide(undefined, key('row-2', 'R001', first), { status: 'confirmed' }, 't')]);
    expect(purchaseStatus(index, again, 'row-2', ['R001'])).toBe('confirmed');
    expect(purchaseStatus(index, other, 'row-2', ['R001'])).toBe('new');
  });

  it('are kept when flags are recomputed with other parameters, and reported as no longer firing', () => {
    const reviews = [
      decide(undefined, key('p1', 'R001'), { status: 'confirmed' }, 't'),
      decide(undefined, key('p1', 'R018'), { status: 'dismissed' }, 't'),
    ];
    // With the new parameters only R018 fires on p1.
    const gone = reviewsNoLongerFiring(reviews, FP, 'p1', ['R018']);
    expect(gone.map((r) => r.code)).toEqual(['R001']);
    expect(purchaseStatus(indexReviews(reviews), FP, 'p1', ['R018'])).toBe('dismissed');
  });

  it('give a purchase the status "new" until every flag on it is decided', () => {
    const index = indexReviews([decide(undefined, key('p1', 'R001'), { status: 'escalated' }, 't')]);
    expect(purchaseStatus(index, FP, 'p1', ['R001', 'R018'])).toBe('new');
    expect(purchaseStatus(index, FP, 'p1', ['R001'])).toBe('escalated');
  });
});

describe('review exchange', () => {
  const review = (id: string, status: Review['status'], note = '', at = 't1') => decide(undefined, key(id), { status, note }, at);

  it('merges a colleague’s file, reporting a conflict (same key, other decision) and letting the user pick', () => {
    const ours = [review('p1', 'confirmed', 'mine'), review('p2', 'dismissed')];
    const file = reviewsToJson(
      [review('p1', 'dismissed', 'theirs', 't2'), review('p2', 'dismissed'), review('p3', 'escalated')],
      'now',
    );
    const { reviews: theirs, rejected } = parseReviewsJson(file);
    expect(rejected).toBe(0);
    const merged = mergeReviews(ours, theirs);
    expect(merged.toStore.map((r) => r.purchaseId)).toEqual(['p3']);
    expect(merged.unchanged).toBe(1);
    expect(merged.conflicts).toHaveLength(1);
    const [c] = merged.conflicts;
    expect([c.local.status, c.incoming.status]).toEqual(['confirmed', 'dismissed']);
    expect(resolveConflict(c, 'local')).toBe(c.local);
    const taken = resolveConflict(c, 'incoming');
    expect(taken).toMatchObject({ status: 'dismissed', note: 'theirs', history: [{ status: 'confirmed', note: 'mine' }] });
    expect(reviewId(taken)).toBe(c.id);
  });

  it('never overwrites a decision silently, whatever the two sides hold', () => {
    const status = fc.constantFrom('new', 'confirmed', 'dismissed', 'escalated' as const);
    const side = fc.array(fc.record({ id: fc.constantFrom('p1', 'p2', 'p3', 'p4'), status }), { maxLength: 6 });
    fc.assert(
      fc.property(side, side, (a, b) => {
        const ours = [...indexReviews(a.map((r) => review(r.id, r.status))).values()];
        const theirs = [...indexReviews(b.map((r) => review(r.id, r.status))).values()];
        const m = mergeReviews(ours, theirs);
        const mine = indexReviews(ours);
        for (const r of m.toStore) expect(mine.get(reviewId(r))?.status ?? r.status).toBe(r.status);
        expect(m.toStore.length + m.conflicts.length + m.unchanged).toBe(theirs.length);
      }),
    );
  });

  it('rejects malformed entries of an imported file instead of trusting them', () => {
    const text = JSON.stringify({
      format: 'tenderlens-reviews',
      version: 1,
      reviews: [{ fingerprint: 'x', purchaseId: 'p', code: 'R001' }],
    });
    expect(parseReviewsJson(text)).toEqual({ reviews: [], rejected: 1 });
    expect(() => parseReviewsJson('{}')).toThrow();
  });

  it('writes CSV through the one CSV writer: BOM, header, formula-safe notes', () => {
    const csv = reviewsToCsv([review('p1', 'confirmed', '=HYPERLINK("x")')]);
    expect(csv.startsWith('\ufeff')).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1).trim()).data;
    expect(rows[0]).toEqual(['fingerprint', 'purchase_id', 'flag', 'status', 'note', 'reviewer', 'decided_at', 'edits']);
    expect(rows[1].slice(1, 5)).toEqual(['p1', 'R001', 'confirmed', `'=HYPERLINK("x")`]);
  });
});
