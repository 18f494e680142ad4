import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildAndServe, launchChromium, SCREENSHOT_DIR, waitForOverview, watchPage } from './support/browser';
import { encodeCp1251 } from '../support/cp1251';
import { describeWithShared, REPO_ROOT, sharedPath } from '../support/shared';
import { formatTenge } from '../../src/i18n';

let served: Awaited<ReturnType<typeof buildAndServe>>;
let browser: Browser;
beforeAll(async () => {
  served = await buildAndServe();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

const NBSP = '\u00a0';
// A Russian-language Excel export: `;`, decimal comma, no-break-space thousands, dd.mm.yyyy, Windows-1251.
const ROWS = [
  [
    'Номер договора',
    'Заказчик',
    'БИН заказчика',
    'Поставщик',
    'БИН/ИИН поставщика',
    'Способ закупки',
    'Сумма договора',
    'Дата заключения договора',
  ],
  [
    'Д-101',
    'КГУ «Школа № 7» (демо)',
    '000140001234',
    'ТОО «Вымышленный поставщик»',
    '123456789012',
    'Открытый конкурс',
    `1${NBSP}250${NBSP}000,50`,
    '15.03.2019',
  ],
  [
    'Д-102',
    'КГУ «Школа № 7» (демо)',
    '000140001234',
    'ТОО «Другой поставщик»',
    '223456789012',
    'Из одного источника',
    `99${NBSP}999,99`,
    '01.12.2019',
  ],
  [
    'Д-103',
    'ГКП «Поликлиника № 3» (демо)',
    '990340000017',
    'ТОО «Вымышленный поставщик»',
    '123456789012',
    'Запрос ценовых предложений',
    `2${NBSP}000${NBSP}000,00`,
    '31.12.2019',
  ],
];
const EXPECTED_TOTAL = 1_250_000.5 + 99_999.99 + 2_000_000;

describe('an NGO watchdog uploads a Russian Excel export', () => {
  it('sees what was understood, confirms, gets the right totals, and keeps them after a reload', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tl-upload-'));
    const file = path.join(dir, 'закупки-2019.csv');
    writeFileSync(
      file,
      encodeCp1251(ROWS.map((r) => r.map((c) => (c.includes(';') ? `"${c}"` : c)).join(';')).join('\r\n') + '\r\n'),
    );

    const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    const watch = watchPage(page, served.url.replace(/\/$/, ''));
    await page.goto(`${served.url}?view=data`);
    await page.waitForSelector('[data-testid="datasets-table"] [data-testid="dataset-demo-state"]');

    // Start from the uploaded file alone: remove the two demo datasets.
    await page.click('[data-testid="remove-demo-state"]');
    await page.click('[data-testid="remove-demo-quasi"]');
    await page.waitForFunction(() => !document.querySelector('[data-testid="dataset-demo-quasi"]'));

    await page.setInputFiles('input[type=file]', file);
    await page.waitForSelector(
      '[data-testid="mapping-dialog"] [data-testid="mapping-preview"], [data-testid="mapping-dialog"] [role=alert], [data-testid="import-error"]',
    );
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'mapping.png'), fullPage: true });
    expect(await page.locator('[role=alert]').allTextContents()).toEqual([]);
    expect(await page.textContent('[data-testid="mapping-dialog"]')).toContain('Windows-1251');
    expect(await page.inputValue('[data-testid="map-amount"]')).toBe('Сумма договора');
    expect(await page.inputValue('[data-testid="map-signed_date"]')).toBe('Дата заключения договора');
    expect(await page.inputValue('[data-testid="map-buyer_id"]')).toBe('БИН заказчика');
    const previewText = await page.textContent('[data-testid="mapping-preview"]');
    expect(previewText).toContain('1250000.5');
    expect(previewText).toContain('2019-03-15');
    await page.selectOption('[data-testid="mapping-sector"]', 'state');
    await page.click('[data-testid="mapping-confirm"]');
    await page.waitForSelector('[data-testid="import-result"]');
    expect(await page.textContent('[data-testid="import-result"]')).toMatch(/3 purchases imported, 0 rows rejected, of 3 rows/);

    await page.click('[data-testid="nav-overview"]');
    await waitForOverview(page);
    expect(await page.textContent('[data-testid="total-state"]')).toBe(formatTenge(EXPECTED_TOTAL));
    expect(await page.textContent('[data-testid="total-quasi_public"]')).toBe('—');

    // Reload: the dataset comes back from IndexedDB, the demo stays removed.
    await page.reload();
    await waitForOverview(page);
    expect(await page.textContent('[data-testid="total-state"]')).toBe(formatTenge(EXPECTED_TOTAL));
    expect(watch.foreignRequests).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await context.close();
  });

  it('gets a clear message for a binary file and an empty file, and keeps what was loaded', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tl-bad-'));
    const binary = path.join(dir, 'photo.csv');
    writeFileSync(
      binary,
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3, 0, 0, 0, 0]),
    );
    const empty = path.join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    await page.goto(`${served.url}?view=data`);
    await page.waitForSelector('[data-testid="dataset-demo-state"]');
    await page.setInputFiles('input[type=file]', [binary, empty]);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="import-error"]').length === 2);
    const errors = await page.locator('[data-testid="import-error"]').allTextContents();
    expect(errors.join('\n')).toMatch(/“empty.csv” is empty/);
    expect(errors.join('\n')).toMatch(/“photo.csv” is not a text table/);
    expect(await page.locator('[data-testid="dataset-demo-state"]').count()).toBe(1);
    await context.close();
  });
});

