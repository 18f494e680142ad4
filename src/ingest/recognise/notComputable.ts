/**
 * Which red flags a mapping leaves not computable, derived from each flag's declared needs in the
 * flag registry (never a hand-kept list), and the important fields a person should be told about.
 */
import { TIER1_FLAGS } from '../../flags/registry';
import type { Purchase } from '../../model/schema';
import type { ColumnMapping, MappableField } from '../mapping';

/** Fields whose absence costs totals or flags; the dialog lists them when unmapped. */
export const IMPORTANT_FIELDS: readonly MappableField[] = [
  'amount',
  'signed_date',
  'buyer_id',
  'buyer_name',
  'supplier_id',
  'supplier_name',
  'method',
  'n_bidders',
  'tender_start',
  'tender_end',
  'item_code',
];

/**
 * The mapped fields a `purchases` column is filled from: most are one field; `competitive` follows
 * from the method, `unit_price` from itself or amount ÷ quantity.
 */
function sources(column: keyof Purchase): MappableField[][] {
  if (column === 'competitive') return [['method']];
  if (column === 'unit_price') return [['unit_price'], ['amount', 'quantity']];
  return [[column as MappableField]];
}

/** The fields that would make `column` available; empty when it already is. */
function missingFor(column: keyof Purchase, mapped: (f: MappableField) => boolean): MappableField[] {
  const options = sources(column);
  if (options.some((o) => o.every(mapped))) return [];
  return options[0].filter((f) => !mapped(f));
}

/**
 * Flag code → the fields missing for it, for every flag the mapping leaves not computable
 * (flags it can compute are absent). A `needsOneOf` group reports its first member.
 */
export function notComputable(mapping: Partial<ColumnMapping>): Record<string, MappableField[]> {
  const mapped = (f: MappableField) => Boolean(mapping[f]);
  const out: Record<string, MappableField[]> = {};
  for (const flag of TIER1_FLAGS) {
    const missing = new Set<MappableField>();
    for (const col of flag.needs) missingFor(col, mapped).forEach((f) => missing.add(f));
    for (const group of flag.needsOneOf ?? []) {
      const per = group.map((c) => missingFor(c, mapped));
      if (!per.some((m) => m.length === 0)) per[0].forEach((f) => missing.add(f));
    }
    if (missing.size) out[flag.code] = [...missing];
  }
  return out;
}

/** Unmapped important field → the flag codes it alone makes not computable (or would unblock with others). */
export function flagsNeeding(mapping: Partial<ColumnMapping>): Partial<Record<MappableField, string[]>> {
  const blocked = notComputable(mapping);
  const out: Partial<Record<MappableField, string[]>> = {};
  for (const f of IMPORTANT_FIELDS) {
    if (mapping[f]) continue;
    out[f] = Object.entries(blocked)
      .filter(([, fields]) => fields.includes(f))
      .map(([code]) => code);
  }
  return out;
}
