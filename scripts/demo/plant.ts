/**
 * Planted red-flag cases: each function takes clean background records and makes a few of them
 * (or new ones) satisfy one rule of FLAGS.md by a wide margin, without touching what the other
 * rules look at. Every plant marks the records it used as locked so plants do not overlap.
 */
import { kishN } from '../../src/flags/strength.ts';
import { type MethodDef, splitThreshold } from './catalog.ts';
import { dayOf, isoOf, yearOf } from './dates.ts';
import { type BinMaker, type Buyer, makeSupplier, type Supplier } from './entities.ts';
import { drawUnitPriceCents, groupByBuyerYear, itemsForKind, type SupplierPool } from './background.ts';
import { INTEGER_UNITS } from './catalog.ts';
import { assignMethod, type Rec, setQty, shiftDays } from './record.ts';
import type { Rng } from './rng.ts';

/** A planted buyer-level case (R013, R040, TL-YEAR-END: `buyer:year`; R029: buyer id). */
export interface BuyerPlant {
  code: string;
  entity: string;
  note: string;
}

/** How many cases of each kind to plant in one sector. */
export interface PlantCounts {
  singleBid: number;
  shortWindow: number;
  priceHigh: number;
  priceLow: number;
  newSupplier: number;
  duplicateSets: number;
  splitGroups: number;
  nonCompetitive: number;
  concentration: number;
  yearEnd: number;
}

/** What planting needs from the world. */
export interface PlantContext {
  rng: Rng;
  methods: readonly MethodDef[];
  pool: SupplierPool;
  bins: BinMaker;
  supplierNames: Set<string>;
  formCum: readonly number[];
  nextSeq: () => number;
}

function mark(r: Rec, code: string, note: string): void {
  r.planted.push({ code, note });
  r.locked = true;
}

/** Competitive, not a price quotation: outside the split population. */
function plainCompetitive(r: Rec): boolean {
  return r.m.competitive && !r.m.priceQuotation;
}

/** Single bids planted per captured buyer: far beyond the ~2 % a buyer's lots draw by chance. */
const SINGLE_BIDS_PER_BUYER = 8;

/**
 * R018: competitive purchases that received one bid, a fifth (at least eight) at each of a few buyers with 20–200
 * competitive lots (a buyer whose tenders keep drawing one bidder). The background already holds
 * about 2 % incidental single bids (drawBackground), which the flag must leave at low.
 */
export function plantSingleBids(recs: Rec[], n: number, ctx: PlantContext): number {
  const byBuyer = new Map<string, Rec[]>();
  for (const r of recs) {
    if (!r.m.competitive) continue;
    const l = byBuyer.get(r.buyer.id) ?? [];
    l.push(r);
    byBuyer.set(r.buyer.id, l);
  }
  let k = 0;
  for (const [, lots] of ctx.rng.shuffled([...byBuyer.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)))) {
    if (k >= n) break;
    if (lots.length < 20 || lots.length > 200) continue;
    const free = ctx.rng.shuffled(lots.filter((r) => !r.locked && r.nBidders > 1));
    const take = Math.max(SINGLE_BIDS_PER_BUYER, Math.round(0.2 * lots.length));
    if (free.length < take) continue;
    for (const r of free.slice(0, take)) r.nBidders = 1;
    // The buyer's incidental single bids belong to the same pattern and are planted too.
    const singles = lots.filter((r) => r.nBidders === 1);
    for (const r of singles) {
      mark(r, 'R018', `${r.m.detail}: 1 участник (${singles.length} из ${lots.length} у заказчика)`);
      k++;
    }
  }
  return k;
}

/** R003: submission windows of 3–9 days. */
export function plantShortWindows(recs: Rec[], n: number, ctx: PlantContext): number {
  let k = 0;
  for (const r of ctx.rng.shuffled(recs)) {
    if (k >= n) break;
    if (r.locked || r.tEnd === null) continue;
    const days = ctx.rng.int(3, 9);
    r.tStart = r.tEnd - days;
    mark(r, 'R003', `срок подачи ${days} дн.`);
    k++;
  }
  return k;
}

/**
 * R016 (unit price far above peers) and R017 (far below): the unit price is multiplied or divided
 * by 8–20 and the quantity the other way, so the amount stays the same and no amount-based rule
 * moves.
 */
