/**
 * Column mapping: which source column feeds which canonical `Purchase` field, from a dictionary
 * of header names seen in real exports (goszakup in Russian and Kazakh, its API, flattened OCDS,
 * opentender.eu, City of Toronto), and the procurement-method normaliser, kept as one table of
 * patterns that drives both the TypeScript preview and the SQL that runs on every row.
 */
import type { Method } from '../model/schema';
import { literal } from '../engine/sql';

/** Canonical fields a source column can be mapped to (`dataset_id` and `source_row` are set by the loader). */
export const MAPPABLE_FIELDS = [
  'purchase_id',
  'buyer_id',
  'buyer_name',
  'supplier_id',
  'supplier_name',
  'method',
  'amount',
  'currency',
  'signed_date',
  'tender_start',
  'tender_end',
  'n_bidders',
  'item_code',
  'item_name',
  'unit',
  'quantity',
  'unit_price',
  'region',
  'status',
  'supplier_registered',
  'sector',
] as const;

/** A canonical field a column can be mapped to. */
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

/** Canonical field → source column name (as in the file's header, or column1…N), or null. */
export type ColumnMapping = Record<MappableField, string | null>;

/** Fields holding numbers (cleaned with the column's number format). */
export const NUMERIC_FIELDS: readonly MappableField[] = ['amount', 'quantity', 'unit_price', 'n_bidders'];
/** Fields holding dates (parsed with the column's date format). */
export const DATE_FIELDS: readonly MappableField[] = ['signed_date', 'tender_start', 'tender_end', 'supplier_registered'];

/**
 * Header synonyms per field, in priority order (earlier synonyms win when a file has several).
 * Written as seen; they are compared after `normaliseHeader`.
 */
