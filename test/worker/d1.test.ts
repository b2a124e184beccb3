/// <reference types="@cloudflare/vitest-pool-workers/types" />
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { D1_SCHEMA, D1_TABLE, d1Rows, type D1Like } from '../../src/adapters/d1-index';
import worker, { type WorkerEnv } from '../../src/adapters/worker';
import { DATA_FILE, MANIFEST_FILE, type IndexCore, type ManifestFile } from '../../src/search/index-format';
import { INDEX_ASSET_PATH } from '../../src/search/index-layout';
import { expectNodeAnswers } from './node-answers';
import { WORKER_TEST_TOKEN } from './token';

/**
 * The Worker with its index in D1 (the INDEX_DB binding; src/adapters/d1-index.ts), inside workerd with
 * miniflare's local D1: the bundled index's files are loaded into a database as scripts/d1-index.ts loads
 * them (d1Rows: one file per passage; read here from the static assets the Worker otherwise reads), then the Worker is called with the
 * database bound, and compared with the real Node server (test/setup/node-baseline.ts).
 */
const baseline = inject('nodeBaseline');
const bindings = env as unknown as WorkerEnv & { TEST_INDEX_DB: D1Like & { batch(statements: unknown[]): Promise<unknown>; exec(sql: string): Promise<unknown> } };

/** The SQL run against the database, one entry per query, to count the Worker's round trips. */
const queries: string[] = [];
const counted: D1Like = {
  prepare: (sql) => {
    queries.push(sql);
    return bindings.TEST_INDEX_DB.prepare(sql);
  },
};
const withD1: WorkerEnv = { ...bindings, INDEX_DB: counted };

let clients = 0;
async function call(path: string, init: RequestInit = {}, over: WorkerEnv = withD1): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('cf-connecting-ip', `192.0.2.${++clients % 250}`);
  headers.set('authorization', `Bearer ${WORKER_TEST_TOKEN}`);
  const context = createExecutionContext();
  const response = await worker.fetch(new Request(`https://shiori.test${path}`, { ...init, headers }), over, context);
  await waitOnExecutionContext(context);
  return response;
}

const asset = async (name: string): Promise<string> => {
  const response = await bindings.ASSETS.fetch(new Request(new URL(INDEX_ASSET_PATH + name, 'https://assets.invalid')));
  if (!response.ok) throw new Error(`${name}: ${response.status}`);
  return response.text();
};

beforeAll(async () => {
  const db = bindings.TEST_INDEX_DB;
  await db.prepare(`DROP TABLE IF EXISTS ${D1_SCHEMA.files}`).bind().all();
  await db.prepare(D1_TABLE).bind().all();
  const manifest = JSON.parse(await asset(MANIFEST_FILE)) as ManifestFile;
  const { passageBlock } = (JSON.parse(await asset(DATA_FILE)) as IndexCore).layout;
  for (const name of Object.keys(manifest.files)) {
    const rows = d1Rows(name, await asset(name), passageBlock);
    await db.batch(rows.map((row) => db.prepare(`INSERT INTO ${D1_SCHEMA.files} (name, part, body) VALUES (?, ?, ?)`).bind(row.name, row.part, row.body)));
  }
});

describe('the Worker over its index in D1', () => {
  it('reads a question’s files in one query for its postings and one for its passages, however many files they are', async () => {
    queries.length = 0;
    const response = await call(`/api/search?${new URLSearchParams({ q: 'NATOの東京事務所開設に反対したのは誰？', limit: '10' })}`);
    expect(response.status).toBe(200);
    const results = ((await response.json()) as { results: unknown[] }).results;
    expect(results.length).toBeGreaterThan(0);
    // The core, then the question's postings shards, then its candidates' passage blocks: one query each.
    expect(queries).toHaveLength(3);
    expect(queries.every((sql) => sql.startsWith(`SELECT name, body FROM ${D1_SCHEMA.files} WHERE name IN (`))).toBe(true);
    const names = (sql: string): number => (sql.match(/\?/gu) ?? []).length;
    expect(names(queries[1] ?? '')).toBeGreaterThan(1);
    expect(names(queries[2] ?? '')).toBeGreaterThan(1);
  });

  it('returns what the Node server returns for every evaluation question: ranking, scores, found flag, searched-for words and answer', async () => {
    await expectNodeAnswers(baseline, (path, init) => call(path, init));
  });

  it('answers a file missing from the database with a JSON 503 naming it, not a 500', async () => {
    const db = bindings.TEST_INDEX_DB;
    const passages = (await db.prepare(`SELECT DISTINCT name FROM ${D1_SCHEMA.files} WHERE name LIKE 'passages/%'`).bind().all<{ name: string }>()).results.map((row) => row.name);
    await db.prepare(`DELETE FROM ${D1_SCHEMA.files} WHERE name LIKE 'passages/%'`).bind().all();
    // A fresh isolate's worth of bindings (a new app, nothing kept from the questions above).
    const response = await call(`/api/search?${new URLSearchParams({ q: 'SEATO', limit: '10' })}`, {}, { ...withD1 });
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INDEX_UNAVAILABLE');
    expect(passages.some((name) => body.error.message.includes(name))).toBe(true);
  });

  it('answers a JSON 503 while the table is gone (the database being loaded again), not a 500', async () => {
    await bindings.TEST_INDEX_DB.prepare(`DROP TABLE ${D1_SCHEMA.files}`).bind().all();
    const response = await call(`/api/search?${new URLSearchParams({ q: 'SEATO', limit: '10' })}`, {}, { ...withD1 });
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INDEX_UNAVAILABLE');
    expect(body.error.message).toContain('could not be read from D1');
  });
});
