import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { reviewId, type Review } from './types';

/**
 * The thin IndexedDB adapter: reviews are stored whole under their key, in a database of their own
 * (so the data session's schema upgrades and ours never collide). All logic is in ./book.ts.
 */
interface ReviewsDB extends DBSchema {
  reviews: { key: string; value: Review & { id: string }; indexes: { fingerprint: string } };
}

let dbPromise: Promise<IDBPDatabase<ReviewsDB>> | null = null;

function db(): Promise<IDBPDatabase<ReviewsDB>> {
  dbPromise ??= openDB<ReviewsDB>('tenderlens-reviews', 1, {
    upgrade(d) {
      const store = d.createObjectStore('reviews', { keyPath: 'id' });
      store.createIndex('fingerprint', 'fingerprint');
    },
  });
  return dbPromise;
}

/** Every stored review (a monitor's reviews number in the thousands, not millions). */
export async function loadReviews(): Promise<Review[]> {
  const rows = await (await db()).getAll('reviews');
  return rows.map(({ id: _id, ...r }) => r);
}

/** Stores reviews in one transaction (a merged import lands whole or not at all). */
export async function saveReviews(reviews: readonly Review[]): Promise<void> {
  const tx = (await db()).transaction('reviews', 'readwrite');
  await Promise.all([...reviews.map((r) => tx.store.put({ ...r, id: reviewId(r) })), tx.done]);
}
