import type { Method, Purchase } from '../model/schema';

/** One tunable number of a flag, with where its default comes from. */
export interface ParamSpec {
  /** Key used in overrides and in the UI. */
  name: string;
  /** The default value. */
  default: number;
  /** What the number counts: 'days', 'share 0–1', 'purchases', 'z', 'ratio', 'HHI 0–10 000', … */
  unit: string;
  /** Where the default comes from (catalogue, paper, law). */
  source: string;
  /** Plain-language description for the settings panel. */
  description: string;
  /** Smallest accepted value (inclusive). */
  min?: number;
  /** Largest accepted value (inclusive). */
  max?: number;
  /** True when only whole numbers make sense. */
  integer?: boolean;
}

/** Resolved parameter values of one flag: every ParamSpec name → a validated finite number. */
export type ParamValues = Record<string, number>;

/** Which procedures a flag looks at (for display; the SQL applies it). */
export interface AppliesTo {
  /** OCDS methods the flag looks at; undefined = all. */
  methods?: Method[];
  /** true: competitive purchases only; false: non-competitive only; undefined: both. */
  competitive?: boolean;
  /** One sentence for the UI, e.g. "non-competitive and price-quotation purchases". */
  note: string;
}

/** Groups a flag compares a purchase within, for the risk score's "was it assessed" test. */
export type AssessmentGroup = 'buyer_year' | 'buyer' | 'item_unit';

/**
 * When a purchase counts as assessed by a flag: `row` holds for it (a SQL boolean over unqualified
 * `purchases` columns, no window functions), and, if `group` is given, its group has enough rows
 * satisfying `group.count` (`count(*) FILTER (WHERE count) >= min`, or `> min` when `strict`).
 * Run.ts turns the group tests into one GROUP BY per group kind and joins, which is far cheaper on a
 * million rows than a window function per flag.
 */
export interface Assessment {
  row: string;
  group?: { by: AssessmentGroup; count: string; min: number; strict?: boolean };
}

/** Kinds of entity a flag row is about. */
export type FlagLevel = 'purchase' | 'buyer';

/**
 * A red flag: its metadata and the SQL that raises it.
 *
 * `sql(params)` is a SELECT over the table `purchases` returning rows
 * `(dataset_id, entity_type, entity_id, code, value, strength, evidence)` (strength 0–1, see strength.ts) — evidence is JSON text built in SQL
 * with the helpers of evidence.ts. Parameters arrive validated (finite numbers only) and are pasted as
 * numeric literals; no text from a user ever reaches this SQL.
 */
export interface FlagDefinition {
  /** OCP catalogue code (R0xx) or our own TL-… code. */
  code: string;
  /** Short English name. */
  name: string;
  /** Why it matters, in plain language. */
  explanation: string;
  /** Entity the flag is raised on: a purchase, or a buyer (buyer-year, or buyer for R029). */
  level: FlagLevel;
  /** How `entity_id` is formed, for the UI ('purchase_id', 'buyer_id:year', 'buyer_id'). */
  entityKey: 'purchase_id' | 'buyer_id:year' | 'buyer_id';
  /** Columns that must not be entirely NULL in a dataset for the flag to be computable. */
  needs: (keyof Purchase)[];
  /** Groups of columns of which at least one must be present (e.g. item_code or supplier_id). */
  needsOneOf?: (keyof Purchase)[][];
  /** Procedures the flag looks at. */
  appliesTo: AppliesTo;
  /** Tunable numbers with their defaults. */
  params: ParamSpec[];
  /**
   * Risk-score component this flag feeds (R016 and R017 share one: a price is either too high or too
   * low, counting both would dilute the score). Defaults to `code`.
   */
  component?: string;
  /** Which purchases this flag assessed — the denominator of the risk score. */
  assessed(params: ParamValues): Assessment;
  /**
   * An intermediate result this flag shares with other flags (R016 and R017 read the same peer-price
   * statistics). `sql` is a SELECT over `purchases` whose rows for a dataset depend on that
   * dataset's purchases only. `runFlags` materialises it once per run for flags giving the same
   * name and SQL, as a temporary table whose name it passes to `sql`; without it, `sql` computes
   * the relation inline.
   */
  shared?(params: ParamValues): { name: string; sql: string };
  /**
   * The SELECT that raises the flag (see the interface comment). `sharedTable`, when given, names a
   * table holding the result of `shared(params).sql`, to read instead of computing it.
   */
  sql(params: ParamValues, sharedTable?: string): string;
}
