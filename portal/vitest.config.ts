import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // Keep Vite's cache in the root node_modules rather than a portal/node_modules of its own.
  cacheDir: fileURLToPath(new URL('../node_modules/.vite/portal', import.meta.url)),
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