export function plantPriceOutliers(recs: Rec[], n: number, high: boolean, ctx: PlantContext): number {
  const peers = new Map<string, number>();
  const planted = new Map<string, number>();
  for (const r of recs) {
    peers.set(r.item.code, (peers.get(r.item.code) ?? 0) + 1);
    if (r.planted.some((p) => p.code === 'R016' || p.code === 'R017'))
      planted.set(r.item.code, (planted.get(r.item.code) ?? 0) + 1);
  }
  // At most one outlier per 60 peers: more would move the peers' median and MAD themselves.
  const room = (code: string) => Math.floor((peers.get(code) ?? 0) / 60) - (planted.get(code) ?? 0);
  let k = 0;
  for (const r of ctx.rng.shuffled(recs)) {
    if (k >= n) break;
    if (r.locked || room(r.item.code) <= 0) continue;
    const f = ctx.rng.uniform(8, 20);
    const integer = INTEGER_UNITS.has(r.item.unit);
    let qty: number;
    if (high) {
      if (integer && r.qty / f < 3) continue;
      qty = integer ? Math.round(r.qty / f) : Math.round((r.qty / f) * 1000) / 1000;
      if (qty <= 0) continue;
    } else {
      qty = integer ? Math.round(r.qty * f) : Math.round(r.qty * f * 1000) / 1000;
    }
    const up = Math.round(r.amountCents / qty);
    if (up < 1) continue;
    const ratio = up / r.upCents;
    r.upCents = up;
    r.qty = qty;
    r.amountCents = Math.round(up * qty);
    const code = high ? 'R016' : 'R017';
    planted.set(r.item.code, (planted.get(r.item.code) ?? 0) + 1);
    mark(
      r,
      code,
      `цена за единицу ×${ratio >= 1 ? ratio.toFixed(1) : (1 / ratio).toFixed(1)} ${high ? 'выше' : 'ниже'} типичной`,
    );
    k++;
  }
  return k;
}

function newSupplierFor(ctx: PlantContext, registered: number): Supplier {
  const s = makeSupplier(ctx.rng, ctx.bins, ctx.formCum, registered, ctx.supplierNames);
  return s;
}

/** TL-NEW-SUPPLIER: large contracts (top 5 % of the dataset) given to a supplier registered 30–330 days earlier. */
export function plantNewSuppliers(recs: Rec[], n: number, ctx: PlantContext): number {
  const sorted = recs.map((r) => r.amountCents).sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)];
  let k = 0;
  for (const r of ctx.rng.shuffled(recs)) {
    if (k >= n) break;
    if (r.locked || !plainCompetitive(r) || r.amountCents < p95) continue;
    const age = ctx.rng.int(30, 330);
    r.supplier = newSupplierFor(ctx, r.day - age);
    mark(r, 'TL-NEW-SUPPLIER', `поставщик зарегистрирован за ${age} дн. до договора`);
    k++;
  }
  return k;
}

/** TL-DUPLICATE: a purchase entered twice or three times (same buyer, supplier, item, amount, date). */
export function plantDuplicates(recs: Rec[], sets: number, ctx: PlantContext): number {
  const byBY = groupByBuyerYear(recs);
  let k = 0;
  const added: Rec[] = [];
  for (const list of ctx.rng.shuffled([...byBY.values()])) {
    if (k >= sets) break;
    if (list.length < 20) continue;
    const amounts = list.map((r) => r.amountCents).sort((a, b) => a - b);
    const med = amounts[Math.floor(amounts.length / 2)];
    const r = list.find((x) => !x.locked && plainCompetitive(x) && x.amountCents <= med);
    if (!r) continue;
    const copies = ctx.rng.chance(0.2) ? 2 : 1;
    const note = `дубликат: ${copies + 1} одинаковые записи`;
    mark(r, 'TL-DUPLICATE', note);
    for (let c = 0; c < copies; c++) {
      const d: Rec = { ...r, seq: ctx.nextSeq(), planted: [] };
      mark(d, 'TL-DUPLICATE', note);
      added.push(d);
    }
    k++;
  }
  recs.push(...added);
  return k;
}

