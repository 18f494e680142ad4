/**
 * The background of a demo dataset: ordinary purchases drawn from the buyers, methods, items and
 * suppliers, calibrated to the yearly totals, then cleaned by "fixers" so that no background
 * buyer, buyer-year or purchase comes near a red-flag threshold. The fixers use margins beyond
 * the FLAGS.md defaults (e.g. year-end share < 10 % instead of < 13.2 %), so a flag engine that
 * reads a rule slightly differently (a 13-day year end, a 31-day split window) still finds only
 * the planted cases.
 */
import type { Sector } from '../../src/model/schema.ts';
import { CONVERT_TO, ITEMS, BUYER_TAGS, type Item, type MethodDef, splitThreshold } from './catalog.ts';
import { dayOf, isoOf, yearOf } from './dates.ts';
import type { Buyer, Supplier } from './entities.ts';
import { assignMethod, type Rec, setQty } from './record.ts';
import { Rng, cumulative } from './rng.ts';

/** How one sector's background is drawn. */
export interface SectorSpec {
  sector: Sector;
  datasetId: string;
  /** Purchase id prefix. */
  prefix: string;
  rows: number;
  methods: readonly MethodDef[];
  /** Target total value per year, tenge. */
  targets: Readonly<Record<number, number>>;
  /** How many buyers get non-Benford amounts (R029). */
  benfordBuyers: number;
}

/** Shared pools of the world both sectors live in. */
export interface SupplierPool {
  all: Supplier[];
  byRegion: Map<string, Supplier[]>;
}

/** Share of each year's purchases: mild growth. */
const YEAR_SHARE: Readonly<Record<number, number>> = { 2018: 0.31, 2019: 0.33, 2020: 0.36 };
/** Relative purchase counts by month (busier in spring, quieter in summer). */
const MONTH_WEIGHTS = [1.2, 1.1, 1.15, 1.05, 1.0, 0.9, 0.8, 0.8, 0.95, 1.0, 1.0, 1.5];
/** Share of December purchases signed in its last 12 days: budget bodies' ordinary year-end peak. */
const LATE_DECEMBER_SHARE = 0.55;
/** Share of competitive lots that draw a single bid by chance, as in real registers. */
const INCIDENTAL_SINGLE_BID = 0.02;
/** Chance that a purchase repeats the buyer's regular item from its regular supplier. */
const REPEAT_PURCHASE = 0.12;

/** Items a buyer kind draws from, sorted by typical price. */
export function itemsForKind(kind: string): Item[] {
  const tags = new Set(BUYER_TAGS[kind]);
  return ITEMS.filter((i) => i.tags.some((t) => tags.has(t))).sort((a, b) => a.price - b.price);
}

/** A unit price near the item's typical price: log-normal, truncated at 2.2 σ (no accidental outliers). */
export function drawUnitPriceCents(item: Item, rng: Rng): number {
  const p = item.price * Math.exp(item.sigma * rng.truncNormal(2.2));
  // Prices of a thousand tenge and more are quoted in whole tenge.
  return p >= 1000 ? Math.round(p) * 100 : Math.max(1, Math.round(p * 100));
}

/** An item whose price leaves a sensible quantity for `amount` (≥ 20 units if possible). */
export function pickItem(items: readonly Item[], amount: number, rng: Rng): Item {
  let n = 0;
  while (n < items.length && items[n].price <= amount / 20) n++;
  if (n === 0) while (n < items.length && items[n].price <= amount / 2) n++;
  return n === 0 ? items[0] : items[Math.floor(rng.next() * n)];
}

/** A supplier for a buyer: usually from its region. */
export function pickSupplier(pool: SupplierPool, region: string, rng: Rng): Supplier {
  const local = pool.byRegion.get(region);
  return local && local.length > 0 && rng.chance(0.7) ? rng.pick(local) : rng.pick(pool.all);
}

/**
 * The suppliers a buyer works with: about 0.6 per yearly purchase, 6 to 80 of them, mostly from
 * its region. Buyers return to the same suppliers, as real ones do.
 */
export function makeRoster(pool: SupplierPool, region: string, purchasesPerYear: number, rng: Rng): Supplier[] {
  // Small buyers work with two or three suppliers: concentrated by arithmetic, not by capture.
  const size = Math.min(80, Math.max(2, Math.round(0.6 * purchasesPerYear)));
  const out = new Set<Supplier>();
  for (let guard = 0; out.size < size && guard < size * 20; guard++) out.add(pickSupplier(pool, region, rng));
  return [...out];
}

