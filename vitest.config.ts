import { defineConfig } from 'vitest/config';

// Two projects. `unit`: pure logic, no database, runs in seconds (`npm run test:unit`). `integration`: real
// PostgreSQL, one server per run (test/global-setup.ts: the embedded one, or DATABASE_URL); each test file
// creates its own throwaway databases, so files may run in parallel on the 2 cores
// (`npm run test:integration`). An integration test is named `*.db.test.ts` beside the code it checks, or
// lives at the top of `test/`.
const INTEGRATION = ['**/*.db.test.ts', 'test/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{src,harness,seeds,migrations,scenarios,test}/**/*.test.ts'],
          exclude: ['node_modules/**', ...INTEGRATION],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['{src,harness,seeds,migrations,scenarios}/**/*.db.test.ts', 'test/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
        },
      },
    ],
  },
});
