import { toCsv } from '../export/csv';
import { REVIEW_STATUSES, type Review, type ReviewEdit, type ReviewStatus } from './types';

/** Reviews as a colleague receives them: CSV (through the one CSV writer) or JSON. */

export const REVIEW_CSV_HEADER = [
  'fingerprint',
  'purchase_id',
  'flag',
  'status',
  'note',
  'reviewer',
  'decided_at',
  'edits',
] as const;

export function reviewsToCsv(reviews: readonly Review[]): string {
  return toCsv([
    REVIEW_CSV_HEADER,
    ...reviews.map((r) => [r.fingerprint, r.purchaseId, r.code, r.status, r.note, r.reviewer ?? '', r.at, r.history.length]),
  ]);
}

export interface ReviewsFile {
  format: 'tenderlens-reviews';
  version: 1;
  exportedAt: string;
  reviews: Review[];
}

export function reviewsToJson(reviews: readonly Review[], exportedAt: string): string {
  const file: ReviewsFile = { format: 'tenderlens-reviews', version: 1, exportedAt, reviews: [...reviews] };
  return JSON.stringify(file, null, 2);
}

/** A colleague's JSON file, checked field by field: anything malformed is reported, not trusted. */
export function parseReviewsJson(text: string): { reviews: Review[]; rejected: number } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('not a JSON file');
  }
  const file = data as Partial<ReviewsFile> | null;
  if (!file || file.format !== 'tenderlens-reviews' || !Array.isArray(file.reviews))
    throw new Error('not a TenderLens reviews file');
  const reviews: Review[] = [];
  let rejected = 0;
  for (const raw of file.reviews as unknown[]) {
    const r = asReview(raw);
    if (r) reviews.push(r);
    else rejected++;
  }
  return { reviews, rejected };
}

const isText = (v: unknown, max = 10_000): v is string => typeof v === 'string' && v.length <= max;
const isStatus = (v: unknown): v is ReviewStatus => REVIEW_STATUSES.includes(v as ReviewStatus);

function asEdit(raw: unknown): ReviewEdit | null {
  const e = raw as Partial<ReviewEdit> | null;
  if (!e || !isStatus(e.status) || !isText(e.note) || !isText(e.at, 40)) return null;
  return { status: e.status, note: e.note, at: e.at, ...(isText(e.reviewer, 200) && e.reviewer ? { reviewer: e.reviewer } : {}) };
}

function asReview(raw: unknown): Review | null {
  const r = raw as Partial<Review> | null;
  if (!r || !/^[0-9a-f]{64}$/.test(String(r.fingerprint)) || !isText(r.purchaseId, 500) || !isText(r.code, 40)) return null;
  const edit = asEdit(r);
  if (!edit) return null;
  const history = Array.isArray(r.history) ? r.history.map(asEdit) : [];
  if (history.some((h) => h === null)) return null;
  return { fingerprint: r.fingerprint!, purchaseId: r.purchaseId, code: r.code, ...edit, history: history as ReviewEdit[] };
}
