import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Document } from '../model/document';
import { analyzeDocument, textsOf, type KuromojiTokenizer, type TextAnalysis } from './lexicon';

/**
 * kuromoji's analysis of each paper, kept between builds (issue 14): kuromoji is most of a cold build, and
 * a paper's analysis is a function of its texts and the build's rules alone. A paper is keyed by the
 * SHA-256 of the build rules' version (build-rules.ts: the ingestion code, kuromoji's version) and its
 * texts, so an edited paper or other rules are analysed again and nothing stale is ever read. The files
 * lie in a folder beside the index (`.index-analysis/` for `index/`), one per paper; a build keeps only
 * its own papers' files, so the folder never holds more than the corpus. A file that cannot be read is
 * analysed again: the cache can only make a build faster, never fail it.
 */

/** Where the analyses of the index in `indexDir` are kept. */
export function analysisCacheDir(indexDir: string): string {
  return join(dirname(indexDir), `.${basename(indexDir)}-analysis`);
}

export interface AnalysisCache {
  /** The paper's analysis: from the cache when kept, else kuromoji's, then kept. */
  analyze(document: Document): Promise<TextAnalysis>;
  /** Papers analysed by kuromoji in this build, and found in the cache. */
  readonly counts: { analysed: number; cached: number };
  /** Removes the analyses of papers this build did not ask for. */
  prune(): Promise<void>;
}

/** A paper's key: the rules' version and exactly what analyzeDocument reads (its texts, and which are paragraphs). */
export function analysisKey(document: Document, rules: string): string {
  const paragraphs = document.sections.flatMap((section) => section.paragraphs.map((paragraph) => paragraph.text));
  return createHash('sha256').update(rules).update('\0').update(JSON.stringify([textsOf(document), paragraphs])).digest('hex');
}

export function openAnalysisCache(dir: string, rules: string, analyzer: () => Promise<KuromojiTokenizer>): AnalysisCache {
  const used = new Set<string>();
  const counts = { analysed: 0, cached: 0 };
  let ready: Promise<unknown> | undefined;
  return {
    counts,
    async analyze(document) {
      const key = analysisKey(document, rules);
      used.add(key);
      const file = join(dir, `${key}.json`);
      const kept = await readFile(file, 'utf8')
        .then((text) => JSON.parse(text) as TextAnalysis)
        .catch(() => undefined);
      if (kept !== undefined && Array.isArray(kept.votes) && Array.isArray(kept.conjugations) && Array.isArray(kept.places) && Array.isArray(kept.reference)) {
        counts.cached++;
        return kept;
      }
      const analysis = analyzeDocument(document, await analyzer());
      counts.analysed++;
      // Kept for the next build when the folder can be written (a read-only or full disk only costs speed).
      const fresh = `${file}.${process.pid}.tmp`;
      ready ??= mkdir(dir, { recursive: true });
      await ready
        .then(() => writeFile(fresh, JSON.stringify(analysis)))
        .then(() => rename(fresh, file))
        .catch(() => rm(fresh, { force: true }).catch(() => undefined));
      return analysis;
    },
    async prune() {
      const names = await readdir(dir).catch(() => [] as string[]);
      await Promise.all(names.filter((name) => !used.has(name.replace(/\.json$/u, ''))).map((name) => rm(join(dir, name), { force: true }).catch(() => undefined)));
    },
  };
}
