/**
 * The demo-data generator: two fictional Kazakhstan purchase datasets for 2018–2020 (state and
 * quasi-public), calibrated to public yearly totals, with planted red-flag cases and a complete
 * ground truth. Deterministic: the same options give the same rows, byte for byte.
 *
 * Pipeline per sector: draw background → clean it with margin-keeping fixers → plant cases →
 * sort by date and give ids → run every tier-1 rule (rules.ts) → ground truth = all hits, each
 * labelled with its planted note or `background`.
 */
import type { Purchase, Sector } from '../../src/model/schema.ts';
import { QUASI_METHODS, QUASI_STATE_RATIO, QUASI_TARGET, STATE_METHODS, YEARS, splitThreshold } from './catalog.ts';
import { dayOfIso, yearOf } from './dates.ts';
import { type BuyerPlant, type PlantContext, type PlantCounts } from './plant.ts';
import {
  plantConcentration,
  plantDuplicates,
  plantNewSuppliers,
  plantNonCompetitive,
  plantPriceOutliers,
  plantShortWindows,
  plantSingleBids,
  plantSplits,
  plantYearEnd,
} from './plant.ts';
import { BinMaker, type Buyer, makeQuasiBuyers, makeStateBuyers, makeSuppliers } from './entities.ts';
import { SUPPLIER_FORMS } from './names.ts';
import { cleanBackground, drawBackground, type FixStats, type SectorSpec, type SupplierPool } from './background.ts';
import { type Rec, toPurchase } from './record.ts';
import { Rng, cumulative } from './rng.ts';
import {
  ENTITY_TYPE,
  benfordTest,
  buyerYearStats,
  byBuyerYear,
  computeAllFlags,
  isPriceQuotation,
  unitPriceRobustZ,
} from './rules.ts';

/** Default seed of the committed demo data. */
export const DEFAULT_SEED = 20_180_101;

/** Purchases per sector at scale 1 (three years). */
export const FULL_ROWS: Readonly<Record<'state' | 'quasi_public', number>> = {
  state: 80_000,
  quasi_public: 24_000,
};

/** Options of `generateDemo`. */
export interface DemoOptions {
  seed?: number;
  /** 1 = the committed demo (≈ 104 k purchases); smaller for tests. */
  scale?: number;
}

/** One row of data/demo/ground-truth.csv. */
export interface GroundTruthRow {
  dataset_id: string;
  entity_type: 'purchase' | 'buyer';
  entity_id: string;
  code: string;
  note: string;
}

/** A generated dataset. */
export interface DemoDataset {
  datasetId: string;
  sector: Sector;
  rows: Purchase[];
}

/** Figures about one generated dataset, for the README and the report. */
export interface DatasetReport {
  datasetId: string;
  rows: number;
  buyers: number;
  suppliers: number;
  totalByYear: Record<string, number>;
  methods: { detail: string; method: string; count: number; value: number }[];
  planted: Record<string, number>;
  background: Record<string, number>;
  missedPlanted: Record<string, number>;
  fixes: FixStats;
  margins: Record<string, number>;
}

/** Output of `generateDemo`. */
export interface DemoResult {
  datasets: DemoDataset[];
  groundTruth: GroundTruthRow[];
  reports: DatasetReport[];
}

const PLANTS_FULL: PlantCounts = {
  singleBid: 40,
  shortWindow: 40,
  priceHigh: 25,
  priceLow: 20,
  newSupplier: 30,
  duplicateSets: 25,
  splitGroups: 15,
  nonCompetitive: 8,
  concentration: 8,
  yearEnd: 8,
};

function scaledCounts(scale: number): PlantCounts {
  const out = { ...PLANTS_FULL };
  for (const k of Object.keys(out) as (keyof PlantCounts)[])
    out[k] = Math.max(2, Math.round(PLANTS_FULL[k] * Math.min(1, scale)));
  return out;
}

