import { METHODS } from '../../model/schema';
import { mergeObjects } from './compile';
import type { Bid, Method, Purchase, Sector } from '../../model/schema';
import type { CompiledRelease, JsonObject, OcdsItem, OcdsOrganization, OcdsValue } from './types';

/**
 * Compiled release → canonical rows. Pure.
 *
 * Which rows, and how value is never counted twice:
 * - one `purchases` row per **award**, `purchase_id = <ocid>/<award.id>`. Its amount is the
 *   award's value; when the award has none, the summed value of the contracts that point at it
 *   (`contracts[].awardID`), if they share one currency;
 * - one row per **contract that no award accounts for** (no `awardID`, or an `awardID` that
 *   matches no award), `purchase_id = <ocid>/contract/<contract.id>`, with the contract value —
 *   publishers such as Canada's buyandsell publish contracts only;
 * - when the process has **neither awards nor contracts**, one row for the tender,
 *   `purchase_id = <ocid>/tender`, with the tender's (estimated) value and no supplier.
 * A contract linked to an award never adds a row of its own, so its value is never added on top
 * of the award's. Entries of `awards` (or `contracts`) that repeat an id are one award, as OCDS
 * merging treats them: they are merged, the later entry winning, before rows are made.
 */

/** Rows made from one compiled release, plus notes on what was simplified. */
export interface FlattenResult {
  purchases: Purchase[];
  bids: Bid[];
  /** Short reasons worth counting (e.g. 'award with several suppliers: names joined'). */
  notes: string[];
}

/** What every row of a dataset shares. */
export interface FlattenContext {
  datasetId: string;
  sector: Sector;
  /** 1-based position of the release in the file. */
  sourceRow: number | null;
}

/** Largest magnitude DECIMAL(18,2) holds; larger amounts are data errors and become NULL. */
const MAX_AMOUNT = 1e16;

/** Flattens one compiled release into `purchases` and `bids` rows. */
export function flattenRelease(r: CompiledRelease, ctx: FlattenContext): FlattenResult {
  const notes: string[] = [];
  const ocid = String(r.ocid);
  const parties = Array.isArray(r.parties) ? r.parties : [];
  const tender = r.tender ?? {};
  const awards = collapseById((Array.isArray(r.awards) ? r.awards : []).filter(isObj), 'award', notes);
  const contracts = collapseById((Array.isArray(r.contracts) ? r.contracts : []).filter(isObj), 'contract', notes);

  const buyerRef = isObj(r.buyer)
    ? r.buyer
    : isObj(tender.procuringEntity)
      ? tender.procuringEntity
      : parties.find((p) => isObj(p) && hasRole(p, 'buyer'));
  const buyer = buyerRef ? resolveOrg(buyerRef, parties) : null;
  const rawMethod = str(tender.procurementMethod);
  const method =
    rawMethod && (METHODS as readonly string[]).includes(rawMethod.toLowerCase()) ? (rawMethod.toLowerCase() as Method) : null;
  const methodDetail = str(tender.procurementMethodDetails) ?? (method ? null : rawMethod);
  const common = {
    dataset_id: ctx.datasetId,
    source_row: ctx.sourceRow,
    sector: ctx.sector,
    buyer_id: buyer?.id ?? null,
    buyer_name: buyer?.name ?? null,
    method,
    method_detail: methodDetail,
    competitive: method === null ? null : method === 'open' || method === 'selective',
    amount_kzt: null,
    tender_start: datePart(tender.tenderPeriod?.startDate),
    tender_end: datePart(tender.tenderPeriod?.endDate),
    n_bidders: numberOfBidders(r),
    region: buyer?.region ?? null,
    supplier_registered: null,
  } satisfies Partial<Purchase>;
  const releaseDate = datePart(r.date);
  const tenderItems = Array.isArray(tender.items) ? tender.items.filter(isObj) : [];

  const purchases: Purchase[] = [];
  const usedIds = new Set<string>();
  const uniqueId = (id: string) => {
    let out = id;
    for (let n = 2; usedIds.has(out); n++) out = `${id}#${n}`;
    if (out !== id) notes.push('repeated award or contract id: suffixed');
    usedIds.add(out);
    return out;
  };

  const awardIds = new Set(awards.map((a) => str(a.id)).filter((x): x is string => x !== null));
  awards.forEach((a, i) => {
    const aid = str(a.id) ?? String(i + 1);
    const linked = contracts.filter((c) => str(c.awardID) === aid);
    let value = money(a.value);
    if (value.amount === null && linked.length > 0)
      value = sumValues(
        linked.map((c) => money(c.value)),
        notes,
      );
    const sup = suppliers(a.suppliers, parties, notes);
    const signed = linked.map((c) => datePart(c.dateSigned)).find((d) => d !== null) ?? datePart(a.date) ?? releaseDate;
    const item =
      firstItem(a.items) ?? firstItem(linked.flatMap((c) => (Array.isArray(c.items) ? c.items : []))) ?? tenderItems[0] ?? null;
    const itemCount = (Array.isArray(a.items) && a.items.length) || tenderItems.length;
    purchases.push({
      ...common,
      purchase_id: uniqueId(`${ocid}/${aid}`),
      supplier_id: sup.id,
      supplier_name: sup.name,
      amount: checked(value.amount, notes),
      currency: value.currency,
      signed_date: signed,
      ...itemFields(item, value.amount, itemCount),
      status: str(a.status),
    });
  });

  for (const c of contracts) {
    const awardId = str(c.awardID);
    if (awardId !== null && awardIds.has(awardId)) continue;
    const cid = str(c.id) ?? String(purchases.length + 1);
    const value = money(c.value);
    const item = firstItem(c.items) ?? tenderItems[0] ?? null;
    const supRefs = Array.isArray(c.suppliers) ? (c.suppliers as OcdsOrganization[]) : null;
    const sup = suppliers(supRefs, parties, notes);
    const itemCount = (Array.isArray(c.items) && c.items.length) || tenderItems.length;
    purchases.push({
      ...common,
      purchase_id: uniqueId(`${ocid}/contract/${cid}`),
      supplier_id: sup.id,
      supplier_name: sup.name,
      amount: checked(value.amount, notes),
      currency: value.currency,
      signed_date: datePart(c.dateSigned) ?? releaseDate,
      ...itemFields(item, value.amount, itemCount),
      status: str(c.status),
    });
  }

  if (awards.length === 0 && contracts.length === 0) {
    const value = money(tender.value);
    const item = tenderItems[0] ?? null;
    purchases.push({
      ...common,
      purchase_id: uniqueId(`${ocid}/tender`),
      supplier_id: null,
      supplier_name: null,
      amount: checked(value.amount, notes),
      currency: value.currency,
      signed_date: releaseDate,
      ...itemFields(item, value.amount, tenderItems.length),
      status: str(tender.status),
    });
  }

  return { purchases, bids: flattenBids(r, ctx.datasetId, parties), notes };
}

