/**
 * `tenderlens map`, spawned as a person runs it: the proposal with reasons and the flags a missing
 * field blocks, `--mapping` read back in the same shape, and a mapping that names a missing column.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/shared';

const CLI = path.join(REPO_ROOT, 'scripts', 'tenderlens.mjs');
const dir = mkdtempSync(path.join(os.tmpdir(), 'tl-map-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tenderlens(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    ),
  );
}

const register = path.join(dir, 'register.csv');
writeFileSync(
  register,
  '№;Заказчик;БИН поставщика;Поставщик;Метод закупа;Кол-во;Сумма, тг;Дата заключения\n' +
    '1;ГУ "Отдел образования";120940012345;ТОО "Альфа";Маркетинговые исследования;2;1 000,00;15.05.2023\n' +
    '2;ГУ "Отдел образования";070340007367;ИП Бета;Открытый конкурс;1;2 000,00;16.05.2023\n',
);

describe('tenderlens map', () => {
  it('prints what was detected, the mapping with a reason per field, and what is not computable', async () => {
    const r = await tenderlens(['map', register, '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout.trim());
    expect(out.file).toBe(register);
    expect(out.detected).toMatchObject({
      kind: 'csv',
      delimiter: ';',
      header: true,
      currency: 'KZT',
      currency_source: 'header',
      unknown_methods: ['Маркетинговые исследования'],
    });
    expect(out.mapping).toMatchObject({
      amount: 'Сумма, тг',
      quantity: 'Кол-во',
      purchase_id: '№',
      method: 'Метод закупа',
      signed_date: 'Дата заключения',
      supplier_id: 'БИН поставщика',
      supplier_name: 'Поставщик',
    });
    expect(out.reasons.signed_date).toBe('header “Дата заключения” ≈ signed_date (дата, заключения); 100 % of values are dates');
    expect(out.not_computable.R018).toEqual(['n_bidders']);
    expect(out.not_computable['TL-YEAR-END']).toEqual(['buyer_id']);
  });

  it('reads a --mapping file of the same shape back, with the person’s method classification', async () => {
    const first = JSON.parse((await tenderlens(['map', register])).stdout.trim());
    const file = path.join(dir, 'mapping.json');
    writeFileSync(
      file,
      JSON.stringify({
        mapping: { ...first.mapping, buyer_id: null },
        method_values: { 'Маркетинговые исследования': 'limited' },
        currency: 'kzt',
      }),
    );
    const r = await tenderlens(['map', register, '--mapping', file]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout.trim());
    expect(out.mapping.amount).toBe('Сумма, тг');
    expect(out.detected).toMatchObject({ currency: 'KZT', currency_source: 'mapping file', unknown_methods: [] });
  });

  it('refuses a mapping that names a column the file does not have, saying which columns it has', async () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ mapping: { amount: 'Цена' } }));
    const r = await tenderlens(['map', register, '--mapping', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"amount" names the column "Цена", which this file does not have');
    expect(r.stdout).toBe('');
  });
});
