import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig } from '../src/config';
import { relevanceWith, type RelevanceOverrides } from '../src/search/relevance';
import { pdfCorpus } from './pdf-corpus';
import { BUNDLED_SETS, corpusWithNewPapers, EVAL_CACHE, inProcess, NEW_PAPERS_SETS, score, type Request, type SetReport } from './eval-score';
import { retrieverName } from './retrievers';

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
 * `--pdf` also scores both corpora with each text paper replaced by its PDF (scripts/pdf-corpus.ts, printed
 * by Chromium): the same questions, side by side (issue 16).
 *
 *   npm run eval -- [--set test/eval/dev.json]… [--url http://localhost:8787] [--verbose] [--json] [--relevance '{"answer":{"factTie":0.5}}'] [--retriever orama] [--pdf]
 */
const { values } = parseArgs({
  options: { set: { type: 'string', multiple: true }, url: { type: 'string' }, verbose: { type: 'boolean' }, json: { type: 'boolean' }, relevance: { type: 'string' }, retriever: { type: 'string' }, pdf: { type: 'boolean' } },
});
/** `--relevance '{"answer":{"factTie":0.5}}'`: other values of src/search/relevance.ts for this run (in process only). */
const relevance = values.relevance === undefined ? undefined : (JSON.parse(values.relevance) as RelevanceOverrides);
// Refused here, before any index is built, naming the parameter: a typo must not measure the defaults.
if (relevance !== undefined) relevanceWith(relevance);
/** `--retriever orama`: Orama over the passages (indexed at start) instead of the stored postings (postings.ts). */
const retriever = retrieverName(values.retriever);

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const runs: Array<{ corpus: string; request: () => Promise<Request>; sets: string[] }> = [];
  if (values.url !== undefined) {
    const base = values.url;
    runs.push({ corpus: base, request: async () => (path, init) => fetch(new URL(path, base), init), sets: values.set ?? ['test/eval/dev.json'] });
  } else if (values.set !== undefined) {
    runs.push({ corpus: config.CORPUS_DIR, request: () => inProcess(config.CORPUS_DIR, config.INDEX_DIR, relevance, retriever), sets: values.set });
  } else {
    runs.push({ corpus: 'bundled', request: () => inProcess(config.CORPUS_DIR, config.INDEX_DIR, relevance, retriever), sets: BUNDLED_SETS });
    runs.push({
      corpus: 'bundled + new papers',
      request: async () => inProcess(await corpusWithNewPapers(config.CORPUS_DIR), join(EVAL_CACHE, 'index'), relevance, retriever),
      sets: NEW_PAPERS_SETS,
    });
    if (values.pdf) {
      runs.push({ corpus: 'bundled, PDFs', request: async () => inProcess(await pdfCorpus(config.CORPUS_DIR, join(EVAL_CACHE, 'pdf-corpus')), join(EVAL_CACHE, 'pdf-index'), relevance, retriever), sets: BUNDLED_SETS });
      runs.push({
        corpus: 'bundled + new, PDFs',
        request: async () => inProcess(await pdfCorpus(await corpusWithNewPapers(config.CORPUS_DIR), join(EVAL_CACHE, 'pdf-corpus-new')), join(EVAL_CACHE, 'pdf-index-new'), relevance, retriever),
        sets: NEW_PAPERS_SETS,
      });
    }
  }
  const reports: SetReport[] = [];
  for (const run of runs) {
    const request = await run.request();
    for (const set of run.sets) {
      if (values.verbose) console.log(`${run.corpus} · ${set}`);
      reports.push(await score(request, run.corpus, set, values.verbose === true));
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
