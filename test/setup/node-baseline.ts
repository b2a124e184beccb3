import { readFileSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { ensureFreshIndex } from '../../src/ingest/index-status';
import { DATA_FILE, type IndexCore } from '../../src/search/index-format';
import { Lexicon, tokenize } from '../../src/text/tokenizer';
import { startNodeServer } from '../support/node-server';
import { buildWorkerAssets } from '../../scripts/build-worker';

/**
 * For the Worker parity test: what Node does with every evaluation question. Tokens come from the
 * tokenizer running in Node; rankings come from the real Node server over HTTP. The Worker test then
 * does the same inside workerd and compares.
 */
export interface NodeBaseline {
  questions: Array<{
    question: string;
    tokens: Array<[string, number, number]>;
    found: boolean;
    ids: string[];
    scores: number[];
    answer: string;
    searchedFor: Array<{ asked: string; japanese: string[] }>;
  }>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    nodeBaseline: NodeBaseline;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await ensureFreshIndex({ corpusDir: 'corpus', indexDir: 'index' });
  // The Worker reads that index from its static assets (dist/worker, beside the UI npm test has built).
  await buildWorkerAssets();
  const core = JSON.parse(readFileSync(`index/${DATA_FILE}`, 'utf8')) as IndexCore;
  const lexicon = new Lexicon(core.lexicon);
  const items = ['dev', 'probe', 'holdout'].flatMap((set) => JSON.parse(readFileSync(`test/eval/${set}.json`, 'utf8')) as Array<{ question: string }>);
  const server = await startNodeServer();
  const questions: NodeBaseline['questions'] = [];
  try {
    for (const { question } of items) {
      const search = (await (await fetch(`${server.url}/api/search?${new URLSearchParams({ q: question, limit: '10' })}`)).json()) as {
        found: boolean;
        results: Array<{ id: string; score: number }>;
        searchedFor: Array<{ asked: string; japanese: string[] }>;
      };
      const chat = (await (
        await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: question }] }) })
      ).json()) as { reply: { text: string } };
      questions.push({
        question,
        tokens: tokenize(question, lexicon).map((token) => [token.term, token.start, token.end]),
        found: search.found,
        ids: search.results.map((result) => result.id),
        scores: search.results.map((result) => result.score),
        answer: chat.reply.text,
        searchedFor: search.searchedFor,
      });
    }
  } finally {
    await server.stop();
  }
  project.provide('nodeBaseline', { questions });
  return async () => {};
}
