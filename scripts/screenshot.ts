/**
 * Opens the built app in headless Chromium and saves a screenshot: a developer's way to look at
 * what a user sees. Usage: npx tsx scripts/screenshot.ts [query-string] [out.png] [--first-paint]
 * `--first-paint` shoots the saved demo snapshot drawn while the engine starts, not the live overview.
 */
import { buildAndServe, launchChromium, waitForOverview, watchPage } from '../tests/e2e/support/browser';

const firstPaint = process.argv.includes('--first-paint');
const [query = '', out = 'test-results/screenshot.png'] = process.argv.slice(2).filter((a) => a !== '--first-paint');
const served = await buildAndServe();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
  const watch = watchPage(page, served.url.replace(/\/$/, ''));
  page.on('console', (m) => console.log(`[console.${m.type()}] ${m.text()}`));
  const t0 = Date.now();
  await page.goto(served.url + query);
  if (firstPaint)
    await page.waitForSelector('[data-testid="overview"][data-source="snapshot"] .recharts-surface', { timeout: 60_000 });
  else await waitForOverview(page, 120_000).catch((e) => console.log(`overview not ready: ${e.message.split('\n')[0]}`));
  console.log(`ready after ${Date.now() - t0} ms; foreign requests: ${watch.foreignRequests.length}`);
  console.log('startup timings', await page.evaluate(() => window.__tenderlens?.timings));
  await page.screenshot({ path: out, fullPage: true });
  console.log(`saved ${out}`);
} finally {
  await browser.close();
  await served.close();
}
