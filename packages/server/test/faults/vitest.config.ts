import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The fault suite: real server processes, its own PostgreSQL cluster and Redis, injected failures.
// Run with `npm run test:faults`; not part of `npm test`.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: ['**/*.test.ts'],
    globalSetup: ['./global-setup.ts'],
    pool: 'forks',
    // The files share one PostgreSQL cluster that some of them restart: one file at a time.
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});
