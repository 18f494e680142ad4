import { rowsToCsv } from './xlsx';
import { IngestError } from './errors';

/**
 * A JSON table, read like any other table (the same mapping screen and CSV loader): an array of
 * flat records (one object per purchase or lot, as scrapers and some portals export), or an API
 * envelope holding one (`{"total": …, "items": […]}` as goszakup API v3 answers, or under
 * `data` / `results`). OCDS is told apart by its `ocid` / `releases` / `records` keys and goes to
 * the OCDS importer instead.
 */

/** Keys under which API envelopes hold their records, in the order they are looked for. */
export const ENVELOPE_KEYS = ['items', 'data', 'results'] as const;

/** Largest JSON table parsed in memory (the whole text is parsed at once). */
export const MAX_JSON_TABLE_BYTES = 200_000_000;

/** True when `value` is a non-empty array of objects none of which looks like OCDS. */
export function isRecordsArray(value: unknown): value is Record<string, unknown>[] {
  if (!Array.isArray(value) || value.length === 0) return false;
  return value.every(
    (r) => r !== null && typeof r === 'object' && !Array.isArray(r) && !('ocid' in r) && !('releases' in r) && !('records' in r),
  );
}

/** The records of an array of records or of an API envelope around one; null for anything else (OCDS …). */
export function recordsOf(value: unknown): Record<string, unknown>[] | null {
  if (isRecordsArray(value)) return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const o = value as Record<string, unknown>;
  if ('releases' in o || 'records' in o || 'ocid' in o) return null;
  for (const k of ENVELOPE_KEYS) if (isRecordsArray(o[k])) return o[k];
  return null;
}

/**
 * Parses the bytes and returns the records, or null when the JSON is not a table (e.g. OCDS).
 * `lenient`: text that is not one JSON value (JSON Lines, a truncated file) gives null instead
 * of an error, for callers that hand it to the OCDS reader next.
 */
export function parseRecordsArray(bytes: Uint8Array, fileName: string, lenient = false): Record<string, unknown>[] | null {
  if (bytes.length > MAX_JSON_TABLE_BYTES) return null;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8').decode(bytes));
  } catch (e) {
    if (lenient) return null;
    throw new IngestError(
      'invalid_json',
      `“${fileName}” is not valid JSON (${(e as Error).message}). Check that the file was saved or downloaded completely.`,
    );
  }
  return recordsOf(value);
}

/**
 * Whether the first bytes of a JSON file may start a table (worth parsing whole): an array, or
 * an object whose first bytes name no OCDS key.
 */
export function mayBeJsonTable(head: Uint8Array): boolean {
  const text = new TextDecoder('utf-8')
    .decode(head)
    .replace(/^\ufeff/, '')
    .trimStart();
  if (text.startsWith('[')) return true;
  if (!text.startsWith('{')) return false;
  return !/"(ocid|releases|records)"\s*:/.test(text);
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
