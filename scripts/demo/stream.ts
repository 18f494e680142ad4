/**
 * Purchase rows at any size for benchmarks: the same shape, organisations, items and methods as
 * the demo, drawn row by row without the cleaning, planting and ground truth of `generateDemo`
 * (so flags fall where chance puts them). Amounts are scaled to the demo's per-purchase level.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Purchase, Sector } from '../../src/model/schema.ts';
import { INTEGER_UNITS, type MethodDef, QUASI_METHODS, QUASI_STATE_RATIO, QUASI_TARGET, STATE_METHODS } from './catalog.ts';
import { dayOf, isoOf } from './dates.ts';
import { BinMaker, type Buyer, makeQuasiBuyers, makeStateBuyers, makeSuppliers, type Supplier } from './entities.ts';
import { drawUnitPriceCents, itemsForKind, pickItem } from './background.ts';
import { purchaseHeaderLine, purchaseLine } from './csv.ts';
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

function sectorModel(sector: Sector, buyers: Buyer[], methods: readonly MethodDef[], yearlyTotal: number, rowsPerYear: number): SectorModel {
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

/** Yields `rows` canonical purchase rows, deterministically from `seed`. */
export function* generateRows(options: StreamOptions): Generator<Purchase> {
  const rng = new Rng(options.seed, 100);
  const bins = new BinMaker(rng);
  const models = [
    sectorModel('state', makeStateBuyers(rng, bins, 1), STATE_METHODS, QUASI_TARGET[2019] / QUASI_STATE_RATIO, FULL_ROWS.state / 3),
    sectorModel('quasi_public', makeQuasiBuyers(rng, bins, 1), QUASI_METHODS, QUASI_TARGET[2019], FULL_ROWS.quasi_public / 3),
  ];
  const suppliers: Supplier[] = makeSuppliers(rng, bins, 3000);
  const stateShare = options.sector === 'state' ? 1 : options.sector === 'quasi_public' ? 0 : FULL_ROWS.state / (FULL_ROWS.state + FULL_ROWS.quasi_public);
  const datasetId = options.datasetId ?? 'bench';
  const itemsByKind = new Map<string, ReturnType<typeof itemsForKind>>();
  const first = dayOf(2018, 1, 1);
  const last = dayOf(2020, 12, 31);
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
    const q = (amount * 100) / upCents;
    const qty = INTEGER_UNITS.has(item.unit) ? Math.max(1, Math.round(q)) : Math.max(0.001, Math.round(q * 1000) / 1000);
    const amountCents = Math.round(upCents * qty);
    const supplier = rng.pick(suppliers);
    let tStart: string | null = null;
    let tEnd: string | null = null;
    let nBidders = 1;
    if (m.competitive) {
      nBidders = Math.min(14, 2 + rng.geometric(0.38));
      const end = day - rng.int(2, 25);
      tEnd = isoOf(end);
      tStart = isoOf(end - 15 - Math.min(30, rng.geometric(0.12)));
    }
    const a = amountCents / 100;
    yield {
      dataset_id: datasetId,
      purchase_id: `${sm.prefix}B${String(i + 1).padStart(8, '0')}`,
      source_row: i + 2,
      sector: sm.sector,
      buyer_id: buyer.id,
      buyer_name: buyer.name,
      supplier_id: supplier.id,
      supplier_name: supplier.name,
      method: m.method,
      method_detail: m.detail,
      competitive: m.competitive,
      amount: a,
      currency: 'KZT',
      amount_kzt: a,
      signed_date: isoOf(day),
      tender_start: tStart,
      tender_end: tEnd,
      n_bidders: nBidders,
      item_code: item.code,
      item_name: item.name,
      unit: item.unit,
      quantity: qty,
      unit_price: upCents / 100,
      region: buyer.region,
      status: day < dayOf(2020, 1, 1) ? 'completed' : 'active',
      supplier_registered: isoOf(supplier.registered),
    };
  }
}

/** Writes `generateRows(options)` as an uncompressed CSV file; returns the bytes written. */
export function writeRowsCsv(options: StreamOptions, path: string): number {
  const fd = openSync(path, 'w');
  let bytes = 0;
  try {
    let chunk = purchaseHeaderLine() + '\n';
    for (const p of generateRows(options)) {
      chunk += purchaseLine(p) + '\n';
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
