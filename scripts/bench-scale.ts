import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { BUILD_SEMI_SPACE_MB } from '../src/adapters/node-index';
import { buildIndex } from '../src/ingest/build-index';
import { readCorpus } from '../src/ingest/read-corpus';
import { createSearchEngine } from '../src/search/engine';
import { DATA_FILE, MANIFEST_FILE, type ManifestFile } from '../src/search/index-format';
import { openIndex } from '../src/search/store';
import { retrieverFor, retrieverName as parseRetriever, type RetrieverName } from './retrievers';
import { isHit, scoreRanks, type EvalItem, type RankScore } from './eval-rules';
import { measureWorker, type WorkerMeasurement, type WorkerStore } from './bench-worker';
import { quantile } from './quantile';
import { writeSyntheticCorpus } from './synthetic-corpus';

/**
 * `npm run bench:scale`: the scale curve. For each scale, a synthetic corpus of that many times the real
 * papers' text (scripts/synthetic-corpus.ts) is generated into a temporary folder and indexed; then a fresh
 * child process (node --expose-gc) loads the index as the Worker does, and measures memory after a full GC
 * (the index text kept alive, as the Worker's text module is), load + engine setup, warm query latency over
 * the dev and probe questions, and quality on the dev set's in-scope questions, where a hit counts only from
 * a real paper (a generated paper can contain a gold string by chance; the right answer must still rank).
 * Finally each Worker limit is set against the measurements and the scale that reaches it is estimated by
 * linear interpolation between the measured scales that bracket it.
 *
 * With --d1, the Worker is measured a second time with the index in local D1 (src/adapters/d1-index.ts).
 *
 *   npm run bench:scale -- [--d1] [--no-worker] [--scales 1,10,50] [--seed 1] [--rounds 5] [--out scale.json] [--keep] [--retriever orama]
 */

/**
 * Cloudflare Workers limits (developers.cloudflare.com/workers/platform/limits/). The script size limit has
 * been 3 MB (Free) / 10 MB (Paid) after compression (cloudflare-docs PR #18400); the current limits page and
 * cloudflare-docs PR #31002 (May 2026) replace it with 64 MiB uncompressed on all plans. Both are checked.
 */
const LIMITS = {
  memoryBytes: 128 * 1024 * 1024,
  /** Static assets (developers.cloudflare.com/workers/static-assets/#limits): files per version (Free) and bytes per file. */
  assetFilesFree: 20_000,
  assetFileBytes: 25 * 1024 * 1024,
  cpuMsFree: 10,
  scriptGzipFree: 3 * 1024 * 1024,
  scriptGzipPaid: 10 * 1024 * 1024,
  scriptRaw: 64 * 1024 * 1024,
  startupMs: 1000,
} as const;

/**
 * The Worker's code without the index: worker.js as `wrangler deploy --dry-run` bundles it (measured by
 * `npm run bench`'s cold start: 369 KiB, 93 KiB gzipped). The index is bundled as a text module beside it.
 */
const WORKER_CODE = { rawBytes: 369 * 1024, gzipBytes: 93 * 1024 } as const;

interface Stats {
  n: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
}

type WorkerReport = Omit<WorkerMeasurement, 'answers' | 'results'> & { answersDiffering: number; quality: Record<'ja' | 'en', RankScore> };

/** What the child process measures on one index. */
interface Measurement {
  baseline: { rssBytes: number; heapUsedBytes: number };
  afterLoad: { rssBytes: number; heapUsedBytes: number; externalBytes: number };
  afterQueries: { rssBytes: number; heapUsedBytes: number; externalBytes: number };
  readMs: number;
  loadSetupMs: number;
  firstQuestions: Stats;
  warm: Record<'all' | 'ja' | 'en', Stats>;
  /** Process CPU (user + system) per warm query, over all rounds. */
  warmCpuMeanMs: number;
  quality: Record<'ja' | 'en', RankScore & { anyDocR5: number; syntheticInTop10: number }>;
  outOfScope: { n: number; declined: number };
  /** Each question's top 10 and found flag, as bench-worker.ts records the Worker's. */
  answers: Record<string, string>;
}

