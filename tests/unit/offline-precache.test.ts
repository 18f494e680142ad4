import { describe, expect, it } from 'vitest';
import { precacheList, precacheVersion, serviceWorkerSource } from '../../src/offline/precache';

const BUILD = [
  'index.html',
  'assets/index-CqCnhxAm.js',
  'assets/index-DTW_m46I.css',
  'assets/duckdb-eh-9ubY-jlA.wasm',
  'assets/duckdb-browser-eh.worker-hQa-dcAV.js',
  'assets/duckdb-mvp-BP0pRkMH.wasm',
  'assets/duckdb-browser-mvp.worker-C9hF7LGh.js',
  'assets/state.csv-xSbL7Ag1.gz',
  'assets/quasi_public.csv-Bj2GwZA_.gz',
];

describe('what the offline worker stores', () => {
  it('holds the page, the app, the eh DuckDB bundle and the demo data, not the mvp fallback', () => {
    const list = precacheList(BUILD);
    expect(list).toContain('./');
    expect(list).toContain('./index.html');
    expect(list).toContain('./assets/duckdb-eh-9ubY-jlA.wasm');
    expect(list).toContain('./assets/duckdb-browser-eh.worker-hQa-dcAV.js');
    expect(list).toContain('./assets/state.csv-xSbL7Ag1.gz');
    expect(list.some((f) => f.includes('mvp'))).toBe(false);
    expect(precacheList([...BUILD, 'sw.js', 'assets/index.js.map'])).toEqual(list);
  });
  it('gets a new version, hence a new cache, when any file changes', () => {
    const a = precacheVersion(precacheList(BUILD));
    const b = precacheVersion(precacheList(BUILD.map((f) => f.replace('CqCnhxAm', 'Zz000000'))));
    expect(a).not.toBe(b);
    expect(precacheVersion(precacheList([...BUILD].reverse()))).toBe(a);
  });
  it('writes a worker that parses and names its cache after the version', () => {
    const src = serviceWorkerSource(precacheList(BUILD), 'v1');
    expect(() => new Function(src)).not.toThrow();
    expect(src).toContain("'tenderlens-v1'");
  });
});
