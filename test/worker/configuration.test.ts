/// <reference types="@cloudflare/vitest-pool-workers/types" />
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker, { type WorkerEnv } from '../../src/adapters/worker';
import { WORKER_TEST_TOKEN } from './token';

/**
 * The Worker's own handling of its bindings, inside workerd: each test calls the Worker's fetch with a
 * variant of the bindings wrangler.toml gives it, as a deployment with other settings would.
 */
const bindings = env as unknown as WorkerEnv;

async function call(variant: Partial<WorkerEnv>, path: string, headers: Record<string, string> = {}): Promise<Response> {
  const context = createExecutionContext();
  const response = await worker.fetch(new Request(`https://shiori.test${path}`, { headers }), { ...bindings, ...variant }, context);
  await waitOnExecutionContext(context);
  return response;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the Worker with bindings that are not as they should be', () => {
  it('answers every request with a JSON 500 MISCONFIGURED, never an open API, when API_TOKEN is invalid, and logs why', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    for (const path of ['/api/search?q=NATO', '/api/health', '/']) {
      const response = await call({ API_TOKEN: 'short' }, path);
      expect(response.status).toBe(500);
      expect(response.headers.get('content-type')).toContain('application/json');
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('MISCONFIGURED');
      expect(body.error.message).not.toContain('short');
    }
    expect(errors.mock.calls.map((args) => String(args[0])).join('\n')).toMatch(/API_TOKEN: use at least 16 characters/u);
  });

  it('warns in the log, once, that there is no rate limit when the RATE_LIMITER binding is missing, and still serves', async () => {
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const variant = { RATE_LIMITER: undefined };
    const first = await call(variant, '/api/search?q=NATO', { authorization: `Bearer ${WORKER_TEST_TOKEN}` });
    expect(first.status).toBe(200);
    expect(warnings.mock.calls.map((args) => String(args[0])).join('\n')).toContain('no RATE_LIMITER binding: the API has no rate limit');
  });

  it('serves only PUBLIC_ORIGIN\'s host once it is set, and takes that origin as its own', async () => {
    const variant = { PUBLIC_ORIGIN: 'https://shiori.example.jp' };
    const elsewhere = await call(variant, '/api/health');
    expect(elsewhere.status).toBe(421);
    expect(((await elsewhere.json()) as { error: { code: string } }).error.code).toBe('HOST_NOT_ALLOWED');
    const context = createExecutionContext();
    const own = await worker.fetch(
      new Request('https://shiori.example.jp/api/search?q=NATO', { headers: { origin: 'https://shiori.example.jp', authorization: `Bearer ${WORKER_TEST_TOKEN}` } }),
      { ...bindings, ...variant },
      context,
    );
    expect(own.status).toBe(200);
  });
});

describe('the index in the Worker’s static assets', () => {
  it('is read by the Worker and never served: its files are 404 with or without the token, while the API answers from them', async () => {
    const authorization = { authorization: `Bearer ${WORKER_TEST_TOKEN}`, 'cf-connecting-ip': '203.0.113.9' };
    // The files are there: the Worker's own ASSETS binding reads them.
    expect((await bindings.ASSETS.fetch(new Request('https://assets.invalid/_index/manifest.json'))).status).toBe(200);
    for (const path of ['/_index/manifest.json', '/_index/core.json.txt', '/_index/passages/000_d62613a39113a7e6.0.txt', '/_index/postings/0.txt', '/_index/documents/000_d62613a39113a7e6.txt', '/_index/']) {
      for (const headers of [{}, authorization]) expect((await call({}, path, headers)).status, path).toBe(404);
    }
    const search = await call({}, '/api/search?q=NATO', authorization);
    expect(search.status).toBe(200);
    expect(((await search.json()) as { results: unknown[] }).results.length).toBeGreaterThan(0);
  });
});
