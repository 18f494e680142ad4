import type { Plugin } from 'vite';
import { precacheList, precacheVersion, serviceWorkerSource } from './precache';

/**
 * Emits `sw.js` beside index.html with the list of this build's files. Hand-written instead of
 * vite-plugin-pwa/Workbox: the worker is some forty lines, we need one rule Workbox makes us
 * configure around (the 34 MB wasm over its 2 MB precache limit) and we avoid ~300 transitive
 * packages in the build.
 */
export function serviceWorkerPlugin(): Plugin {
  return {
    name: 'tenderlens-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const list = precacheList(Object.keys(bundle));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: serviceWorkerSource(list, precacheVersion(list)) });
    },
  };
}
