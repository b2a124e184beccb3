import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeFeedback } from '../../src/server/feedback';
import { startNodeServer, type RunningServer } from '../support/node-server';

/** Feedback over real HTTP into a real file, and the operator's listing of it. */
let server: RunningServer;
let root: string;
let file: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'shiori-feedback-'));
  file = join(root, 'kept', 'feedback.jsonl');
  server = await startNodeServer({ FEEDBACK_FILE: file, LOG_QUERIES: 'true' });
});
afterAll(async () => {
  await server.stop();
  rmSync(root, { recursive: true, force: true });
});

const post = (path: string, body: unknown): Promise<Response> =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
const kept = (): Array<Record<string, unknown>> => readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('POST /api/feedback', () => {
  it('keeps a rating and a passage that answered as JSON lines, and answers 202', async () => {
    const unhelpful = await post('/api/feedback', { question: 'SEATOの条約は今も有効？', rating: 'unhelpful', doc: '000_d62613a39113a7e6' });
    expect(unhelpful.status).toBe(202);
    expect(await unhelpful.json()).toEqual({ ok: true });
    expect((await post('/api/feedback', { question: 'SEATOの条約は今も有効？', passage: '000_d62613a39113a7e6:p16' })).status).toBe(202);
    const [first, second] = kept();
    expect(first).toMatchObject({ kind: 'rating', question: 'SEATOの条約は今も有効？', rating: 'unhelpful', doc: '000_d62613a39113a7e6' });
    expect(typeof first?.time).toBe('string');
    expect(second).toMatchObject({ kind: 'rating', passage: '000_d62613a39113a7e6:p16' });
  });

  it('refuses what is not feedback with a 400 naming the field, and keeps nothing of it', async () => {
    const before = kept().length;
    for (const [body, message] of [
      [{ question: 'x' }, 'give a rating, a passage, or both'],
      [{ question: '', rating: 'helpful' }, 'question is empty'],
      [{ question: 'x', rating: 'great' }, 'rating must be "helpful" or "unhelpful"'],
      [{ question: 'x', passage: '<script>' }, 'passage must be a passage id'],
      [{ question: 'x', rating: 'helpful', extra: 1 }, 'extra'],
      [{ question: 'x', rating: 'helpful', answer: 'what the client says was answered' }, 'answer'],
    ] as const) {
      const response = await post('/api/feedback', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('INVALID_BODY');
      expect(error.message).toContain(message);
    }
    // A paper or passage the index does not have is not kept either.
    for (const [body, code] of [[{ question: 'x', rating: 'helpful', doc: 'nope' }, 'UNKNOWN_DOCUMENT'], [{ question: 'x', passage: 'nope:p1' }, 'UNKNOWN_PASSAGE']] as const) {
      const response = await post('/api/feedback', body);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    expect(kept()).toHaveLength(before);
  });

  it('keeps the questions the papers did not answer when the operator keeps questions (LOG_QUERIES)', async () => {
    const response = await post('/api/chat', { messages: [{ role: 'user', content: '今日の東京の天気はどうですか？' }] });
    expect(((await response.json()) as { reply: { found: boolean } }).reply.found).toBe(false);
    await post('/api/chat', { messages: [{ role: 'user', content: 'SEATOの条約は今も有効？' }] });
    // Kept after the reply: the reply does not wait for the disk.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const unanswered = kept().filter((entry) => entry.kind === 'unanswered');
    expect(unanswered.map((entry) => entry.question)).toEqual(['今日の東京の天気はどうですか？']);
  });

  it('is listed for the operator by npm run feedback', () => {
    const listing = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/feedback.ts', file], { encoding: 'utf8' });
    expect(listing).toContain('Marked unhelpful (1)\n    1  SEATOの条約は今も有効？');
    expect(listing).toContain('Not answered by the papers (1)\n    1  今日の東京の天気はどうですか？');
    expect(listing).toContain('000_d62613a39113a7e6:p16  ← SEATOの条約は今も有効？');
  });
});

describe('summarizeFeedback', () => {
  it('counts the Node server\'s lines and the Worker\'s log records alike, and skips other lines', () => {
    const entry = { time: '2026-12-03T00:00:00Z', kind: 'rating', question: 'q', rating: 'unhelpful' };
    const worker = JSON.stringify({ outcome: 'ok', logs: [{ level: 'log', message: [JSON.stringify({ level: 'info', event: 'feedback', ...entry })] }] });
    const request = JSON.stringify({ level: 'info', event: 'request', path: '/api/chat' });
    const summary = summarizeFeedback([JSON.stringify(entry), worker, request, 'not json', '']);
    expect(summary.unhelpful).toEqual([{ question: 'q', count: 2 }]);
    expect(summary.skipped).toBe(2);
  });

  it('says so when there is no feedback yet', () => {
    const missing = join(root, 'none.jsonl');
    expect(execFileSync(process.execPath, ['--import', 'tsx', 'scripts/feedback.ts', missing], { encoding: 'utf8' })).toContain('no feedback yet');
  });
});
