import { rowsToCsv } from './xlsx';
import { IngestError } from './errors';

/**
 * A JSON array of flat records (one object per purchase or lot, as scrapers and some portals
 * export) read as a table: the same mapping screen and CSV loader as any other table. OCDS is
 * told apart by its `ocid` / `releases` / `records` keys and goes to the OCDS importer instead.
 */

/** Largest JSON table parsed in memory (the whole text is parsed at once). */
export const MAX_JSON_TABLE_BYTES = 200_000_000;

/** True when `value` is a non-empty array of objects none of which looks like OCDS. */
export function isRecordsArray(value: unknown): value is Record<string, unknown>[] {
  if (!Array.isArray(value) || value.length === 0) return false;
  return value.every(
    (r) => r !== null && typeof r === 'object' && !Array.isArray(r) && !('ocid' in r) && !('releases' in r) && !('records' in r),
  );
}

/** Parses the bytes and returns the records, or null when the JSON is not a records array (e.g. OCDS). */
export function parseRecordsArray(bytes: Uint8Array, fileName: string): Record<string, unknown>[] | null {
  if (bytes.length > MAX_JSON_TABLE_BYTES) return null;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8').decode(bytes));
  } catch (e) {
    throw new IngestError(
      'invalid_json',
      `“${fileName}” is not valid JSON (${(e as Error).message}). Check that the file was saved or downloaded completely.`,
    );
  }
  return isRecordsArray(value) ? value : null;
}

/** Records → UTF-8 CSV: columns in order of first appearance; nested values as JSON text. */
export function recordsToCsvBytes(records: readonly Record<string, unknown>[]): Uint8Array {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of records)
    for (const k of Object.keys(r))
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return new TextEncoder().encode(rowsToCsv([columns, ...records.map((r) => columns.map((c) => cell(r[c])))]));
}
