/**
 * Purchase rows at any size for benchmarks: the same shape, organisations, items and methods as
 * the demo, drawn row by row without the cleaning, planting and ground truth of `generateDemo`
 * (so flags fall where chance puts them). Amounts are scaled to the demo's per-purchase level.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Purchase, Sector } from '../../src/model/schema.ts';
import { type Item, type MethodDef, QUASI_METHODS, QUASI_STATE_RATIO, QUASI_TARGET, STATE_METHODS } from './catalog.ts';
import { dayOf, isoOf } from './dates.ts';
import { BinMaker, type Buyer, makeQuasiBuyers, makeStateBuyers, makeSuppliers, type Supplier } from './entities.ts';
import { drawUnitPriceCents, itemsForKind, pickItem } from './background.ts';
import { csvField, purchaseHeaderLine } from './csv.ts';
import { roundQty } from './record.ts';
import { FULL_ROWS } from './generator.ts';
import { Rng, cumulative } from './rng.ts';

/** Options of `generateRows`. */
export interface StreamOptions {
  seed: number;
  rows: number;
  /** Which sector's rows; `mixed` (default) gives state and quasi-public rows in the demo's proportion. */
  sector?: 'state' | 'quasi_public' | 'mixed';
  /** dataset_id of every row (default `bench`). */
  datasetId?: string;
}

interface SectorModel {
  sector: Sector;
  prefix: string;
  buyers: Buyer[];
  buyerCum: number[];
  methods: readonly MethodDef[];
  methodCum: number[];
  /** Multiplier that gives the demo's mean amount per purchase. */
  k: number;
}

function sectorModel(
  sector: Sector,
  buyers: Buyer[],
  methods: readonly MethodDef[],
  yearlyTotal: number,
  rowsPerYear: number,
): SectorModel {
  const buyerCum = cumulative(buyers.map((b) => b.activity));
  const methodCum = cumulative(methods.map((m) => m.weight));
  const wb = buyerCum[buyerCum.length - 1];
  const wm = methodCum[methodCum.length - 1];
  // Expected raw amount: E[10^(2U)] = 99 / (2 ln 10).
  const eb = buyers.reduce((s, b) => s + (b.activity / wb) * 10 ** b.scaleLog10, 0);
  const em = methods.reduce((s, m) => s + (m.weight / wm) * m.scale, 0);
  const k = yearlyTotal / rowsPerYear / (eb * em * (99 / (2 * Math.LN10)));
  return { sector, prefix: sector === 'state' ? 'ST' : 'QP', buyers, buyerCum, methods, methodCum, k };
}

/** One drawn row, before it becomes a `Purchase` or a CSV line. */
interface Draw {
  i: number;
  sm: SectorModel;
  buyer: Buyer;
  supplier: Supplier;
  m: MethodDef;
  item: Item;
  day: number;
  tStart: number;
  tEnd: number;
  nBidders: number;
  qty: number;
  upCents: number;
  amountCents: number;
}

/** Draws rows one by one; the same sequence for `generateRows` and `generateCsvLines`. */
function* draws(options: StreamOptions): Generator<Draw> {
  const rng = new Rng(options.seed, 100);
  const bins = new BinMaker(rng);
  const models = [
    sectorModel(
      'state',
      makeStateBuyers(rng, bins, 1),
      STATE_METHODS,
      QUASI_TARGET[2019] / QUASI_STATE_RATIO,
      FULL_ROWS.state / 3,
    ),
    sectorModel('quasi_public', makeQuasiBuyers(rng, bins, 1), QUASI_METHODS, QUASI_TARGET[2019], FULL_ROWS.quasi_public / 3),
  ];
  const suppliers: Supplier[] = makeSuppliers(rng, bins, 3000);
  const stateShare =
    options.sector === 'state'
      ? 1
      : options.sector === 'quasi_public'
        ? 0
        : FULL_ROWS.state / (FULL_ROWS.state + FULL_ROWS.quasi_public);
  const itemsByKind = new Map<string, Item[]>();
  const first = dayOf(2018, 1, 1);
  const last = dayOf(2020, 12, 31);
  const d = {} as Draw;
  for (let i = 0; i < options.rows; i++) {
    const sm = rng.next() < stateShare ? models[0] : models[1];
    const buyer = sm.buyers[rng.pickIndexCum(sm.buyerCum)];
    const m = sm.methods[rng.pickIndexCum(sm.methodCum)];
    const day = rng.int(first, last);
    const amount = sm.k * 10 ** (buyer.scaleLog10 + Math.log10(m.scale) + 2 * rng.next());
    let items = itemsByKind.get(buyer.kind);
    if (!items) itemsByKind.set(buyer.kind, (items = itemsForKind(buyer.kind)));
    const item = pickItem(items, amount, rng);
    const upCents = drawUnitPriceCents(item, rng);
    const qty = roundQty(item.unit, (amount * 100) / upCents);
    d.i = i;
    d.sm = sm;
    d.buyer = buyer;
    d.m = m;
    d.item = item;
    d.day = day;
    d.upCents = upCents;
    d.qty = qty;
    d.amountCents = Math.round(upCents * qty);
    d.supplier = suppliers[Math.floor(rng.next() * suppliers.length)];
    if (m.competitive) {
      d.nBidders = Math.min(14, 2 + rng.geometric(0.38));
      d.tEnd = day - rng.int(2, 25);
      d.tStart = d.tEnd - 16 - Math.min(30, rng.geometric(0.12));
    } else {
      d.nBidders = 1;
      d.tEnd = -1;
      d.tStart = -1;
    }
    yield d;
  }
}

