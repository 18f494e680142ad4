/**
 * Column mapping: the canonical fields a source column can feed, the mapping type, and the
 * entry points of recognition (`proposeMapping` in recognise/, `autoMap` for header-only callers).
 * The method vocabulary lives in recognise/methods.ts and is re-exported here.
 */
import { proposeMapping } from './recognise/propose';

/** Canonical fields a source column can be mapped to (`dataset_id` and `source_row` are set by the loader). */
export const MAPPABLE_FIELDS = [
  'purchase_id',
  'buyer_id',
  'buyer_name',
  'supplier_id',
  'supplier_name',
  'method',
  'amount',
  'currency',
  'signed_date',
  'tender_start',
  'tender_end',
  'n_bidders',
  'item_code',
  'item_name',
  'unit',
  'quantity',
  'unit_price',
  'region',
  'status',
  'supplier_registered',
  'sector',
] as const;

/** A canonical field a column can be mapped to. */
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

/** Canonical field → source column name (as in the file's header, or column1…N), or null. */
export type ColumnMapping = Record<MappableField, string | null>;

/** Fields holding numbers (cleaned with the column's number format). */
export const NUMERIC_FIELDS: readonly MappableField[] = ['amount', 'quantity', 'unit_price', 'n_bidders'];
/** Fields holding dates (parsed with the column's date format). */
export const DATE_FIELDS: readonly MappableField[] = ['signed_date', 'tender_start', 'tender_end', 'supplier_registered'];

/**
 * The comparison key of a header: lower case, `ё` as `е`, and everything that is not a letter
 * or a digit removed (so `/ _ : . -`, spaces, brackets and trailing spaces do not matter).
 */
export function normaliseHeader(h: string): string {
  return h
    .normalize('NFC')
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The result of `autoMap`. */
export interface AutoMapResult {
  mapping: ColumnMapping;
  /** Headers no field took, in file order. */
  unmapped: string[];
}

/** An empty mapping (every field null). */
export function emptyMapping(): ColumnMapping {
  return Object.fromEntries(MAPPABLE_FIELDS.map((f) => [f, null])) as ColumnMapping;
}

/**
 * Maps headers (and, when given, sample rows) to canonical fields: the same recognition as
 * `proposeMapping`, without the reasons. Prefer `proposeMapping`, which also says why.
 */
export function autoMap(
  headers: readonly string[],
  sampleRows: readonly (readonly (string | null | undefined)[])[] = [],
): AutoMapResult {
  const p = proposeMapping(headers, sampleRows);
  return { mapping: p.mapping, unmapped: p.unmapped };
}

/**
 * A short signature of a header row, for remembering a mapping the person confirmed: the same
 * normalised headers in the same order give the same signature.
 */
export function headerSignature(headers: readonly string[]): string {
  const text = headers.map(normaliseHeader).join('|');
  // FNV-1a, 32 bits, over UTF-16 code units: stable, tiny, no crypto needed for a lookup key.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${headers.length}-${h.toString(16).padStart(8, '0')}`;
}

// Procurement methods: the vocabulary lives in recognise/methods.ts; these names stay for existing callers.
export {
  METHOD_RULES,
  competitiveSql,
  isCompetitive,
  methodCaseSql,
  normaliseMethod,
  type MethodNormalised,
  type MethodRule,
} from './recognise/methods';

export { proposeMapping, type MappingProposal, type FieldReason } from './recognise/propose';
