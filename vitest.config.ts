import { defineConfig } from 'vitest/config';

// Integration tests share one PostgreSQL server per worker (see test/global-setup.ts); each test file
// creates its own throwaway databases, so files may run in parallel on the 2 cores.
export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'harness/**/*.test.ts',
      'seeds/**/*.test.ts',
      'migrations/**/*.test.ts',
      'scenarios/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
