/**
 * Scores of one column for one field: how well the header names the field (concept patterns),
 * how well the values look like it, and the two combined so that values can overrule a header
 * (`supplier_id` holding internal numbers loses to `supplier_biin` holding BINs).
 */
import { MAPPABLE_FIELDS, type MappableField } from '../mapping';
import { headerConcepts, type Concept } from './concepts';
import { FIELD_RULES } from './fields';
import { headerWords } from './normalise';
import type { ValueProfile } from './values';

/** Why the header matched: the field's pattern and the header words behind it. */
export interface HeaderMatch {
  score: number;
  /** Header words that carried the pattern's concepts. */
  words: string[];
  /** The header is the field's own canonical name (`amount`, `signed_date`). */
  canonical: boolean;
}

/** The concepts of a header. */
export function conceptsOf(header: string): Set<Concept> {
  return new Set(headerConcepts(headerWords(header).tokens).keys());
}

/** Scores every field against one header: field → match (fields the header cannot name are absent). */
export function headerMatches(header: string): Map<MappableField, HeaderMatch> {
  const out = new Map<MappableField, HeaderMatch>();
  const { tokens } = headerWords(header);
  const concepts = headerConcepts(tokens);
  const has = (c: Concept) => concepts.has(c);
  const canonicalField = MAPPABLE_FIELDS.find((f) => f === header.trim().toLowerCase());
  for (const field of MAPPABLE_FIELDS) {
    const rule = FIELD_RULES[field];
    if (canonicalField === field) {
      out.set(field, { score: 1.05, words: [header.trim()], canonical: true });
      continue;
    }
    if (rule.never.some(has)) continue;
    let best: { weight: number; all: readonly Concept[] } | null = null;
    for (const p of rule.patterns) {
      if (!p.all.every(has) || (p.none ?? []).some(has)) continue;
      if (!best || p.weight > best.weight) best = { weight: p.weight, all: p.all };
    }
    if (!best) continue;
    let score = best.weight;
    // A column named just `id` is the row's own key, not a reference to something else.
    if (field === 'purchase_id' && tokens.length === 1 && has('ID')) score = Math.max(score, 0.8);
    for (const [c, b] of Object.entries(rule.bonus ?? {})) if (has(c as Concept)) score += b;
    const words = [...new Set(best.all.flatMap((c) => concepts.get(c) ?? []))];
    out.set(field, { score, words, canonical: false });
  }
  return out;
}

/** The kind of value evidence a field looks for, for the reason shown to people. */
export type EvidenceKind =
  | 'dates'
  | 'numbers'
  | 'largeNumbers'
  | 'smallIntegers'
  | 'taxIds'
  | 'names'
  | 'text'
  | 'methodWords'
  | 'methodIds'
  | 'currencyCodes'
  | 'codes'
  | 'distinct';

/** How well values fit a field: `fit` 0…1 (0.5 = no evidence either way) and the evidence behind it. */
export interface ValueFit {
  fit: number;
  kind: EvidenceKind;
  share: number;
}

const DATE_FIELDS = new Set<MappableField>(['signed_date', 'tender_start', 'tender_end', 'supplier_registered']);

function dateFit(p: ValueProfile): ValueFit {
  return { fit: p.dates >= 0.8 ? 0.9 + 0.1 * p.dates : p.dates >= 0.5 ? 0.5 : 0, kind: 'dates', share: p.dates };
}

function entityNameFit(p: ValueProfile, side: 'buyer' | 'supplier'): ValueFit {
  if (p.text < 0.3) return { fit: 0.02, kind: 'names', share: p.text };
  const lean = side === 'buyer' ? p.publicBodies - p.companies : p.companies - p.publicBodies;
  return { fit: Math.min(1, 0.15 + 0.7 * p.text + 0.15 * Math.max(-1, Math.min(1, lean))), kind: 'names', share: p.text };
}

function idFit(p: ValueProfile): ValueFit {
  if (p.taxId >= 0.8) return { fit: 1, kind: 'taxIds', share: p.taxId };
  if (p.text >= 0.5) return { fit: 0.1, kind: 'taxIds', share: p.taxId };
  return { fit: 0.35 + 0.3 * p.taxId, kind: 'taxIds', share: p.taxId };
}