/** Draws the background records of one sector and returns them with the Benford-planted buyers. */
export function drawBackground(
  spec: SectorSpec,
  buyers: readonly Buyer[],
  pool: SupplierPool,
  rng: Rng,
  seqStart: number,
): { recs: Rec[]; benford: Buyer[] } {
  const buyerCum = cumulative(buyers.map((b) => b.activity));
  const methodCum = cumulative(spec.methods.map((m) => m.weight));
  const monthCum = cumulative(MONTH_WEIGHTS);
  type Draft = { b: number; m: MethodDef; day: number; raw: number; year: number };
  const drafts: Draft[] = [];
  const rawSum = new Map<number, number>();
  for (const year of Object.keys(spec.targets).map(Number)) {
    const n = Math.round(spec.rows * YEAR_SHARE[year]);
    for (let i = 0; i < n; i++) {
      const b = rng.pickIndexCum(buyerCum);
      const m = spec.methods[rng.pickIndexCum(methodCum)];
      const month = rng.pickIndexCum(monthCum) + 1;
      const first = dayOf(year, month, 1);
      const last = (month === 12 ? dayOf(year + 1, 1, 1) : dayOf(year, month + 1, 1)) - 1;
      // December peaks in its last 12 days for every buyer alike: an ordinary year end, not a rush.
      const day = month === 12 && rng.chance(LATE_DECEMBER_SHARE) ? rng.int(dayOf(year, 12, 20), last) : rng.int(first, last);
      // Two full decades above the buyer's scale: log-uniform over whole decades is exactly Benford.
      const raw = 10 ** (buyers[b].scaleLog10 + Math.log10(m.scale) + 2 * rng.next());
      drafts.push({ b, m, day, raw, year });
      rawSum.set(year, (rawSum.get(year) ?? 0) + raw);
    }
  }
  // Buyers planted for R029: enough purchases for the test, not the very largest buyers.
  const counts = new Array(buyers.length).fill(0);
  for (const d of drafts) counts[d.b]++;
  const candidates = buyers.map((_, i) => i).filter((i) => counts[i] >= 130 && counts[i] <= 700);
  const benfordIdx = new Set(rng.shuffled(candidates).slice(0, spec.benfordBuyers));

  // Forced mantissas are drawn once, so that the calibration below can be repeated.
  const forced = drafts.map((d) => (benfordIdx.has(d.b) && rng.chance(0.7) ? rng.uniform(4, 4.95) : 0));
  const amountOf = (i: number, k: number): number => {
    const a = drafts[i].raw * k;
    // Amounts pushed to start with 4 (just under round approval limits of 5·10^k).
    return forced[i] > 0 ? 10 ** Math.floor(Math.log10(a)) * forced[i] : a;
  };
  // Calibration factor per year; forced mantissas shift the total, so refine a few times.
  const factor = new Map<number, number>();
  for (const [y, s] of rawSum) factor.set(y, spec.targets[y] / s);
  for (let pass = 0; pass < 4; pass++) {
    const sums = new Map<number, number>();
    drafts.forEach((d, i) => sums.set(d.year, (sums.get(d.year) ?? 0) + amountOf(i, factor.get(d.year)!)));
    for (const [y, s] of sums) factor.set(y, (factor.get(y)! * spec.targets[y]) / s);
  }

  const itemsByKind = new Map<string, Item[]>();
  const years = Object.keys(spec.targets).length;
  const rosters = buyers.map((b, i) => makeRoster(pool, b.region, counts[i] / years, rng));
  const regularItem: (Item | undefined)[] = new Array(buyers.length);
  const recs: Rec[] = [];
  let seq = seqStart;
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i];
    const buyer = buyers[d.b];
    const amount = amountOf(i, factor.get(d.year)!);
    let items = itemsByKind.get(buyer.kind);
    if (!items) itemsByKind.set(buyer.kind, (items = itemsForKind(buyer.kind)));
    // Buyers re-order their regular item from their regular supplier (utilities, food, fuel).
    const regular = rng.chance(REPEAT_PURCHASE) ? rosters[d.b][0] : null;
    const item = regular ? (regularItem[d.b] ??= pickItem(items, amount, rng)) : pickItem(items, amount, rng);
    const upCents = drawUnitPriceCents(item, rng);
    const r: Rec = {
      seq: seq++,
      sector: spec.sector,
      buyer,
      supplier: regular ?? rng.pick(rosters[d.b]),
      m: d.m,
      nBidders: 1,
      day: d.day,
      tStart: null,
      tEnd: null,
      item,
      qty: 1,
      upCents,
      amountCents: 0,
      status: 'completed',
      planted: [],
      locked: false,
    };
    setQty(r, (amount * 100) / upCents);
    assignMethod(r, d.m, rng);
    if (r.m.competitive && rng.chance(INCIDENTAL_SINGLE_BID)) r.nBidders = 1;
    r.status =
      d.year === 2020
        ? rng.chance(0.45)
          ? 'active'
          : 'completed'
        : d.year === 2019 && rng.chance(0.05)
          ? 'active'
          : 'completed';
    recs.push(r);
  }
  return { recs, benford: [...benfordIdx].sort((a, b) => a - b).map((i) => buyers[i]) };
}

