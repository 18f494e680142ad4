/** What a monitor decided about one flag on one purchase. */
export type ReviewStatus = 'new' | 'confirmed' | 'dismissed' | 'escalated';
export const REVIEW_STATUSES: readonly ReviewStatus[] = ['new', 'confirmed', 'dismissed', 'escalated'];

/**
 * Where a review belongs: the dataset's content fingerprint (SHA-256 of the file's bytes, so the
 * same file re-uploaded finds its reviews and two different files never share them), the purchase
 * id within it, and the flag code.
 */
export interface ReviewKey {
  fingerprint: string;
  purchaseId: string;
  code: string;
}

/** One earlier state of a review, kept when it is edited. */
export interface ReviewEdit {
  status: ReviewStatus;
  note: string;
  reviewer?: string;
  at: string;
}

export interface Review extends ReviewKey {
  status: ReviewStatus;
  note: string;
  reviewer?: string;
  /** ISO time of the latest decision. */
  at: string;
  /** Earlier states, oldest first. */
  history: ReviewEdit[];
}

/** A new decision on a key. */
export interface Decision {
  status: ReviewStatus;
  note?: string;
  reviewer?: string;
}

/** The key as one string (IndexedDB key, Map key). Parts are joined by a character no part holds. */
export function reviewId(k: ReviewKey): string {
  return `${k.fingerprint}\u001f${k.purchaseId}\u001f${k.code}`;
}
