import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'properties/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Process-level tests spawn nodes and runners; two cores are all CI has.
    maxWorkers: 2,
  },
});