/**
 * R011: a buyer splits one need into 2–5 direct or price-quotation purchases from one new supplier
 * and one item code within 25 days: each below the threshold (8 000 MRP), together above it.
 * Either several parts of 30–85 % of the threshold, or two or three parts in [92 %, 98.5 %).
 */
export function plantSplits(recs: Rec[], groups: number, used: Set<string>, ctx: PlantContext): number {
  const { rng } = ctx;
  const byBY = groupByBuyerYear(recs);
  let k = 0;
  for (const [key, list] of rng.shuffled([...byBY.entries()])) {
    if (k >= groups) break;
    if (used.has(key) || list.length < 20) continue;
    const year = Number(key.slice(key.lastIndexOf(':') + 1));
    const t = splitThreshold(`${year}-06-01`);
    const tCents = t * 100;
    let total = 0;
    let nonComp = 0;
    for (const r of list) {
      total += r.amountCents;
      if (!r.m.competitive) nonComp += r.amountCents;
    }
    // The added direct awards (at most 5 × 0.985 T) must leave the buyer-year's shares clean.
    const added = 5 * tCents;
    if (total < 25 * tCents || nonComp + added > 0.44 * (total + added)) continue;
    const buyer: Buyer = list[0].buyer;
    const busy = new Set(list.filter((r) => !r.m.competitive || r.m.priceQuotation).map((r) => r.item.code));
    const items = itemsForKind(buyer.kind).filter((i) => !busy.has(i.code) && i.price <= 0.004 * t);
    if (items.length === 0) continue;
    const item = rng.pick(items);
    const nearVariant = rng.chance(0.3);
    const parts = nearVariant ? rng.int(2, 3) : rng.int(3, 5);
    const shares: number[] = [];
    for (let i = 0; i < parts; i++)
      shares.push(nearVariant ? rng.uniform(0.92, 0.985) : rng.uniform(Math.max(0.3, 1.3 / parts), 0.85));
    const start = rng.int(year === 2020 ? dayOf(2020, 4, 10) : dayOf(year, 2, 1), dayOf(year, 11, 20));
    const days = [start, ...Array.from({ length: parts - 1 }, () => start + rng.int(1, 25))].sort((a, b) => a - b);
    // Mostly direct awards; a quarter through price quotations (found by `method_detail`).
    const pq = rng.chance(0.25);
    const method = ctx.methods.find((m) => (pq ? m.priceQuotation : !m.competitive))!;
    const supplier = newSupplierFor(ctx, rng.int(dayOf(2004, 1, 1), dayOf(2014, 12, 31)));
    const note = `дробление: ${parts} закупки за ${days[parts - 1] - days[0]} дн., ${method.detail}, ${item.code}`;
    for (let i = 0; i < parts; i++) {
      const r: Rec = {
        seq: ctx.nextSeq(),
        sector: list[0].sector,
        buyer,
        supplier,
        m: method,
        nBidders: 1,
        day: days[i],
        tStart: null,
        tEnd: null,
        item,
        qty: 1,
        upCents: drawUnitPriceCents(item, rng),
        amountCents: 0,
        status: list[0].status,
        planted: [],
        locked: false,
      };
      let share = shares[i];
      setQty(r, (share * tCents) / r.upCents);
      // Rounding the quantity can lift the amount; lower it until it is below the threshold.
      while (r.amountCents >= tCents) setQty(r, ((share *= 0.97) * tCents) / r.upCents);
      assignMethod(r, method, rng);
      mark(r, 'R011', note);
      recs.push(r);
    }
    used.add(key);
    k++;
  }
  return k;
}

function buyerYearCandidates(recs: Rec[], used: Set<string>, ctx: PlantContext): [string, Rec[]][] {
  // A planted buyer-year needs enough effective purchases (Kish's n of its amounts) for any test to
  // tell it from chance: a year of three big contracts and small change cannot be "planted" convincingly.
  return ctx.rng
    .shuffled([...groupByBuyerYear(recs).entries()])
    .filter(([k, l]) => !used.has(k) && l.length >= 30 && kishN(l.map((r) => r.amountCents)) >= 15);
}