export const HEADER_SYNONYMS: Readonly<Record<MappableField, readonly string[]>> = {
  purchase_id: [
    'contracts/0/id',
    'awards/0/id',
    'ocid',
    '_id',
    'contract_number_sys',
    'contract_number',
    'contract_id',
    'lot_id',
    'lot_number',
    'Номер договора',
    'Номер контракта',
    'Номер лота',
    'Lot Number',
    'Шарт нөмірі',
    'Лот нөмірі',
    'tender_id',
    'number_anno',
    'trd_buy_number_anno',
    '#п/п',
    '№ п/п',
    'id',
    'Номер',
    '№',
  ],
  buyer_id: [
    'buyer/id',
    'tender/procuringEntity/id',
    'buyer_id',
    'customer_bin',
    'customer_id',
    'БИН заказчика',
    'ИИН/БИН заказчика',
    'Тапсырыс берушінің БСН',
    'Тапсырыс беруші БСН',
    'buyer bin',
  ],
  buyer_name: [
    // Toronto's `Buyer Name` is the purchasing officer and its `Division` the buying unit; since
    // `Buyer Name` normalises like OCDS `buyer/name`, Division must come first.
    'Division',
    'buyer/name',
    'tender/procuringEntity/name',
    'buyer_name',
    'customer_name_ru',
    'customer_name',
    'customer_name_kz',
    'Наименование заказчика',
    'Заказчик',
    'Тапсырыс берушінің атауы',
    'Тапсырыс беруші',
    'buyer',
  ],
  supplier_id: [
    'awards/0/suppliers/0/id',
    'awards/0/suppliers/0/identifier/id',
    'bidder_id',
    'supplier_biin',
    'biin_supplier',
    'supplier_bin',
    'supplier_id',
    'БИН/ИИН поставщика',
    'ИИН/БИН поставщика',
    'БИН поставщика',
    'БИН (ИИН)',
    'Өнім берушінің БСН/ЖСН',
    'Өнім берушінің БСН',
    'bin',
  ],
  supplier_name: [
    'awards/0/suppliers/0/name',
    'awards/0/suppliers/0/identifier/legalName',
    'bidder_name',
    'supplier_name_ru',
    'supplier_name',
    'Наименование поставщика',
    'Поставщик',
    'Победитель',
    'Өнім берушінің атауы',
    'Өнім беруші',
    'Successful Supplier',
    'Supplier Name',
    'Supplier',
    'Winner',
  ],
  method: [
    'tender/procurementMethod',
    'tender/procurementMethodDetails',
    'tender_procedureType',
    'tender_nationalProcedureType',
    'procurement_method',
    'ref_trade_methods_id',
    'fakt_trade_methods_id',
    'trade_method',
    'Способ закупки',
    'Способ проведения закупки',
    'Метод закупки',
    'Вид закупки',
    'Сатып алу тәсілі',
    'Сатып алу әдісі',
    'RFx (Solicitation) Type',
    'Procurement Method',
    'method',
  ],
  amount: [
    'contracts/0/value/amount',
    'awards/0/value/amount',
    'tender_finalPrice',
    'bid_price',
    'contract_sum_wnds',
    'contract_sum',
    'fakt_sum_wnds',
    'Сумма договора',
    'Сумма договора с НДС',
    'Сумма контракта',
    'Общая сумма поставщика',
    'Шарт сомасы',
    'Award',
    'Contract Amount',
    'total_price',
    'Сумма',
    'Сомасы',
    'tender/value/amount',
    'total_sum',
    'Плановая сумма',
    'Сумма закупки',
    'Planned Amount',
    'amount',
    'value',
  ],
  currency: [
    'contracts/0/value/currency',
    'awards/0/value/currency',
    'tender/value/currency',
    'bid_price_currency',
    'ref_currency_code',
    'currency',
    'Валюта',
    'Валютасы',
  ],
  signed_date: [
    'contracts/0/dateSigned',
    'awards/0/date',
    'tender_contractSignatureDate',
    'sign_date',
    'Дата заключения договора',
    'Дата договора',
    'Дата подписания',
    'Дата подписания договора',
    'Шарт жасалған күн',
    'Contract Date',
    'Award Authority Obtained Date',
    'tender_awardDecisionDate',
    'crdate',
    'date',
    'publish_date',
  ],
  tender_start: [
    'tender/tenderPeriod/startDate',
    'tender_publications_firstCallForTenderDate',
    'start_date',
    'Дата начала приема заявок',
    'Issue Date',
  ],
  tender_end: [
    'tender/tenderPeriod/endDate',
    'tender_bidDeadline',
    'end_date',
    'Дата окончания приема заявок',
    'Срок окончания приема заявок',
    'Submission Deadline',
  ],
  n_bidders: [
    'tender/numberOfTenderers',
    'lot_bidsCount',
    'lot_validBidsCount',
    'number_of_tenderers',
    'number_of_bidders',
    'Количество участников',
    'Кол-во поданных заявок',
    'Количество заявок',
    'supplier_count',
  ],
  item_code: [
    'tender/items/0/classification/id',
    'awards/0/items/0/classification/id',
    'tender_mainCpv',
    'enstru_code',
    'Код ЕНС ТРУ',
    'ЕНС ТРУ',
    'Код ТРУ',
    'КТРУ',
    'ТЖҚ БНА коды',
    'cpv',
  ],
  item_name: [
    'tender/items/0/description',
    'awards/0/items/0/description',
    'lot_title',
    'Наименование ТРУ',
    'Наименование лота',
    'Наименование товара',
    'Наименование',
    'naimenovanie_kratkaya',
    'Lot Name',
    'name_ru',
    'description_ru',
    'Атауы',
    'tender/title',
    'tender_title',
    'Solicitation Document Description',
    'description',
    'title',
  ],
  unit: ['tender/items/0/unit/name', 'Единица измерения', 'Ед. изм.', 'Ед.изм', 'edinitsa_izmereniya', 'Өлшем бірлігі', 'unit'],
  quantity: ['tender/items/0/quantity', 'Количество', 'Кол-во', 'Саны', 'quantity', 'count'],
  unit_price: ['unit_price', 'Цена за единицу', 'Цена за ед.', 'Бірлік бағасы', 'prise_per_unit', 'price_per_unit'],
  region: ['region', 'Регион', 'Область', 'Өңір', 'Место поставки', 'mesto_postavki', 'kato'],
  status: [
    'contracts/0/status',
    'awards/0/status',
    'tender/status',
    'ref_contract_status_id',
    'ref_buy_status_id',
    'ref_lot_status_id',
    'Статус договора',
    'Статус',
    'Lot Status',
    'Мәртебесі',
    'status',
  ],
  supplier_registered: ['supplier_registered', 'Дата регистрации поставщика'],
  sector: ['sector', 'Сектор'],
};

