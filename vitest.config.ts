import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'examples/**/test/**/*.test.ts',
    ],
    exclude: [
      '**/node_modules/**',
      '**/dist/**',
      'packages/*/test/e2e/**',
      'packages/*/test/faults/**',
    ],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