describeWithShared('a watchdog uploads OCDS files', () => {
  it('loads a real OCDS record package, and explains invalid JSON without losing it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tl-ocds-'));
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{"releases": [{"ocid": "ocds-x-1", "tender": {');
    const recordsDir = sharedPath('datasets', 'ocds-real-samples', 'ukraine', 'sample', 'records');
    const record = path.join(recordsDir, readdirSync(recordsDir).sort()[0]);
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    await page.goto(`${served.url}?view=data`);
    await page.waitForSelector('[data-testid="dataset-demo-state"]');
    await page.setInputFiles('input[type=file]', [broken, record]);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="import-error"], [data-testid="import-result"]').length === 2,
    );
    const errors = await page.locator('[data-testid="import-error"]').allTextContents();
    expect(errors).toEqual([expect.stringMatching(/broken\.json/)]);
    expect(await page.textContent('[data-testid="import-result"]')).toMatch(/purchases imported/);
    // The list refetches with the new data version, right after the import's result shows.
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="datasets-table"] tbody tr').length === 3,
      undefined,
      { timeout: 30_000 },
    );
    expect(await page.locator('[data-testid="datasets-table"] tbody tr').count()).toBe(3);
    await context.close();
  });
});

describe('a journalist uploads an Excel workbook', () => {
  it('picks the first sheet, shows the sheet picker, and loads the rows', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    await page.goto(`${served.url}?view=data`);
    await page.waitForSelector('[data-testid="dataset-demo-state"]');
    await page.setInputFiles('input[type=file]', path.join(REPO_ROOT, 'tests', 'fixtures', 'ingest', 'contracts.xlsx'));
    await page.waitForSelector('[data-testid="mapping-dialog"] [data-testid="mapping-preview"]');
    expect(await page.locator('[data-testid="mapping-dialog"] select >> nth=-1').count()).toBeGreaterThan(0);
    expect(await page.textContent('[data-testid="mapping-dialog"]')).toContain('Sheet');
    await page.click('[data-testid="mapping-confirm"]');
    await page.waitForSelector('[data-testid="import-result"]');
    expect(await page.textContent('[data-testid="import-result"]')).toMatch(/3 purchases imported, 0 rows rejected, of 3 rows/);
    await context.close();
  });
});
