/**
 * The property tests' own CSV reader: small enough to check by eye, sharing nothing with the
 * importer (no PapaParse, no DuckDB, no src/ingest). It splits decoded text into records with a
 * given delimiter, quote and escape, and reads numbers in a stated format.
 */

/** A dialect as the generator wrote the file. */
export interface RefDialect {
  delimiter: string;
  quote: string;
  /** The quote doubled (RFC 4180) or a backslash before it. */
  escape: string;
}

/** Records of `text`; lines with nothing on them are no records (DuckDB skips them, and so do people). */
export function readRecords(text: string, d: RefDialect): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let touched = false; // the current line has content (a delimiter, a quote or a character)
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (d.escape !== d.quote && ch === d.escape && (text[i + 1] === d.quote || text[i + 1] === d.escape)) {
        field += text[++i];
      } else if (ch === d.quote && d.escape === d.quote && text[i + 1] === d.quote) {
        field += d.quote;
        i++;
      } else if (ch === d.quote) quoted = false;
      else field += ch;
      continue;
    }
    if (ch === d.quote && field === '') {
      quoted = true;
      touched = true;
    } else if (ch === d.delimiter) {
      record.push(field);
      field = '';
      touched = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (touched) {
        record.push(field);
        records.push(record);
      }
      record = [];
      field = '';
      touched = false;
    } else {
      field += ch;
      touched = true;
    }
  }
  if (touched) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** A number written with `decimal` and optional grouping, or in scientific notation; null when empty. */
export function readAmount(text: string, decimal: '.' | ','): number | null {
  let t = text.trim();
  if (t === '') return null;
  t = t.replace(/[ \u00a0]/g, '');
  const group = decimal === ',' ? '.' : ',';
  if (!/e/i.test(t)) t = t.split(group).join('');
  if (decimal === ',') t = t.replace(',', '.');
  if (!/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(t)) throw new Error(`reference: not a number: ${text}`);
  return Number(t);
}
