/**
 * Kazakhstan's legal money thresholds, as plain editable data. Amounts in law are multiples of the
 * monthly calculation index (MRP, МРП), which changes every year (twice in 2020 and 2022). Each
 * number says where it comes from and whether it was checked against a primary or reliable source.
 */

/** One MRP value in force from `from` (inclusive) to the next entry. */
export interface MrpValue {
  /** First day in force, 'YYYY-MM-DD'. */
  from: string;
  /** Tenge. */
  tenge: number;
  /** Where the number comes from. */
  source: string;
  /** True when checked against a cited source; false when from memory and still to verify. */
  verified: boolean;
}

/** Which purchases a method limit applies to. */
export type MethodClass = 'price_quotation' | 'direct';

/** A method's money limit (as a multiple of MRP) in force from `from` (inclusive) to the next entry of the same class. */
export interface MethodLimit {
  methodClass: MethodClass;
  from: string;
  /** The limit in MRP. */
  mrpMultiple: number;
  /** What the law says, in a sentence. */
  rule: string;
  source: string;
  verified: boolean;
}

/** MRP by date (tenge). */
export const MRP: readonly MrpValue[] = [
  {
    from: '2018-01-01',
    tenge: 2405,
    source: 'Law on the 2018–2020 republican budget (from memory; tengrinews / liter.kz / wfin.kz)',
    verified: false,
  },
  { from: '2019-01-01', tenge: 2525, source: 'Law on the 2019–2021 republican budget (from memory)', verified: false },
  { from: '2020-01-01', tenge: 2651, source: 'Law on the 2020–2022 republican budget (from memory)', verified: false },
  {
    from: '2020-04-01',
    tenge: 2778,
    source: 'Budget amended during the 2020 emergency, in force from 1 April 2020 (from memory)',
    verified: false,
  },
  { from: '2021-01-01', tenge: 2917, source: 'Law on the 2021–2023 republican budget (from memory)', verified: false },
  { from: '2022-01-01', tenge: 3063, source: 'Law on the 2022–2024 republican budget (from memory)', verified: false },
  {
    from: '2022-04-01',
    tenge: 3180,
    source: 'Budget amended in 2022, in force from 1 April 2022 (from memory)',
    verified: false,
  },
  { from: '2023-01-01', tenge: 3450, source: 'Law on the 2023–2025 republican budget (from memory)', verified: false },
  {
    from: '2024-01-01',
    tenge: 3692,
    source: 'Law on the 2024–2026 republican budget (tengrinews, liter.kz, wfin.kz)',
    verified: true,
  },
  {
    from: '2025-01-01',
    tenge: 3932,
    source: 'Law on the 2025–2027 republican budget (tengrinews, liter.kz, wfin.kz)',
    verified: true,
  },
  {
    from: '2026-01-01',
    tenge: 4325,
    source: 'Law on the 2026–2028 republican budget (tengrinews, liter.kz, wfin.kz)',
    verified: true,
  },
];

/**
 * Money limits of the methods that R011 (split purchases) watches, as shipped. FLAGS.md: earlier
 * limits must be checked against the law before they are shipped. The only figure checked is the
 * 2024 law's 8 000 MRP ceiling, so it is the default for every year and for both price quotations
 * and direct awards, as a benchmark ("would this have passed today's ceiling?"), and the rule text
 * says so. The older figures, not yet verified, are in {@link UNVERIFIED_HISTORICAL_LIMITS} for a
 * person who has checked them to switch to.
 */
export const METHOD_LIMITS: readonly MethodLimit[] = (['price_quotation', 'direct'] as const).map((methodClass) => ({
  methodClass,
  from: '2016-01-01',
  mrpMultiple: 8000,
  rule: "Annual volume of homogeneous goods, works or services at or below 8 000 MRP (the 2024 law's ceiling for price quotations; applied to earlier years and to direct awards as a benchmark, not as the law then in force)",
  source: 'Law No. 106-VIII of 2024 "On public procurement" (in force 1 Jan 2025), art. 10 p. 4 (zakonpravo.kz)',
  verified: true,
}));