/** Records grouped by `buyer_id:year`. */
export function groupByBuyerYear(recs: readonly Rec[]): Map<string, Rec[]> {
  const m = new Map<string, Rec[]>();
  for (const r of recs) {
    const k = `${r.buyer.id}:${yearOf(r.day)}`;
    let l = m.get(k);
    if (!l) m.set(k, (l = []));
    l.push(r);
  }
  return m;
}

/** Margins the background is kept within (stricter than FLAGS.md's defaults). */
export const BACKGROUND_MARGINS = {
  minPurchases: 8,
  yearEndShare: 0.1,
  yearEndFromDay: 17, // December 17..31 counted, not only the last 12 days
  topSupplierShare: 0.42,
  hhi: 2100,
  nonCompetitiveShare: 0.45,
  splitAnnualShare: 0.8, // of the threshold, per buyer × supplier/item × year (not only 30 days)
  nearThresholdShare: 0.85,
  benfordMinPurchases: 95,
  benfordChi2: 18,
} as const;

/** What the fixers changed, for the report. */
export interface FixStats {
  rounds: number;
  yearEndMoved: number;
  concentrationHalved: number;
  concentrationRemoved: number;
  nonCompetitiveConverted: number;
  splitConverted: number;
  nearThresholdReduced: number;
  duplicatesRemoved: number;
  benfordMoved: number;
}

const M = BACKGROUND_MARGINS;

function convert(r: Rec, methods: readonly MethodDef[], rng: Rng): void {
  const m = methods.find((x) => x.key === CONVERT_TO[r.sector as 'state' | 'quasi_public'])!;
  assignMethod(r, m, rng);
}

function fixNonCompetitive(recs: Rec[], methods: readonly MethodDef[], rng: Rng, st: FixStats): number {
  let changed = 0;
  for (const list of groupByBuyerYear(recs).values()) {
    if (list.length < M.minPurchases) continue;
    let total = 0;
    let nonComp = 0;
    for (const r of list) {
      total += r.amountCents;
      if (!r.m.competitive) nonComp += r.amountCents;
    }
    while (nonComp > M.nonCompetitiveShare * total) {
      const excess = nonComp - M.nonCompetitiveShare * total;
      const direct = list.filter((r) => !r.m.competitive).sort((a, b) => a.amountCents - b.amountCents);
      const r = direct.find((x) => x.amountCents >= excess) ?? direct[direct.length - 1];
      convert(r, methods, rng);
      nonComp -= r.amountCents;
      changed++;
      st.nonCompetitiveConverted++;
    }
  }
  return changed;
}

/**
 * The split population, widened for the background: direct awards, price quotations and also
 * selective procedures, so that an engine that spots price quotations by `method` rather than
 * by `method_detail` still finds no background split.
 */
function splitEligible(r: Rec): boolean {
  return (
    (!r.m.competitive || r.m.priceQuotation || r.m.method === 'selective') && r.amountCents < splitThreshold(isoOf(r.day)) * 100
  );
}

function fixSplits(recs: Rec[], methods: readonly MethodDef[], rng: Rng, st: FixStats): number {
  let changed = 0;
  for (const r of recs) {
    if (!splitEligible(r)) continue;
    const t = splitThreshold(isoOf(r.day)) * 100;
    if (r.amountCents < M.nearThresholdShare * t) continue;
    const before = r.qty;
    setQty(r, r.qty * 0.7);
    if (r.qty === before) convert(r, methods, rng);
    st.nearThresholdReduced++;
    changed++;
  }
  const groups = new Map<string, Rec[]>();
  for (const r of recs) {
    if (!splitEligible(r)) continue;
    const y = yearOf(r.day);
    for (const k of [`${r.buyer.id}|${y}|s|${r.supplier.id}`, `${r.buyer.id}|${y}|i|${r.item.code}`]) {
      let l = groups.get(k);
      if (!l) groups.set(k, (l = []));
      l.push(r);
    }
  }
  for (const [k, list] of groups) {
    const y = Number(k.split('|')[1]);
    const limit = M.splitAnnualShare * splitThreshold(`${y}-01-01`) * 100;
    let live = list.filter(splitEligible);
    let sum = live.reduce((s, r) => s + r.amountCents, 0);
    if (live.length < 2 || sum < limit) continue;
    live = live.sort((a, b) => b.amountCents - a.amountCents);
    for (const r of live) {
      if (sum < limit) break;
      convert(r, methods, rng);
      sum -= r.amountCents;
      changed++;
      st.splitConverted++;
    }
  }
  return changed;
}

