/// <reference types="@cloudflare/vitest-pool-workers/types" />
import { SELF } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import indexData from '../../index/core.json.txt';
import type { IndexCore } from '../../src/search/index-format';
import { Lexicon, tokenize } from '../../src/text/tokenizer';
import { expectNodeAnswers } from './node-answers';
import { WORKER_TEST_TOKEN } from './token';

/**
 * Runs inside workerd (the Workers runtime), against the Worker built from wrangler.toml. The baseline
 * comes from Node: the same tokenizer run by Node and the real Node server over HTTP (test/setup/node-baseline.ts).
 */
const baseline = inject('nodeBaseline');
const lexicon = new Lexicon((JSON.parse(indexData) as IndexCore).lexicon);

/** A request to the Worker from client `client` (its CF-Connecting-IP), with the API token unless `token` says otherwise. */
let clients = 0;
function worker(path: string, init: RequestInit = {}, { client = `198.51.100.${++clients % 250}`, token = WORKER_TEST_TOKEN }: { client?: string; token?: string | null } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('cf-connecting-ip', client);
  if (token !== null) headers.set('authorization', `Bearer ${token}`);
  return SELF.fetch(`http://shiori.test${path}`, { ...init, headers });
}

describe('the Worker and the Node server agree', () => {
  it('has a baseline for every evaluation question', () => {
    expect(baseline.questions.length).toBeGreaterThanOrEqual(46);
  });

  it('tokenizes every evaluation question exactly as Node does', () => {
    for (const { question, tokens } of baseline.questions) {
      expect(tokenize(question, lexicon).map((token) => [token.term, token.start, token.end]), question).toEqual(tokens);
    }
  });

  it('has English questions among them, searched through Japanese words', () => {
    const english = baseline.questions.filter(({ question }) => !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(question));
    expect(english.length).toBeGreaterThanOrEqual(30);
    // All but questions about nothing in the papers (`the recipe for miso soup`).
    expect(english.filter(({ searchedFor }) => searchedFor.length > 0).length).toBeGreaterThanOrEqual(english.length - 2);
  });

  it('returns the same ranking, scores, found flag, answer and searched-for words for every evaluation question', async () => {
    await expectNodeAnswers(baseline, worker);
  });
});

describe('the Worker API', () => {
  it('answers health with the bundled index', async () => {
    const health = (await (await worker('/api/health')).json()) as { status: string; index: { counts: { documents: number } } };
    expect(health.status).toBe('ok');
    expect(health.index.counts.documents).toBe(2);
  });

  it('answers bad input with a JSON 400 that names the field', async () => {
    const response = await worker('/api/search?q=%20&limit=5');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'INVALID_PARAMETER', message: 'q: the question is empty' } });
  });

  it('streams a chat reply as server-sent events', async () => {
    const response = await worker('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'マクロン大統領はNATOを何と評した？' }] }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    // A streamed answer is no more cacheable than a JSON one (Hono's SSE helper says no-cache).
    expect(response.headers.get('cache-control')).toBe('no-store');
    const events = [...(await response.text()).matchAll(/^event: (\w+)$/gmu)].map((match) => match[1]);
    expect(events[0]).toBe('meta');
    expect(events[1]).toBe('answer');
    expect(events.at(-1)).toBe('done');
  });
});

describe('the Worker protects its API', () => {
  it('refuses a request without the token, or with a wrong one, in JSON with WWW-Authenticate', async () => {
    for (const token of [null, 'wrong-token-of-enough-length']) {
      const response = await worker('/api/search?q=NATO', {}, { token });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="shiori"/u);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    }
  });

  it('answers a bare health check without the token, saying nothing about the index', async () => {
    expect(await (await worker('/api/health', {}, { token: null })).json()).toEqual({ status: 'ok', rebuilding: false });
  });

  it('limits one client with the rate-limiting binding, answering 429 with Retry-After, and not the others', async () => {
    // The binding counts in fixed 60 s windows: 20 requests always pass, and within two windows (41
    // requests) one must be refused, even when a slow machine lets a window end mid-test.
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let request = 0; request < 41 && refused === undefined; request++) {
      const response = await worker(request % 2 === 0 ? '/api/health' : '/api/search?q=NATO', {}, { client: '203.0.113.7' });
      statuses.push(response.status);
      if (response.status === 429) refused = response;
    }
    expect(statuses.slice(0, 20).every((status) => status === 200)).toBe(true);
    if (refused === undefined) throw new Error(`no request was refused: ${statuses.join(' ')}`);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    expect((await worker('/api/search?q=NATO', {}, { client: '203.0.113.8' })).status).toBe(200);
  });
});
