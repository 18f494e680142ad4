import type { Param } from '../engine/types';

/** What the user narrowed the dashboard to. Empty or missing lists mean "all". */
export interface Filter {
  years?: number[];
  sectors?: string[];
  methods?: string[];
  buyers?: string[];
  suppliers?: string[];
}

/** A SQL fragment with its bound parameters, in order. */
export interface BoundSql {
  sql: string;
  params: Param[];
}

/**
 * Builds the WHERE condition for a filter over `purchases` (optionally aliased).
 * Every value is a bound parameter; only the fixed column names are written into SQL.
 */
export function whereClause(filter: Filter, alias?: string): BoundSql {
  const col = (c: string) => (alias ? `${alias}.${c}` : c);
  const parts: string[] = [];
  const params: Param[] = [];
  const inList = (column: string, values: readonly Param[] | undefined) => {
    if (!values || values.length === 0) return;
    parts.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  inList(`year(${col('signed_date')})`, filter.years);
  inList(col('sector'), filter.sectors);
  inList(col('method'), filter.methods);
  inList(col('buyer_id'), filter.buyers);
  inList(col('supplier_id'), filter.suppliers);
  return { sql: parts.length ? parts.join(' AND ') : 'TRUE', params };
}

/** True when the filter narrows nothing. */
export function isEmptyFilter(filter: Filter): boolean {
  return Object.values(filter).every((v) => !v || v.length === 0);
}
