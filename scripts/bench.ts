import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig } from '../src/config';
import { ensureFreshIndex } from '../src/ingest/build-index';
import { isMissingFile } from '../src/ingest/read-corpus';
import { createSearchEngine } from '../src/search/engine';
import { DATA_FILE } from '../src/search/index-format';
import { loadIndex } from '../src/search/load-index';

/**
 * `npm run bench`: in-process query latency of the whole pipeline (normalize, tokenize, retrieve, rank,
 * excerpt, cite, answer) on the evaluation questions, warm, and the cost of loading the index; each
 * measured with and without the index's English lexicon, interleaved, so the lexicon's cost is read off
 * one run. The machine is shared and noisy: read the medians, and compare figures from one run only.
 *
 *   npm run bench -- [--rounds 30] [--out bench.json]
 */
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '30' }, out: { type: 'string' } } });
const rounds = Number(values.rounds);

function quantile(sorted: readonly number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] as number;
}

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  await ensureFreshIndex({ corpusDir: config.CORPUS_DIR, indexDir: config.INDEX_DIR });
  const read = (name: string): Promise<string | undefined> => readFile(join(config.INDEX_DIR, name), 'utf8').catch((error: unknown) => (isMissingFile(error) ? undefined : Promise.reject(error)));
  const texts: Record<string, string> = { [DATA_FILE]: (await read(DATA_FILE)) ?? '' };

  // The same index without its English lexicon, to measure what the lexicon costs side by side.
  const withoutLexicon = (text: string): string => {
    const data = JSON.parse(text) as { english: unknown };
    data.english = {};
    return JSON.stringify(data);
  };
  type Variant = 'with lexicon' | 'without lexicon';
  const variants: Record<Variant, Record<string, string>> = { 'with lexicon': texts, 'without lexicon': { [DATA_FILE]: withoutLexicon(texts[DATA_FILE] ?? '') } };
  const names = Object.keys(variants) as Variant[];

  const loads: Record<Variant, number[]> = { 'with lexicon': [], 'without lexicon': [] };
  for (let round = 0; round < 10; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      const started = performance.now();
      createSearchEngine(await loadIndex(async (file) => variants[name][file]));
      loads[name].push(performance.now() - started);
    }
  }
  const engines = Object.fromEntries(await Promise.all(names.map(async (name) => [name, createSearchEngine(await loadIndex(async (file) => variants[name][file]))] as const))) as Record<
    Variant,
    ReturnType<typeof createSearchEngine>
  >;

  const questions = [
    ...(JSON.parse(await readFile('test/eval/dev.json', 'utf8')) as Array<{ question: string; lang: string }>),
    ...(JSON.parse(await readFile('test/eval/probe.json', 'utf8')) as Array<{ question: string; lang: string }>),
  ];
  // First questions of a fresh engine: nothing it works out on first need (passage analyses, loanword matches) is there yet.
  const cold: Record<Variant, number[]> = { 'with lexicon': [], 'without lexicon': [] };
  for (const name of names) {
    const fresh = createSearchEngine(await loadIndex(async (file) => variants[name][file]));
    for (const { question } of questions) {
      const started = performance.now();
      fresh.search(question, { limit: 10 });
      cold[name].push(performance.now() - started);
    }
  }
  for (const name of names) for (const { question } of questions) engines[name].search(question, { limit: 10 });

  const timings: Record<Variant, Record<string, number[]>> = { 'with lexicon': { ja: [], en: [], all: [] }, 'without lexicon': { ja: [], en: [], all: [] } };
  for (let round = 0; round < rounds; round++) {
    for (const { question, lang } of questions) {
      for (const name of round % 2 === 0 ? names : [...names].reverse()) {
        const started = performance.now();
        engines[name].search(question, { limit: 10 });
        const elapsed = performance.now() - started;
        timings[name][lang]?.push(elapsed);
        timings[name].all?.push(elapsed);
      }
    }
  }

  const stats = (values: readonly number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { queries: sorted.length, medianMs: quantile(sorted, 0.5), p90Ms: quantile(sorted, 0.9), p99Ms: quantile(sorted, 0.99), maxMs: sorted.at(-1) ?? 0 };
  };
  const englishBytes = Buffer.byteLength(JSON.stringify((JSON.parse(texts[DATA_FILE] ?? '{}') as { english?: unknown }).english ?? {}));
  const report = {
    node: process.version,
    indexBytes: Buffer.byteLength(texts[DATA_FILE] ?? ''),
    englishLexiconBytes: englishBytes,
    indexLoad: Object.fromEntries(names.map((name) => [name, { runs: loads[name].length, medianMs: stats(loads[name]).medianMs, maxMs: stats(loads[name]).maxMs }])),
    firstQuestions: Object.fromEntries(names.map((name) => [name, stats(cold[name])])),
    warmQuery: Object.fromEntries(names.map((name) => [name, Object.fromEntries(Object.entries(timings[name]).map(([lang, values]) => [lang, stats(values)]))])),
  };
  console.log(`index: ${(report.indexBytes / 1024).toFixed(0)} KiB, of which the English lexicon ${(englishBytes / 1024).toFixed(0)} KiB`);
  for (const name of names) {
    const first = stats(cold[name]);
    console.log(`${name}: load + engine setup median ${stats(loads[name]).medianMs.toFixed(1)} ms over ${loads[name].length} runs`);
    console.log(`  first ${first.queries} questions of a fresh engine: median ${first.medianMs.toFixed(3)} ms  p90 ${first.p90Ms.toFixed(3)} ms  max ${first.maxMs.toFixed(2)} ms`);
    console.log('  warm query, whole pipeline, in process:');
    for (const [lang, values] of Object.entries(timings[name])) {
      const summary = stats(values);
      console.log(`  ${lang.padEnd(3)} n=${String(summary.queries).padStart(5)}  median ${summary.medianMs.toFixed(3)} ms  p90 ${summary.p90Ms.toFixed(3)} ms  p99 ${summary.p99Ms.toFixed(3)} ms  max ${summary.maxMs.toFixed(2)} ms`);
    }
  }
  if (values.out) await writeFile(values.out, `${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
