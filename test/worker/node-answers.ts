import { expect } from 'vitest';
import type { NodeBaseline } from '../setup/node-baseline';

/**
 * Asks the Worker, through `request`, every evaluation question of the Node baseline (test/setup/node-baseline.ts),
 * by search and by chat, and expects the Node server's ranking, scores, found flag, searched-for words and answer.
 */
export async function expectNodeAnswers(baseline: NodeBaseline, request: (path: string, init?: RequestInit) => Promise<Response>): Promise<void> {
  for (const { question, ids, scores, found, answer, searchedFor } of baseline.questions) {
    const search = (await (await request(`/api/search?${new URLSearchParams({ q: question, limit: '10' })}`)).json()) as {
      found: boolean;
      results: Array<{ id: string; score: number }>;
      searchedFor: Array<{ asked: string; japanese: string[] }>;
    };
    expect(search.searchedFor, question).toEqual(searchedFor);
    expect(search.results.map((result) => result.id), question).toEqual(ids);
    expect(search.results.map((result) => result.score), question).toEqual(scores);
    expect(search.found, question).toBe(found);
    const chat = (await (
      await request('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: question }] }) })
    ).json()) as { reply: { text: string } };
    expect(chat.reply.text, question).toBe(answer);
  }
}
