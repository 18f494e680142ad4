/**
 * The table inside a sheet: the block of filled rows and columns that holds most cells. A cell
 * far from it (more than a stated gap of empty columns or rows away, such as a stray value at
 * XFD1048576) is set aside and reported, instead of stretching the table to that corner.
 */
import { XLSX_LIMITS } from './limits';

export interface Span {
  lo: number;
  hi: number;
}

/**
 * Of the positions (one per filled cell), the run of positions with no gap wider than `gap`
 * that holds the most cells. Positions need not be sorted; the result is null when there are none.
 */
export function densestSpan(positions: readonly number[], gap: number): Span | null {
  const counts = new Map<number, number>();
  for (const p of positions) counts.set(p, (counts.get(p) ?? 0) + 1);
  const keys = Array.from(counts.keys()).sort((a, b) => a - b);
  let best: Span | null = null;
  let bestCount = 0;
  let lo = 0;
  let count = 0;
  for (let i = 0; i < keys.length; i++) {
    if (i > 0 && keys[i] - keys[i - 1] - 1 > gap) {
      if (count > bestCount) [best, bestCount] = [{ lo: keys[lo], hi: keys[i - 1] }, count];
      lo = i;
      count = 0;
    }
    count += counts.get(keys[i])!;
  }
  if (keys.length && count > bestCount) best = { lo: keys[lo], hi: keys[keys.length - 1] };
  return best;
}

export interface UsedRange {
  rows: Span;
  cols: Span;
  /** Indices (into the cell arrays) of the cells set aside as far from the table. */
  stray: number[];
}

/** The table's rows and columns, and the stray cells outside them. */
export function usedRange(rows: readonly number[], cols: readonly number[]): UsedRange | null {
  const colSpan = densestSpan(cols, XLSX_LIMITS.columnGap);
  if (!colSpan) return null;
  const inCols: number[] = [];
  for (let i = 0; i < cols.length; i++) if (cols[i] >= colSpan.lo && cols[i] <= colSpan.hi) inCols.push(rows[i]);
  const rowSpan = densestSpan(inCols, XLSX_LIMITS.rowGap)!;
  const stray: number[] = [];
  for (let i = 0; i < cols.length; i++) {
    const inside = cols[i] >= colSpan.lo && cols[i] <= colSpan.hi && rows[i] >= rowSpan.lo && rows[i] <= rowSpan.hi;
    if (!inside) stray.push(i);
  }
  return { rows: rowSpan, cols: colSpan, stray };
}
