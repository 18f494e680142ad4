import type { Param } from './types';

/**
 * The one audited place where text is pasted into SQL. Everything a user or a URL supplies
 * goes through bound parameters: the `sql` tagged template below turns every interpolated value
 * into a `?`; `ident` and `literal` exist only for identifiers and file names, which SQL cannot bind.
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

/**
 * A piece of SQL with its bound parameters, in order. Indicator queries are assembled from
 * fragments so every setting value reaches DuckDB as a `?` parameter and the placeholders can
 * never drift out of step with the values.
 */
export interface Fragment {
  readonly text: string;
  readonly params: readonly Param[];
}

const FRAGMENT = Symbol('fragment');
type Tagged = Fragment & { readonly [FRAGMENT]: true };

function isFragment(v: unknown): v is Tagged {
  return typeof v === 'object' && v !== null && (v as Tagged)[FRAGMENT] === true;
}

function make(text: string, params: readonly Param[]): Tagged {
  return { text, params, [FRAGMENT]: true };
}

/**
 * Tagged template: interpolated fragments are inlined, every other value becomes a bound `?`.
 * @example sql`SELECT * FROM t WHERE a = ${value} AND ${other}`
 */
export function sql(strings: TemplateStringsArray, ...values: readonly (Param | Fragment)[]): Fragment {
  let text = strings[0];
  const params: Param[] = [];
  values.forEach((v, i) => {
    if (isFragment(v)) {
      text += v.text;
      params.push(...v.params);
    } else {
      text += '?';
      params.push(v as Param);
    }
    text += strings[i + 1];
  });
  return make(text, params);
}

/** Fixed SQL text written by us (never user input): keywords, column names, sub-expressions. */
export function raw(text: string): Fragment {
  return make(text, []);
}

/** Joins fragments with a separator. */
export function join(parts: readonly Fragment[], separator: string): Fragment {
  return make(
    parts.map((p) => p.text).join(separator),
    parts.flatMap((p) => p.params),
  );
}

/**
 * `expr IN (?, ?, …)` over a set of strings; an empty set gives FALSE (so an unset allow list
 * matches nothing and callers decide what an empty list means).
 */
export function inList(expr: Fragment, values: Iterable<string>): Fragment {
  const list = [...values];
  if (list.length === 0) return raw('FALSE');
  return sql`${expr} IN (${join(
    list.map((v) => sql`${v}::VARCHAR`),
    ', ',
  )})`;
}