/** Generates both demo datasets and their ground truth. */
export function generateDemo(options: DemoOptions = {}): DemoResult {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 1;
  const entityRng = new Rng(seed, 1);
  const bins = new BinMaker(entityRng);
  const stateBuyers = makeStateBuyers(entityRng, bins, scale);
  const quasiBuyers = makeQuasiBuyers(entityRng, bins, scale);
  const supplierNames = new Set<string>();
  const suppliers = makeSuppliers(new Rng(seed, 2), bins, Math.max(200, Math.round(3000 * scale)));
  // makeSuppliers keeps its own name set; rebuild a shared one for suppliers made while planting.
  for (const s of suppliers) supplierNames.add(s.name);
  const pool: SupplierPool = { all: suppliers, byRegion: new Map() };
  for (const s of suppliers) {
    const l = pool.byRegion.get(s.region) ?? [];
    l.push(s);
    pool.byRegion.set(s.region, l);
  }
  const formCum = cumulative(SUPPLIER_FORMS.map((f) => f.weight));
  const stateTargets: Record<number, number> = {};
  for (const y of YEARS) stateTargets[y] = QUASI_TARGET[y] / QUASI_STATE_RATIO;

  const specs: { spec: SectorSpec; buyers: Buyer[]; stream: number }[] = [
    {
      spec: {
        sector: 'state',
        datasetId: 'demo-state',
        prefix: 'ST',
        rows: Math.round(FULL_ROWS.state * scale),
        methods: STATE_METHODS,
        targets: stateTargets,
        benfordBuyers: 6,
      },
      buyers: stateBuyers,
      stream: 10,
    },
    {
      spec: {
        sector: 'quasi_public',
        datasetId: 'demo-quasi',
        prefix: 'QP',
        rows: Math.round(FULL_ROWS.quasi_public * scale),
        methods: QUASI_METHODS,
        targets: QUASI_TARGET,
        benfordBuyers: 6,
      },
      buyers: quasiBuyers,
      stream: 20,
    },
  ];

  let seq = 0;
  const datasets: DemoDataset[] = [];
  const groundTruth: GroundTruthRow[] = [];
  const reports: DatasetReport[] = [];
  for (const { spec, buyers, stream } of specs) {
    const drawn = drawBackground(spec, buyers, pool, new Rng(seed, stream), seq);
    seq += drawn.recs.length;
    const cleaned = cleanBackground(drawn.recs, spec.methods, new Rng(seed, stream + 1), new Set(drawn.benford.map((b) => b.id)));
    const recs = cleaned.recs;
    const ctx: PlantContext = {
      rng: new Rng(seed, stream + 2),
      methods: spec.methods,
      pool,
      bins,
      supplierNames,
      formCum,
      nextSeq: () => seq++,
    };
    const counts = scaledCounts(scale);
    const buyerPlants: BuyerPlant[] = [];
    for (const b of drawn.benford) {
      buyerPlants.push({ code: 'R029', entity: b.id, note: 'около 70 % сумм начинаются с цифры 4' });
      for (const r of recs) if (r.buyer.id === b.id) r.locked = true;
    }
    // Buyer-years of Benford buyers stay out of the other buyer-level plants.
    const benfordIds = new Set(drawn.benford.map((b) => b.id));
    const usedBY = new Set<string>(recs.filter((r) => benfordIds.has(r.buyer.id)).map((r) => `${r.buyer.id}:${yearOf(r.day)}`));
    plantSplits(recs, counts.splitGroups, usedBY, ctx);
    buyerPlants.push(...plantNonCompetitive(recs, counts.nonCompetitive, usedBY, ctx));
    buyerPlants.push(...plantConcentration(recs, counts.concentration, usedBY, ctx));
    buyerPlants.push(...plantYearEnd(recs, counts.yearEnd, usedBY, ctx));
    plantDuplicates(recs, counts.duplicateSets, ctx);
    plantNewSuppliers(recs, counts.newSupplier, ctx);
    plantPriceOutliers(recs, counts.priceHigh, true, ctx);
    plantPriceOutliers(recs, counts.priceLow, false, ctx);
    plantSingleBids(recs, counts.singleBid, ctx);
    plantShortWindows(recs, counts.shortWindow, ctx);

    // Ordered by buyer, then date: an export by customer, and gzip finds the repeated names
    // within its 32 KB window, which keeps the files small.
    recs.sort((a, b) => (a.buyer.id < b.buyer.id ? -1 : a.buyer.id > b.buyer.id ? 1 : a.day - b.day || a.seq - b.seq));
    const rows: Purchase[] = recs.map((r, i) =>
      toPurchase(r, spec.datasetId, `${spec.prefix}${String(i + 1).padStart(7, '0')}`, i + 2),
    );
    datasets.push({ datasetId: spec.datasetId, sector: spec.sector, rows });

    const truth = buildTruth(spec.datasetId, rows, recs, buyerPlants);
    groundTruth.push(...truth.rows);
    reports.push(makeReport(spec.datasetId, rows, truth, cleaned.stats));
  }
  groundTruth.sort((a, b) =>
    a.dataset_id < b.dataset_id
      ? -1
      : a.dataset_id > b.dataset_id
        ? 1
        : a.code < b.code
          ? -1
          : a.code > b.code
            ? 1
            : a.entity_id < b.entity_id
              ? -1
              : a.entity_id > b.entity_id
                ? 1
                : 0,
  );
  return { datasets, groundTruth, reports };
}

interface Truth {
  rows: GroundTruthRow[];
  planted: Record<string, number>;
  background: Record<string, number>;
  missed: Record<string, number>;
}