/** Limits of Law No. 434-V as remembered, NOT verified against the law: not used unless chosen. */
export const UNVERIFIED_HISTORICAL_LIMITS: readonly MethodLimit[] = [
  {
    methodClass: 'price_quotation',
    from: '2016-01-01',
    mrpMultiple: 4000,
    rule: 'Request for price quotations allowed while the annual volume of homogeneous goods, works or services stays at or below 4 000 MRP',
    source: 'Law No. 434-V of 4 Dec 2015 "On public procurement", art. 43 (from memory; verify the figure and its amendments)',
    verified: false,
  },
  {
    methodClass: 'price_quotation',
    from: '2025-01-01',
    mrpMultiple: 8000,
    rule: 'Request for price quotations allowed only while the annual volume of homogeneous goods, works or services stays at or below 8 000 MRP; splitting to qualify is prohibited',
    source: 'Law No. 106-VIII of 2024 "On public procurement" (in force 1 Jan 2025), art. 10 p. 4 (zakonpravo.kz)',
    verified: true,
  },
  {
    methodClass: 'direct',
    from: '2016-01-01',
    mrpMultiple: 100,
    rule: 'Direct contract allowed for small purchases whose annual volume of homogeneous items stays at or below 100 MRP',
    source: 'Law No. 434-V, art. 39 (from memory; verify)',
    verified: false,
  },
  {
    methodClass: 'direct',
    from: '2025-01-01',
    mrpMultiple: 100,
    rule: "Small-value direct contract limit carried over from the old law until the 2024 law's figure is checked",
    source: 'Assumed unchanged from Law No. 434-V art. 39 (verify against Law No. 106-VIII)',
    verified: false,
  },
];

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(d: string): string {
  if (!DATE_RE.test(d) || Number.isNaN(Date.parse(d))) throw new TypeError(`not a YYYY-MM-DD date: ${d}`);
  return d;
}

function checkNumber(n: number): string {
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw new TypeError(`not a non-negative number: ${String(n)}`);
  return String(n);
}

/** One row of the thresholds table: a method's limit in tenge over a date range [valid_from, valid_to). */
export interface ThresholdRow {
  methodClass: MethodClass;
  validFrom: string;
  validTo: string;
  mrpMultiple: number;
  mrp: number;
  thresholdKzt: number;
  verified: boolean;
}

/**
 * Intersects the MRP periods with the method-limit periods: each row is a date range on which both
 * the MRP and the limit are constant. The last range runs to 9999-12-31.
 */
export function thresholdRows(mrp: readonly MrpValue[] = MRP, limits: readonly MethodLimit[] = METHOD_LIMITS): ThresholdRow[] {
  const m = [...mrp].sort((a, b) => a.from.localeCompare(b.from));
  const rows: ThresholdRow[] = [];
  const classes = [...new Set(limits.map((l) => l.methodClass))];
  for (const cls of classes) {
    const ls = limits.filter((l) => l.methodClass === cls).sort((a, b) => a.from.localeCompare(b.from));
    ls.forEach((l, i) => {
      const lTo = ls[i + 1]?.from ?? '9999-12-31';
      m.forEach((v, j) => {
        const vTo = m[j + 1]?.from ?? '9999-12-31';
        const from = l.from > v.from ? l.from : v.from;
        const to = lTo < vTo ? lTo : vTo;
        if (from >= to) return;
        rows.push({
          methodClass: cls,
          validFrom: from,
          validTo: to,
          mrpMultiple: l.mrpMultiple,
          mrp: v.tenge,
          thresholdKzt: l.mrpMultiple * v.tenge,
          verified: l.verified && v.verified,
        });
      });
    });
  }
  return rows;
}

/** The threshold in force for a method class on a date, or undefined. */
export function thresholdOn(
  date: string,
  methodClass: MethodClass,
  rows: readonly ThresholdRow[] = thresholdRows(),
): ThresholdRow | undefined {
  return rows.find((r) => r.methodClass === methodClass && r.validFrom <= date && date < r.validTo);
}

