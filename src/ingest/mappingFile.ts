/**
 * The mapping file (`--mapping FILE.json`, and the app's "download this mapping"): the confirmed
 * column mapping of a table, with the person's classification of method texts, the currency and
 * the date format. One parser and validator for `tenderlens map`, `import` and `flags`.
 *
 * ```json
 * { "mapping": { "amount": "Сумма", "signed_date": "Дата", "buyer_name": null },
 *   "method_values": { "Маркетинговые исследования": "limited" },
 *   "currency": "KZT", "date_format": "%d.%m.%Y" }
 * ```
 * Only `mapping` is required; fields left out are unmapped.
 */
import type { Method } from '../model/schema';
import { emptyMapping, MAPPABLE_FIELDS, type ColumnMapping, type MappableField } from './mapping';
import { methodKey, type MethodValues } from './recognise/methods';

/** A parsed, valid mapping file. */
export interface MappingFile {
  mapping: ColumnMapping;
  method_values: MethodValues;
  currency: string | null;
  date_format: string | null;
}

/** A mapping file that cannot be used; the message says what to change. */
export class MappingFileError extends Error {}

const METHODS: readonly Method[] = ['open', 'selective', 'limited', 'direct'];
const DATE_FORMAT = /^(%[dmYy][./\- ]?){3}$/;

/** Parses and validates the text of a mapping file; `headers`, when given, must contain every mapped column. */
export function parseMappingFile(text: string, name: string, headers?: readonly string[]): MappingFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    throw new MappingFileError(`${name}: not valid JSON (${(e as Error).message}).`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new MappingFileError(`${name}: expected a JSON object with a "mapping" object.`);
  const o = raw as Record<string, unknown>;
  if (!o.mapping || typeof o.mapping !== 'object' || Array.isArray(o.mapping))
    throw new MappingFileError(`${name}: "mapping" is missing; give {"mapping": {"amount": "column name", …}}.`);
  const mapping = emptyMapping();
  for (const [field, col] of Object.entries(o.mapping as Record<string, unknown>)) {
    if (!MAPPABLE_FIELDS.includes(field as MappableField))
      throw new MappingFileError(`${name}: "${field}" is not a field TenderLens knows. Fields: ${MAPPABLE_FIELDS.join(', ')}.`);
    if (col !== null && typeof col !== 'string')
      throw new MappingFileError(`${name}: the column of "${field}" must be a column name or null.`);
    if (col !== null && headers && !headers.includes(col))
      throw new MappingFileError(
        `${name}: "${field}" names the column "${col}", which this file does not have. Its columns: ${headers.map((h) => JSON.stringify(h)).join(', ')}.`,
      );
    mapping[field as MappableField] = col;
  }
  const method_values: Record<string, Method> = {};
  if (o.method_values !== undefined) {
    if (!o.method_values || typeof o.method_values !== 'object' || Array.isArray(o.method_values))
      throw new MappingFileError(`${name}: "method_values" must map method texts to open, selective, limited or direct.`);
    for (const [text, m] of Object.entries(o.method_values as Record<string, unknown>)) {
      if (!METHODS.includes(m as Method))
        throw new MappingFileError(
          `${name}: the method "${text}" is classified as ${JSON.stringify(m)}; use open, selective, limited or direct.`,
        );
      method_values[methodKey(text)] = m as Method;
    }
  }
  let currency: string | null = null;
  if (o.currency !== undefined && o.currency !== null) {
    if (typeof o.currency !== 'string' || !/^[A-Za-z]{3}$/.test(o.currency))
      throw new MappingFileError(`${name}: "currency" must be a three-letter ISO code such as KZT, RUB or USD.`);
    currency = o.currency.toUpperCase();
  }
  let date_format: string | null = null;
  if (o.date_format !== undefined && o.date_format !== null) {
    if (typeof o.date_format !== 'string' || !DATE_FORMAT.test(o.date_format))
      throw new MappingFileError(`${name}: "date_format" must be like %d.%m.%Y or %Y-%m-%d.`);
    date_format = o.date_format;
  }
  return { mapping, method_values, currency, date_format };
}

/** The JSON text of a mapping file (what the dialog downloads and `--mapping` reads back). */
export function mappingFileText(f: Partial<MappingFile> & { mapping: Partial<ColumnMapping> }): string {
  const mapping = Object.fromEntries(MAPPABLE_FIELDS.map((k) => [k, f.mapping[k] ?? null]));
  return (
    JSON.stringify(
      { mapping, method_values: f.method_values ?? {}, currency: f.currency ?? null, date_format: f.date_format ?? null },
      null,
      2,
    ) + '\n'
  );
}
