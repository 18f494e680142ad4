import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildAndServe, launchChromium, SCREENSHOT_DIR, waitForOverview, watchPage } from './support/browser';
import { demoTotals } from '../support/demoTotals';
import { formatRatio, formatTenge } from '../../src/i18n';

let served: Awaited<ReturnType<typeof buildAndServe>>;
let browser: Browser;
// Served under a sub-path? vite preview serves at '/', and base './' makes every asset relative,
// so the same build works under any path; the e2e test opens it with a query string only.
beforeAll(async () => {
  served = await buildAndServe();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

describe('a journalist opens the demo dashboard', () => {
  it('sees the totals, changes a filter, shares the link, and nothing leaves the machine', async () => {
    const totals = demoTotals();
    const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
    page.setDefaultTimeout(120_000);
    const watch = watchPage(page, served.url.replace(/\/$/, ''));

    const t0 = Date.now();
    await page.goto(served.url);
    await waitForOverview(page);
    const firstChartMs = Date.now() - t0;
    console.log(`[e2e] navigation to first chart: ${firstChartMs} ms`);

    // Headline figures equal totals computed from the demo files without DuckDB.
    expect(await page.textContent('[data-testid="total-state"]')).toBe(formatTenge(totals.bySector.state));
    expect(await page.textContent('[data-testid="total-quasi_public"]')).toBe(formatTenge(totals.bySector.quasi_public));
    expect(await page.textContent('[data-testid="headline-ratio"]')).toBe(
      formatRatio(totals.bySector.quasi_public / totals.bySector.state),
    );
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'overview.png'), fullPage: true });

    // Filter to 2019: every panel follows, and the URL says so.
    await page.click('[data-testid="filter-years"] >> text=2019');
    await page.waitForURL(/year=2019/);
    await page.waitForFunction(
      (expected) => document.querySelector('[data-testid="total-state"]')?.textContent === expected,
      formatTenge(totals.bySectorYear['state:2019']),
    );
    await waitForOverview(page);
    expect(await page.textContent('[data-testid="total-quasi_public"]')).toBe(
      formatTenge(totals.bySectorYear['quasi_public:2019']),
    );
    const summary2019 = await page.textContent('[data-testid="summary-yearly"]');
    expect(summary2019).toContain('2019');
    expect(summary2019).not.toContain('2020');

    // Clicking a bar of the top-buyers chart filters by that buyer.
    await page.locator('[data-testid="chart-top-buyers-state"] .recharts-bar-rectangle').first().click();
    await page.waitForURL(/buyer=/);
    await waitForOverview(page);
    const stateWithBuyer = await page.textContent('[data-testid="total-state"]');
    expect(stateWithBuyer).not.toBe(formatTenge(totals.bySectorYear['state:2019']));
    expect(await page.locator('[data-testid="chart-top-buyers-state"] .recharts-bar-rectangle').count()).toBe(1);

    // A copied link reopens the same view.
    const link = page.url();
    const page2 = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
    page2.setDefaultTimeout(120_000);
    const watch2 = watchPage(page2, served.url.replace(/\/$/, ''));
    await page2.goto(link);
    await waitForOverview(page2);
    expect(await page2.textContent('[data-testid="total-state"]')).toBe(stateWithBuyer);
    expect(await page2.getAttribute('[data-testid="filter-years"] >> text=2019', 'aria-pressed')).toBe('true');

    expect(watch.foreignRequests).toEqual([]);
    expect(watch2.foreignRequests).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch2.consoleErrors).toEqual([]);
  });
});
