import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildAndServe, launchChromium, SCREENSHOT_DIR, waitForOverview, watchPage } from './support/browser';
import { demoFlaggedCounts } from '../support/demoFlagCounts';
import { formatNumber } from '../../src/i18n';

let served: Awaited<ReturnType<typeof buildAndServe>>;
let browser: Browser;
let expected: Awaited<ReturnType<typeof demoFlaggedCounts>>;
beforeAll(async () => {
  expected = await demoFlaggedCounts(['R018']);
  served = await buildAndServe();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

describe('an agency monitor works through the flagged purchases', () => {
  it('sees how many purchases are flagged, opens the queue, reads the evidence of one, narrows to one flag', async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
    page.setDefaultTimeout(180_000);
    const watch = watchPage(page, served.url.replace(/\/$/, ''));
    await page.goto(served.url);
    await waitForOverview(page);
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="flag-count"]')?.textContent ?? ''));
    expect(await page.textContent('[data-testid="flag-count"]')).toBe(formatNumber(expected.all));

    await page.click('[data-testid="nav-flags"]');
    await page.waitForSelector('[data-testid="flagged-row"]');
    expect(await page.textContent('[data-testid="flag-count"]')).toBe(formatNumber(expected.all));
    await page.locator('[data-testid="flagged-row"]').first().click();
    await page.waitForSelector('.evidence');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'flags.png'), fullPage: false });

    await page.selectOption('[data-testid="flag-code-filter"]', 'R018');
    await page.waitForURL(/flag=R018/);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="flagged-row"]')].every((r) => r.textContent?.includes('R018')),
    );
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="flag-count"]')?.textContent === n,
      formatNumber(expected.byCode.R018),
    );
    expect(watch.foreignRequests).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
  });

  it('reads how often each flag fires, high and medium first, low on request', async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
    page.setDefaultTimeout(180_000);
    await page.goto(served.url + '?view=flags');
    await page.waitForSelector('[data-testid="flagged-row"]');
    await page.click('[data-testid="flag-rates"] summary');
    await page.waitForSelector('[data-testid="flag-rate-row"]');
    const rows = () => page.locator('[data-testid="flag-rate-row"]').count();
    const shown = await rows();
    // Two datasets × eleven flags × high and medium.
    expect(shown).toBe(2 * 11 * 2);
    await page.locator('[data-testid="flag-rates"]').screenshot({ path: path.join(SCREENSHOT_DIR, 'flag-rates.png') });
    await page.check('[data-testid="flag-rates-low"]');
    expect(await rows()).toBe(2 * 11 * 3);
  });
});
