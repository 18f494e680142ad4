import { IngestError } from '../errors';
import type { IngestErrorCode } from '../errors';

/** Why an OCDS import stopped. */
export type OcdsErrorCode = Extract<IngestErrorCode, 'empty' | 'invalid_json' | 'not_ocds' | 'aborted' | 'duplicate_dataset'>;

/**
 * A failed OCDS import: an `IngestError` (so the upload UI treats CSV and OCDS failures alike)
 * with `userMessage` saying what went wrong and what to try, `message` adding the parser's
 * detail for logs.
 */
export class OcdsError extends IngestError {
  declare readonly code: OcdsErrorCode;
  readonly cause?: unknown;

  constructor(code: OcdsErrorCode, userMessage: string, detail?: string, cause?: unknown) {
    super(code, userMessage, detail);
    this.name = 'OcdsError';
    this.cause = cause;
  }
}

/** What OCDS looks like, for the "this is not OCDS" message. */
export const OCDS_SHAPE_HINT =
  'OCDS data is JSON with an "ocid" on every release: a release package {"releases": [...]}, ' +
  'a record package {"records": [...]}, a single release or record, or JSON Lines with one release per line. ' +
  'CSV files are accepted too.';