const STATUS_SPLIT = dayOf(2020, 1, 1);

/** Yields `rows` canonical purchase rows, deterministically from `seed`. */
export function* generateRows(options: StreamOptions): Generator<Purchase> {
  const datasetId = options.datasetId ?? 'bench';
  for (const d of draws(options)) {
    const a = d.amountCents / 100;
    yield {
      dataset_id: datasetId,
      purchase_id: `${d.sm.prefix}B${String(d.i + 1).padStart(8, '0')}`,
      source_row: d.i + 2,
      sector: d.sm.sector,
      buyer_id: d.buyer.id,
      buyer_name: d.buyer.name,
      supplier_id: d.supplier.id,
      supplier_name: d.supplier.name,
      method: d.m.method,
      method_detail: d.m.detail,
      competitive: d.m.competitive,
      amount: a,
      currency: 'KZT',
      amount_kzt: a,
      signed_date: isoOf(d.day),
      tender_start: d.tStart < 0 ? null : isoOf(d.tStart),
      tender_end: d.tEnd < 0 ? null : isoOf(d.tEnd),
      n_bidders: d.nBidders,
      item_code: d.item.code,
      item_name: d.item.name,
      unit: d.item.unit,
      quantity: d.qty,
      unit_price: d.upCents / 100,
      region: d.buyer.region,
      status: d.day < STATUS_SPLIT ? 'completed' : 'active',
      supplier_registered: isoOf(d.supplier.registered),
    };
  }
}

function money(cents: number): string {
  const c = cents % 100;
  return `${(cents - c) / 100}.${c < 10 ? '0' : ''}${c}`;
}

/**
 * The CSV lines (header first) of `generateRows(options)`, built from pre-escaped pieces: the
 * same text as `purchaseLine` gives, several times faster, for multi-million-row benchmarks.
 */
export function* generateCsvLines(options: StreamOptions): Generator<string> {
  yield purchaseHeaderLine();
  const ds = csvField(options.datasetId ?? 'bench');
  const piece = new Map<object, string>();
  const regions = new Map<Buyer, string>();
  const cached = <T extends object>(o: T, f: (o: T) => string): string => {
    let s = piece.get(o);
    if (s === undefined) piece.set(o, (s = f(o)));
    return s;
  };
  for (const d of draws(options)) {
    const buyer = cached(d.buyer, (b) => `${b.id},${csvField(b.name)}`);
    const supplier = cached(d.supplier, (s) => `${s.id},${csvField(s.name)}`);
    const method = cached(d.m, (m) => `${m.method},${csvField(m.detail)},${m.competitive}`);
    const item = cached(d.item, (it) => `${it.code},${csvField(it.name)},${csvField(it.unit)}`);
    const region = regions.get(d.buyer) ?? regions.set(d.buyer, csvField(d.buyer.region)).get(d.buyer)!;
    const amount = money(d.amountCents);
    const window = d.tStart < 0 ? ',' : `${isoOf(d.tStart)},${isoOf(d.tEnd)}`;
    yield `${ds},${d.sm.prefix}B${String(d.i + 1).padStart(8, '0')},${d.i + 2},${d.sm.sector},${buyer},${supplier},${method},${amount},KZT,${amount},${isoOf(d.day)},${window},${d.nBidders},${item},${d.qty},${money(d.upCents)},${region},${d.day < STATUS_SPLIT ? 'completed' : 'active'},${isoOf(d.supplier.registered)}`;
  }
}

/** Writes `generateRows(options)` as an uncompressed CSV file; returns the bytes written. */
export function writeRowsCsv(options: StreamOptions, path: string): number {
  const fd = openSync(path, 'w');
  let bytes = 0;
  try {
    let chunk = '';
    for (const line of generateCsvLines(options)) {
      chunk += line + '\n';
      if (chunk.length > 1 << 20) {
        bytes += writeSync(fd, Buffer.from(chunk, 'utf8'));
        chunk = '';
      }
    }
    if (chunk) bytes += writeSync(fd, Buffer.from(chunk, 'utf8'));
  } finally {
    closeSync(fd);
  }
  return bytes;
}
