/**
 * `proposeMapping`: headers and sample rows → which column feeds which field, with a reason a
 * person can read for each, the red flags each missing important field makes not computable,
 * where the currency comes from, and the method texts nobody has classified yet.
 *
 * Every (column, field) pair gets a score from the header and the values (score.ts); an
 * assignment step then gives each field its best column and each column at most one field,
 * highest score first. A file without a header gets proposals from its values alone.
 */
import { emptyMapping, MAPPABLE_FIELDS, type ColumnMapping, type MappableField } from '../mapping';
import { detectCurrencySource, type CurrencyEvidence } from './currency';
import { unknownMethods, type MethodValues } from './methods';
import { flagsNeeding, notComputable } from './notComputable';
import { isGeneratedName } from './normalise';
import { combine, conceptsOf, headerMatches, valueFit, type EvidenceKind } from './score';
import { profileValues, type ValueProfile } from './values';

/** Why a column was proposed for a field. */
export interface FieldReason {
  column: string;
  /** Index of the column (headers can repeat). */
  col: number;
  /** Combined score, 0…~1. */
  score: number;
  /** The header words that named the field, or null when proposed from the values alone. */
  header: { words: string[]; canonical: boolean } | null;
  /** The value evidence: what was looked for and the share of sample values that showed it. */
  values: { kind: EvidenceKind; share: number } | null;
}

/** What `proposeMapping` returns. */
export interface MappingProposal {
  mapping: ColumnMapping;
  reasons: Partial<Record<MappableField, FieldReason>>;
  /** Flag code → fields missing for it (flags this mapping can compute are absent). */
  notComputable: Record<string, MappableField[]>;
  /** Each important field left unmapped → the flags it is needed for. */
  unmappedImportant: Partial<Record<MappableField, string[]>>;
  /** Headers no field took, in file order. */
  unmapped: string[];
  currency: CurrencyEvidence;
  /** Method texts in the sample the vocabulary does not know, for the person to classify. */
  unknownMethods: string[];
  /** True when the columns had no names and every proposal comes from values. */
  headerless: boolean;
}

/** Options of {@link proposeMapping}. */
export interface ProposeOptions {
  /** Method texts the person has classified already. */
  methodValues?: MethodValues;
}

/** Below this combined score a column is not proposed. */
const MIN_SCORE = 0.36;

interface Candidate {
  field: MappableField;
  col: number;
  score: number;
  reason: FieldReason;
}

/**
 * What the other headers of the file say about a match:
 * - a "Buyer Name" beside "Buyer Email" and "Buyer Phone" names a contact person (Toronto's
 *   purchasing officer), not the buying organisation;
 * - a bare start or end date in a file about contracts (it has a contract or signing column) is the
 *   contract's period, not the tender's;
 * - a bare "price" is a unit price only where the file also has a quantity.
 */
function contextPenalty(headers: readonly string[]): (field: MappableField, header: string) => number {
  const concepts = headers.map(conceptsOf);
  const any = (pred: (s: Set<string>) => boolean) => concepts.some(pred);
  const side = (c: 'BUYER' | 'SUPPLIER') => any((s) => s.has(c) && s.has('CONTACT'));
  const contacts: Partial<Record<MappableField, boolean>> = { buyer_name: side('BUYER'), supplier_name: side('SUPPLIER') };
  const aboutContracts = any((s) => s.has('CONTRACT') || s.has('SIGN'));
  const hasQuantity = any((s) => s.has('COUNT') && !s.has('BIDS'));
  return (field, header) => {
    const own = conceptsOf(header);
    if (contacts[field] && own.has('NAME')) return 0.25;
    const bareDate =
      !own.has('SUBMISSION') && !own.has('BIDS') && !own.has('PERIOD') && !own.has('PROCUREMENT') && !own.has('PUBLISH');
    if ((field === 'tender_start' || field === 'tender_end') && aboutContracts && bareDate) return 1;
    if (field === 'unit_price' && !hasQuantity && !own.has('UNIT') && !own.has('ITEM')) return 1;
    return 0;
  };
}

function headerCandidates(headers: readonly string[], profiles: readonly ValueProfile[]): Candidate[] {
  const out: Candidate[] = [];
  const penalty = contextPenalty(headers);
  headers.forEach((h, col) => {
    if (isGeneratedName(h)) return;
    for (const [field, m] of headerMatches(h)) {
      const p = profiles[col];
      const fit = valueFit(field, p);
      const score = combine(m.score - penalty(field, h), fit, p.n > 0);
      out.push({
        field,
        col,
        score,
        reason: {
          column: h,
          col,
          score,
          header: { words: m.words, canonical: m.canonical },
          values: p.n > 0 ? { kind: fit.kind, share: fit.share } : null,
        },
      });
    }
  });
  return out;
}

/**
 * Proposals from values alone, for columns without names: tax ids → buyer then supplier id;
 * the first date column → signed date; the numbers with the largest median → amount; small
 * integers → bidders; method words, currency codes, classification codes; names of public bodies
 * → buyer, of companies → supplier; the longest text → item name. Scores stay below any header
 * match so a named column always wins.
 */
