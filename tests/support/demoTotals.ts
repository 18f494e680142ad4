import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { REPO_ROOT } from './shared';

/**
 * Totals of the demo files computed without DuckDB or any TenderLens code: gunzip, split lines,
 * sum a column. The demo CSV has no quoted commas in numeric columns; names are quoted, so we
 * use a small quote-aware splitter.
 */
export function demoTotals(): {
  bySector: Record<string, number>;
  bySectorYear: Record<string, number>;
  rows: Record<string, number>;
} {
  const bySector: Record<string, number> = {};
  const bySectorYear: Record<string, number> = {};
  const rows: Record<string, number> = {};
  for (const file of ['state.csv.gz', 'quasi_public.csv.gz']) {
    const text = gunzipSync(readFileSync(path.join(REPO_ROOT, 'data', 'demo', file))).toString('utf8');
    const lines = text.split('\n').filter((l) => l.length > 0);
    const header = splitCsvLine(lines[0]);
    const iSector = header.indexOf('sector');
    const iAmount = header.indexOf('amount_kzt');
    const iDate = header.indexOf('signed_date');
    for (const line of lines.slice(1)) {
      const f = splitCsvLine(line);
      const sector = f[iSector];
      const v = f[iAmount] === '' ? 0 : Number(f[iAmount]);
      bySector[sector] = (bySector[sector] ?? 0) + v;
      const key = `${sector}:${f[iDate].slice(0, 4)}`;
      bySectorYear[key] = (bySectorYear[key] ?? 0) + v;
      rows[sector] = (rows[sector] ?? 0) + 1;
    }
  }
  return { bySector, bySectorYear, rows };
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur.replace(/\r$/, ''));
  return out;
}