/**
 * The comparison key of a header: lower case, `ё` as `е`, and everything that is not a letter
 * or a digit removed (so `/ _ : . -`, spaces, brackets and trailing spaces do not matter).
 */
export function normaliseHeader(h: string): string {
  return h
    .normalize('NFC')
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The result of `autoMap`. */
export interface AutoMapResult {
  mapping: ColumnMapping;
  /** Headers no field took, in file order. */
  unmapped: string[];
}

/** An empty mapping (every field null). */
export function emptyMapping(): ColumnMapping {
  return Object.fromEntries(MAPPABLE_FIELDS.map((f) => [f, null])) as ColumnMapping;
}

/**
 * Maps headers to canonical fields. Canonical field names first, then exact key matches, then a header that starts with a
 * synonym of five or more characters (`Сумма договора, тенге`). Within a pass the synonym order
 * decides; a header feeds one field at most, and each field takes one header.
 */
export function autoMap(headers: readonly string[]): AutoMapResult {
  const mapping = emptyMapping();
  const keys = headers.map(normaliseHeader);
  const taken = new Set<number>();
  const passes: ((key: string, syn: string) => boolean)[] = [
    (key, syn) => key === syn,
    (key, syn) => syn.length >= 5 && key.startsWith(syn),
  ];
  // Pass 0: a header that is a canonical field name (a TenderLens export, the CLI's own files) maps to it.
  for (const field of MAPPABLE_FIELDS) {
    const i = headers.findIndex((h, idx) => !taken.has(idx) && h.trim().toLowerCase() === field);
    if (i >= 0) {
      mapping[field] = headers[i];
      taken.add(i);
    }
  }
  for (const match of passes) {
    for (const field of MAPPABLE_FIELDS) {
      if (mapping[field] !== null) continue;
      for (const syn of HEADER_SYNONYMS[field]) {
        const s = normaliseHeader(syn);
        const i = keys.findIndex((k, idx) => !taken.has(idx) && k !== '' && match(k, s));
        if (i >= 0) {
          mapping[field] = headers[i];
          taken.add(i);
          break;
        }
      }
    }
  }
  return { mapping, unmapped: headers.filter((_, i) => !taken.has(i)) };
}

/**
 * A short signature of a header row, for remembering a mapping the person confirmed: the same
 * normalised headers in the same order give the same signature.
 */
export function headerSignature(headers: readonly string[]): string {
  const text = headers.map(normaliseHeader).join('|');
  // FNV-1a, 32 bits, over UTF-16 code units: stable, tiny, no crypto needed for a lookup key.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${headers.length}-${h.toString(16).padStart(8, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Procurement methods

/** One rule of the method normaliser. `pattern` is matched against the lower-cased text. */
export interface MethodRule {
  /** A regular expression valid in both JavaScript and RE2 (DuckDB): no `\b` (ASCII-only in RE2), no lookarounds. */
  pattern: string;
  method: Method;
  note: string;
}

/**
 * Method rules, first match wins, so the non-competitive ones come before the words they
 * contain (`non-competitive` contains `competitive`; `из одного источника по несостоявшимся`
 * names a failed tender).
 *
 * Choices, with reasons:
 * - ЗЦП (request for price quotations, also "(не ГЗ)") → `open`: goszakup publishes the request
 *   and any registered supplier may submit a price; it is competitive, only simplified.
 * - Electronic shop (Электронный магазин) and commodity exchanges → `open`: anyone listed may
 *   sell and the price is set by competition among them.
 * - Prequalification (конкурс с предварительным квалификационным отбором, RFSQ) → `selective`.
 * - Two-stage and framework competitions → `open` (the first stage is open to all).
 * - Toronto's RFx codes: RFT, RFQ, RFP, NRFP → `open`; RFSQ → `selective`; OTP (a sale) → no method.
 * - Numeric goszakup ids (`ref_trade_methods_id`) are NOT mapped: ids are to be resolved
 *   through the ref_trade_methods codelist by name, so they stay in `method_detail` only.
 */
export const METHOD_RULES: readonly MethodRule[] = [
  { pattern: '^direct$', method: 'direct', note: 'OCDS code' },
  { pattern: '^limited$', method: 'limited', note: 'OCDS code' },
  { pattern: '^selective$', method: 'selective', note: 'OCDS code' },
  { pattern: '^open$', method: 'open', note: 'OCDS code' },
  {
    pattern:
      'одного источника|один источник|бір көзден|single[- ]source|sole[- ]source|non[- ]?competitive|прям(ого|ое) заключени|direct',
    method: 'direct',
    note: 'single source / direct contract',
  },
  { pattern: 'ограниченн|закрыт|limited|restricted|negotiated without', method: 'limited', note: 'limited / closed procedure' },
  { pattern: 'квалификационн|prequalif|rfsq|selective|біліктілік', method: 'selective', note: 'prequalification' },
  {
    pattern: 'запрос ценовых|зцп|баға ұсыныс|request for quotation|^rfq$|quotation',
    method: 'open',
    note: 'request for price quotations (published, any supplier may quote)',
  },
  {
    pattern:
      'открыт|ашық|open|конкурс|тендер|tender|^rft$|^rfp$|^nrfp$|request for proposal|аукцион|auction|электронн(ый|ом) магазин|электрондық дүкен|товарн(ые|ых) бирж|тауар биржа|электронных торгах|competitive',
    method: 'open',
    note: 'open competition, auction, e-shop, commodity exchange',
  },
];

/** The normalised method and whether it is competitive. */
export interface MethodNormalised {
  method: Method | null;
  competitive: boolean | null;
}

/** Whether a method is competitive: open and selective are, limited and direct are not. */
export function isCompetitive(method: Method | null): boolean | null {
  return method === null ? null : method === 'open' || method === 'selective';
}

/** Normalises a method name (Russian, Kazakh, English, goszakup, OCDS, Toronto RFx codes). */
export function normaliseMethod(text: string | null | undefined): MethodNormalised {
  const t = (text ?? '').trim().toLowerCase();
  if (t === '') return { method: null, competitive: null };
  const rule = METHOD_RULES.find((r) => new RegExp(r.pattern).test(t));
  const method = rule ? rule.method : null;
  return { method, competitive: isCompetitive(method) };
}

/**
 * The same normaliser as a SQL expression over `expr` (a VARCHAR): `CASE WHEN regexp_matches(…)`.
 * Returns NULL when no rule matches. Patterns are constants from `METHOD_RULES`, quoted with `literal`.
 */
export function methodCaseSql(expr: string): string {
  const t = `lower(trim(${expr}))`;
  const whens = METHOD_RULES.map((r) => `WHEN regexp_matches(${t}, ${literal(r.pattern)}) THEN ${literal(r.method)}`);
  return `CASE WHEN ${expr} IS NULL OR trim(${expr}) = '' THEN NULL ${whens.join(' ')} ELSE NULL END`;
}

/** SQL for `competitive` from a normalised method expression (mirrors `isCompetitive`). */
export function competitiveSql(methodExpr: string): string {
  return `CASE WHEN ${methodExpr} IS NULL THEN NULL ELSE ${methodExpr} IN ('open', 'selective') END`;
}
