import type { ColumnSpec, Row } from './types';
import { ident, literal } from './sql';

/**
 * JS records reach DuckDB as CSV text read with declared column types. Arrow would be the
 * obvious carrier, but apache-arrow's builders compile their null checks with `new Function`,
 * which the app's Content-Security-Policy (no 'unsafe-eval') rightly refuses. CSV is read by
 * DuckDB's fastest reader and behaves the same in every engine.
 *
 * Empty strings and null both become NULL (DuckDB reads an empty field, quoted or not, as NULL).
 *
 * This is a loader encoding, deliberately not the export writer (`src/export/csv.ts`): a
 * formula prefix would change the values stored, and a BOM would become part of the first cell.
 * Nothing written here ever reaches a person.
 */
export function recordsToCsv(records: readonly Row[], columns: readonly ColumnSpec[]): string {
  const lines: string[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const cells: string[] = new Array(columns.length);
    for (let c = 0; c < columns.length; c++) cells[c] = cell(r[columns[c].name], columns[c].type);
    lines[i] = cells.join(',');
  }
  return lines.join('\n') + '\n';
}

function cell(v: unknown, type: ColumnSpec['type']): string {
  if (v === undefined || v === null || v === '') return '';
  switch (type) {
    case 'DOUBLE':
    case 'BIGINT':
    case 'INTEGER': {
      const n = typeof v === 'number' ? v : Number(v);
      if (!Number.isFinite(n)) return '';
      return type === 'DOUBLE' ? String(n) : String(Math.round(n));
    }
    case 'BOOLEAN':
      return v ? 'true' : 'false';
    case 'DATE':
    case 'TIMESTAMP': {
      const d = v instanceof Date ? v : new Date(String(v));
      if (Number.isNaN(d.getTime())) return '';
      const iso = d.toISOString();
      return type === 'DATE' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
    }
    default: {
      const s = typeof v === 'string' ? v : JSON.stringify(v);
      return `"${s.replaceAll('"', '""')}"`;
    }
  }
}

/** The statement that appends a registered records CSV to `table`. */
export function insertCsvSql(table: string, fileName: string, columns: readonly ColumnSpec[]): string {
  const cols = columns.map((c) => `${literal(c.name)}: ${literal(c.type)}`).join(', ');
  return `INSERT INTO ${ident(table)} (${columns.map((c) => ident(c.name)).join(', ')})
    SELECT * FROM read_csv(${literal(fileName)}, header = false, auto_detect = false, delim = ',', quote = '"', escape = '"',
      columns = {${cols}}, dateformat = '%Y-%m-%d', timestampformat = '%Y-%m-%d %H:%M:%S.%g')`;
}

/** A table definition for `insertRecords`' CREATE IF NOT EXISTS. */
export function createTableSql(table: string, columns: readonly ColumnSpec[]): string {
  return `CREATE TABLE IF NOT EXISTS ${ident(table)} (${columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ')})`;
}

/** What {@link insertRecordsAsCsv} needs of an engine. */
export interface CsvInsertTarget {
  exec(sql: string): Promise<void>;
  registerFile(name: string, data: Uint8Array): Promise<void>;
  dropFile(name: string): Promise<void>;
}

/**
 * `Engine.insertRecords` for every engine: create the table if missing, then append the records
 * through a registered CSV file, dropped again whatever happens.
 */
export async function insertRecordsAsCsv(
  engine: CsvInsertTarget,
  table: string,
  records: readonly Row[],
  columns: readonly ColumnSpec[],
): Promise<void> {
  await engine.exec(createTableSql(table, columns));
  if (records.length === 0) return;
  const name = recordsFileName();
  await engine.registerFile(name, new TextEncoder().encode(recordsToCsv(records, columns)));
  try {
    await engine.exec(insertCsvSql(table, name, columns));
  } finally {
    await engine.dropFile(name);
  }
}

let counter = 0;
/** A unique registered-file name for one insert. */
export function recordsFileName(): string {
  return `records-${Date.now().toString(36)}-${++counter}.csv`;
}
