/**
 * The one audited place where text is pasted into SQL. Everything a user or a URL supplies
 * goes through bound parameters; these helpers exist only for identifiers and file names,
 * which SQL cannot bind.
 */

/** Quotes an identifier (table or column name) for DuckDB. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal (file names in `read_csv`, option values). */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Settings run right after connecting, in every engine. */
export const SESSION_SETUP = [
  // JSON/Parquet readers would be fetched from the internet on first use; offline that hangs.
  'SET autoload_known_extensions=false',
  'SET autoinstall_known_extensions=false',
];