interface ScaleReport {
  scale: number;
  papers: number;
  generatedPapers: number;
  corpusTextBytes: number;
  passages: number;
  footnotes: number;
  lexiconEntries: number;
  terms: number;
  generateMs: number;
  buildMs: number;
  /** Building again with one paper more, over the caches of the first build: `npm run build:index`'s process, start to exit. */
  addOneMs: number;
  /** The same build's own time (its log's `built in`), and what it kept of the index it replaced. */
  addOneBuildMs: number;
  addOneKept: string;
  indexBytes: number;
  indexGzipBytes: number;
  /** The core alone (what every isolate parses on its first request). */
  coreBytes: number;
  files: number;
  largestFileBytes: number;
  measurement: Measurement;
  /** The Worker in workerd over the same index in its static assets; undefined with --no-worker. */
  worker?: WorkerReport;
  /** The Worker with the index in local D1 (its files read in batches; the same first stage); with --d1. */
  d1?: WorkerReport;
}

function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, medianMs: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99), maxMs: sorted.at(-1) ?? 0 };
}

async function readQuestions(): Promise<{ dev: EvalItem[]; all: EvalItem[] }> {
  const dev = JSON.parse(await readFile('test/eval/dev.json', 'utf8')) as EvalItem[];
  const probe = JSON.parse(await readFile('test/eval/probe.json', 'utf8')) as EvalItem[];
  return { dev, all: [...dev, ...probe] };
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) throw new Error('run the measurement with node --expose-gc');
  collect();
  collect();
}

/** Child process: loads `indexDir`'s index and measures it; prints one JSON line. */
async function measure(indexDir: string, realDocIds: ReadonlySet<string>, rounds: number): Promise<Measurement> {
  const { dev, all } = await readQuestions();
  gc();
  const before = process.memoryUsage();
  let started = performance.now();
  const text = await readFile(join(indexDir, DATA_FILE), 'utf8');
  const readMs = performance.now() - started;
  started = performance.now();
  const read = (name: string): Promise<string | undefined> => (name === DATA_FILE ? Promise.resolve(text) : readFile(join(indexDir, name), 'utf8').catch(() => undefined));
  const store = await openIndex(read);
  const retriever = await retrieverFor(retrieverChoice, store);
  const engine = createSearchEngine(store, retriever === undefined ? {} : { retriever });
  const loadSetupMs = performance.now() - started;
  gc();
  const loaded = process.memoryUsage();

  const first: number[] = [];
  for (const { question } of all) {
    const start = performance.now();
    await engine.search(question, { limit: 10 });
    first.push(performance.now() - start);
  }
  const warm: Record<'all' | 'ja' | 'en', number[]> = { all: [], ja: [], en: [] };
  const cpuBefore = process.cpuUsage();
  for (let round = 0; round < rounds; round++) {
    for (const { question, lang } of round % 2 === 0 ? all : [...all].reverse()) {
      const start = performance.now();
      await engine.search(question, { limit: 10 });
      const elapsed = performance.now() - start;
      warm.all.push(elapsed);
      warm[lang].push(elapsed);
    }
  }
  const cpu = process.cpuUsage(cpuBefore);

  const quality = {} as Measurement['quality'];
  for (const lang of ['ja', 'en'] as const) {
    const items = dev.filter((item) => item.lang === lang && item.kind !== 'out-of-scope');
    const realRanks: number[] = [];
    const anyRanks: number[] = [];
    let synthetic = 0;
    for (const item of items) {
      const { results } = await engine.search(item.question, { limit: 10 });
      realRanks.push(results.findIndex((result) => realDocIds.has(result.docId) && isHit(item, result)));
      anyRanks.push(results.findIndex((result) => isHit(item, result)));
      synthetic += results.filter((result) => !realDocIds.has(result.docId)).length;
    }
    quality[lang] = { ...scoreRanks(realRanks), anyDocR5: scoreRanks(anyRanks).r5, syntheticInTop10: synthetic / Math.max(1, items.length) };
  }
  const outOfScope = all.filter((item) => item.kind === 'out-of-scope');
  let declined = 0;
  for (const item of outOfScope) if (!(await engine.search(item.question, { limit: 10 })).found) declined++;
  const answers: Record<string, string> = {};
  for (const { question } of all) {
    const response = await engine.search(question, { limit: 10 });
    answers[question] = JSON.stringify({ found: response.found, ids: response.results.map((result) => result.id), scores: response.results.map((result) => result.score) });
  }

  gc();
  const after = process.memoryUsage();
  // The core's text stays referenced until here.
  if (text.length === 0) throw new Error('empty index');
  return {
    baseline: { rssBytes: before.rss, heapUsedBytes: before.heapUsed },
    afterLoad: { rssBytes: loaded.rss, heapUsedBytes: loaded.heapUsed, externalBytes: loaded.external },
    afterQueries: { rssBytes: after.rss, heapUsedBytes: after.heapUsed, externalBytes: after.external },
    readMs,
    loadSetupMs,
    firstQuestions: stats(first),
    warm: { all: stats(warm.all), ja: stats(warm.ja), en: stats(warm.en) },
    warmCpuMeanMs: (cpu.user + cpu.system) / 1000 / Math.max(1, warm.all.length),
    quality,
    outOfScope: { n: outOfScope.length, declined },
    answers,
  };
}

