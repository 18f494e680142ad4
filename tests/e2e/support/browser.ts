import { existsSync } from 'node:fs';
import path from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../support/shared';

/** Debian's Chromium; CI installs it with apt-get (see .ci/run). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Builds the app into a temporary out dir and serves it with `vite preview` on a free port, under a sub-path.
 * `outDir` lets a second user (the benchmark) build beside the e2e tests without overwriting their build.
 */
export async function buildAndServe(
  options: { outDir?: string } = {},
): Promise<{ server: PreviewServer; url: string; close(): Promise<void> }> {
  // TENDERLENS_E2E_DIST: worktrees share node_modules (a symlink), so parallel checkouts would overwrite one build.
  const outDir =
    options.outDir ?? process.env.TENDERLENS_E2E_DIST ?? path.join(REPO_ROOT, 'node_modules', '.tenderlens-e2e-dist');
  await build({ root: REPO_ROOT, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({
    root: REPO_ROOT,
    logLevel: 'warn',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  const url = `http://127.0.0.1:${address.port}/`;
  return { server, url, close: () => new Promise<void>((resolve) => server.httpServer.close(() => resolve())) };
}

/** Launches headless Chromium with the flags this sandbox needs (no background networking). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with 'apt-get install -y chromium'.`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Everything a page did that a test should assert on: requests off-origin, console errors. */
export interface PageWatch {
  foreignRequests: string[];
  consoleErrors: string[];
}

/** Records requests to any origin but `origin`, and console errors / uncaught exceptions. */
export function watchPage(page: Page, origin: string): PageWatch {
  const watch: PageWatch = { foreignRequests: [], consoleErrors: [] };
  page.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:')) watch.foreignRequests.push(u);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') watch.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => watch.consoleErrors.push(`pageerror: ${err.message}`));
  return watch;
}

/**
 * Waits until the overview has drawn its charts from the live engine and no query is in flight.
 * `data-source="live"` excludes the saved demo snapshot drawn while the engine starts.
 */
export async function waitForOverview(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForSelector(LIVE_OVERVIEW_CHART, { timeout });
}

/** A chart of the overview drawn from the live engine's answer, with nothing in flight. */
export const LIVE_OVERVIEW_CHART = '[data-testid="overview"][data-source="live"][data-fetching="false"] .recharts-surface';

/** Where e2e screenshots go (git-ignored). */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results');
