/**
 * The fictional organisations of the demo: state buyers, quasi-public buyers (national companies
 * and their subsidiaries) and suppliers, each with a 12-digit BIN whose first four digits are
 * the registration year and month (so many start with 0, as real BINs of the 2000s do).
 */
import { dayOf } from './dates.ts';
import {
  AKIMAT_DEPARTMENTS,
  MINISTRIES,
  NATIONAL_COMPANIES,
  REGIONS,
  SUBSIDIARY_FUNCTIONS,
  SUPPLIER_FORMS,
  SUPPLIER_STEM_A,
  SUPPLIER_STEM_B,
  SUPPLIER_TRADES,
} from './names.ts';
import { Rng, cumulative } from './rng.ts';

/** A buyer of the demo data. */
export interface Buyer {
  id: string;
  name: string;
  region: string;
  /** Kind, which selects the items it buys (see BUYER_TAGS). */
  kind: string;
  /** log10 of the lower end of its amounts (they span two decades above it). */
  scaleLog10: number;
  /** Relative number of purchases. */
  activity: number;
}

/** A supplier of the demo data. */
export interface Supplier {
  id: string;
  name: string;
  region: string;
  /** Registration date as a day number. */
  registered: number;
}

/** Check digit of a Kazakhstan BIN/IIN (weights 1..11, then 3..11,1,2); null if it is 10 both times. */
export function binCheckDigit(first11: string): number | null {
  const d = [...first11].map(Number);
  let s = 0;
  for (let i = 0; i < 11; i++) s += d[i] * (i + 1);
  let c = s % 11;
  if (c !== 10) return c;
  s = 0;
  for (let i = 0; i < 11; i++) s += d[i] * (((i + 2) % 11) + 1);
  c = s % 11;
  return c === 10 ? null : c;
}

/** Makes unique BINs that encode a registration month. */
export class BinMaker {
  private used = new Set<string>();
  constructor(private rng: Rng) {}

  /** A new unique BIN for an organisation registered on `day`. */
  make(day: number): string {
    const d = new Date(day * 86_400_000);
    const yy = String(d.getUTCFullYear() % 100).padStart(2, '0');
    const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
    for (;;) {
      let body = `${yy}${mm}4${this.rng.int(0, 2)}`;
      for (let i = 0; i < 5; i++) body += String(this.rng.int(0, 9));
      const c = binCheckDigit(body);
      if (c === null) continue;
      const bin = body + String(c);
      if (this.used.has(bin)) continue;
      this.used.add(bin);
      return bin;
    }
  }
}

function regDay(rng: Rng, fromYear: number, toYear: number): number {
  return rng.int(dayOf(fromYear, 1, 1), dayOf(toYear, 12, 31));
}

/** State buyers at `scale` (1 = full demo). */
export function makeStateBuyers(rng: Rng, bins: BinMaker, scale: number): Buyer[] {
  const out: Buyer[] = [];
  const add = (name: string, region: string, kind: string, scaleLog10: number, activity: number) =>
    out.push({
      id: bins.make(regDay(rng, 1996, 2012)),
      name,
      region,
      kind,
      scaleLog10: scaleLog10 + rng.uniform(-0.3, 0.3),
      activity: activity * Math.exp(0.6 * rng.normal()),
    });
  const capital = REGIONS.find((r) => r.city === 'Нур-Султан')!.name;
  for (const m of MINISTRIES) add(m, capital, 'ministry', 6.4, 7);
  for (const r of REGIONS) {
    const depts = rng.shuffled(AKIMAT_DEPARTMENTS).slice(0, Math.max(2, Math.round(6 * Math.min(1, scale * 2))));
    for (const d of depts) add(`ГУ «${d} ${r.genitive}»`, r.name, 'akimat', 5.6, 3);
  }
  const nSchools = Math.max(17, Math.round(560 * scale));
  const nHosp = Math.max(17, Math.round(230 * scale));
  const used = new Set<string>();
  const numbered = (
    tpl: (r: (typeof REGIONS)[number], n: number) => string,
    count: number,
    kind: string,
    s: number,
    a: number,
  ) => {
    for (let i = 0; i < count; i++) {
      const r = REGIONS[i % REGIONS.length];
      let name: string;
      do name = tpl(r, rng.int(1, 180));
      while (used.has(name));
      used.add(name);
      add(name, r.name, kind, s, a);
    }
  };
  numbered((r, n) => `КГУ «Средняя школа № ${n}» отдела образования г. ${r.city}`, nSchools, 'school', 4.6, 0.9);
  numbered(
    (r, n) =>
      n % 3 === 0
        ? `КГП на ПХВ «Многопрофильная больница № ${n}» управления здравоохранения ${r.genitive}`
        : `КГП на ПХВ «Городская поликлиника № ${n}» управления здравоохранения ${r.genitive}`,
    nHosp,
    'hospital',
    5.1,
    1.3,
  );
  return out;
}

/** Quasi-public buyers: the national companies and their subsidiaries. */
export function makeQuasiBuyers(rng: Rng, bins: BinMaker, scale: number): Buyer[] {
  const out: Buyer[] = [];
  const perParent = Math.max(2, Math.round(5 * Math.min(1, scale * 3)));
  for (const nc of NATIONAL_COMPANIES) {
    const hq = rng.chance(0.6) ? 'г. Нур-Султан' : 'г. Алматы';
    out.push({
      id: bins.make(regDay(rng, 1997, 2010)),
      name: nc.name,
      region: hq,
      kind: nc.tag,
      scaleLog10: 7.2 + rng.uniform(-0.2, 0.2),
      activity: 1.2 * Math.exp(0.4 * rng.normal()),
    });
    const fns = rng.shuffled(SUBSIDIARY_FUNCTIONS[nc.tag]).slice(0, perParent);
    for (const fn of fns) {
      const form = rng.chance(0.6) ? 'АО' : 'ТОО';
      out.push({
        id: bins.make(regDay(rng, 1998, 2014)),
        name: `${form} «${nc.stem} ${fn}»`,
        region: rng.pick(REGIONS).name,
        kind: nc.tag === 'holding' ? 'holding' : nc.tag,
        scaleLog10: 6.7 + rng.uniform(-0.4, 0.4),
        activity: Math.exp(0.5 * rng.normal()),
      });
    }
  }
  return out;
}

/** Suppliers, spread over the regions; all registered 2000–2015 (years before the data). */
export function makeSuppliers(rng: Rng, bins: BinMaker, count: number): Supplier[] {
  const out: Supplier[] = [];
  const names = new Set<string>();
  const formCum = cumulative(SUPPLIER_FORMS.map((f) => f.weight));
  while (out.length < count) {
    const s = makeSupplier(rng, bins, formCum, regDay(rng, 2000, 2015), names);
    out.push(s);
  }
  return out;
}

/** One new supplier registered on `registered` with a name not in `names`. */
export function makeSupplier(
  rng: Rng,
  bins: BinMaker,
  formCum: readonly number[],
  registered: number,
  names: Set<string>,
): Supplier {
  for (;;) {
    const form = SUPPLIER_FORMS[rng.pickIndexCum(formCum)].form;
    const stem = rng.pick(SUPPLIER_STEM_A) + rng.pick(SUPPLIER_STEM_B);
    const name =
      form === 'ИП'
        ? `ИП «${stem}»`
        : `${form} «${stem} ${rng.pick(SUPPLIER_TRADES)}${rng.chance(0.25) ? ` ${rng.int(1, 99)}` : ''}»`;
    if (names.has(name)) continue;
    names.add(name);
    return { id: bins.make(registered), name, region: rng.pick(REGIONS).name, registered };
  }
}
