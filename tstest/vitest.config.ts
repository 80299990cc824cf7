// The TypeScript client's tests: the generated hooks (generated/ts) against the real Go server
// generated from the same schema (tstest/server). Run from the repository root with `npm run test:ts`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  esbuild: { jsx: 'automatic' },
  test: {
    environment: 'jsdom',
    include: ['**/*.test.{ts,tsx}'],
    exclude: ['server/**'],
    globalSetup: ['./support/global-setup.ts'],
    // Each test file starts its own Go server, so files run in parallel without sharing state.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
