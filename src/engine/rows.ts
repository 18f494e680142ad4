import type { Table } from 'apache-arrow';
import type { Row } from './types';

/**
 * Arrow result -> plain objects. DATE columns arrive as epoch milliseconds (castTimestampToDate);
 * they become ISO `YYYY-MM-DD` strings so rows are JSON-safe and compare as text.
 */
export function rowsFromArrow(table: Table): Row[] {
  const fields = table.schema.fields;
  const dateCols = fields.filter((f) => String(f.type).startsWith('Date')).map((f) => f.name);
  const out: Row[] = new Array(table.numRows);
  let i = 0;
  for (const r of table) {
    const row = (r as unknown as { toJSON(): Row }).toJSON();
    for (const c of dateCols) {
      const v = row[c];
      if (typeof v === 'number') row[c] = new Date(v).toISOString().slice(0, 10);
      else if (v instanceof Date) row[c] = v.toISOString().slice(0, 10);
    }
    for (const k in row) {
      const v = row[k];
      if (typeof v === 'bigint') row[k] = Number(v);
    }
    out[i++] = row;
  }
  return out;
}