function valueCandidates(headers: readonly string[], profiles: readonly ValueProfile[]): Candidate[] {
  const out: Candidate[] = [];
  const add = (field: MappableField, col: number, score: number, kind: EvidenceKind, share: number) =>
    out.push({ field, col, score, reason: { column: headers[col], col, score, header: null, values: { kind, share } } });
  const unnamed = headers.map((_, i) => i).filter((i) => isGeneratedName(headers[i]) && profiles[i].n > 0);
  const taxIds = unnamed.filter((i) => profiles[i].taxId >= 0.8);
  taxIds.forEach((i, k) => {
    add('buyer_id', i, 0.5 - 0.1 * k, 'taxIds', profiles[i].taxId);
    add('supplier_id', i, 0.45 - 0.01 * Math.abs(k - 1), 'taxIds', profiles[i].taxId);
  });
  unnamed.forEach((i) => {
    const p = profiles[i];
    if (p.dates >= 0.8) add('signed_date', i, 0.5 - 0.01 * i, 'dates', p.dates);
    if (p.methodWords >= 0.5) add('method', i, 0.5, 'methodWords', p.methodWords);
    if (p.currencyCodes >= 0.8) add('currency', i, 0.5, 'currencyCodes', p.currencyCodes);
    if (p.codes >= 0.5) add('item_code', i, 0.45, 'codes', p.codes);
    if (p.taxId < 0.8 && p.numeric >= 0.8 && p.median !== null) {
      if (p.median >= 100) add('amount', i, 0.4 + Math.min(0.1, Math.log10(p.median) / 100), 'largeNumbers', p.numeric);
      if (p.small >= 0.9 && p.median <= 20) add('n_bidders', i, 0.4, 'smallIntegers', p.small);
    }
    if (p.text >= 0.8 && p.methodWords < 0.5 && p.currencyCodes < 0.8) {
      if (p.publicBodies >= 0.3) add('buyer_name', i, 0.4 + 0.1 * p.publicBodies, 'names', p.text);
      if (p.companies >= 0.3) add('supplier_name', i, 0.4 + 0.1 * p.companies, 'names', p.text);
      if (p.meanLength >= 15) add('item_name', i, 0.3 + Math.min(0.1, p.meanLength / 1000), 'text', p.text);
    }
    if (p.distinct === 1 && p.dates < 0.5 && p.taxId < 0.8 && p.text < 0.5 && p.n >= 3 && !(p.numeric >= 0.8 && p.integers < 0.8))
      add('purchase_id', i, 0.4 - 0.001 * i, 'distinct', p.distinct);
  });
  return out;
}

/** Gives each field its best column and each column at most one field, highest score first. */
function assign(
  headers: readonly string[],
  candidates: Candidate[],
): { mapping: ColumnMapping; reasons: MappingProposal['reasons'] } {
  const mapping = emptyMapping();
  const reasons: MappingProposal['reasons'] = {};
  const taken = new Set<number>();
  const order = MAPPABLE_FIELDS.indexOf.bind(MAPPABLE_FIELDS);
  const sorted = candidates
    .filter((c) => c.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score || a.col - b.col || order(a.field) - order(b.field));
  for (const c of sorted) {
    if (mapping[c.field] !== null || taken.has(c.col)) continue;
    mapping[c.field] = headers[c.col];
    reasons[c.field] = { ...c.reason, score: Math.round(c.score * 100) / 100 };
    taken.add(c.col);
  }
  return { mapping, reasons };
}

/**
 * Proposes a mapping for a table: `headers` as read (column1…N when the file has none) and
 * `sampleRows` (the first rows, one array of cell texts per row).
 */
export function proposeMapping(
  headers: readonly string[],
  sampleRows: readonly (readonly (string | null | undefined)[])[],
  opts: ProposeOptions = {},
): MappingProposal {
  const profiles = headers.map((_, i) => profileValues(sampleRows.map((r) => r[i])));
  const headerless = headers.length > 0 && headers.every(isGeneratedName);
  const { mapping, reasons } = assign(headers, [...headerCandidates(headers, profiles), ...valueCandidates(headers, profiles)]);
  const takenCols = new Set(Object.values(reasons).map((r) => r.col));
  const methodCol = mapping.method ? headers.indexOf(mapping.method) : -1;
  const amountCol = mapping.amount ? headers.indexOf(mapping.amount) : -1;
  return {
    mapping,
    reasons,
    notComputable: notComputable(mapping),
    unmappedImportant: flagsNeeding(mapping),
    unmapped: headers.filter((_, i) => !takenCols.has(i)),
    currency: detectCurrencySource(mapping, amountCol >= 0 ? profiles[amountCol] : undefined),
    unknownMethods:
      methodCol >= 0
        ? unknownMethods(
            sampleRows.map((r) => r[methodCol]),
            opts.methodValues,
          )
        : [],
    headerless,
  };
}
