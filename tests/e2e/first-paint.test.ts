import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildAndServe, launchChromium, SCREENSHOT_DIR, waitForOverview, watchPage } from './support/browser';
import { demoTotals } from '../support/demoTotals';
import { formatTenge } from '../../src/i18n';

// Issue 5: the first screen is drawn from the saved demo snapshot while the engine starts,
// clearly marked, and replaced by the live engine's answer; filters clicked meanwhile wait for it.
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

const SNAPSHOT_CHART = '[data-testid="overview"][data-source="snapshot"] .recharts-surface';

describe('a journalist opens the dashboard on a slow machine', () => {
  it('sees the demo figures at once, marked as a saved view, and a filter clicked meanwhile applies once the engine is up', async () => {
    const totals = demoTotals();
    const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
    page.setDefaultTimeout(180_000);
    const watch = watchPage(page, served.url.replace(/\/$/, ''));
    await page.goto(served.url);
    await page.waitForSelector(SNAPSHOT_CHART);
    // Still the snapshot: the engine has not finished (its timings are published when it has).
    const early = await page.evaluate(() => ({
      live: window.__tenderlens?.timings !== undefined,
      note: document.querySelector('[data-testid="snapshot-note"]') !== null,
    }));
    expect(early).toEqual({ live: false, note: true });
    expect(await page.textContent('[data-testid="total-state"]')).toBe(formatTenge(totals.bySector.state));
    expect(await page.textContent('[data-testid="total-quasi_public"]')).toBe(formatTenge(totals.bySector.quasi_public));
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'first-paint.png'), fullPage: true });

    // A filter clicked before the engine is ready: the URL follows at once, the figures when the engine answers.
    const clickedEarly = await page.evaluate(() => window.__tenderlens?.timings === undefined);
    await page.click('[data-testid="filter-years"] >> text=2019');
    await page.waitForURL(/year=2019/);
    await waitForOverview(page);
    await page.waitForFunction(
      (expected) => document.querySelector('[data-testid="total-state"]')?.textContent === expected,
      formatTenge(totals.bySectorYear['state:2019']),
    );
    expect(await page.textContent('[data-testid="total-quasi_public"]')).toBe(
      formatTenge(totals.bySectorYear['quasi_public:2019']),
    );
    expect(await page.locator('[data-testid="snapshot-note"]').count()).toBe(0);
    expect(clickedEarly, 'the click should have happened before the engine was ready').toBe(true);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });

  it('does not draw the demo snapshot for a filtered link, a removed demo or saved datasets', async () => {
    for (const { search, storage } of [
      { search: '?year=2020', storage: {} },
      { search: '', storage: { 'tenderlens.hideDemo': '1' } },
      { search: '', storage: { 'tenderlens.savedDatasets': '2' } },
    ]) {
      const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
      await context.addInitScript((entries) => {
        for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
        (window as unknown as { __sawSnapshot: boolean }).__sawSnapshot = false;
        new MutationObserver(() => {
          if (document.querySelector('[data-source="snapshot"]'))
            (window as unknown as { __sawSnapshot: boolean }).__sawSnapshot = true;
        }).observe(document, { subtree: true, childList: true, attributes: true });
      }, storage);
      const page = await context.newPage();
      page.setDefaultTimeout(180_000);
      await page.goto(served.url + search);
      await page.waitForFunction(() => window.__tenderlens?.timings !== undefined);
      if (!storage['tenderlens.hideDemo' as keyof typeof storage]) await waitForOverview(page);
      expect(
        await page.evaluate(() => (window as unknown as { __sawSnapshot: boolean }).__sawSnapshot),
        `${search} ${JSON.stringify(storage)}`,
      ).toBe(false);
      await context.close();
    }
  });
});
