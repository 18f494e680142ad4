import { Table, tableFromArrays, Float64, Int32, Utf8, Bool, DateDay, Vector, vectorFromArray, TimestampMillisecond } from 'apache-arrow';
import type { ColumnSpec, Row } from './types';

/** Converts JS records to an Arrow table with the declared column types, for `insertArrowTable`. */
export function recordsToArrow(records: readonly Row[], columns: readonly ColumnSpec[]): Table {
  const vectors: Record<string, Vector> = {};
  for (const col of columns) {
    const values = records.map((r) => normalise(r[col.name], col.type));
    vectors[col.name] = vectorFromArray(values as never, arrowType(col.type) as never);
  }
  return tableFromArrays(vectors as never) as unknown as Table;
}

function arrowType(type: ColumnSpec['type']) {
  switch (type) {
    case 'DOUBLE':
    case 'BIGINT':
      return new Float64();
    case 'INTEGER':
      return new Int32();
    case 'BOOLEAN':
      return new Bool();
    case 'DATE':
      return new DateDay();
    case 'TIMESTAMP':
      return new TimestampMillisecond();
    default:
      return new Utf8();
  }
}

function normalise(v: unknown, type: ColumnSpec['type']): unknown {
  if (v === undefined || v === null || v === '') return null;
  switch (type) {
    case 'DOUBLE':
    case 'BIGINT':
    case 'INTEGER': {
      const n = typeof v === 'number' ? v : Number(v);
      return Number.isFinite(n) ? n : null;
    }
    case 'BOOLEAN':
      return Boolean(v);
    case 'DATE':
    case 'TIMESTAMP': {
      const d = v instanceof Date ? v : new Date(String(v));
      return Number.isNaN(d.getTime()) ? null : d;
    }
    default:
      return typeof v === 'string' ? v : JSON.stringify(v);
  }
}
