import { cp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isMissingFile } from '../src/ingest/corpus-files';
import { ensureFreshIndex } from '../src/ingest/index-status';
import { createSearchEngine, type SearchOptions } from '../src/search/engine';
import { openIndex } from '../src/search/store';
import type { RelevanceOverrides } from '../src/search/relevance';
import { createApp } from '../src/server/app';
import { isAnswer, isHit, type EvalItem as Item, type Hit } from './eval-rules';
import { retrieverFor, type RetrieverName } from './retrievers';

/**
 * The scoring of `npm run eval` (scripts/eval.ts) and of the quality gate in `npm test`
 * (test/quality/gate.test.ts), with the rules of test/eval/README.md, through the API.
 */
export const NEW_PAPERS_SETS = ['test/eval/dev.json', 'test/eval/new-papers.json', 'test/eval/probe-13.json', 'test/eval/probe-13b.json', 'test/eval/probe-14.json', 'test/eval/probe-15.json', 'test/eval/probe-16.json', 'test/eval/probe-17.json', 'test/eval/probe-18.json'];
export const BUNDLED_SETS = ['test/eval/dev.json', 'test/eval/probe.json', 'test/eval/holdout.json'];

const NEW_PAPERS = 'test/fixtures/new-papers';
export const EVAL_CACHE = 'node_modules/.cache/shiori-eval';

export type Request = (path: string, init?: RequestInit) => Promise<Response>;

export async function inProcess(corpusDir: string, indexDir: string, relevance?: RelevanceOverrides, retriever: RetrieverName = 'postings'): Promise<Request> {
  await ensureFreshIndex({ corpusDir, indexDir });
  const store = await openIndex((name) => readFile(join(indexDir, name), 'utf8').catch((error: unknown) => (isMissingFile(error) ? undefined : Promise.reject(error))));
  const chosen = await retrieverFor(retriever, store);
  const engine = createSearchEngine(store, chosen === undefined ? {} : { retriever: chosen });
  // Other tunables for this run (`--relevance '{"answer":{"factTie":0.5}}'`), merged into every search.
  const tuned = relevance === undefined ? engine : { ...engine, search: (query: string, options: SearchOptions) => engine.search(query, { ...options, relevance }) };
  const app = createApp({ engine: async () => tuned });
  return async (path, init) => app.request(path, init);
}

/** The bundled corpus with the new papers added, in a folder of its own (its index is kept between runs). */
export async function corpusWithNewPapers(corpusDir: string, cache = EVAL_CACHE): Promise<string> {
  const folder = join(cache, 'corpus');
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  await cp(corpusDir, folder, { recursive: true });
  for (const name of (await readdir(NEW_PAPERS)).filter((file) => file.endsWith('.txt'))) await cp(join(NEW_PAPERS, name), join(folder, name));
  return folder;
}

export interface LanguageScore {
  n: number;
  R1: number;
  R5: number;
  MRR10: number;
  found: number;
  /** Answers that hold a gold string. */
  answers: number;
}

export interface KindScore {
  n: number;
  found: number;
  answers: number;
}

export interface SetReport {
  corpus: string;
  set: string;
  languages: Record<string, LanguageScore>;
  /** Found and A@1 by language and kind of question (`ja fact`, `en why`, …). */
  kinds: Record<string, KindScore>;
  outOfScope: { passed: number; total: number };
}

/** Scores one evaluation set through the API (`verbose`: prints each miss). */
export async function score(request: Request, corpus: string, set: string, verbose = false): Promise<SetReport> {
  const items = JSON.parse(await readFile(set, 'utf8')) as Item[];
  const tallies: Record<string, { n: number; r1: number; r5: number; mrr: number; found: number; answers: number }> = {};
  const outOfScope = { passed: 0, total: 0 };
  const kinds: Record<string, KindScore> = {};
  for (const item of items) {
    const chat = (await (
      await request('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: item.question }] }) })
    ).json()) as { reply: { found: boolean; text: string } };
    if (item.kind === 'out-of-scope') {
      outOfScope.total++;
      if (!chat.reply.found) outOfScope.passed++;
      else if (verbose) console.log(`  answered out-of-scope ${item.id}: ${item.question} → ${chat.reply.text.slice(0, 60)}`);
      continue;
    }
    const search = (await (await request(`/api/search?${new URLSearchParams({ q: item.question, limit: '10' })}`)).json()) as { results: Hit[] };
    const rank = search.results.findIndex((result) => isHit(item, result));
    const tally = (tallies[item.lang] ??= { n: 0, r1: 0, r5: 0, mrr: 0, found: 0, answers: 0 });
    tally.n++;
    if (rank === 0) tally.r1++;
    if (rank >= 0 && rank < 5) tally.r5++;
    if (rank >= 0) tally.mrr += 1 / (rank + 1);
    if (chat.reply.found) tally.found++;
    const answered = isAnswer(item, chat.reply);
    if (answered) tally.answers++;
    const kind = (kinds[`${item.lang} ${item.kind}`] ??= { n: 0, found: 0, answers: 0 });
    kind.n++;
    if (chat.reply.found) kind.found++;
    if (answered) kind.answers++;
    if (verbose && (rank !== 0 || !answered)) {
      console.log(`  ${item.id} (${item.lang}, ${item.kind}) rank ${rank === -1 ? '—' : rank + 1}${chat.reply.found ? '' : ', not found'}${answered ? '' : `, answer: ${chat.reply.text.slice(0, 50)}`}: ${item.question}`);
    }
  }
  const languages = Object.fromEntries(
    Object.entries(tallies)
      .sort()
      .map(([lang, tally]) => [lang, { n: tally.n, R1: tally.r1 / tally.n, R5: tally.r5 / tally.n, MRR10: tally.mrr / tally.n, found: tally.found, answers: tally.answers }]),
  );
  return { corpus, set, languages, kinds: Object.fromEntries(Object.entries(kinds).sort()), outOfScope };
}

