import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { serviceWorkerPlugin } from './src/offline/vitePlugin';

/**
 * The built app may talk to its own origin only: no CDN, no analytics, no external requests.
 * Added at build time only, because the dev server's hot-reload preamble is an inline script.
 */
function contentSecurityPolicy(): Plugin {
  const policy = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self' blob: data:",
  ].join('; ');
  return {
    name: 'tenderlens-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`),
  };
}

// base './' makes dist/ work from any static host and under a sub-path.
export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicy(), serviceWorkerPlugin()],
  build: {
    target: 'es2022',
    // The DuckDB wasm files are ~35 MB; they are served as separate assets, never inlined.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