/**
 * The thresholds as an inline SQL table
 * `(method_class, valid_from, valid_to, mrp_multiple, mrp, threshold_kzt)`, for joins by date.
 * Every pasted value is checked here (dates by pattern, numbers finite, class from a closed set).
 */
export function thresholdsValuesSql(rows: readonly ThresholdRow[] = thresholdRows()): string {
  if (rows.length === 0) {
    return `(SELECT NULL::VARCHAR AS method_class, NULL::DATE AS valid_from, NULL::DATE AS valid_to, NULL::DOUBLE AS mrp_multiple, NULL::DOUBLE AS mrp, NULL::DOUBLE AS threshold_kzt WHERE false)`;
  }
  const values = rows.map((r) => {
    if (r.methodClass !== 'price_quotation' && r.methodClass !== 'direct')
      throw new TypeError(`unknown method class ${String(r.methodClass)}`);
    return `('${r.methodClass}', DATE '${checkDate(r.validFrom)}', DATE '${checkDate(r.validTo)}', ${checkNumber(r.mrpMultiple)}::DOUBLE, ${checkNumber(r.mrp)}::DOUBLE, ${checkNumber(r.thresholdKzt)}::DOUBLE)`;
  });
  return `(VALUES ${values.join(', ')}) AS thresholds(method_class, valid_from, valid_to, mrp_multiple, mrp, threshold_kzt)`;
}

/**
 * The position (0-based) in `rows` of the threshold in force for a method class on a date, as a SQL
 * CASE over the given expressions (NULL when none applies). With {@link thresholdsIndexedValuesSql}
 * it replaces a range join on dates: a million rows then meet the thresholds through an equality
 * join on a handful of rows instead of a comparison against every row of their class.
 * Ranges of one class must not overlap (thresholdRows never makes them overlap).
 */
export function thresholdIndexSql(rows: readonly ThresholdRow[], classExpr: string, dateExpr: string): string {
  if (rows.length === 0) return 'NULL::INTEGER';
  const whens = rows.map((r, i) => {
    if (r.methodClass !== 'price_quotation' && r.methodClass !== 'direct')
      throw new TypeError(`unknown method class ${String(r.methodClass)}`);
    return `WHEN ${classExpr} = '${r.methodClass}' AND ${dateExpr} >= DATE '${checkDate(r.validFrom)}' AND ${dateExpr} < DATE '${checkDate(r.validTo)}' THEN ${i}`;
  });
  return `(CASE ${whens.join(' ')} END)`;
}

/**
 * The thresholds as an inline SQL table `(idx, method_class, valid_from, valid_to, mrp_multiple, mrp,
 * threshold_kzt)`, `idx` being the row's position as numbered by {@link thresholdIndexSql}.
 */
export function thresholdsIndexedValuesSql(rows: readonly ThresholdRow[] = thresholdRows()): string {
  if (rows.length === 0) {
    return `(SELECT NULL::INTEGER AS idx, NULL::VARCHAR AS method_class, NULL::DATE AS valid_from, NULL::DATE AS valid_to, NULL::DOUBLE AS mrp_multiple, NULL::DOUBLE AS mrp, NULL::DOUBLE AS threshold_kzt WHERE false)`;
  }
  const values = rows.map((r, i) => {
    if (r.methodClass !== 'price_quotation' && r.methodClass !== 'direct')
      throw new TypeError(`unknown method class ${String(r.methodClass)}`);
    return `(${i}, '${r.methodClass}', DATE '${checkDate(r.validFrom)}', DATE '${checkDate(r.validTo)}', ${checkNumber(r.mrpMultiple)}::DOUBLE, ${checkNumber(r.mrp)}::DOUBLE, ${checkNumber(r.thresholdKzt)}::DOUBLE)`;
  });
  return `(VALUES ${values.join(', ')}) AS thresholds(idx, method_class, valid_from, valid_to, mrp_multiple, mrp, threshold_kzt)`;
}
