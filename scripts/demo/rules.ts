/**
 * The tier-1 red flags of FLAGS.md computed in plain TypeScript, at the default parameters, on
 * canonical purchase rows. The generator runs them on its own output to write a ground truth
 * that is complete: every entity a rule hits is listed, planted or not. This is deliberately a
 * second, independent implementation of the rules (the app computes them in SQL).
 */
import type { Purchase } from '../../src/model/schema.ts';
import { splitThreshold } from './catalog.ts';
import { dayOfIso } from './dates.ts';

/** Defaults of FLAGS.md. */
export const RULE_DEFAULTS = {
  minWindowDays: 15,
  splitWindowDays: 30,
  nearThresholdShare: 0.9,
  robustZ: 3.5,
  minPeers: 5,
  buyerYearMinPurchases: 10,
  nonCompetitiveShare: 0.5,
  topSupplierShare: 0.5,
  hhi: 2500,
  yearEndDays: 12,
  yearEndFactor: 4,
  newSupplierDays: 365,
  topAmountShare: 0.1,
  benfordMinPurchases: 100,
  benfordChi2Critical: 26.1245, // chi-square, 8 df, p = 0.001
} as const;

/** Entity ids hit, per flag code. */
export type RuleHits = Map<string, Set<string>>;

/** True when `method_detail` names a request for price quotations (ЗЦП). */
export function isPriceQuotation(p: Purchase): boolean {
  return p.method_detail !== null && /ценов|ЗЦП/i.test(p.method_detail);
}

const year = (p: Purchase) => p.signed_date!.slice(0, 4);
const buyerYear = (p: Purchase) => `${p.buyer_id}:${year(p)}`;

/** R018: competitive method and exactly one bidder. */
export function singleBid(rows: readonly Purchase[]): Set<string> {
  return new Set(rows.filter((p) => p.competitive === true && p.n_bidders === 1).map((p) => p.purchase_id));
}

/** R003: whole days between tender_start and tender_end below 15. */
export function shortWindow(rows: readonly Purchase[]): Set<string> {
  const out = new Set<string>();
  for (const p of rows) {
    if (!p.tender_start || !p.tender_end) continue;
    if (dayOfIso(p.tender_end) - dayOfIso(p.tender_start) < RULE_DEFAULTS.minWindowDays) out.add(p.purchase_id);
  }
  return out;
}

/**
 * R011: one buyer, same supplier or same item code, non-competitive or price-quotation purchases
 * each below the threshold, within 30 days and one calendar year, together at or above it; plus
 * purchases in [90 %, 100 %) of the threshold that repeat (≥ 2 in a buyer × key × year).
 */
export function splitPurchases(rows: readonly Purchase[]): Set<string> {
  const out = new Set<string>();
  const groups = new Map<string, { day: number; amount: number; t: number; id: string }[]>();
  for (const p of rows) {
    if (p.amount === null || !p.signed_date || !p.buyer_id) continue;
    if (!(p.competitive === false || isPriceQuotation(p))) continue;
    const t = splitThreshold(p.signed_date);
    if (p.amount >= t) continue;
    const e = { day: dayOfIso(p.signed_date), amount: p.amount, t, id: p.purchase_id };
    for (const key of [p.supplier_id ? `s|${p.supplier_id}` : null, p.item_code ? `i|${p.item_code}` : null]) {
      if (!key) continue;
      const g = `${p.buyer_id}|${year(p)}|${key}`;
      let list = groups.get(g);
      if (!list) groups.set(g, (list = []));
      list.push(e);
    }
  }
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.day - b.day);
    let j = 0;
    let sum = 0;
    // Sliding window [i, j): every window starting at a purchase and spanning at most 30 days.
    for (let i = 0; i < list.length; i++) {
      while (j < list.length && list[j].day - list[i].day <= RULE_DEFAULTS.splitWindowDays) sum += list[j++].amount;
      const t = Math.max(...list.slice(i, j).map((e) => e.t));
      if (j - i >= 2 && sum >= t) for (let k = i; k < j; k++) out.add(list[k].id);
      sum -= list[i].amount;
    }
    const near = list.filter((e) => e.amount >= RULE_DEFAULTS.nearThresholdShare * e.t);
    if (near.length >= 2) for (const e of near) out.add(e.id);
  }
  return out;
}

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** Modified z of log unit price of every purchase in a group of item code and unit with ≥ 5 peers. */
export function unitPriceRobustZ(rows: readonly Purchase[]): Map<string, number> {
  const zs = new Map<string, number>();
  const groups = new Map<string, { id: string; x: number }[]>();
  for (const p of rows) {
    const up = p.unit_price ?? (p.amount !== null && p.quantity ? p.amount / p.quantity : null);
    if (!p.item_code || up === null || !(up > 0)) continue;
    const g = `${p.item_code}|${p.unit ?? ''}`;
    let list = groups.get(g);
    if (!list) groups.set(g, (list = []));
    list.push({ id: p.purchase_id, x: Math.log(up) });
  }
  for (const list of groups.values()) {
    if (list.length - 1 < RULE_DEFAULTS.minPeers) continue;
    const xs = list.map((e) => e.x).sort((a, b) => a - b);
    const med = median(xs);
    const mad = median(xs.map((x) => Math.abs(x - med)).sort((a, b) => a - b));
    if (mad === 0) continue;
    for (const e of list) zs.set(e.id, (0.6745 * (e.x - med)) / mad);
  }
  return zs;
}

