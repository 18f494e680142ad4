/**
 * Where cold start goes (issue 5): opens the built app in fresh Chromium contexts and prints, per
 * run, when each request finished (wasm, worker, demo files; with content types), the app's
 * `tl:*` performance marks, and the first snapshot / live chart, in navigation-relative ms.
 *
 *   npx tsx scripts/bench/coldstart-split.ts [runs=3]
 */
import os from 'node:os';
import path from 'node:path';
import { buildAndServe, launchChromium } from '../../tests/e2e/support/browser';
import { REPO_ROOT } from '../../tests/support/shared';
import { currencyGapQuery, filterOptionsQuery, overviewQuery } from '../../src/queries/overview';
import { sectorMeasuresQuery } from '../../src/queries/flags';

/** The first screen's queries, timed one by one on the app's engine once start-up is over. */
const FIRST_SCREEN = {
  overview: overviewQuery({}),
  currencyGap: currencyGapQuery({}),
  filterOptions: filterOptionsQuery(),
  sectorMeasures: sectorMeasuresQuery({}),
};

const runs = Number(process.argv[2] ?? 3);
const served = await buildAndServe({ outDir: path.join(REPO_ROOT, '.bench', 'dist-split') });
const browser = await launchChromium();
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
    await context.addInitScript({
      content: `(() => {
        const marks = {};
        window.__split = marks;
        const check = () => {
          const o = document.querySelector('[data-testid="overview"][data-fetching="false"] .recharts-surface') && document.querySelector('[data-testid="overview"]');
          if (!o) return;
          const src = o.getAttribute('data-source') || 'live';
          if (marks[src] === undefined) marks[src] = performance.now();
        };
        new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
      })();`,
    });
    const page = await context.newPage();
    const requests: string[] = [];
    let navStart = 0;
    page.on('requestfinished', async (req) => {
      const t = req.timing();
      const res = await req.response();
      const name = req.url().replace(served.url, '');
      if (!/\.(wasm|js|gz|csv|json)$/.test(name)) return;
      requests.push(
        `${name.slice(0, 40).padEnd(40)} ${String(Math.round(t.startTime - navStart + t.responseEnd)).padStart(6)} ms  ${res?.headers()['content-type'] ?? ''} ${res?.headers()['content-encoding'] ?? ''}`,
      );
    });
    navStart = Date.now();
    await page.goto(served.url);
    await page.waitForFunction(
      () =>
        (window as unknown as { __split: Record<string, number> }).__split.live !== undefined &&
        window.__tenderlens?.timings !== undefined,
      undefined,
      { timeout: 120_000 },
    );
    const marks = await page.evaluate(() => ({
      tl: performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith('tl:'))
        .map((m) => `${m.name} ${Math.round(m.startTime)}`),
      split: (window as unknown as { __split: Record<string, number> }).__split,
      timings: window.__tenderlens?.timings,
    }));
    if (i === runs - 1) {
      await page.waitForFunction(() => window.__tenderlens?.flagsMs !== undefined, undefined, { timeout: 300_000 });
      const qms = await page.evaluate(async (qs) => {
        const out: Record<string, number> = {};
        for (const [k, q] of Object.entries(qs)) {
          const t0 = performance.now();
          await window.__tenderlens!.engine!.query(q.sql, q.params);
          out[k] = Math.round(performance.now() - t0);
        }
        return out;
      }, FIRST_SCREEN);
      console.log('first-screen queries (ms, warm, after flags):', JSON.stringify(qms));
    }
    console.log(`--- run ${i + 1} (load ${os.loadavg()[0].toFixed(2)})`);
    console.log(requests.join('\n'));
    console.log(marks.tl.join('\n'));
    console.log('first chart:', JSON.stringify(marks.split), 'app timings:', JSON.stringify(marks.timings));
    await context.close();
  }
} finally {
  await browser.close();
  await served.close();
}
