/**
 * A failed query: keeps the SQL for developers and a sentence for people.
 * Shaped after sqlrooms' typed query errors.
 */
export class QueryError extends Error {
  readonly sql: string;
  readonly userMessage: string;
  readonly cause: unknown;

  constructor(sql: string, cause: unknown, userMessage?: string) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`${detail}\n-- while running:\n${sql.slice(0, 2000)}`);
    this.name = 'QueryError';
    this.sql = sql;
    this.cause = cause;
    this.userMessage = userMessage ?? explain(detail);
  }
}

/** Turns DuckDB's message into something a person can act on. */
export function explain(detail: string): string {
  if (/out of memory|could not allocate/i.test(detail)) {
    return 'The browser ran out of memory for this data. Try a smaller file, or close other datasets and tabs.';
  }
  if (/Conversion Error/i.test(detail)) {
    return `A value could not be converted to the expected type: ${firstLine(detail)}`;
  }
  if (/Catalog Error/i.test(detail)) {
    return `A table or column is missing: ${firstLine(detail)}`;
  }
  if (/Parser Error/i.test(detail)) {
    return `The query could not be understood: ${firstLine(detail)}`;
  }
  return `The database reported an error: ${firstLine(detail)}`;
}

function firstLine(s: string): string {
  return s.split('\n')[0].slice(0, 300);
}