const BENFORD_P = Array.from({ length: 10 }, (_, d) => (d === 0 ? 0 : Math.log10(1 + 1 / d)));

function leadingDigit(cents: number): number {
  return Number(cents.toExponential(6)[0]);
}

/**
 * Background buyers with more than 95 purchases keep their first digits close to Benford
 * (chi-square ≤ 18, p ≈ 0.02, well inside the p < 0.001 rule): while a buyer is above, one
 * purchase of its most over-represented digit gets a quantity that moves it to the most
 * under-represented digit.
 */
function fixBenford(recs: Rec[], skip: ReadonlySet<string>, st: FixStats): number {
  const byBuyer = new Map<string, Rec[]>();
  for (const r of recs) {
    if (skip.has(r.buyer.id)) continue;
    let l = byBuyer.get(r.buyer.id);
    if (!l) byBuyer.set(r.buyer.id, (l = []));
    l.push(r);
  }
  let changed = 0;
  for (const list of byBuyer.values()) {
    if (list.length <= M.benfordMinPurchases) continue;
    const n = list.length;
    for (let guard = 0; guard < 60; guard++) {
      const counts = new Array(10).fill(0);
      for (const r of list) counts[leadingDigit(r.amountCents)]++;
      let chi2 = 0;
      let over = 1;
      let under = 1;
      for (let d = 1; d <= 9; d++) {
        const e = n * BENFORD_P[d];
        chi2 += (counts[d] - e) ** 2 / e;
        if ((counts[d] - e) / Math.sqrt(e) > (counts[over] - n * BENFORD_P[over]) / Math.sqrt(n * BENFORD_P[over])) over = d;
        if ((counts[d] - e) / Math.sqrt(e) < (counts[under] - n * BENFORD_P[under]) / Math.sqrt(n * BENFORD_P[under])) under = d;
      }
      if (chi2 <= M.benfordChi2) break;
      let moved = false;
      for (const r of list) {
        if (leadingDigit(r.amountCents) !== over || r.locked) continue;
        const before = { qty: r.qty, amount: r.amountCents };
        const mant = r.amountCents / 10 ** Math.floor(Math.log10(r.amountCents));
        setQty(r, (r.qty * (under + 0.5)) / mant);
        if (leadingDigit(r.amountCents) === under) {
          moved = true;
          break;
        }
        r.qty = before.qty;
        r.amountCents = before.amount;
      }
      if (!moved) break;
      changed++;
      st.benfordMoved++;
    }
  }
  return changed;
}

function fixDuplicates(recs: Rec[], removed: Set<Rec>, st: FixStats): number {
  const seen = new Set<string>();
  let changed = 0;
  for (const r of recs) {
    const k = `${r.buyer.id}|${r.supplier.id}|${r.item.code}|${r.amountCents}|${r.day}`;
    if (seen.has(k)) {
      removed.add(r);
      changed++;
      st.duplicatesRemoved++;
    } else seen.add(k);
  }
  return changed;
}

/**
 * Runs the fixers until none changes anything, so that the background keeps the margins above.
 * Returns the surviving records. Buyers in `benfordPlanted` keep their planted digits.
 */
export function cleanBackground(
  recs0: Rec[],
  methods: readonly MethodDef[],
  rng: Rng,
  benfordPlanted: ReadonlySet<string>,
): { recs: Rec[]; stats: FixStats } {
  const st: FixStats = {
    rounds: 0,
    yearEndMoved: 0,
    concentrationHalved: 0,
    concentrationRemoved: 0,
    nonCompetitiveConverted: 0,
    splitConverted: 0,
    nearThresholdReduced: 0,
    duplicatesRemoved: 0,
    benfordMoved: 0,
  };
  let recs = recs0;
  for (let round = 0; round < 12; round++) {
    st.rounds = round + 1;
    const removed = new Set<Rec>();
    // Year-end peaks and small buyers' concentration stay as drawn: they are the ordinary variety
    // the buyer-level flags must leave at low (FLAGS.md). The other fixers keep the background clear
    // of splits, duplicates, non-competitive buyer-years and Benford departures.
    let changed = fixNonCompetitive(recs, methods, rng, st);
    changed += fixSplits(recs, methods, rng, st);
    changed += fixBenford(recs, benfordPlanted, st);
    changed += fixDuplicates(recs, removed, st);
    recs = recs.filter((r) => !removed.has(r));
    if (changed === 0) break;
  }
  return { recs, stats: st };
}