/** `bids.details` → `bids` rows (tenderer ids resolved like supplier ids, sorted, '|'-joined). */
export function flattenBids(
  r: CompiledRelease,
  datasetId: string,
  parties: readonly OcdsOrganization[] = r.parties ?? [],
): Bid[] {
  const details = isObj(r.bids) && Array.isArray(r.bids.details) ? r.bids.details.filter(isObj) : [];
  return details.map((b) => {
    const ids = (Array.isArray(b.tenderers) ? b.tenderers.filter(isObj) : [])
      .map((t) => resolveOrg(t, parties).id)
      .filter((x): x is string => x !== null)
      .sort();
    const value = money(b.value);
    return {
      dataset_id: datasetId,
      ocid: String(r.ocid),
      bid_id: str(b.id),
      tenderer_ids: ids.length ? ids.join('|') : null,
      amount: value.amount,
      currency: value.currency,
      status: str(b.status),
      date: str(b.date),
    };
  });
}

/**
 * tender.numberOfTenderers, else the distinct tenderers of `bids.details`, else the length of
 * tender.tenderers.
 */
export function numberOfBidders(r: CompiledRelease): number | null {
  const declared = num(r.tender?.numberOfTenderers);
  if (declared !== null) return Math.round(declared);
  const details = isObj(r.bids) && Array.isArray(r.bids.details) ? r.bids.details.filter(isObj) : [];
  if (details.length > 0) {
    const ids = new Set<string>();
    for (const b of details) {
      for (const t of Array.isArray(b.tenderers) ? b.tenderers.filter(isObj) : []) {
        const key = str(t.id) ?? str(t.identifier?.id) ?? str(t.name);
        if (key) ids.add(key);
      }
    }
    if (ids.size > 0) return ids.size;
  }
  const tenderers = r.tender?.tenderers;
  return Array.isArray(tenderers) ? tenderers.length : null;
}

/**
 * An organization reference resolved against `parties`: id is the legal identifier
 * (`identifier.id`) when known — stable across publishers' internal party ids — else the
 * reference's `id`; name from the reference, else the party, else the legal name.
 */
