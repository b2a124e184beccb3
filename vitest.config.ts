import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import type { Reporter } from 'vitest/node';
import { defineConfig } from 'vitest/config';
import { WORKER_TEST_TOKEN } from './test/worker/token';

/**
 * The browser tests need Debian's Chromium, a CJK font and openssl. Without Chromium they are skipped,
 * and the run ends by saying so and what to install; with CI set they are required, and fail without it.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasOpenssl = ((): boolean => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const browserMissing = process.env.CI === undefined && (!existsSync(CHROMIUM) || !hasOpenssl);
const skipNotice: Reporter = {
  onTestRunEnd() {
    if (!browserMissing) return;
    const missing = [!existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM}` : '', !hasOpenssl ? 'no openssl' : ''].filter(Boolean).join(', ');
    console.log(
      `\nSKIPPED the browser tests (test/browser: the UI in Chromium): ${missing}.\n` +
        'Install them with: sudo apt-get install chromium fonts-ipafont-gothic fonts-noto-cjk openssl  (or set CHROMIUM_PATH); with CI set they are required.\n',
    );
  },
};

/**
 * Three projects: `node` (ingestion, the search core, the Node server over real HTTP, the CLIs),
 * `browser` (the UI in Debian's Chromium against the real Node server) and `workers` (the Worker inside
 * workerd, compared with the Node server). Property tests run hundreds of
 * cases; no test here measures speed (see npm run bench).
 */
export default defineConfig({
  test: {
    reporters: ['default', skipNotice],
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
      ...(browserMissing ? [] : [{
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/setup/index-fresh.ts'],
          testTimeout: 90_000,
        },
      }]),
      {
        // The Worker as deployed, with an API token set and a small rate limit, to test both inside workerd; and a
        // local D1 database to load the index into for the D1 design (test/worker/d1.test.ts).
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: { bindings: { API_TOKEN: WORKER_TEST_TOKEN }, ratelimits: { RATE_LIMITER: { simple: { limit: 20, period: 60 } } }, d1Databases: ['TEST_INDEX_DB'] },
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
