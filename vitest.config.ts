import { defineConfig } from 'vitest/config';

const integration = (engine: 'pglite' | 'postgres') => ({
  extends: true as const,
  test: {
    name: `int-${engine}`,
    include: ['src/**/*.int.test.ts'],
    env: { CLEW_TEST_DB: engine },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts', 'eval/**/*.test.ts'], exclude: ['src/**/*.int.test.ts'] },
      },
      integration('pglite'),
      integration('postgres'),
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
