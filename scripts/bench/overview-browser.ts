/**
 * Diagnostic: where a filter change's time goes in the browser. Builds the app, loads the 1 M
 * canonical file with the bench's loader (flags and aggregate tables included), then for a few
 * of the bench's filters times each overview query on the app's engine directly, and then the
 * same filter change through the UI (URL + popstate → panels painted). UI minus the sum of the
 * queries ≈ rendering and messaging.
 * Usage: npx tsx scripts/bench/overview-browser.ts [csv=.bench/data/purchases-1000000-s5.csv, generated when missing] [filters=12]
 */
import path from 'node:path';
import { ensureSyntheticCsv } from './synthetic';
import { REPO_ROOT } from '../../tests/support/shared';
import { buildAndServe, launchChromium } from '../../tests/e2e/support/browser';
import { canonicalLoad, filterChange, filterValues, openApp } from './page';
import { filterPlan } from './filters';
import { parseView } from '../../src/ui/hooks/urlState';
import { overviewPanelQueries } from './overview-queries';
import { entityNamesAggQuery } from '../../src/queries/overviewAggregated';
const served = await buildAndServe({ outDir: path.join('.bench', 'dist-diag') });
const browser = await launchChromium();
const { page } = await openApp(browser, served.url);
// The sum of the queries below is what the worker runs per change; `ui` is what the bench measures.
await canonicalLoad(page, process.argv[2] ?? ensureSyntheticCsv(path.join(REPO_ROOT, '.bench', 'data'), 1_000_000).file);
const state = await page.evaluate(
  () =>
    (
      window as unknown as {
        __tenderlens: { aggregateTablesMs: number; engine: { query(sql: string, params: unknown[]): Promise<unknown> } };
      }
    ).__tenderlens.aggregateTablesMs,
);
console.log('aggregateTablesMs', state);
const plans = filterPlan(await filterValues(page), Number(process.argv[3] ?? 12));
for (const qs of plans) {
  const filter = parseView(qs).filter;
  const qsByName = {
    ...overviewPanelQueries.build(filter, 'aggregates'),
    names: entityNamesAggQuery({ buyers: filter.buyers ?? [], suppliers: filter.suppliers ?? [] }),
  };
  const sqlMs = await page.evaluate(async (qs: Record<string, { sql: string; params: unknown[] }>) => {
    const e = (
      window as unknown as {
        __tenderlens: { aggregateTablesMs: number; engine: { query(sql: string, params: unknown[]): Promise<unknown> } };
      }
    ).__tenderlens.engine;
    const out: Record<string, number> = {};
    for (const [k, q] of Object.entries(qs)) {
      const t = performance.now();
      await e.query(q.sql, q.params);
      out[k] = Math.round(performance.now() - t);
    }
    return out;
  }, qsByName);
  const ui = await filterChange(page, qs);
  console.log(qs.padEnd(60), 'ui', Math.round(ui.ms), JSON.stringify(sqlMs));
}
await browser.close();
await served.close();
