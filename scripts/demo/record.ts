/**
 * The generator's working record of one purchase (days as integers, money in cents) and the
 * operations that keep its fields consistent: method with bidders and tender window, quantity
 * with amount, and conversion to a canonical `Purchase` row.
 */
import type { Purchase, Sector } from '../../src/model/schema.ts';
import { INTEGER_UNITS, type Item, type MethodDef } from './catalog.ts';
import { isoOf } from './dates.ts';
import type { Buyer, Supplier } from './entities.ts';
import type { Rng } from './rng.ts';

/** One purchase while it is being generated. */
export interface Rec {
  /** Creation order; stable identity until final ids are given. */
  seq: number;
  sector: Sector;
  buyer: Buyer;
  supplier: Supplier;
  m: MethodDef;
  nBidders: number;
  day: number;
  tStart: number | null;
  tEnd: number | null;
  item: Item;
  qty: number;
  upCents: number;
  amountCents: number;
  status: string;
  /** Planted flag codes (and a note) — empty for background. */
  planted: { code: string; note: string }[];
  /** Already used by a planted case: other plants leave it alone. */
  locked: boolean;
}

/** Rounds to `digits` significant digits. */
function significant(q: number, digits: number): number {
  if (q <= 0) return 0;
  const e = 10 ** (Math.floor(Math.log10(q)) - digits + 1);
  return Math.round(q / e) * e;
}

/**
 * Rounds a quantity the way orders are written: whole units below 100, two significant digits
 * above (1 300 litres, not 1 287); measured units (tonnes, m³, Gcal) to three significant
 * digits. Round quantities also keep the gzip files small.
 */
export function roundQty(unit: string, q: number): number {
  if (INTEGER_UNITS.has(unit)) return q < 99.5 ? Math.max(1, Math.round(q)) : Math.round(significant(q, 2));
  return Math.max(0.001, Math.round(significant(q, 3) * 1000) / 1000);
}

/** Sets quantity and recomputes the amount from the unit price. */
export function setQty(r: Rec, qty: number): void {
  r.qty = roundQty(r.item.unit, qty);
  r.amountCents = Math.round(r.upCents * r.qty);
}

/**
 * Gives a record a method and the fields that follow from it: competitive methods get 2+
 * bidders and a submission window of at least 16 days ending 2–25 days before signing;
 * direct awards get one "bidder" and no window.
 */
export function assignMethod(r: Rec, m: MethodDef, rng: Rng): void {
  r.m = m;
  if (!m.competitive) {
    r.nBidders = 1;
    r.tStart = null;
    r.tEnd = null;
    return;
  }
  r.nBidders = Math.min(14, 2 + rng.geometric(0.38));
  // At least 16 days: one day of margin over the 15-day rule, whichever way an engine counts.
  const window = 16 + Math.min(30, rng.geometric(0.12));
  r.tEnd = r.day - rng.int(2, 25);
  r.tStart = r.tEnd - window;
}

/** Moves a record in time with its tender window. */
export function shiftDays(r: Rec, delta: number): void {
  r.day += delta;
  if (r.tStart !== null) r.tStart += delta;
  if (r.tEnd !== null) r.tEnd += delta;
}

function qtyText(q: number): number {
  return Math.round(q * 1000) / 1000;
}

/** The canonical row of a record. */
export function toPurchase(r: Rec, datasetId: string, purchaseId: string, sourceRow: number): Purchase {
  const amount = r.amountCents / 100;
  return {
    dataset_id: datasetId,
    purchase_id: purchaseId,
    source_row: sourceRow,
    sector: r.sector,
    buyer_id: r.buyer.id,
    buyer_name: r.buyer.name,
    supplier_id: r.supplier.id,
    supplier_name: r.supplier.name,
    method: r.m.method,
    method_detail: r.m.detail,
    competitive: r.m.competitive,
    amount,
    currency: 'KZT',
    amount_kzt: amount,
    signed_date: isoOf(r.day),
    tender_start: r.tStart === null ? null : isoOf(r.tStart),
    tender_end: r.tEnd === null ? null : isoOf(r.tEnd),
    n_bidders: r.nBidders,
    item_code: r.item.code,
    item_name: r.item.name,
    unit: r.item.unit,
    quantity: qtyText(r.qty),
    unit_price: r.upCents / 100,
    region: r.buyer.region,
    status: r.status,
    supplier_registered: isoOf(r.supplier.registered),
  };
}
