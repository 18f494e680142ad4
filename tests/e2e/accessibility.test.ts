import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildAndServe, launchChromium, waitForOverview } from './support/browser';
import { seriousAxeViolations, tabStops } from './support/axe';
import { REPO_ROOT } from '../support/shared';

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

describe('a reader who uses a keyboard and a screen reader', () => {
  it('meets no serious or critical axe finding on any screen or dialog, and Tab never enters a chart', async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
    page.setDefaultTimeout(180_000);
    await page.goto(`${served.url}?lang=ru`);
    await waitForOverview(page);
    expect(await seriousAxeViolations(page), 'overview').toEqual([]);
    const tabs = await tabStops(page, 60);
    expect(tabs.inChart, tabs.stops.join(' ')).toBe(0);
    // A chart's data table is the keyboard's way into it, with a filter button per row.
    await page.click('[data-testid="chart-yearly"] details summary');
    expect(await seriousAxeViolations(page, '[data-testid="chart-yearly"]'), 'yearly table').toEqual([]);

    await page.click('[data-testid="nav-flags"]');
    await page.waitForSelector('[data-testid="flags-screen"]');
    await page.waitForSelector('[data-testid="flagged-row"]');
    expect(await seriousAxeViolations(page), 'flags').toEqual([]);

    await page.click('[data-testid="nav-data"]');
    await page.waitForSelector('[data-testid="datasets-table"] [data-testid="dataset-demo-state"]');
    expect(await seriousAxeViolations(page), 'data').toEqual([]);

    await page.setInputFiles('input[type=file]', path.join(REPO_ROOT, 'tests/fixtures/ingest/ru-cp1251-semicolon.csv'));
    await page.waitForSelector('[data-testid="mapping-dialog"] [data-testid="mapping-preview"]');
    expect(await seriousAxeViolations(page), 'mapping dialog').toEqual([]);
    await page.close();
  });
});
