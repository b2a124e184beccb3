import { cp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig } from '../src/config';
import { isMissingFile } from '../src/ingest/corpus-files';
import { ensureFreshIndex } from '../src/ingest/index-status';
import { createSearchEngine } from '../src/search/engine';
import { loadIndex } from '../src/search/load-index';
import { createApp } from '../src/server/app';
import { isAnswer, isHit, type EvalItem as Item, type Hit } from './eval-rules';

/**
 * `npm run eval`: scores evaluation sets with the rules of test/eval/README.md, through the API.
 *   - In-scope items: GET /api/search?q=…&limit=10; a result hits when its text plus its citations' text
 *     and URLs contain a gold string (NFKC, lower case, no white space on both sides); table items hit
 *     on the row label and a cell mark. R@1, R@5 and MRR@10 per language; found and A@1 (the quoted
 *     answer holds a gold string) via POST /api/chat.
 *   - Out-of-scope items: POST /api/chat; passes when reply.found is false.
 * By default two corpora side by side, each indexed in process (built when stale): the bundled corpus
 * (CORPUS_DIR) with the project's sets, and the bundled corpus plus the new papers of
 * test/fixtures/new-papers, as a user who drops them into corpus/ has it, with dev.json and
 * new-papers.json. `--set` scores only the given sets on CORPUS_DIR; `--url` scores a running server.
 *
 *   npm run eval -- [--set test/eval/dev.json]… [--url http://localhost:8787] [--verbose] [--json]
 */
const { values } = parseArgs({
  options: { set: { type: 'string', multiple: true }, url: { type: 'string' }, verbose: { type: 'boolean' }, json: { type: 'boolean' } },
});

const NEW_PAPERS = 'test/fixtures/new-papers';
const EVAL_CACHE = 'node_modules/.cache/shiori-eval';

type Request = (path: string, init?: RequestInit) => Promise<Response>;

async function inProcess(corpusDir: string, indexDir: string): Promise<Request> {
  await ensureFreshIndex({ corpusDir, indexDir });
  const engine = createSearchEngine(await loadIndex((name) => readFile(join(indexDir, name), 'utf8').catch((error: unknown) => (isMissingFile(error) ? undefined : Promise.reject(error)))));
  const app = createApp({ engine: async () => engine });
  return async (path, init) => app.request(path, init);
}

/** The bundled corpus with the new papers added, in a folder of its own (its index is kept between runs). */
async function corpusWithNewPapers(corpusDir: string): Promise<string> {
  const folder = join(EVAL_CACHE, 'corpus');
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  await cp(corpusDir, folder, { recursive: true });
  for (const name of (await readdir(NEW_PAPERS)).filter((file) => file.endsWith('.txt'))) await cp(join(NEW_PAPERS, name), join(folder, name));
  return folder;
}

interface LanguageScore {
  n: number;
  R1: number;
  R5: number;
  MRR10: number;
  found: number;
  /** Answers that hold a gold string. */
  answers: number;
}

interface KindScore {
  n: number;
  found: number;
  answers: number;
}

interface SetReport {
  corpus: string;
  set: string;
  languages: Record<string, LanguageScore>;
  /** Found and A@1 by language and kind of question (`ja fact`, `en why`, …). */
  kinds: Record<string, KindScore>;
  outOfScope: { passed: number; total: number };
}

async function score(request: Request, corpus: string, set: string): Promise<SetReport> {
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
      else if (values.verbose) console.log(`  answered out-of-scope ${item.id}: ${item.question} → ${chat.reply.text.slice(0, 60)}`);
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
    if (values.verbose && (rank !== 0 || !answered)) {
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

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const runs: Array<{ corpus: string; request: () => Promise<Request>; sets: string[] }> = [];
  if (values.url !== undefined) {
    const base = values.url;
    runs.push({ corpus: base, request: async () => (path, init) => fetch(new URL(path, base), init), sets: values.set ?? ['test/eval/dev.json'] });
  } else if (values.set !== undefined) {
    runs.push({ corpus: config.CORPUS_DIR, request: () => inProcess(config.CORPUS_DIR, config.INDEX_DIR), sets: values.set });
  } else {
    runs.push({ corpus: 'bundled', request: () => inProcess(config.CORPUS_DIR, config.INDEX_DIR), sets: ['test/eval/dev.json', 'test/eval/probe.json', 'test/eval/holdout.json'] });
    runs.push({
      corpus: 'bundled + new papers',
      request: async () => inProcess(await corpusWithNewPapers(config.CORPUS_DIR), join(EVAL_CACHE, 'index')),
      sets: ['test/eval/dev.json', 'test/eval/new-papers.json', 'test/eval/probe-13.json'],
    });
  }
  const reports: SetReport[] = [];
  for (const run of runs) {
    const request = await run.request();
    for (const set of run.sets) {
      if (values.verbose) console.log(`${run.corpus} · ${set}`);
      reports.push(await score(request, run.corpus, set));
    }
  }
  if (values.json) {
    console.log(JSON.stringify(reports, null, 2));
    return;
  }
  console.log('\ncorpus                 set                 lang   n    R@1    R@5  MRR@10   found    A@1   declined');
  for (const { corpus, set, languages, outOfScope } of reports) {
    const name = set.replace(/^.*\//u, '');
    for (const [lang, value] of Object.entries(languages)) {
      console.log(
        `${corpus.padEnd(22)} ${name.padEnd(19)} ${lang}   ${String(value.n).padStart(3)}  ${value.R1.toFixed(3)}  ${value.R5.toFixed(3)}  ${value.MRR10.toFixed(3)}  ${`${value.found}/${value.n}`.padStart(6)}  ${(value.answers / value.n).toFixed(3)}`,
      );
    }
    if (outOfScope.total > 0) console.log(`${corpus.padEnd(22)} ${name.padEnd(19)} out of scope${' '.repeat(46)}${`${outOfScope.passed}/${outOfScope.total}`.padStart(8)}`);
  }
  console.log('\nby kind (found, A@1)');
  for (const { corpus, set, kinds } of reports) {
    const cells = Object.entries(kinds).map(([kind, score]) => `${kind} ${score.found}/${score.n} ${score.answers}/${score.n}`);
    console.log(`${corpus.padEnd(22)} ${set.replace(/^.*\//u, '').padEnd(19)} ${cells.join(' · ')}`);
  }
  // Declining is judged where a user has it: all the papers in one corpus, every set's out-of-scope questions together.
  for (const corpus of [...new Set(reports.map((report) => report.corpus))]) {
    const mine = reports.filter((report) => report.corpus === corpus);
    const declined = mine.reduce((sum, report) => sum + report.outOfScope.passed, 0);
    const outOfScope = mine.reduce((sum, report) => sum + report.outOfScope.total, 0);
    const inScope = mine.flatMap((report) => Object.values(report.languages));
    const found = inScope.reduce((sum, score) => sum + score.found, 0);
    const total = inScope.reduce((sum, score) => sum + score.n, 0);
    console.log(`${corpus}: out of scope declined ${declined}/${outOfScope} (${((100 * declined) / Math.max(1, outOfScope)).toFixed(0)}%), in scope found ${found}/${total} (${((100 * found) / Math.max(1, total)).toFixed(0)}%)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
