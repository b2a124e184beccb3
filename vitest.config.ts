import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { WORKER_TEST_TOKEN } from './test/worker/token';

/**
 * Three projects: `node` (ingestion, the search core, the Node server over real HTTP, the CLIs),
 * `browser` (the UI in Debian's Chromium against the real Node server) and `workers` (the Worker inside
 * workerd, compared with the Node server). Property tests run hundreds of
 * cases; no test here measures speed (see npm run bench).
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/worker/**', 'test/browser/**'],
          globalSetup: ['test/setup/index-fresh.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/setup/index-fresh.ts'],
          testTimeout: 90_000,
        },
      },
      {
        // The Worker as deployed, with an API token set and a small rate limit, to test both inside workerd.
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: { bindings: { API_TOKEN: WORKER_TEST_TOKEN }, ratelimits: { RATE_LIMITER: { simple: { limit: 20, period: 60 } } } },
          }),
        ],
        test: {
          name: 'workers',
          include: ['test/worker/**/*.test.ts'],
          globalSetup: ['test/setup/node-baseline.ts'],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
