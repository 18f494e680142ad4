/**
 * The data's life in the browser, as a new user meets it (issue 10): removal after an OCDS upload
 * survives a reload; a multi-file drop on the first visit ends with flags computed; the demo is
 * announced and can be removed on the first upload; a dead database worker is replaced and every
 * saved dataset comes back.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildAndServe, launchChromium, SCREENSHOT_DIR, waitForOverview, watchPage } from './support/browser';
import { REPO_ROOT } from '../support/shared';
import { ocdsPackage } from '../support/ocds';

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

interface DroppedFile {
  name: string;
  base64: string;
}

const ocdsFile = (prefix: string, n: number): DroppedFile => ({
  name: `${prefix}.json`,
  base64: Buffer.from(ocdsPackage(prefix, n)).toString('base64'),
});

/** Drops files on the page as a person dragging them from the desktop would. */
async function dropFiles(page: Page, files: DroppedFile[]): Promise<void> {
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name));
    window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
}

/** The red-flag count on the overview, once the flags are computed (never stuck on "computing"). */
async function flagCountShown(page: Page, timeout: number): Promise<string> {
  await page.waitForFunction(
    () => {
      const el = document.querySelector('[data-testid="flag-count"]');
      return el !== null && /\d/.test(el.textContent ?? '');
    },
    undefined,
    { timeout },
  );
  return (await page.textContent('[data-testid="flag-count"]')) ?? '';
}

async function uploadedDatasetIds(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid^="dataset-u-"]', (rows) =>
    rows.map((r) => r.getAttribute('data-testid')!.slice('dataset-'.length)),
  );
}

async function newPage(): Promise<{ page: Page; close(): Promise<void>; watch: ReturnType<typeof watchPage> }> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  return { page, close: () => context.close(), watch: watchPage(page, served.url.replace(/\/$/, '')) };
}

describe('the data session', () => {
  it('a first visit: XLSX and four OCDS files dropped at once end with flags computed; the demo is announced and removed on request', async () => {
    const { page, close, watch } = await newPage();
    await page.goto(served.url);
    // The demo is loaded: the overview says it is fictional.
    await page.waitForSelector('[data-testid="demo-notice"]');
    const xlsx = {
      name: 'contracts.xlsx',
      base64: readFileSync(path.join(REPO_ROOT, 'tests/fixtures/ingest/contracts.xlsx')).toString('base64'),
    };
    await dropFiles(page, [xlsx, ocdsFile('drop-a', 3), ocdsFile('drop-b', 2), ocdsFile('drop-c', 4), ocdsFile('drop-d', 1)]);
    await page.waitForSelector('[data-testid="mapping-confirm"]');
    await page.click('[data-testid="mapping-confirm"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="import-result"]').length === 5, undefined, {
      timeout: 180_000,
    });
    expect(await page.locator('[data-testid="import-error"]').count()).toBe(0);

    // Uploads never mix silently with the demo: the person is asked.
    await page.waitForSelector('[data-testid="demo-offer"]');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'session-demo-offer.png'), fullPage: true });

    await page.click('[data-testid="nav-overview"]');
    await waitForOverview(page);
    expect(await flagCountShown(page, 120_000)).toMatch(/\d/);

    await page.click('[data-testid="demo-offer-remove"]');
    await page.waitForSelector('[data-testid="demo-notice"]', { state: 'detached' });
    await page.click('[data-testid="nav-data"]');
    await page.waitForFunction(() => !document.querySelector('[data-testid="dataset-demo-state"]'));
    expect(await page.locator('[data-testid="dataset-demo-quasi"]').count()).toBe(0);
    expect((await uploadedDatasetIds(page)).length).toBe(5);
    await page.click('[data-testid="nav-overview"]');
    expect(await flagCountShown(page, 120_000)).toMatch(/\d/);
    expect(watch.consoleErrors).toEqual([]);
    await close();
  });

  it('a dataset removed after an OCDS upload stays removed after a reload', async () => {
    const { page, close, watch } = await newPage();
    await page.goto(`${served.url}?view=data`);
    await page.waitForSelector('[data-testid="dataset-demo-state"]');
    await dropFiles(page, [ocdsFile('keep', 2), ocdsFile('gone', 3)]);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="import-result"]').length === 2);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="dataset-u-"]').length === 2);
    const ids = await uploadedDatasetIds(page);
    // Which row is which: the file name is in the row.
    const goneId = await page.$eval('[data-testid^="dataset-u-"]:has-text("gone.json")', (r) =>
      r.getAttribute('data-testid')!.slice('dataset-'.length),
    );
    await page.click(`[data-testid="remove-${goneId}"]`);
    await page.waitForSelector(`[data-testid="dataset-${goneId}"]`, { state: 'detached' });

    await page.reload();
    await page.waitForSelector('[data-testid="dataset-demo-state"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="dataset-u-"]').length >= 1);
    expect(await uploadedDatasetIds(page)).toEqual(ids.filter((id) => id !== goneId));
    // A second removal, after the reload, holds too.
    await page.click(`[data-testid="remove-${ids.find((id) => id !== goneId)}"]`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="dataset-u-"]').length === 0);
    await page.reload();
    await page.waitForSelector('[data-testid="dataset-demo-state"]');
    await page.waitForTimeout(1000);
    expect(await uploadedDatasetIds(page)).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await close();
  });

  it('when the database worker dies, a new one starts and every saved dataset comes back', async () => {
    const { page, close } = await newPage();
    await page.goto(`${served.url}?view=data`);
    await page.waitForSelector('[data-testid="dataset-demo-state"]');
    await dropFiles(page, [ocdsFile('survivor', 3)]);
    await page.waitForSelector('[data-testid="import-result"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="dataset-u-"]').length === 1);
    const [id] = await uploadedDatasetIds(page);
    // An idle engine: the upload's flags are computed.
    await page.click('[data-testid="nav-overview"]');
    expect(await flagCountShown(page, 120_000)).toMatch(/\d/);
    await page.waitForFunction(() => window.__tenderlens?.aggregateTablesMs !== undefined);

    // Nothing in flight (the rows kept for a reload are written after the flags).
    await page.waitForFunction(() => (window.__tenderlens!.engine as unknown as { pendingCalls: number }).pendingCalls === 0);
    const duckdb = page.workers().find((w) => w.url().includes('duckdb'));
    expect(duckdb, 'the DuckDB worker').toBeDefined();
    // The worker stops for good: no answer to any message from now on (as after a crash).
    await duckdb!.evaluate(() => (self as unknown as { close(): void }).close()).catch(() => undefined);

    await page.waitForSelector('[data-testid="engine-restarted"]', { timeout: 60_000 });
    await page.click('[data-testid="nav-data"]');
    expect(await page.textContent('[data-testid="engine-restarted"]')).toMatch(/1 saved datasets? (was|were) loaded again/);
    await page.waitForSelector(`[data-testid="dataset-${id}"]`);
    await page.waitForSelector('[data-testid="dataset-demo-state"]');
    await page.click('[data-testid="nav-overview"]');
    await waitForOverview(page);
    expect(await flagCountShown(page, 120_000)).toMatch(/\d/);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'session-restarted.png'), fullPage: true });
    await close();
  });
});
