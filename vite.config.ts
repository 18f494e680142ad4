import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// base './' makes dist/ work from any static host and under a sub-path.
export default defineConfig({
  base: './',
  plugins: [react()],
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
