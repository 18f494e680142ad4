import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildAndServe, launchChromium, waitForOverview } from './support/browser';
import { seriousAxeViolations } from './support/axe';

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
  it('meets no serious or critical axe finding on the Overview', async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
    page.setDefaultTimeout(180_000);
    await page.goto(`${served.url}?lang=ru`);
    await waitForOverview(page);
    expect(await seriousAxeViolations(page), 'overview').toEqual([]);
    await page.close();
  });
});
