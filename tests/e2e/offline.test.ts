import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildAndServe, launchChromium, waitForOverview } from './support/browser';
import { demoTotals } from '../support/demoTotals';
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

describe('a reader opens TenderLens again on a train, with no network', () => {
  it('visits once online, then reloads offline: the overview draws from the live engine', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(180_000);
    await page.goto(served.url);
    await waitForOverview(page);
    // The worker has stored the app, the DuckDB wasm and the demo data, and controls the page.
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 180_000 });
    const cached = await page.evaluate(async () => {
      const keys = await caches.keys();
      const cache = await caches.open(keys.find((k) => k.startsWith('tenderlens-'))!);
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    });
    expect(cached.some((p) => /duckdb-eh.*\.wasm$/.test(p))).toBe(true);
    expect(cached.some((p) => /demo\.arrow.*\.gz$/.test(p))).toBe(true);

    await context.setOffline(true);
    // Proof the network is gone: the server cannot be reached from the page.
    expect(
      await page.evaluate(
        (u) =>
          fetch(`${u}?probe=${Date.now()}`, { cache: 'no-store' }).then(
            () => 'online',
            () => 'offline',
          ),
        'http://127.0.0.1:1/',
      ),
    ).toBe('offline');
    await page.reload();
    await waitForOverview(page);
    expect(await page.textContent('[data-testid="total-state"]')).toBe(formatTenge(demoTotals().bySector.state));
    expect(await page.getAttribute('[data-testid="overview"]', 'data-source')).toBe('live');
    await context.close();
  });
});
