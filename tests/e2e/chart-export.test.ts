import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildAndServe, launchChromium, waitForOverview } from './support/browser';
import { translate } from '../../src/i18n';

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

async function download(page: Page, selector: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

describe('a journalist takes a chart into an article', () => {
  it('downloads the yearly chart as SVG and PNG, each saying what it shows and where it comes from', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 1000 }, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(180_000);
    await page.goto(`${served.url}?lang=kk`);
    await waitForOverview(page);

    const svg = await download(page, '[data-testid="svg-yearly"]');
    expect(svg.name).toBe('tenderlens-yearly.svg');
    const text = svg.bytes.toString('utf8');
    expect(text).toContain(`<title>${translate('kk', 'chart.yearly.title')}</title>`);
    expect(text).toContain(translate('kk', 'axis.tengeUnits'));
    expect(text).toContain(translate('kk', 'sector.quasi_public')); // the legend
    expect(text).toMatch(/Дереккөз: .+TenderLens/);
    expect(text).toContain('recharts-bar-rectangle');

    const png = await download(page, '[data-testid="png-yearly"]');
    expect(png.name).toBe('tenderlens-yearly.png');
    expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.bytes.readUInt32BE(16)).toBeGreaterThan(600); // width, at 2× scale

    const csv = await download(page, '[data-testid="csv-yearly"]');
    expect(csv.bytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
    expect(csv.bytes.toString('utf8')).toContain(translate('kk', 'sector.state'));
    await context.close();
  });
});
