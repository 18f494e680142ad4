/**
 * The procurement-method vocabulary: method names as exports write them (Russian 44-FZ and 223-FZ,
 * goszakup and Samruk-Kazyna in Russian and Kazakh, goszakup's numeric method ids, Ukrainian
 * ProZorro, Spanish SECOP and CompraNet, English, Toronto's RFx codes, OCDS codes) → the OCDS
 * `procurementMethod` codelist. One table of patterns drives both the TypeScript preview and the
 * SQL that runs on every row, so the two cannot disagree.
 */
import type { Method } from '../../model/schema';
import { literal } from '../../engine/sql';

/** One rule of the method normaliser. `pattern` is matched against the lower-cased, trimmed text. */
export interface MethodRule {
  /** A regular expression valid in both JavaScript and RE2 (DuckDB): no `\b` (ASCII-only in RE2), no lookarounds. */
  pattern: string;
  method: Method;
  note: string;
}

/**
 * goszakup's `ref_trade_methods` ids, as the portal's codelist names them. Sources:
 * github.com/Akadil/construction-market-tracker `zone_practice/graphQL/GRAPHQL.md` (RefTradeMethods:
 * 2, 3, 6, 32, 132, 188) and the portal's search form as recorded in ../shared/reference/procurement-data.md
 * §6.1 (7, 8, 22, 23, 105, 107, 116, 117, 118). Ids 50 (housing) and 52 (state social order) are
 * not procurement competitions of any OCDS kind and are left for the person to classify.
 */
export const GOSZAKUP_METHOD_IDS: Readonly<Record<string, { name: string; method: Method }>> = {
  '2': { name: 'Открытый конкурс', method: 'open' },
  '3': { name: 'Запрос ценовых предложений', method: 'open' },
  '6': { name: 'Из одного источника по несостоявшимся закупкам', method: 'direct' },
  '7': { name: 'Аукцион', method: 'open' },
  '8': { name: 'Через товарные биржи', method: 'open' },
  '22': { name: 'Конкурс с применением двухэтапных процедур', method: 'open' },
  '23': { name: 'Из одного источника путем прямого заключения договора', method: 'direct' },
  '32': { name: 'Конкурс с предварительным квалификационным отбором', method: 'selective' },
  '105': { name: 'Из одного источника (не ГЗ)', method: 'direct' },
  '107': { name: 'На организованных электронных торгах (не ГЗ)', method: 'open' },
  '116': { name: 'Запрос ценовых предложений (не ГЗ)', method: 'open' },
  '117': { name: 'Тендер (не ГЗ)', method: 'open' },
  '118': { name: 'Через товарные биржи (не ГЗ)', method: 'open' },
  '132': { name: 'Первый этап конкурса с использованием рамочного соглашения', method: 'open' },
  '188': { name: 'Конкурс с использованием рейтингово-балльной системы', method: 'open' },
};

const idRules = (method: Method): MethodRule => ({
  pattern: `^(${Object.entries(GOSZAKUP_METHOD_IDS)
    .filter(([, v]) => v.method === method)
    .map(([k]) => k)
    .join('|')})$`,
  method,
  note: 'goszakup ref_trade_methods id',
});

/**
 * Method rules, first match wins, so the specific ones come before the words they contain
 * (`non-competitive` contains `competitive`; `конкурс с ограниченным участием` contains
 * `ограниченн`; `из одного источника по несостоявшимся` names a failed tender).
 *
 * Choices, with reasons:
 * - Requests for quotations or proposals (ЗЦП, 44-FZ запрос котировок / предложений, ProZorro
 *   запит ціни пропозицій, SECOP mínima cuantía / selección abreviada) → `open`: published, any
 *   supplier may take part; simplified, still competitive.
 * - Competitions with qualification requirements or prequalification (конкурс с ограниченным
 *   участием, предварительный квалификационный отбор, EU restricted procedure, RFSQ, торги з
 *   обмеженою участю, AusTender prequalified tender) → `selective`, competitive.
 * - Negotiated procedures without publication, closed competitions, invitations the buyer
 *   addresses (CompraNet invitación a cuando menos tres personas, licitación privada, AusTender
 *   limited tender) → `limited`, not competitive in the OCDS sense.
 * - Single source, direct award, contracts reported without the e-system → `direct`.
 * - Electronic shop and commodity exchanges → `open`: anyone listed may sell, price set by competition.
 * - Toronto's RFx codes: RFT, RFQ, RFP, NRFP → `open`; RFSQ → `selective`; OTP (a sale) → no method.
 */