function buildTruth(
  datasetId: string,
  rows: readonly Purchase[],
  recs: readonly Rec[],
  buyerPlants: readonly BuyerPlant[],
): Truth {
  const notes = new Map<string, string>(); // code|entity -> note
  for (let i = 0; i < recs.length; i++) for (const p of recs[i].planted) notes.set(`${p.code}|${rows[i].purchase_id}`, p.note);
  for (const p of buyerPlants) notes.set(`${p.code}|${p.entity}`, p.note);
  const hits = computeAllFlags(rows);
  const out: GroundTruthRow[] = [];
  const planted: Record<string, number> = {};
  const background: Record<string, number> = {};
  const missed: Record<string, number> = {};
  const hitKeys = new Set<string>();
  // The ground truth is what was planted. The catalogue's loose rules (rules.ts) are run as well, and
  // their hits on the unplanted background are counted: the ordinary variety a flag must leave at low.
  for (const [code, ids] of hits) {
    planted[code] = 0;
    background[code] = 0;
    for (const id of ids) {
      const key = `${code}|${id}`;
      hitKeys.add(key);
      if (notes.has(key)) planted[code]++;
      else background[code]++;
    }
  }
  for (const [key, note] of notes) {
    const bar = key.indexOf('|');
    const code = key.slice(0, bar);
    out.push({ dataset_id: datasetId, entity_type: ENTITY_TYPE[code], entity_id: key.slice(bar + 1), code, note });
    if (!hitKeys.has(key)) missed[code] = (missed[code] ?? 0) + 1;
  }
  return { rows: out, planted, background, missed };
}

function makeReport(datasetId: string, rows: readonly Purchase[], truth: Truth, fixes: FixStats): DatasetReport {
  const totalByYear: Record<string, number> = {};
  const methods = new Map<string, { detail: string; method: string; count: number; value: number }>();
  for (const p of rows) {
    const y = p.signed_date!.slice(0, 4);
    totalByYear[y] = (totalByYear[y] ?? 0) + p.amount!;
    const m = methods.get(p.method_detail!) ?? { detail: p.method_detail!, method: p.method!, count: 0, value: 0 };
    m.count++;
    m.value += p.amount!;
    methods.set(p.method_detail!, m);
  }
  return {
    datasetId,
    rows: rows.length,
    buyers: new Set(rows.map((p) => p.buyer_id)).size,
    suppliers: new Set(rows.map((p) => p.supplier_id)).size,
    totalByYear,
    methods: [...methods.values()].sort((a, b) => b.value - a.value),
    planted: truth.planted,
    background: truth.background,
    missedPlanted: truth.missed,
    fixes,
    margins: backgroundMargins(rows, truth),
  };
}

/**
 * How close the background comes to each threshold (the largest background value of each
 * measure among entities the rule applies to and that are not flagged).
 */
function backgroundMargins(rows: readonly Purchase[], truth: Truth): Record<string, number> {
  const flagged = new Set(truth.rows.map((r) => `${r.code}|${r.entity_id}`));
  const by = byBuyerYear(rows);
  let nonComp = 0;
  let top = 0;
  let hhi = 0;
  let ye = 0;
  for (const [k, list] of by) {
    if (list.length < 10) continue;
    const s = buyerYearStats(list);
    if (!flagged.has(`R013|${k}`)) nonComp = Math.max(nonComp, s.nonCompetitiveShare);
    if (!flagged.has(`R040|${k}`)) {
      top = Math.max(top, s.topSupplierShare);
      hhi = Math.max(hhi, s.hhi);
    }
    if (!flagged.has(`TL-YEAR-END|${k}`)) ye = Math.max(ye, s.yearEndShare);
  }
  let minWindow = Infinity;
  for (const p of rows)
    if (p.tender_start && p.tender_end && !flagged.has(`R003|${p.purchase_id}`))
      minWindow = Math.min(minWindow, dayOfIso(p.tender_end) - dayOfIso(p.tender_start));
  const buyers = new Map<string, number[]>();
  for (const p of rows) {
    const l = buyers.get(p.buyer_id!) ?? [];
    l.push(p.amount!);
    buyers.set(p.buyer_id!, l);
  }
  let chi2 = 0;
  for (const [b, l] of buyers) if (l.length > 100 && !flagged.has(`R029|${b}`)) chi2 = Math.max(chi2, benfordTest(l).chi2);
  let maxZ = 0;
  let minPlantedZ = Infinity;
  for (const [id, z] of unitPriceRobustZ(rows)) {
    if (flagged.has(`R016|${id}`) || flagged.has(`R017|${id}`)) minPlantedZ = Math.min(minPlantedZ, Math.abs(z));
    else maxZ = Math.max(maxZ, Math.abs(z));
  }
  let maxNear = 0;
  for (const p of rows) {
    if (flagged.has(`R011|${p.purchase_id}`)) continue;
    if (p.competitive === false || isPriceQuotation(p)) {
      const share = p.amount! / splitThreshold(p.signed_date!);
      if (share < 1) maxNear = Math.max(maxNear, share);
    }
  }
  return {
    maxNonCompetitiveShare: round4(nonComp),
    maxTopSupplierShare: round4(top),
    maxHhi: Math.round(hhi),
    maxYearEndShare: round4(ye),
    minWindowDays: minWindow,
    maxBenfordChi2: round4(chi2),
    maxBelowThresholdShare: round4(maxNear),
    maxRobustZ: round4(maxZ),
    minPlantedRobustZ: round4(minPlantedZ),
  };
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
