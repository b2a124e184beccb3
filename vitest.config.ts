import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests run hundreds of cases; no test here measures speed (see npm run bench).
    testTimeout: 30_000,
  },
});
