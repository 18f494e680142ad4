/** Why an OCDS import stopped. */
export type OcdsErrorCode = 'empty' | 'invalid-json' | 'not-ocds' | 'aborted' | 'duplicate-dataset';

/**
 * A failed OCDS import: `message` for developers, `userMessage` for the person who chose the
 * file (what went wrong and what to try). Kept local to the OCDS importer until a shared
 * ingest error type exists.
 */
export class OcdsError extends Error {
  readonly code: OcdsErrorCode;
  readonly userMessage: string;
  readonly cause?: unknown;

  constructor(code: OcdsErrorCode, userMessage: string, detail?: string, cause?: unknown) {
    super(detail ? `${userMessage} (${detail})` : userMessage);
    this.name = 'OcdsError';
    this.code = code;
    this.userMessage = userMessage;
    this.cause = cause;
  }
}

/** What OCDS looks like, for the "this is not OCDS" message. */
export const OCDS_SHAPE_HINT =
  'OCDS data is JSON with an "ocid" on every release: a release package {"releases": [...]}, ' +
  'a record package {"records": [...]}, a single release or record, or JSON Lines with one release per line. ' +
  'CSV files are accepted too.';
