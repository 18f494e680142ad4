import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildAndServe, launchChromium, waitForOverview, watchPage } from './support/browser';
import { demoTotals } from '../support/demoTotals';
import { formatTenge, translate, type Locale } from '../../src/i18n';

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

async function expectOverviewIn(page: Page, locale: Locale) {
  const totals = demoTotals();
  expect(await page.getAttribute('html', 'lang')).toBe(locale);
  expect(await page.textContent('[data-testid="nav-overview"]')).toBe(translate(locale, 'nav.overview'));
  expect(await page.textContent('.headline-card .headline-label')).toBe(translate(locale, 'sector.quasi_public'));
  // The same amount the English page shows, in the locale's digits and scale word (3,52 трлн ₸).
  expect(await page.textContent('[data-testid="total-state"]')).toBe(formatTenge(totals.bySector.state, locale));
}

describe('a reader in Kazakhstan reads the dashboard in their language', () => {
  it('opens a Russian link, a Kazakh link, switches to English, and the choice is remembered', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    const watch = watchPage(page, served.url.replace(/\/$/, ''));

    await page.goto(`${served.url}?lang=ru`);
    await waitForOverview(page);
    await expectOverviewIn(page, 'ru');
    expect(await page.textContent('[data-testid="total-state"]')).toMatch(/^\d+(,\d+)? (трлн|млрд|млн) ₸$/);

    await page.goto(`${served.url}?lang=kk`);
    await waitForOverview(page);
    await expectOverviewIn(page, 'kk');

    // The header's picker: the URL and <html lang> follow, and screens keep the language.
    await page.click('[data-testid="lang-en"]');
    await page.waitForURL(/lang=en/);
    await expectOverviewIn(page, 'en');
    await page.click('[data-testid="lang-ru"]');
    await page.click('[data-testid="nav-flags"]');
    await page.waitForURL(/view=flags/);
    expect(new URL(page.url()).searchParams.get('lang')).toBe('ru');

    // A link without ?lang opens in the language chosen last time.
    await page.goto(served.url);
    await waitForOverview(page);
    await expectOverviewIn(page, 'ru');

    expect(watch.foreignRequests).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await context.close();
  });
});
