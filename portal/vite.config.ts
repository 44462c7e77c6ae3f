import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The web portal: Preact + TypeScript, compiled by esbuild (no framework plugin), built into
// portal/dist, which the gateway serves at `/` with a fallback to index.html for client routes.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    // During `vite` development, forward the API to a gateway running on :3000.
    proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' },
  },
  preview: {
    proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' },
  },
});
