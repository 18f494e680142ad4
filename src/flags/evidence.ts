/**
 * Building evidence JSON in SQL. DuckDB-wasm has no JSON extension offline (`to_json` is missing),
 * so evidence is concatenated text. Every string goes through `str()`, which escapes what JSON
 * requires (backslash, quote, control characters); every number goes through `num()`, which turns
 * NULL, NaN and ±Infinity into `null`. Keys are constants from our code and are escaped in TS.
 *
 * Each helper takes a SQL expression and returns a SQL expression of type VARCHAR holding JSON.
 */

/** A SQL expression that evaluates to JSON text. */
export type JsonSql = string & { readonly __json: unique symbol };

function sqlText(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** JSON-escapes a string in TS (used for keys, and as the reference the SQL escaping is tested against). */
export function jsonEscapeTs(s: string): string {
  return JSON.stringify(s);
}

// Per-character escaping of one string (UTF-8 aware: string_split(s, '') yields code points).
// It only runs when a quote, backslash or control character is present; ids and names rarely have one.
function escapeChars(v: string): string {
  return `array_to_string(list_transform(string_split(${v}, ''), lambda c: CASE WHEN c = '"' THEN '\\"' WHEN c = '\\' THEN '\\\\' WHEN ord(c) < 32 THEN format('\\u{:04x}', ord(c)) ELSE c END), '')`;
}

/** JSON string (or null) from a SQL expression of any type (cast to VARCHAR). */
export function str(expr: string): JsonSql {
  const v = `CAST(${expr} AS VARCHAR)`;
  return `(CASE WHEN ${v} IS NULL THEN 'null' WHEN regexp_matches(${v}, '[\\x00-\\x1f"\\\\]') THEN '"' || ${escapeChars(v)} || '"' ELSE '"' || ${v} || '"' END)` as JsonSql;
}

/** JSON number (or null) from a numeric SQL expression; NaN and infinities become null. */
export function num(expr: string): JsonSql {
  const v = `CAST(${expr} AS DOUBLE)`;
  return `(CASE WHEN ${v} IS NULL OR isnan(${v}) OR isinf(${v}) THEN 'null' ELSE CAST(${v} AS VARCHAR) END)` as JsonSql;
}

/** JSON integer (or null) from an integer-valued SQL expression (counts, days). */
export function int(expr: string): JsonSql {
  return `coalesce(CAST(CAST(${expr} AS BIGINT) AS VARCHAR), 'null')` as JsonSql;
}

/** JSON boolean (or null). */
export function bool(expr: string): JsonSql {
  return `(CASE WHEN (${expr}) IS NULL THEN 'null' WHEN (${expr}) THEN 'true' ELSE 'false' END)` as JsonSql;
}

/** JSON array of strings from a SQL LIST expression. */
export function strList(expr: string): JsonSql {
  return `coalesce('[' || array_to_string(list_transform(${expr}, lambda x: ${str('x')}), ',') || ']', 'null')` as JsonSql;
}

/** JSON array of numbers from a SQL LIST expression. */
export function numList(expr: string): JsonSql {
  return `coalesce('[' || array_to_string(list_transform(${expr}, lambda x: ${num('x')}), ',') || ']', 'null')` as JsonSql;
}

/** JSON object from key → JSON expression pairs (keys are code constants). */
export function obj(fields: Record<string, JsonSql>): JsonSql {
  const parts = Object.entries(fields).map(([k, v], i) => `${sqlText((i ? ',' : '{') + jsonEscapeTs(k) + ':')} || ${v}`);
  if (parts.length === 0) return `'{}'` as JsonSql;
  return `(${parts.join(' || ')} || '}')` as JsonSql;
}