export function resolveOrg(
  ref: OcdsOrganization,
  parties: readonly OcdsOrganization[],
): { id: string | null; name: string | null; region: string | null } {
  const refId = str(ref.id);
  const party = refId !== null ? parties.find((p) => isObj(p) && str(p.id) === refId) : undefined;
  const identifier = isObj(ref.identifier) ? ref.identifier : isObj(party?.identifier) ? party.identifier : null;
  const address = isObj(ref.address) ? ref.address : isObj(party?.address) ? party.address : null;
  return {
    id: str(identifier?.id) ?? refId,
    name: str(ref.name) ?? str(party?.name) ?? str(identifier?.legalName),
    region: str(address?.region),
  };
}

/** The date part (YYYY-MM-DD) of an RFC 3339 date-time, or null. */
export function datePart(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1000) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** An OCDS value as `{amount, currency}`; currency trimmed and upper-cased ('mdl' → 'MDL'). */
export function money(v: OcdsValue | null | undefined): { amount: number | null; currency: string | null } {
  if (!isObj(v)) return { amount: null, currency: null };
  const currency = str(v.currency)?.toUpperCase() ?? null;
  return { amount: num(v.amount), currency };
}

function sumValues(
  values: { amount: number | null; currency: string | null }[],
  notes: string[],
): { amount: number | null; currency: string | null } {
  const known = values.filter((v) => v.amount !== null);
  if (known.length === 0) return { amount: null, currency: null };
  const currencies = new Set(known.map((v) => v.currency));
  if (currencies.size > 1) {
    notes.push('contracts of one award in several currencies: amount left empty');
    return { amount: null, currency: null };
  }
  return { amount: known.reduce((s, v) => s + (v.amount as number), 0), currency: known[0].currency };
}

function suppliers(
  refs: OcdsOrganization[] | null | undefined,
  parties: readonly OcdsOrganization[],
  notes: string[],
): { id: string | null; name: string | null } {
  const list = (Array.isArray(refs) ? refs : []).filter(isObj).map((s) => resolveOrg(s, parties));
  if (list.length === 0) return { id: null, name: null };
  if (list.length === 1) return { id: list[0].id, name: list[0].name };
  // A consortium or a multi-supplier award: keep every name, and an id that stands for the group.
  notes.push('award with several suppliers: names and ids joined');
  const ids = list.map((s) => s.id).filter((x): x is string => x !== null);
  return { id: ids.length ? ids.join('|') : null, name: list.map((s) => s.name ?? s.id ?? '?').join('; ') };
}

function itemFields(
  item: OcdsItem | null,
  amount: number | null,
  itemCount: number,
): Pick<Purchase, 'item_code' | 'item_name' | 'unit' | 'quantity' | 'unit_price'> {
  if (!item) return { item_code: null, item_name: null, unit: null, quantity: null, unit_price: null };
  const cls = isObj(item.classification) ? item.classification : null;
  const code = str(cls?.id);
  const scheme = str(cls?.scheme);
  const quantity = num(item.quantity);
  const unitValue = isObj(item.unit) ? money(item.unit.value).amount : null;
  // amount / quantity only means a unit price when the purchase has this one item.
  const derived =
    unitValue === null && amount !== null && quantity !== null && quantity > 0 && itemCount <= 1 ? amount / quantity : null;
  return {
    item_code: code === null ? null : scheme ? `${scheme}:${code}` : code,
    item_name: str(item.description) ?? str(cls?.description),
    unit: isObj(item.unit) ? (str(item.unit.name) ?? str(item.unit.id)) : null,
    quantity,
    unit_price: unitValue ?? derived,
  };
}

/** Entries sharing an id merged into the first one's place (later fields win); entries without id kept. */
function collapseById<T extends { id?: unknown }>(list: T[], what: string, notes: string[]): T[] {
  const out: T[] = [];
  const at = new Map<string, number>();
  for (const x of list) {
    const id = str(x.id);
    const i = id === null ? undefined : at.get(id);
    if (i === undefined) {
      if (id !== null) at.set(id, out.length);
      out.push(x);
    } else {
      out[i] = mergeObjects(out[i] as JsonObject, x as JsonObject) as T;
      notes.push(`repeated ${what} id: entries merged`);
    }
  }
  return out;
}

function firstItem(items: OcdsItem[] | null | undefined): OcdsItem | null {
  return Array.isArray(items) ? (items.find(isObj) ?? null) : null;
}

function checked(amount: number | null, notes: string[]): number | null {
  if (amount !== null && Math.abs(amount) >= MAX_AMOUNT) {
    notes.push('amount too large to be real: left empty');
    return null;
  }
  return amount;
}

function hasRole(p: OcdsOrganization, role: string): boolean {
  return Array.isArray(p.roles) && p.roles.includes(role);
}

function str(v: unknown): string | null {
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? null : t;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function num(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function isObj<T>(v: T): v is T & Record<string, unknown> & NonNullable<T> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