/** R013: a buyer-year whose large tenders are turned into direct awards until ≥ 95 % of value is non-competitive. */
export function plantNonCompetitive(recs: Rec[], n: number, used: Set<string>, ctx: PlantContext): BuyerPlant[] {
  const out: BuyerPlant[] = [];
  for (const [key, list] of buyerYearCandidates(recs, used, ctx)) {
    if (out.length >= n) break;
    const direct = ctx.methods.find((m) => !m.competitive)!;
    let total = 0;
    let nonComp = 0;
    for (const r of list) {
      total += r.amountCents;
      if (!r.m.competitive) nonComp += r.amountCents;
    }
    const cands = list
      .filter((r) => !r.locked && plainCompetitive(r) && r.amountCents >= 1.05 * splitThreshold(isoOf(r.day)) * 100)
      .sort((a, b) => b.amountCents - a.amountCents);
    const chosen: Rec[] = [];
    for (const r of cands) {
      if (nonComp >= 0.95 * total) break;
      chosen.push(r);
      nonComp += r.amountCents;
    }
    if (nonComp < 0.95 * total) continue;
    for (const r of chosen) {
      assignMethod(r, direct, ctx.rng);
      r.locked = true;
    }
    for (const r of list) r.locked = true;
    used.add(key);
    out.push({ code: 'R013', entity: key, note: `неконкурентные способы: ${Math.round((100 * nonComp) / total)} % стоимости` });
  }
  return out;
}

/** R040: a buyer-year where one supplier wins the large tenders until it holds ≥ 95 % of value. */
export function plantConcentration(recs: Rec[], n: number, used: Set<string>, ctx: PlantContext): BuyerPlant[] {
  const out: BuyerPlant[] = [];
  for (const [key, list] of buyerYearCandidates(recs, used, ctx)) {
    if (out.length >= n) break;
    const total = list.reduce((s, r) => s + r.amountCents, 0);
    // Direct awards above the split threshold may change hands too: they are outside the split population.
    const cands = list
      .filter(
        (r) =>
          !r.locked && (plainCompetitive(r) || (!r.m.competitive && r.amountCents >= 1.05 * splitThreshold(isoOf(r.day)) * 100)),
      )
      .sort((a, b) => b.amountCents - a.amountCents);
    if (cands.length < 3) continue;
    const winner = cands[0].supplier;
    let share = list.filter((r) => r.supplier.id === winner.id).reduce((s, r) => s + r.amountCents, 0);
    const chosen: Rec[] = [];
    for (const r of cands.slice(1)) {
      if (share >= 0.95 * total) break;
      if (r.supplier.id === winner.id) continue;
      chosen.push(r);
      share += r.amountCents;
    }
    if (share < 0.95 * total) continue;
    for (const r of chosen) r.supplier = winner;
    for (const r of list) r.locked = true;
    used.add(key);
    out.push({ code: 'R040', entity: key, note: `доля крупнейшего поставщика ${Math.round((100 * share) / total)} %` });
  }
  return out;
}

/** TL-YEAR-END: a buyer-year whose tenders are moved into 20–30 December until ≥ 60 % of value is signed there. */
export function plantYearEnd(recs: Rec[], n: number, used: Set<string>, ctx: PlantContext): BuyerPlant[] {
  const out: BuyerPlant[] = [];
  for (const [key, list] of buyerYearCandidates(recs, used, ctx)) {
    if (out.length >= n) break;
    const year = Number(key.slice(key.lastIndexOf(':') + 1));
    const cut = dayOf(year, 12, 20);
    const total = list.reduce((s, r) => s + r.amountCents, 0);
    let late = list.filter((r) => r.day >= cut).reduce((s, r) => s + r.amountCents, 0);
    const cands = ctx.rng.shuffled(list.filter((r) => !r.locked && plainCompetitive(r) && r.day < cut));
    const chosen: Rec[] = [];
    for (const r of cands) {
      if (late >= 0.6 * total) break;
      chosen.push(r);
      late += r.amountCents;
    }
    if (late < 0.6 * total) continue;
    for (const r of chosen) {
      const target = ctx.rng.int(cut, dayOf(year, 12, 30));
      shiftDays(r, target - r.day);
      if (yearOf(r.day) !== year) throw new Error('year-end plant left its year');
    }
    for (const r of list) r.locked = true;
    used.add(key);
    out.push({
      code: 'TL-YEAR-END',
      entity: key,
      note: `${Math.round((100 * late) / total)} % стоимости подписано 20–31 декабря`,
    });
  }
  return out;
}
