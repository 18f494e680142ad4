/**
 * Dates as whole days since 1970-01-01 (UTC), with a cached ISO formatter: the generator
 * handles hundreds of thousands of dates and must not depend on the machine's time zone.
 */

const MS_PER_DAY = 86_400_000;

/** Day number of a calendar date. */
export function dayOf(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** Day number of an ISO yyyy-mm-dd string. */
export function dayOfIso(iso: string): number {
  return dayOf(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

const isoCache: string[] = [];

/** ISO yyyy-mm-dd of a day number (cached in an array: benchmarks format millions of dates). */
export function isoOf(day: number): string {
  let s = day >= 0 ? isoCache[day] : undefined;
  if (s === undefined) {
    s = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (day >= 0) isoCache[day] = s;
  }
  return s;
}

/** Calendar year of a day number. */
export function yearOf(day: number): number {
  return Number(isoOf(day).slice(0, 4));
}
