/**
 * The shipped `_headers` and the README's server snippets carry the same policy as the page's
 * own <meta> CSP (vite.config.ts), plus frame-ancestors, nosniff and no-referrer.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../support/shared';

const read = (p: string) => readFileSync(path.join(REPO_ROOT, p), 'utf8');

it('public/_headers and the README snippets agree with the built page policy', () => {
  const headers = read('public/_headers');
  const csp = /Content-Security-Policy: (.+)/.exec(headers)![1];
  const meta = /const policy = \[([\s\S]*?)\]\.join/.exec(read('vite.config.ts'))![1];
  for (const directive of meta.match(/"([^"]+)"/g)!.map((d) => d.slice(1, -1))) expect(csp).toContain(directive);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers).toMatch(/X-Content-Type-Options: nosniff/);
  expect(headers).toMatch(/Referrer-Policy: no-referrer/);
  const readme = read('README.md');
  expect(readme.split(csp).length - 1).toBe(2); // nginx and Apache, word for word
});
