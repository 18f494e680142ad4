import type { FlagRateRow } from '../../flags/rates';

const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(2)} %`);

/** The flag-rate table as aligned text, one block per dataset (what `tenderlens flags --summary` prints). */
export function formatRatesTable(rows: readonly FlagRateRow[]): string {
  const head = ['code', 'severity', 'entities', 'purchases', 'of purchases', 'buyers', 'of buyers', 'of value'];
  const body = rows.map((r) => [
    r.code,
    r.severity,
    String(r.entities),
    String(r.purchases),
    pct(r.purchase_share),
    String(r.buyers),
    pct(r.buyer_share),
    pct(r.value_share),
  ]);
  const width = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(width[i]) : c.padStart(width[i]))).join('  ') + '\n';
  let out = '';
  let dataset: string | null = null;
  rows.forEach((r, k) => {
    if (r.dataset_id !== dataset) {
      dataset = r.dataset_id;
      out += `${k ? '\n' : ''}dataset ${dataset}\n` + line(head);
    }
    out += line(body[k]);
  });
  return out;
}