/** How well a column's values fit `field`. */
export function valueFit(field: MappableField, p: ValueProfile): ValueFit {
  if (p.n === 0) return { fit: 0.5, kind: 'text', share: 0 };
  if (DATE_FIELDS.has(field)) return dateFit(p);
  switch (field) {
    case 'amount': {
      if (p.numeric < 0.5) return { fit: p.dates > 0.5 ? 0 : 0.05, kind: 'numbers', share: p.numeric };
      if (p.taxId >= 0.8 && p.integers >= 0.99) return { fit: 0.1, kind: 'numbers', share: p.numeric };
      const size = p.median === null ? 0 : p.median >= 1000 ? 1 : p.median >= 100 ? 0.6 : 0.25;
      return { fit: 0.45 + 0.35 * p.numeric + 0.2 * size, kind: 'largeNumbers', share: p.numeric };
    }
    case 'unit_price':
    case 'quantity':
      return {
        fit: p.numeric >= 0.8 ? 0.85 + 0.15 * p.numeric : p.numeric >= 0.5 ? 0.5 : 0.05,
        kind: 'numbers',
        share: p.numeric,
      };
    case 'n_bidders':
      if (p.small >= 0.8) return { fit: 1, kind: 'smallIntegers', share: p.small };
      if (p.numeric >= 0.8 && (p.median ?? 0) <= 100) return { fit: 0.7, kind: 'smallIntegers', share: p.small };
      return { fit: p.numeric >= 0.5 ? 0.15 : 0.05, kind: 'smallIntegers', share: p.small };
    case 'buyer_id':
    case 'supplier_id':
      return idFit(p);
    case 'buyer_name':
      return entityNameFit(p, 'buyer');
    case 'supplier_name':
      return entityNameFit(p, 'supplier');
    case 'item_name':
      // Names of goods are a few words; paragraphs of specification text are descriptions.
      if (p.text < 0.3) return { fit: 0.05, kind: 'text', share: p.text };
      // Names of organisations are not names of goods.
      if (p.companies + p.publicBodies >= 0.5) return { fit: 0.3, kind: 'text', share: p.text };
      return { fit: p.meanLength > 80 ? 0.6 : 0.3 + 0.6 * p.text + (p.meanLength >= 15 ? 0.1 : 0), kind: 'text', share: p.text };
    case 'method':
      if (p.methodWords >= 0.5) return { fit: 0.8 + 0.2 * p.methodWords, kind: 'methodWords', share: p.methodWords };
      if (p.methodIds >= 0.8) return { fit: 0.8, kind: 'methodIds', share: p.methodIds };
      if (p.dates > 0.5 || (p.numeric > 0.8 && (p.median ?? 0) > 1000))
        return { fit: 0.05, kind: 'methodWords', share: p.methodWords };
      if (p.methodWords < 0.2 && p.text >= 0.5) return { fit: 0.3, kind: 'methodWords', share: p.methodWords };
      return { fit: p.distinct <= 0.5 ? 0.5 : 0.35, kind: 'methodWords', share: p.methodWords };
    case 'currency':
      return { fit: p.currencyCodes >= 0.8 ? 1 : p.numeric > 0.5 ? 0.3 : 0.1, kind: 'currencyCodes', share: p.currencyCodes };
    case 'item_code':
      if (p.codes >= 0.5) return { fit: 0.9 + 0.1 * p.codes, kind: 'codes', share: p.codes };
      return { fit: p.text >= 0.8 && p.meanLength > 20 ? 0.15 : 0.5, kind: 'codes', share: p.codes };
    case 'purchase_id': {
      if (p.dates > 0.5) return { fit: 0.05, kind: 'distinct', share: p.distinct };
      if (p.numeric >= 0.8 && p.integers < 0.5) return { fit: 0.1, kind: 'distinct', share: p.distinct };
      if (p.text >= 0.8 && p.spaced >= 0.5 && p.meanLength > 30) return { fit: 0.1, kind: 'distinct', share: p.distinct };
      // 1, 2, 3… (or ranks 1, 3, 4…): a row counter, a weak key.
      if (p.rowCounter) return { fit: 0.5, kind: 'distinct', share: p.distinct };
      return { fit: 0.3 + 0.7 * p.distinct, kind: 'distinct', share: p.distinct };
    }
    case 'sector':
      return { fit: p.sectorWords >= 0.8 ? 1 : 0.05, kind: 'text', share: p.sectorWords };
    case 'unit':
    case 'status':
    case 'region':
      return { fit: p.text >= 0.5 ? 0.8 : p.numeric >= 0.8 ? 0.4 : 0.5, kind: 'text', share: p.text };
  }
  return { fit: 0.5, kind: 'text', share: 0 };
}

/**
 * Header and values combined: the values scale the header's score between 35 % and 100 %; values
 * that plainly contradict the field (text where dates belong) bring it below any proposal.
 */
export function combine(header: number, fit: ValueFit, hasValues: boolean): number {
  if (!hasValues) return header * 0.75;
  if (fit.fit < 0.1) return header * 0.3;
  return header * (0.35 + 0.65 * fit.fit);
}
