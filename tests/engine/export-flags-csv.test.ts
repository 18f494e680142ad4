/**
 * Story: a watchdog runs `tenderlens flags --format csv > flags.csv` on a file whose purchase ids
 * were written by an attacker as spreadsheet formulas, and opens the result in Excel. Every such
 * cell must arrive as text (a leading '), and the file must start with a BOM so Cyrillic survives.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../support/cli';

const HOSTILE_IDS = ['=HYPERLINK("http://example.invalid/x","click")', "@SUM(1+1)*cmd|' /C calc'!A0", '+1+1', '-2+3'];

const FILE = `purchase_id;buyer_id;supplier_id;method;n_bidders;item_code;Сумма договора;signed_date
${HOSTILE_IDS[0]};B1;S1;open;1;111;1 250 000,00;2024-02-01
${HOSTILE_IDS[1]};B1;S2;open;1;112;310 000,50;2024-03-05
${HOSTILE_IDS[2]};B1;S3;open;1;113;990 000,00;2024-04-10
${HOSTILE_IDS[3]};B2;S1;open;1;111;75 000,00;2024-05-20
P5;B2;S4;open;5;114;42 000,00;2024-06-11
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tenderlens-flags-csv-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('flags --format csv: formula-like ids arrive neutralised, and the file starts with a BOM', async () => {
  const file = path.join(dir, 'formulas.csv');
  writeFileSync(file, FILE);
  const r = await runCli(['flags', file, '--format', 'csv', '-q', '--severity', 'low']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout.startsWith('\ufeff')).toBe(true);
  const rows = Papa.parse<string[]>(r.stdout.slice(1), { skipEmptyLines: true }).data;
  const header = rows[0];
  const ids = rows.slice(1).map((row) => row[header.indexOf('entity_id')]);
  // Each hostile id is flagged as a single bid, and comes back with exactly one leading quote.
  for (const id of HOSTILE_IDS) expect(ids).toContain(`'${id}`);
  for (const row of rows) for (const cell of row) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
});
