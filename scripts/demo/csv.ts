/**
 * CSV text of canonical purchase rows and of the ground truth, and a deterministic gzip:
 * UTF-8, comma, `\n` line ends, empty field = NULL, dates ISO, decimal dot, money with 2 decimals.
 */
import { gzipSync } from 'node:zlib';
import { PURCHASE_COLUMNS, type Purchase } from '../../src/model/schema.ts';
import type { GroundTruthRow } from './generator.ts';

/** Canonical column names in table order: the header of every demo CSV. */
export const PURCHASE_HEADER: readonly (keyof Purchase)[] = Object.keys(PURCHASE_COLUMNS) as (keyof Purchase)[];

const MONEY: ReadonlySet<string> = new Set(['amount', 'amount_kzt', 'unit_price']);

/** One CSV field: quoted only when it holds a comma, quote or line break. */
export function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function cell(col: keyof Purchase, v: Purchase[keyof Purchase]): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return MONEY.has(col) ? v.toFixed(2) : String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return csvField(v);
}

/** One data line (without the line end). */
export function purchaseLine(p: Purchase): string {
  let s = '';
  for (let i = 0; i < PURCHASE_HEADER.length; i++) {
    const c = PURCHASE_HEADER[i];
    if (i) s += ',';
    s += cell(c, p[c]);
  }
  return s;
}

/** The header line. */
export function purchaseHeaderLine(): string {
  return PURCHASE_HEADER.join(',');
}

/** Whole CSV text of purchases, header first, `\n` after every line. */
export function purchasesToCsv(rows: readonly Purchase[]): string {
  const parts = [purchaseHeaderLine()];
  for (const p of rows) parts.push(purchaseLine(p));
  return parts.join('\n') + '\n';
}

/** Ground-truth CSV: dataset_id,entity_type,entity_id,code,note. */
export function groundTruthToCsv(rows: readonly GroundTruthRow[]): string {
  const lines = ['dataset_id,entity_type,entity_id,code,note'];
  for (const r of rows) lines.push([r.dataset_id, r.entity_type, r.entity_id, r.code, r.note].map(csvField).join(','));
  return lines.join('\n') + '\n';
}

/**
 * gzip with a fixed level and no file name or time stamp in the header (Node writes mtime 0),
 * so the same text always gives the same bytes.
 */
export function gzipDeterministic(text: string): Buffer {
  return gzipSync(Buffer.from(text, 'utf8'), { level: 9, memLevel: 9 });
}
