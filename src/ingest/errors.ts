/**
 * Import failures a person can act on. Each carries a `userMessage` saying what was wrong with
 * the file and what to try; `message` keeps the technical detail for logs.
 */

/** Why an import could not start or finish. */
export type IngestErrorCode =
  | 'empty'
  | 'binary'
  | 'one_column'
  | 'no_rows'
  | 'too_large'
  | 'undecodable'
  | 'unsupported'
  // The table does not hold what the load counted (a bug: the load is rolled back).
  | 'books'
  // OCDS JSON (src/ingest/ocds/errors.ts)
  | 'invalid_json'
  | 'not_ocds'
  | 'aborted'
  | 'duplicate_dataset';

/** An import failure with a sentence for people. */
export class IngestError extends Error {
  readonly code: IngestErrorCode;
  readonly userMessage: string;

  constructor(code: IngestErrorCode, userMessage: string, detail?: string) {
    super(detail ? `${userMessage} (${detail})` : userMessage);
    this.name = 'IngestError';
    this.code = code;
    this.userMessage = userMessage;
  }

  /** The file has no bytes at all. */
  static empty(fileName: string): IngestError {
    return new IngestError('empty', `“${fileName}” is empty. Check that the export finished, then upload the file again.`);
  }

  /** The file is not text (an image, an archive, a .xls from before 2007, …). */
  static binary(fileName: string): IngestError {
    return new IngestError(
      'binary',
      `“${fileName}” is not a text table. Upload a CSV (or .xlsx) file; if this is an old Excel .xls file, open it in Excel or LibreOffice and save it as CSV or .xlsx.`,
    );
  }

  /** Every line parsed into one column: probably the wrong delimiter. */
  static oneColumn(fileName: string, delimiter: string): IngestError {
    const shown = delimiter === '\t' ? 'tab' : `“${delimiter}”`;
    return new IngestError(
      'one_column',
      `“${fileName}” was read as a single column with ${shown} as the delimiter. Choose another delimiter (comma, semicolon, tab or |) and try again.`,
    );
  }

  /** A header and nothing under it. */
  static noRows(fileName: string): IngestError {
    return new IngestError(
      'no_rows',
      `“${fileName}” has column names but no rows under them. Check that the export included the data.`,
    );
  }

  /** Bigger than the browser can hold. */
  static tooLarge(fileName: string, bytes: number, limitBytes: number): IngestError {
    const mb = (n: number) => `${Math.round(n / 1e6).toLocaleString('en')} MB`;
    return new IngestError(
      'too_large',
      `“${fileName}” is ${mb(bytes)}, more than the ${mb(limitBytes)} this browser can load. Split the file (for example by year), or use the command-line tool, which uses native DuckDB.`,
    );
  }

  /** No supported encoding decodes the text. */
  static undecodable(fileName: string, encoding?: string): IngestError {
    return new IngestError(
      'undecodable',
      `The text in “${fileName}” could not be decoded${encoding ? ` as ${encoding}` : ''}. Choose the encoding by hand (UTF-8, Windows-1251, CP866 or KOI8-R), or save the file as “CSV UTF-8” in Excel.`,
    );
  }

  /** A file kind this path does not read. */
  static unsupported(fileName: string, what: string): IngestError {
    return new IngestError('unsupported', `“${fileName}” looks like ${what}, which this importer does not read.`);
  }
}

/** Throws `IngestError.tooLarge` when `bytes` exceeds `limitBytes`. */
export function checkSize(fileName: string, bytes: number, limitBytes: number): void {
  if (bytes > limitBytes) throw IngestError.tooLarge(fileName, bytes, limitBytes);
}
