import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig } from '../src/config';
import { isMissingFile } from '../src/ingest/corpus-files';
import { ensureFreshIndex } from '../src/ingest/index-status';
import { createSearchEngine } from '../src/search/engine';
import { loadIndex } from '../src/search/load-index';
import { createApp } from '../src/server/app';
import { isHit, type EvalItem as Item, type Hit } from './eval-rules';

/**
 * `npm run eval`: scores an evaluation set with the rules of test/eval/README.md, through the API.
 *   - In-scope items: GET /api/search?q=…&limit=10; a result hits when its text plus its citations' text
 *     and URLs contain a gold string (NFKC, lower case, no white space on both sides); table items hit
 *     on the row label and a cell mark. R@1, R@5 and MRR@10 per language; found rate via POST /api/chat.
 *   - Out-of-scope items: POST /api/chat; passes when reply.found is false.
 * By default the app runs in process on index/ (built if stale); --url scores a running server instead.
 *
 *   npm run eval -- [--set test/eval/dev.json] [--url http://localhost:8787] [--verbose] [--json]
 */
const { values } = parseArgs({
  options: { set: { type: 'string', multiple: true }, url: { type: 'string' }, verbose: { type: 'boolean' }, json: { type: 'boolean' } },
});
const sets = values.set ?? ['test/eval/dev.json', 'test/eval/probe.json', 'test/eval/holdout.json'];

async function requester(): Promise<(path: string, init?: RequestInit) => Promise<Response>> {
  if (values.url) return (path, init) => fetch(new URL(path, values.url), init);
  const config = parseConfig(process.env);
  await ensureFreshIndex({ corpusDir: config.CORPUS_DIR, indexDir: config.INDEX_DIR });
  const engine = createSearchEngine(await loadIndex((name) => readFile(join(config.INDEX_DIR, name), 'utf8').catch((error: unknown) => (isMissingFile(error) ? undefined : Promise.reject(error)))));
  const app = createApp({ engine: async () => engine });
  return async (path, init) => app.request(path, init);
}

interface Score {
  n: number;
  r1: number;
  r5: number;
  mrr: number;
  found: number;
}

async function main(): Promise<void> {
  const request = await requester();
  const report: Record<string, { languages: Record<string, Score & { R1: number; R5: number; MRR10: number }>; outOfScope: { passed: number; total: number } }> = {};
  for (const set of sets) {
    const items = JSON.parse(await readFile(set, 'utf8')) as Item[];
    const scores: Record<string, Score> = {};
    const outOfScope = { passed: 0, total: 0 };
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
      const score = (scores[item.lang] ??= { n: 0, r1: 0, r5: 0, mrr: 0, found: 0 });
      score.n++;
      if (rank === 0) score.r1++;
      if (rank >= 0 && rank < 5) score.r5++;
      if (rank >= 0) score.mrr += 1 / (rank + 1);
      if (chat.reply.found) score.found++;
      if (values.verbose && rank !== 0) console.log(`  ${item.id} (${item.lang}, ${item.kind}) rank ${rank === -1 ? '—' : rank + 1}${chat.reply.found ? '' : ', not found'}: ${item.question}`);
    }
    const languages = Object.fromEntries(
      Object.entries(scores)
        .sort()
        .map(([lang, score]) => [lang, { ...score, R1: score.r1 / score.n, R5: score.r5 / score.n, MRR10: score.mrr / score.n }]),
    );
    report[set] = { languages, outOfScope };
  }

  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  for (const [set, { languages, outOfScope }] of Object.entries(report)) {
    console.log(`\n${set}`);
    console.log('  lang   n    R@1    R@5   MRR@10   found');
    for (const [lang, score] of Object.entries(languages)) {
      console.log(`  ${lang}   ${String(score.n).padStart(3)}  ${score.R1.toFixed(3)}  ${score.R5.toFixed(3)}   ${score.MRR10.toFixed(3)}   ${score.found}/${score.n}`);
    }
    console.log(`  out of scope declined: ${outOfScope.passed}/${outOfScope.total}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