const execFileAsync = promisify(execFile);
const BUILD_CLI = fileURLToPath(new URL('../src/ingest/build-cli.ts', import.meta.url));
/** The first stage measured (`--retriever orama`: Orama over the passages; the stored postings by default). */
let retrieverChoice: RetrieverName = 'postings';
/** Whether the Worker is measured in workerd too (`--no-worker`: Node only). */
let withWorker = true;
/** Whether the D1 design is measured too (`--d1`). */
let withD1 = false;

async function measureInChild(indexDir: string, realDocIds: readonly string[], rounds: number): Promise<Measurement> {
  const args = ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--measure', indexDir, '--real', realDocIds.join(','), '--rounds', String(rounds), '--retriever', retrieverChoice];
  const { stdout } = await execFileAsync(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as Measurement;
}

async function runScale(scale: number, seed: number, rounds: number, keep: boolean, realDocIds: readonly string[], realFootnotes: number): Promise<ScaleReport> {
  const workDir = await mkdtemp(join(tmpdir(), `shiori-scale-${scale}x-`));
  const corpusDir = join(workDir, 'corpus');
  const indexDir = join(workDir, 'index');
  try {
    let started = performance.now();
    const corpus = await writeSyntheticCorpus({ targetDir: corpusDir, scale, seed });
    const generateMs = performance.now() - started;
    started = performance.now();
    const manifest = await buildIndex({ corpusDir, indexDir });
    const buildMs = performance.now() - started;
    const expectedFootnotes = realFootnotes + corpus.papers.reduce((sum, paper) => sum + paper.footnotes, 0);
    if (manifest.counts.footnotes !== expectedFootnotes) throw new Error(`${scale}×: the index has ${manifest.counts.footnotes} footnotes; ${expectedFootnotes} were generated or real`);
    const files = (JSON.parse(await readFile(join(indexDir, MANIFEST_FILE), 'utf8')) as ManifestFile).files;
    let indexBytes = 0;
    let indexGzipBytes = 0;
    let largestFileBytes = 0;
    for (const name of Object.keys(files)) {
      const bytes = await readFile(join(indexDir, name));
      indexBytes += bytes.length;
      indexGzipBytes += gzipSync(bytes).length;
      largestFileBytes = Math.max(largestFileBytes, bytes.length);
    }
    const measurement = await measureInChild(indexDir, realDocIds, rounds);
    const { dev, all } = await readQuestions();
    const real = new Set(realDocIds);
    const workerReport = async (store: WorkerStore): Promise<WorkerReport> => {
      const { answers, results, ...measured } = await measureWorker(indexDir, all.map((item) => item.question), rounds, store);
      const quality = {} as WorkerReport['quality'];
      for (const lang of ['ja', 'en'] as const) {
        const items = dev.filter((item) => item.lang === lang && item.kind !== 'out-of-scope');
        quality[lang] = scoreRanks(items.map((item) => (results[item.question] ?? []).findIndex((result) => real.has(result.docId) && isHit(item, result))));
      }
      return { ...measured, quality, answersDiffering: Object.keys(measurement.answers).filter((question) => answers[question] !== measurement.answers[question]).length };
    };
    const worker = withWorker ? await workerReport('assets') : undefined;
    const d1 = withD1 ? await workerReport('d1') : undefined;
    // Last, once the index has been measured: one paper more (drawn with another seed), built again over
    // the caches the first build left, as a user who adds a paper has it: `npm run build:index` (the
    // program the Node server runs for its rebuilds), in a process of its own, timed from start to exit.
    const extraDir = join(workDir, 'extra');
    await writeSyntheticCorpus({ targetDir: extraDir, scale: 2, seed: seed + 1000 });
    for (const suffix of ['.txt', '.meta.json']) await writeFile(join(corpusDir, `added-0001${suffix}`), await readFile(join(extraDir, `synthetic-0001${suffix}`)));
    started = performance.now();
    const { stdout: addLog } = await execFileAsync(process.execPath, [`--max-semi-space-size=${BUILD_SEMI_SPACE_MB}`, '--import', 'tsx', BUILD_CLI], { env: { ...process.env, CORPUS_DIR: corpusDir, INDEX_DIR: indexDir }, maxBuffer: 16 * 1024 * 1024 });
    const addOneMs = performance.now() - started;
    const addOneBuildMs = Number(/^built in (\d+) ms/mu.exec(addLog)?.[1] ?? Number.NaN);
    const addOneKept = /^kept the files of \d+ papers[^\n]*/mu.exec(addLog)?.[0] ?? '';
    const added = JSON.parse(await readFile(join(indexDir, MANIFEST_FILE), 'utf8')) as ManifestFile;
    if (added.counts.documents !== manifest.counts.documents + 1) throw new Error(`${scale}×: adding a paper gave ${added.counts.documents} papers, not ${manifest.counts.documents + 1}`);
    return {
      scale,
      papers: manifest.counts.documents,
      generatedPapers: corpus.papers.length,
      corpusTextBytes: corpus.totalBytes,
      passages: manifest.counts.passages,
      footnotes: manifest.counts.footnotes,
      lexiconEntries: manifest.tokenizer.lexiconEntries,
      terms: manifest.counts.terms,
      generateMs,
      buildMs,
      addOneMs,
      addOneBuildMs,
      addOneKept,
      indexBytes,
      indexGzipBytes,
      coreBytes: files[DATA_FILE] ?? 0,
      files: Object.keys(files).length,
      largestFileBytes,
      measurement,
      ...(worker === undefined ? {} : { worker }),
      ...(d1 === undefined ? {} : { d1 }),
    };
  } finally {
    if (keep) console.log(`kept ${workDir}`);
    else await rm(workDir, { recursive: true, force: true });
  }
}

interface LimitEstimate {
  limit: string;
  value: string;
  measured: Array<{ scale: number; value: number }>;
  bound: number;
  /** The corpus scale at which the fitted line reaches the limit; null when it does not grow. */
  reachedAtScale: number | null;
}

function estimateLimits(reports: readonly ScaleReport[]): LimitEstimate[] {
  const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  const series = (value: (report: ScaleReport) => number) => reports.map((report) => ({ scale: report.scale, value: value(report) }));
  /**
   * Linear between the two measured scales on either side of the limit (growth is not linear over 1×–50×:
   * one line through all of them misplaces the crossing); beyond the last scale, the line through the last
   * two; before the first, the line through the first two.
   */
  const reachedAt = (points: Array<{ scale: number; value: number }>, limit: number): number | null => {
    const sorted = [...points].sort((a, b) => a.scale - b.scale);
    if (sorted.length < 2) return null;
    const above = sorted.findIndex(({ value }) => value >= limit);
    const pair = above === -1 ? sorted.slice(-2) : above === 0 ? sorted.slice(0, 2) : sorted.slice(above - 1, above + 1);
    const [from, to] = pair as [{ scale: number; value: number }, { scale: number; value: number }];
    const slope = (to.value - from.value) / (to.scale - from.scale);
    return slope <= 0 ? null : from.scale + (limit - from.value) / slope;
  };
  const estimate = (limit: string, value: string, points: Array<{ scale: number; value: number }>, bound: number): LimitEstimate => ({
    limit,
    value,
    measured: points,
    bound,
    reachedAtScale: reachedAt(points, bound),
  });
  // The Worker's own figures where it was measured in workerd; none of them carries the corpus any more
  // but through what the questions read (the index is in static assets, not in the script).
  const measuredWorker = reports.filter((report) => report.worker !== undefined);
  const workerSeries = (value: (worker: NonNullable<ScaleReport['worker']>) => number) => measuredWorker.map((report) => ({ scale: report.scale, value: value(report.worker as NonNullable<ScaleReport['worker']>) }));
  return [
    estimate('memory 128 MB (the isolate’s V8 heap in workerd, peak over the run)', mib(LIMITS.memoryBytes), workerSeries((worker) => worker.heap.peakBytes), LIMITS.memoryBytes),
    estimate('script size, Free: 3 MB gzipped (worker.js; the index is in static assets)', mib(LIMITS.scriptGzipFree), series(() => WORKER_CODE.gzipBytes), LIMITS.scriptGzipFree),
    estimate('static assets, Free: 20,000 files (the index’s, beside the UI’s few)', String(LIMITS.assetFilesFree), series((report) => report.files), LIMITS.assetFilesFree),
    estimate('static assets: 25 MiB per file (the index’s largest file)', mib(LIMITS.assetFileBytes), series((report) => report.largestFileBytes), LIMITS.assetFileBytes),
    estimate('CPU 10 ms/request, Free: warm query median in workerd (client-timed: an upper bound)', `${LIMITS.cpuMsFree} ms`, workerSeries((worker) => worker.warm.medianMs), LIMITS.cpuMsFree),
    estimate('CPU 10 ms/request, Free: warm query p99 in workerd (client-timed)', `${LIMITS.cpuMsFree} ms`, workerSeries((worker) => worker.warm.p99Ms), LIMITS.cpuMsFree),
    estimate('first request of an isolate (core read + parsed, then the question), in workerd', `${LIMITS.startupMs} ms`, workerSeries((worker) => worker.coldFirstMs), LIMITS.startupMs),
  ];
}

function printTable(reports: readonly ScaleReport[]): void {
  const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(2);
  const rows = [
    ['scale', 'papers', 'passages', 'build s', 'add 1 s', 'index MB', 'core MB', 'files', 'load ms', 'heap MB', 'q med ms', 'q p99 ms', 'W cold ms', 'W med ms', 'W p99 ms', 'W srv med/p99', 'W heap peak/last MB', 'W≠N', 'D1 load s', 'D1 cold ms', 'D1 med ms', 'D1 p99 ms', 'D1 srv med/p99', 'D1 heap peak/last MB', 'D1≠N', 'D1 ja/en R@5', 'ja R@5', 'ja MRR', 'en R@5', 'en MRR', 'OOS declined'],
    ...reports.map((report) => {
      const m = report.measurement;
      return [
        `${report.scale}×`,
        String(report.papers),
        String(report.passages),
        (report.buildMs / 1000).toFixed(1),
        (report.addOneMs / 1000).toFixed(1),
        mb(report.indexBytes),
        mb(report.coreBytes),
        String(report.files),
        m.loadSetupMs.toFixed(0),
        mb(m.afterQueries.heapUsedBytes),
        m.warm.all.medianMs.toFixed(2),
        m.warm.all.p99Ms.toFixed(2),
        report.worker?.coldFirstMs.toFixed(0) ?? '–',
        report.worker?.warm.medianMs.toFixed(2) ?? '–',
        report.worker?.warm.p99Ms.toFixed(2) ?? '–',
        report.worker === undefined ? '–' : `${report.worker.server.medianMs}/${report.worker.server.p99Ms}`,
        report.worker === undefined ? '–' : `${mb(report.worker.heap.peakBytes)}/${mb(report.worker.heap.lastBytes)}`,
        report.worker === undefined ? '–' : String(report.worker.answersDiffering),
        report.d1?.loadMs === undefined ? '–' : (report.d1.loadMs / 1000).toFixed(1),
        report.d1?.coldFirstMs.toFixed(0) ?? '–',
        report.d1?.warm.medianMs.toFixed(2) ?? '–',
        report.d1?.warm.p99Ms.toFixed(2) ?? '–',
        report.d1 === undefined ? '–' : `${report.d1.server.medianMs}/${report.d1.server.p99Ms}`,
        report.d1 === undefined ? '–' : `${mb(report.d1.heap.peakBytes)}/${mb(report.d1.heap.lastBytes)}`,
        report.d1 === undefined ? '–' : String(report.d1.answersDiffering),
        report.d1 === undefined ? '–' : `${report.d1.quality.ja.r5.toFixed(2)}/${report.d1.quality.en.r5.toFixed(2)}`,
        m.quality.ja.r5.toFixed(2),
        m.quality.ja.mrr10.toFixed(3),
        m.quality.en.r5.toFixed(2),
        m.quality.en.mrr10.toFixed(3),
        `${m.outOfScope.declined}/${m.outOfScope.n}`,
      ];
    }),
  ];
  const widths = (rows[0] as string[]).map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  for (const row of rows) console.log(row.map((cell, column) => cell.padStart(widths[column] ?? 0)).join('  '));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scales: { type: 'string', default: '1,10,50' },
      seed: { type: 'string', default: '1' },
      rounds: { type: 'string', default: '5' },
      out: { type: 'string' },
      keep: { type: 'boolean', default: false },
      measure: { type: 'string' },
      real: { type: 'string', default: '' },
      retriever: { type: 'string', default: 'postings' },
      'no-worker': { type: 'boolean', default: false },
      d1: { type: 'boolean', default: false },
    },
  });
  withWorker = !values['no-worker'] && values.measure === undefined;
  withD1 = values.d1 && values.measure === undefined;
  retrieverChoice = parseRetriever(values.retriever);
  const rounds = Number(values.rounds);
  if (values.measure !== undefined) {
    console.log(JSON.stringify(await measure(values.measure, new Set(values.real.split(',')), rounds)));
    return;
  }
  const scales = values.scales.split(',').map(Number);
  if (scales.some((scale) => !(scale >= 1))) throw new Error(`--scales takes numbers ≥ 1, comma-separated: ${values.scales}`);
  const realDocuments = (await readCorpus('corpus')).documents;
  const realDocIds = realDocuments.map((document) => document.id);
  const realFootnotes = realDocuments.reduce((sum, document) => sum + document.footnotes.length, 0);
  const reports: ScaleReport[] = [];
  for (const scale of scales) {
    console.log(`${scale}×: generating, building, measuring…`);
    const report = await runScale(scale, Number(values.seed), rounds, values.keep, realDocIds, realFootnotes);
    reports.push(report);
    // Each scale's figures as soon as it is measured: a later scale that fails loses only its own.
    if (values.out) await writeFile(values.out, `${JSON.stringify({ node: process.version, limits: LIMITS, workerCode: WORKER_CODE, reports, estimates: estimateLimits(reports) }, null, 2)}\n`);
    const m = report.measurement;
    console.log(
      `  ${report.papers} papers, ${(report.corpusTextBytes / 1024).toFixed(0)} KiB of text; generated in ${(report.generateMs / 1000).toFixed(1)} s, built in ${(report.buildMs / 1000).toFixed(1)} s, ${(report.addOneMs / 1000).toFixed(1)} s with one paper more (npm run build:index, start to exit; the build itself ${(report.addOneBuildMs / 1000).toFixed(1)} s; ${report.addOneKept}); ` +
        `first questions median ${m.firstQuestions.medianMs.toFixed(2)} ms; any-paper R@5 ja ${m.quality.ja.anyDocR5.toFixed(2)} en ${m.quality.en.anyDocR5.toFixed(2)}; ` +
        `generated papers per top 10: ja ${m.quality.ja.syntheticInTop10.toFixed(1)}, en ${m.quality.en.syntheticInTop10.toFixed(1)}; heap after the questions ${(m.afterQueries.heapUsedBytes / 1024 / 1024).toFixed(1)} MiB`,
    );
  }
  console.log('');
  printTable(reports);
  console.log('');
  console.log('W: the Worker in workerd (wrangler dev, local), timed by the client over loopback; W≠N: questions whose top 10, scores or found flag differ from Node’s.');
  console.log(`Worker limits (worker.js: ${WORKER_CODE.rawBytes / 1024} KiB, ${WORKER_CODE.gzipBytes / 1024} KiB gzipped, measured by npm run bench); reached at, interpolating between the measured scales:`);
  const limits = estimateLimits(reports);
  for (const estimate of limits) {
    const values = estimate.measured.map(({ scale, value }) => `${scale}×: ${value > 1e5 ? `${(value / 1024 / 1024).toFixed(2)} MiB` : value.toFixed(2)}`).join(', ');
    const exceeded = estimate.measured.find(({ value }) => value >= estimate.bound);
    const reached =
      estimate.reachedAtScale === null
        ? 'does not grow with the corpus'
        : `≈ ${estimate.reachedAtScale.toFixed(1)}× the real corpus${exceeded === undefined ? ' (beyond the measured scales: extrapolated)' : ''}`;
    console.log(`  ${estimate.limit} (${estimate.value}): ${values} → ${reached}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