/** R016 (too high) and R017 (too low): modified z of log unit price beyond ±3.5 within item code and unit. */
export function unitPriceOutliers(rows: readonly Purchase[]): { high: Set<string>; low: Set<string> } {
  const high = new Set<string>();
  const low = new Set<string>();
  for (const [id, z] of unitPriceRobustZ(rows)) {
    if (z > RULE_DEFAULTS.robustZ) high.add(id);
    else if (z < -RULE_DEFAULTS.robustZ) low.add(id);
  }
  return { high, low };
}

/** Purchases grouped by buyer-year (`buyer_id:yyyy`). */
export function byBuyerYear(rows: readonly Purchase[]): Map<string, Purchase[]> {
  const m = new Map<string, Purchase[]>();
  for (const p of rows) {
    if (!p.buyer_id || !p.signed_date || p.amount === null) continue;
    const k = buyerYear(p);
    let l = m.get(k);
    if (!l) m.set(k, (l = []));
    l.push(p);
  }
  return m;
}

/** Buyer-year measures behind R013, R040 and TL-YEAR-END. */
export interface BuyerYearStats {
  n: number;
  total: number;
  nonCompetitiveShare: number;
  topSupplierShare: number;
  hhi: number;
  yearEndShare: number;
}

/** The measures of one buyer-year. */
export function buyerYearStats(list: readonly Purchase[]): BuyerYearStats {
  let total = 0;
  let nonComp = 0;
  let yearEnd = 0;
  const bySupplier = new Map<string, number>();
  for (const p of list) {
    const a = p.amount!;
    total += a;
    if (p.competitive === false) nonComp += a;
    if (p.signed_date!.slice(5) >= `12-${32 - RULE_DEFAULTS.yearEndDays}`) yearEnd += a;
    const s = p.supplier_id ?? '';
    bySupplier.set(s, (bySupplier.get(s) ?? 0) + a);
  }
  let top = 0;
  let hhi = 0;
  for (const v of bySupplier.values()) {
    const s = total > 0 ? v / total : 0;
    top = Math.max(top, s);
    hhi += (100 * s) ** 2;
  }
  return {
    n: list.length,
    total,
    nonCompetitiveShare: total > 0 ? nonComp / total : 0,
    topSupplierShare: top,
    hhi,
    yearEndShare: total > 0 ? yearEnd / total : 0,
  };
}

/** Year-end threshold share: 4 × 12/365. */
export const YEAR_END_SHARE = (RULE_DEFAULTS.yearEndFactor * RULE_DEFAULTS.yearEndDays) / 365;

/** R013, R040 and TL-YEAR-END on buyer-years with at least 10 purchases. */
export function buyerYearFlags(rows: readonly Purchase[]): { R013: Set<string>; R040: Set<string>; 'TL-YEAR-END': Set<string> } {
  const R013 = new Set<string>();
  const R040 = new Set<string>();
  const YE = new Set<string>();
  for (const [k, list] of byBuyerYear(rows)) {
    if (list.length < RULE_DEFAULTS.buyerYearMinPurchases) continue;
    const s = buyerYearStats(list);
    if (s.nonCompetitiveShare > RULE_DEFAULTS.nonCompetitiveShare) R013.add(k);
    if (s.topSupplierShare > RULE_DEFAULTS.topSupplierShare || s.hhi > RULE_DEFAULTS.hhi) R040.add(k);
    if (s.yearEndShare >= YEAR_END_SHARE) YE.add(k);
  }
  return { R013, R040, 'TL-YEAR-END': YE };
}

/** Quantile by linear interpolation between order statistics (type 7, as DuckDB quantile_cont). */
export function quantile7(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
}

/** TL-NEW-SUPPLIER: registered < 365 days before signing, amount in the dataset's top 10 %. */
export function newSupplier(rows: readonly Purchase[]): Set<string> {
  const amounts = rows
    .filter((p) => p.amount !== null)
    .map((p) => p.amount!)
    .sort((a, b) => a - b);
  if (amounts.length === 0) return new Set();
  const p90 = quantile7(amounts, 1 - RULE_DEFAULTS.topAmountShare);
  const out = new Set<string>();
  for (const p of rows) {
    if (!p.supplier_registered || !p.signed_date || p.amount === null) continue;
    const age = dayOfIso(p.signed_date) - dayOfIso(p.supplier_registered);
    if (age < RULE_DEFAULTS.newSupplierDays && p.amount >= p90) out.add(p.purchase_id);
  }
  return out;
}

