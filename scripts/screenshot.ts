/**
 * Opens the built app in headless Chromium and saves a screenshot: a developer's way to look at
 * what a user sees. Usage: npx tsx scripts/screenshot.ts [query-string] [out.png]
 */
import { buildAndServe, launchChromium, waitForOverview, watchPage } from '../tests/e2e/support/browser';

const query = process.argv[2] ?? '';
const out = process.argv[3] ?? 'test-results/screenshot.png';
const served = await buildAndServe();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
  const watch = watchPage(page, served.url.replace(/\/$/, ''));
  page.on('console', (m) => console.log(`[console.${m.type()}] ${m.text()}`));
  const t0 = Date.now();
  await page.goto(served.url + query);
  await waitForOverview(page, 120_000).catch((e) => console.log(`overview not ready: ${e.message.split('\n')[0]}`));
  console.log(`ready after ${Date.now() - t0} ms; foreign requests: ${watch.foreignRequests.length}`);
  console.log('startup timings', await page.evaluate(() => window.__tenderlens?.timings));
  await page.screenshot({ path: out, fullPage: true });
  console.log(`saved ${out}`);
} finally {
  await browser.close();
  await served.close();
}
