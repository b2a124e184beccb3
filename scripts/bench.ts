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
 * excerpt, cite, answer) on the evaluation questions, warm, and the cost of loading the index. The
 * machine is shared and noisy: read the medians, and compare figures from one run only.
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

  const loads: number[] = [];
  for (let round = 0; round < 10; round++) {
    const started = performance.now();
    createSearchEngine(await loadIndex(async (name) => texts[name]));
    loads.push(performance.now() - started);
  }
  const engine = createSearchEngine(await loadIndex(async (name) => texts[name]));

  const questions = [
    ...(JSON.parse(await readFile('test/eval/dev.json', 'utf8')) as Array<{ question: string; lang: string }>),
    ...(JSON.parse(await readFile('test/eval/probe.json', 'utf8')) as Array<{ question: string; lang: string }>),
  ];
  for (const { question } of questions) engine.search(question, { limit: 10 });

  const timings: Record<string, number[]> = { ja: [], en: [], all: [] };
  for (let round = 0; round < rounds; round++) {
    for (const { question, lang } of questions) {
      const started = performance.now();
      engine.search(question, { limit: 10 });
      const elapsed = performance.now() - started;
      timings[lang]?.push(elapsed);
      timings.all?.push(elapsed);
    }
  }

  const summary = Object.fromEntries(
    Object.entries(timings).map(([name, values]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return [name, { queries: sorted.length, medianMs: quantile(sorted, 0.5), p90Ms: quantile(sorted, 0.9), p99Ms: quantile(sorted, 0.99), maxMs: sorted.at(-1) ?? 0 }];
    }),
  );
  const loadSorted = [...loads].sort((a, b) => a - b);
  const report = {
    node: process.version,
    indexBytes: Buffer.byteLength(texts[DATA_FILE] ?? ''),
    indexLoad: { runs: loads.length, medianMs: quantile(loadSorted, 0.5), maxMs: loadSorted.at(-1) ?? 0 },
    warmQuery: summary,
  };
  console.log(`index: ${(report.indexBytes / 1024).toFixed(0)} KiB; load + engine setup median ${report.indexLoad.medianMs.toFixed(1)} ms over ${loads.length} runs`);
  console.log('warm query, whole pipeline, in process:');
  for (const [name, stats] of Object.entries(summary)) {
    console.log(`  ${name.padEnd(3)} n=${String(stats.queries).padStart(5)}  median ${stats.medianMs.toFixed(3)} ms  p90 ${stats.p90Ms.toFixed(3)} ms  p99 ${stats.p99Ms.toFixed(3)} ms  max ${stats.maxMs.toFixed(2)} ms`);
  }
  if (values.out) await writeFile(values.out, `${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