export const METHOD_RULES: readonly MethodRule[] = [
  { pattern: '^direct$', method: 'direct', note: 'OCDS code' },
  { pattern: '^limited$', method: 'limited', note: 'OCDS code' },
  { pattern: '^selective$', method: 'selective', note: 'OCDS code' },
  { pattern: '^open$', method: 'open', note: 'OCDS code' },
  idRules('direct'),
  idRules('selective'),
  idRules('open'),
  {
    pattern:
      '^(belowthreshold|abovethreshold(ua|eu)?(\\.defense)?|competitivedialogue(ua|eu)?(\\.stage2)?|pricequotation|simple\\.defense|esco)$',
    method: 'open',
    note: 'ProZorro procurementMethodType (the non-open ones are exact matches in PROZORRO)',
  },
  {
    pattern:
      'одного источника|один источник|единственн|бір көзден|єдиного|single[- ]source|sole[- ]source|non[- ]?competitive|прям(ого|ое) заключени|direct|directa|без використання електронної|звіт про (укладений )?договір',
    method: 'direct',
    note: 'single source / direct contract',
  },
  {
    pattern:
      'ограниченным участием|квалификационн|предварительн(ый|ого) отбор|prequalif|rfsq|selective|біліктілік|обмеженою участю|restricted|competitive dialogue|конкурентн(ий|ый) діалог|innovation partnership|negotiated with (prior )?(publication|call)|рамков',
    method: 'selective',
    note: 'competition among qualified or shortlisted suppliers',
  },
  {
    pattern:
      'ограниченн|закрыт|limited|negotiated|переговорн|invitaci[oó]n a cuando menos|licitaci[oó]n (privada|restringida)|invitation only|invited',
    method: 'limited',
    note: 'limited / closed procedure',
  },
  {
    pattern:
      'запрос ценовых|запрос котировок|запрос предложений|зцп|баға ұсыныс|запит ціни|request for quotation|^rfq$|quotation|m[ií]nima cuant[ií]a|selecci[oó]n abreviada|concurso de m[eé]ritos|спрощена',
    method: 'open',
    note: 'request for quotations or proposals (published, any supplier may take part)',
  },
  {
    pattern:
      'открыт|ашық|відкрит|open|конкурс|тендер|tender|торги|^rft$|^rfp$|^nrfp$|request for proposal|аукцион|аукціон|auction|subasta|электронн(ый|ом) магазин|электрондық дүкен|товарн(ые|ых) бирж|тауар биржа|электронных торгах|licitaci[oó]n p[uú]blica|competitive|two[- ]stage|двухэтапн',
    method: 'open',
    note: 'open competition, auction, e-shop, commodity exchange',
  },
];

/** ProZorro's method types are codes, not words: the exact ones that are not `open`. */
const PROZORRO: Readonly<Record<string, Method>> = {
  reporting: 'direct',
  negotiation: 'limited',
  'negotiation.quick': 'limited',
  closeframeworkagreementua: 'selective',
  closeframeworkagreement: 'selective',
};

/** The normalised method and whether it is competitive. */
export interface MethodNormalised {
  method: Method | null;
  competitive: boolean | null;
}

/** Whether a method is competitive: open and selective are, limited and direct are not. */
export function isCompetitive(method: Method | null): boolean | null {
  return method === null ? null : method === 'open' || method === 'selective';
}

/** A person's classification of method texts the vocabulary does not know: lower-cased, trimmed text → method. */
export type MethodValues = Readonly<Record<string, Method>>;

/** The key a method text is remembered under in `MethodValues`. */
export function methodKey(text: string): string {
  return text.trim().toLowerCase();
}

/** Normalises a method name; `extra` (the person's classifications) is looked up first. */
export function normaliseMethod(text: string | null | undefined, extra: MethodValues = {}): MethodNormalised {
  const t = methodKey(text ?? '');
  if (t === '') return { method: null, competitive: null };
  const method = extra[t] ?? PROZORRO[t] ?? METHOD_RULES.find((r) => new RegExp(r.pattern).test(t))?.method ?? null;
  return { method, competitive: isCompetitive(method) };
}

/** The distinct method texts among `values` that the vocabulary (and `extra`) cannot classify, most frequent first. */
export function unknownMethods(values: readonly (string | null | undefined)[], extra: MethodValues = {}): string[] {
  const counts = new Map<string, number>();
  for (const v of values) {
    const t = (v ?? '').trim();
    if (t === '' || normaliseMethod(t, extra).method !== null) continue;
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
}

/**
 * The same normaliser as a SQL expression over `expr` (a VARCHAR): `CASE WHEN regexp_matches(…)`.
 * Returns NULL when no rule matches. Patterns are constants; the person's classifications are
 * quoted with `literal`, as are the rules.
 */
export function methodCaseSql(expr: string, extra: MethodValues = {}): string {
  const t = `lower(trim(${expr}))`;
  const exact = [...Object.entries(extra), ...Object.entries(PROZORRO)].map(
    ([k, m]) => `WHEN ${t} = ${literal(methodKey(k))} THEN ${literal(m)}`,
  );
  const whens = METHOD_RULES.map((r) => `WHEN regexp_matches(${t}, ${literal(r.pattern)}) THEN ${literal(r.method)}`);
  return `CASE WHEN ${expr} IS NULL OR trim(${expr}) = '' THEN NULL ${[...exact, ...whens].join(' ')} ELSE NULL END`;
}

/** SQL for `competitive` from a normalised method expression (mirrors `isCompetitive`). */
export function competitiveSql(methodExpr: string): string {
  return `CASE WHEN ${methodExpr} IS NULL THEN NULL ELSE ${methodExpr} IN ('open', 'selective') END`;
}