/** Key of TL-DUPLICATE: buyer, supplier, item, amount, date. */
export function duplicateKey(p: Purchase): string {
  return `${p.buyer_id}|${p.supplier_id}|${p.item_code}|${p.amount?.toFixed(2)}|${p.signed_date}`;
}

/** TL-DUPLICATE: every purchase whose key occurs more than once. */
export function duplicates(rows: readonly Purchase[]): Set<string> {
  const m = new Map<string, string[]>();
  for (const p of rows) {
    if (!p.buyer_id || !p.supplier_id || !p.item_code || p.amount === null || !p.signed_date) continue;
    const k = duplicateKey(p);
    let l = m.get(k);
    if (!l) m.set(k, (l = []));
    l.push(p.purchase_id);
  }
  const out = new Set<string>();
  for (const l of m.values()) if (l.length > 1) for (const id of l) out.add(id);
  return out;
}

/** Benford's first-digit probabilities, index 1..9. */
export const BENFORD = Array.from({ length: 10 }, (_, d) => (d === 0 ? 0 : Math.log10(1 + 1 / d)));

/** First significant digit of a positive number. */
export function firstDigit(x: number): number {
  const s = x.toExponential(12);
  return Number(s[0]);
}

/** Chi-square (8 df) and MAD of first digits against Benford. */
export function benfordTest(amounts: readonly number[]): { n: number; chi2: number; p: number; mad: number } {
  const counts = new Array(10).fill(0);
  let n = 0;
  for (const a of amounts) {
    if (!(a > 0)) continue;
    counts[firstDigit(a)]++;
    n++;
  }
  let chi2 = 0;
  let mad = 0;
  for (let d = 1; d <= 9; d++) {
    const e = n * BENFORD[d];
    chi2 += (counts[d] - e) ** 2 / e;
    mad += Math.abs(counts[d] / n - BENFORD[d]) / 9;
  }
  return { n, chi2, p: chi2Survival8(chi2), mad };
}

/** P(X > x) for chi-square with 8 degrees of freedom (closed form for even df). */
export function chi2Survival8(x: number): number {
  const h = x / 2;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 4; k++) {
    term *= h / k;
    sum += term;
  }
  return Math.exp(-h) * sum;
}

/** R029: buyers with more than 100 purchases whose first digits fail chi-square at p < 0.001. */
export function benfordBuyers(rows: readonly Purchase[]): Set<string> {
  const m = new Map<string, number[]>();
  for (const p of rows) {
    if (!p.buyer_id || p.amount === null) continue;
    let l = m.get(p.buyer_id);
    if (!l) m.set(p.buyer_id, (l = []));
    l.push(p.amount);
  }
  const out = new Set<string>();
  for (const [b, l] of m) {
    if (l.length <= RULE_DEFAULTS.benfordMinPurchases) continue;
    if (benfordTest(l).chi2 > RULE_DEFAULTS.benfordChi2Critical) out.add(b);
  }
  return out;
}

/** Every tier-1 flag on one dataset: code -> entity ids (purchase ids, `buyer:year` or buyer ids). */
export function computeAllFlags(rows: readonly Purchase[]): RuleHits {
  const hits: RuleHits = new Map();
  hits.set('R018', singleBid(rows));
  hits.set('R003', shortWindow(rows));
  hits.set('R011', splitPurchases(rows));
  const up = unitPriceOutliers(rows);
  hits.set('R016', up.high);
  hits.set('R017', up.low);
  const by = buyerYearFlags(rows);
  hits.set('R013', by.R013);
  hits.set('R040', by.R040);
  hits.set('TL-YEAR-END', by['TL-YEAR-END']);
  hits.set('TL-NEW-SUPPLIER', newSupplier(rows));
  hits.set('TL-DUPLICATE', duplicates(rows));
  hits.set('R029', benfordBuyers(rows));
  return hits;
}

/** entity_type of each code in the ground truth. */
export const ENTITY_TYPE: Readonly<Record<string, 'purchase' | 'buyer'>> = {
  R018: 'purchase',
  R003: 'purchase',
  R011: 'purchase',
  R016: 'purchase',
  R017: 'purchase',
  R013: 'buyer',
  R040: 'buyer',
  'TL-YEAR-END': 'buyer',
  'TL-NEW-SUPPLIER': 'purchase',
  'TL-DUPLICATE': 'purchase',
  R029: 'buyer',
};
