import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig } from '../src/config';
import { isMissingFile } from '../src/ingest/corpus-files';
import { ensureFreshIndex } from '../src/ingest/index-status';
import { createSearchEngine, type SearchEngine } from '../src/search/engine';
import { DATA_FILE } from '../src/search/index-format';
import { openIndex, type IndexStore } from '../src/search/store';
import { buildAlternatives } from './alternatives';
import { measureColdStart } from './cold-start';
import { isHit, scoreRanks, type EvalItem, type Hit, type RankScore } from './eval-rules';
import { quantile } from './quantile';
import { wholeIndex } from './retrievers';

/**
 * `npm run bench`: shiori against the retrieval a team would pick instead (scripts/alternatives.ts:
 * Orama with @orama/tokenizers' Japanese tokenizer, and Orama over character bigrams), on the same
 * passages, in one run:
 *   - quality: R@5 and MRR@10 per language on the development set's in-scope questions, scored with
 *     scripts/eval-rules.ts (as `npm run eval` scores);
 *   - warm in-process query latency on the development and probe questions: for shiori the whole
 *     pipeline (`engine.search`: normalize, tokenize, retrieve, rank, excerpt, cite, answer), for an
 *     alternative its search and the result objects. The systems take turns on every question, in an
 *     order that rotates each round, so the noise of a shared machine hits them alike;
 *   - shiori / alternative latency ratios and shiori − alternative quality differences (points);
 *   - shiori without its English lexicon, as one more system, for what the lexicon costs and brings;
 *   - index load + engine setup, with and without the lexicon, and the first questions of a fresh engine;
 *   - cold start (scripts/cold-start.ts): index build time, Node server time to first answer, Worker bundle size.
 * Read the medians, and compare figures from one run only.
 *
 *   npm run bench -- [--rounds 30] [--out bench.json]
 */
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '30' }, out: { type: 'string' } } });
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a positive integer; got ${values.rounds}`);

const LIMIT = 10;
const LOAD_RUNS = 10;
const SHIORI = 'shiori';
const SHIORI_WITHOUT_LEXICON = 'shiori without English lexicon';
const LANGUAGES = ['ja', 'en'] as const;

/** One system under measurement: its top `LIMIT` results as eval-rules scores them. */
interface System {
  name: string;
  description: string;
  search(question: string): Promise<readonly Hit[]>;
}

interface LatencyStats {
  queries: number;
  medianMs: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

function latencyStats(values: readonly number[]): LatencyStats {
  const sorted = [...values].sort((a, b) => a - b);
  return { queries: sorted.length, medianMs: quantile(sorted, 0.5), p90Ms: quantile(sorted, 0.9), p99Ms: quantile(sorted, 0.99), maxMs: sorted.at(-1) ?? Number.NaN };
}

const shioriSystem = (name: string, description: string, engine: SearchEngine): System => ({ name, description, search: async (question) => (await engine.search(question, { limit: LIMIT })).results });

/** The 0-based rank of each in-scope item's first hit (-1 for none), by language. */
async function rankItems(system: System, items: readonly EvalItem[]): Promise<Record<string, Record<string, number>>> {
  const ranks: Record<string, Record<string, number>> = {};
  for (const item of items) (ranks[item.lang] ??= {})[item.id] = (await system.search(item.question)).findIndex((result) => isHit(item, result));
  return ranks;
}

/** `order` rotated by `by` places: round r starts with system r mod n. */
const rotate = <T>(order: readonly T[], by: number): T[] => order.map((_, index) => order[(index + by) % order.length] as T);

const points = (share: number): number => Number((100 * share).toFixed(1));
const signed = (value: number | undefined): string => (value === undefined ? '' : `${value > 0 ? '+' : ''}${value.toFixed(1)}`);
const ratio = (numerator: number, denominator: number): number => Number((numerator / denominator).toFixed(2));

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  await ensureFreshIndex({ corpusDir: config.CORPUS_DIR, indexDir: config.INDEX_DIR });
  const read = (name: string): Promise<string | undefined> => readFile(join(config.INDEX_DIR, name), 'utf8').catch((error: unknown) => (isMissingFile(error) ? undefined : Promise.reject(error)));
  const dataText = await read(DATA_FILE);
  if (dataText === undefined) throw new Error(`${join(config.INDEX_DIR, DATA_FILE)} is missing after the build`);

  // The same index without its English lexicon, to measure what the lexicon costs side by side.
  const withoutLexicon = (text: string): string => {
    const data = JSON.parse(text) as { english: unknown };
    data.english = {};
    return JSON.stringify(data);
  };
  const indexTexts = { [SHIORI]: dataText, [SHIORI_WITHOUT_LEXICON]: withoutLexicon(dataText) };
  const variants = Object.keys(indexTexts) as Array<keyof typeof indexTexts>;
  const loadVariant = (variant: keyof typeof indexTexts): Promise<IndexStore> => openIndex(async (file) => (file === DATA_FILE ? indexTexts[variant] : read(file)));

  const loads: Record<string, number[]> = Object.fromEntries(variants.map((variant) => [variant, []]));
  for (let run = 0; run < LOAD_RUNS; run++) {
    for (const variant of run % 2 === 0 ? variants : [...variants].reverse()) {
      const started = performance.now();
      createSearchEngine(await loadVariant(variant));
      loads[variant]?.push(performance.now() - started);
    }
  }

  const coldStart = await measureColdStart({ corpusDir: config.CORPUS_DIR, indexDir: config.INDEX_DIR });

  const devItems = JSON.parse(await readFile('test/eval/dev.json', 'utf8')) as EvalItem[];
  const probeItems = JSON.parse(await readFile('test/eval/probe.json', 'utf8')) as EvalItem[];
  const scoredItems = devItems.filter((item) => item.kind !== 'out-of-scope');
  const timedQuestions = [...devItems, ...probeItems].map(({ question, lang }) => ({ question, lang }));

  // First questions of a fresh engine: nothing it works out on first need (passage analyses, loanword matches) is there yet.
  const firstQuestions: Record<string, number[]> = {};
  for (const variant of variants) {
    const fresh = createSearchEngine(await loadVariant(variant));
    const times: number[] = [];
    for (const { question } of timedQuestions) {
      const started = performance.now();
      await fresh.search(question, { limit: LIMIT });
      times.push(performance.now() - started);
    }
    firstQuestions[variant] = times;
  }

  const data = await loadVariant(SHIORI);
  const buildStarted = performance.now();
  const alternatives = buildAlternatives(await wholeIndex(data));
  const alternativesBuildMs = performance.now() - buildStarted;
  const systems: System[] = [
    shioriSystem(SHIORI, 'shiori: lexicon tokenizer, weighted BM25 top-k over the stored postings, re-ranking, English lexicon, excerpt, citations, answer', createSearchEngine(data)),
    shioriSystem(SHIORI_WITHOUT_LEXICON, 'shiori with the index English lexicon emptied', createSearchEngine(await loadVariant(SHIORI_WITHOUT_LEXICON))),
    ...alternatives.map((alternative): System => ({ name: alternative.name, description: alternative.description, search: (question) => Promise.resolve(alternative.search(question, LIMIT)) })),
  ];

  // Scoring runs every development question once per system, which also warms every system up.
  const ranks: Record<string, Record<string, Record<string, number>>> = {};
  for (const system of systems) ranks[system.name] = await rankItems(system, scoredItems);
  const quality = Object.fromEntries(
    systems.map((system) => [system.name, Object.fromEntries(LANGUAGES.map((lang) => [lang, scoreRanks(Object.values(ranks[system.name]?.[lang] ?? {}))]))] as const),
  ) as Record<string, Record<(typeof LANGUAGES)[number], RankScore>>;
  for (const system of systems) for (const { question } of timedQuestions) await system.search(question);

  const timings: Record<string, Record<string, number[]>> = Object.fromEntries(systems.map((system) => [system.name, { ja: [], en: [], all: [] }]));
  for (let round = 0; round < rounds; round++) {
    for (const [position, { question, lang }] of timedQuestions.entries()) {
      for (const system of rotate(systems, round + position)) {
        const started = performance.now();
        await system.search(question);
        const elapsed = performance.now() - started;
        timings[system.name]?.[lang]?.push(elapsed);
        timings[system.name]?.all?.push(elapsed);
      }
    }
  }
  const latency = Object.fromEntries(systems.map((system) => [system.name, Object.fromEntries(Object.entries(timings[system.name] ?? {}).map(([lang, values]) => [lang, latencyStats(values)]))]));

  const shioriQuality = quality[SHIORI];
  const shioriLatency = latency[SHIORI];
  if (shioriQuality === undefined || shioriLatency === undefined) throw new Error('shiori was not measured');
  /** Against each other system: latency shiori / other (above 1: shiori is slower), quality shiori − other in points (above 0: shiori finds more). */
  const versusShiori = systems
    .filter((system) => system.name !== SHIORI)
    .map((system) => {
      const other = latency[system.name] ?? {};
      const otherQuality = quality[system.name];
      return {
        system: system.name,
        latencyRatio: Object.fromEntries(
          Object.entries(shioriLatency).map(([lang, stats]) => [lang, { median: ratio(stats.medianMs, other[lang]?.medianMs ?? Number.NaN), p99: ratio(stats.p99Ms, other[lang]?.p99Ms ?? Number.NaN) }]),
        ),
        qualityDifferencePoints: Object.fromEntries(
          LANGUAGES.map((lang) => [
            lang,
            { r5: points(shioriQuality[lang].r5 - (otherQuality?.[lang].r5 ?? Number.NaN)), mrr10: points(shioriQuality[lang].mrr10 - (otherQuality?.[lang].mrr10 ?? Number.NaN)) },
          ]),
        ),
      };
    });

  const report = {
    node: process.version,
    rounds,
    passages: data.core.passageCount,
    scoredQuestions: Object.fromEntries(LANGUAGES.map((lang) => [lang, scoredItems.filter((item) => item.lang === lang).length])),
    timedQuestions: { ja: timedQuestions.filter((item) => item.lang === 'ja').length, en: timedQuestions.filter((item) => item.lang === 'en').length },
    indexBytes: Buffer.byteLength(dataText),
    englishLexiconBytes: Buffer.byteLength(JSON.stringify(data.core.english)),
    indexLoad: Object.fromEntries(variants.map((variant) => [variant, { runs: LOAD_RUNS, medianMs: latencyStats(loads[variant] ?? []).medianMs, maxMs: latencyStats(loads[variant] ?? []).maxMs }])),
    alternativesBuildMs,
    coldStart,
    firstQuestions: Object.fromEntries(variants.map((variant) => [variant, latencyStats(firstQuestions[variant] ?? [])])),
    systems: systems.map((system) => ({ name: system.name, description: system.description, quality: quality[system.name], latency: latency[system.name], ranks: ranks[system.name] })),
    versusShiori,
  };

  console.log(`index: ${(report.indexBytes / 1024).toFixed(0)} KiB, of which the English lexicon ${(report.englishLexiconBytes / 1024).toFixed(0)} KiB; ${report.passages} passages`);
  for (const variant of variants) {
    const first = report.firstQuestions[variant];
    console.log(`${variant}: load + engine setup median ${report.indexLoad[variant]?.medianMs.toFixed(1)} ms over ${LOAD_RUNS} runs; first ${first?.queries} questions of a fresh engine median ${first?.medianMs.toFixed(2)} ms, p90 ${first?.p90Ms.toFixed(2)} ms`);
  }
  console.log(`alternatives built from the passages in ${alternativesBuildMs.toFixed(0)} ms`);
  console.log(
    `cold start: index build ${coldStart.indexBuildMs.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ')} (kuromoji included); index load + engine setup median ${report.indexLoad[SHIORI]?.medianMs.toFixed(1)} ms (above); ` +
      `Node server from spawn to first answer median ${coldStart.nodeFirstAnswerMs.medianMs} ms over ${coldStart.nodeFirstAnswerMs.runs} starts (max ${coldStart.nodeFirstAnswerMs.maxMs} ms)`,
  );
  const worker = coldStart.worker;
  if ('error' in worker) console.log(`Worker bundle: not measured (${worker.error})`);
  else console.log(`Worker bundle (wrangler deploy --dry-run): ${worker.uploadKiB} KiB, gzip ${worker.gzipKiB} KiB; ${worker.modules.map((module) => `${module.name} ${(module.bytes / 1024).toFixed(0)} KiB / ${(module.gzipBytes / 1024).toFixed(0)} KiB gz`).join(', ')}`);
  console.log(
    `\nquality on ${report.scoredQuestions.ja} ja + ${report.scoredQuestions.en} en in-scope development questions; warm latency over ${rounds} rounds of ${timedQuestions.length} development and probe questions, top ${LIMIT}`,
  );
  const rows = systems.map((system) => {
    const scores = quality[system.name];
    const stats = latency[system.name]?.all;
    const versus = versusShiori.find((entry) => entry.system === system.name);
    const difference = (lang: (typeof LANGUAGES)[number]): string => (versus ? `${signed(versus.qualityDifferencePoints[lang]?.r5)} / ${signed(versus.qualityDifferencePoints[lang]?.mrr10)}` : '');
    return [
      system.name,
      ...LANGUAGES.flatMap((lang) => [(scores?.[lang].r5 ?? Number.NaN).toFixed(2), (scores?.[lang].mrr10 ?? Number.NaN).toFixed(3)]),
      `${stats?.medianMs.toFixed(2)} ms`,
      `${stats?.p99Ms.toFixed(2)} ms`,
      versus ? `${versus.latencyRatio.all?.median.toFixed(2)} / ${versus.latencyRatio.all?.p99.toFixed(2)}` : '',
      difference('ja'),
      difference('en'),
    ];
  });
  const header = ['system', 'JA R@5', 'JA MRR', 'EN R@5', 'EN MRR', 'median', 'p99', 'shiori/alt med / p99', 'Δ JA R@5 / MRR', 'Δ EN R@5 / MRR'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  for (const row of [header, widths.map((width) => '-'.repeat(width)), ...rows]) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  '));
  console.log('Δ: shiori − system in points; ratio above 1: shiori is slower.\n\nlatency by language:');
  for (const system of systems) {
    for (const [lang, stats] of Object.entries(latency[system.name] ?? {}).filter(([lang]) => lang !== 'all')) {
      console.log(`  ${system.name.padEnd(widths[0] ?? 0)}  ${lang}  n=${String(stats.queries).padStart(5)}  median ${stats.medianMs.toFixed(3)} ms  p90 ${stats.p90Ms.toFixed(3)} ms  p99 ${stats.p99Ms.toFixed(3)} ms  max ${stats.maxMs.toFixed(2)} ms`);
    }
  }
  if (values.out) {
    await writeFile(values.out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nwrote ${values.out}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
