import { copyFile, link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { Document } from '../model/document';
import { footnoteKey } from '../model/ids';
import {
  DATA_FILE,
  INDEX_FORMAT,
  MANIFEST_FILE,
  TOKENIZER_NAME,
  TOKENIZER_VERSION,
  type IndexData,
  type IndexProblem,
  type Manifest,
  type ManifestFile,
  type Passage,
  type EnglishRelated,
} from '../search/index-format';
import { layoutIndex, paperFiles } from '../search/index-layout';
import { checkManifest, IndexError } from '../search/load-index';
import { memoryReader, openIndex, type IndexStore, type StoreLimits } from '../search/store';
import { TokenMemo } from '../text/token-memo';
import { Lexicon, type LexiconData } from '../text/tokenizer';
import { aliasGroups } from './aliases';
import { capitalCountries } from './capitals';
import { corpusSynonyms, readSudachiSynonyms, type SudachiGroup } from './synonyms';
import { readWordNetRelations, relatedFrom, type WordNetRelations } from './wordnet';
import { buildRulesVersion } from './build-rules';
import { isMissingFile } from './corpus-files';
import { IngestError } from './errors';
import { INGEST_LIMITS } from './limits';
import { parseDictionary, readEnglishDictionary } from './english-dictionary';
import { corpusVocabulary, deriveEnglishEntries, englishTranslations, type EnglishEntries, type VocabularyText } from './english-lexicon';
import { readGlossary } from './glossary';
import { fingerprintCorpus, type CorpusFingerprint } from './index-status';
import { agreementCounts, agreementOf, DICTIONARY, KUROMOJI_VERSION, lexiconOf, loadKuromoji, textsOf, tokenizerAgreement, type AgreementCounts, type DocumentAnalyzer, type KuromojiTokenizer, type ProperNouns, type TextAnalysis } from './lexicon';
import { analysisCacheDir, openAnalysisCache, openPaperCache, parseMemo, type ParseCounts } from './analysis-cache';
import { passagesOf } from './passages';
import { readTokenCache, tokenCacheDir, writeTokenCache } from './token-cache';
import { inParallel } from './in-parallel';
import { readCorpus } from './read-corpus';

/**
 * The index build: corpus → documents → kuromoji lexicon → passages and their terms → postings → index/ (index-layout.ts).
 * Everything is built in memory first; the files are written to a sibling folder and swapped in, so a
 * build that fails at any point leaves the previous index as it was.
 */

/** What operators and the dictionary add to the documents: the glossary's name groups and English. */
export interface Vocabularies {
  glossary: readonly string[][];
  /** English → Japanese entries for the corpus, given which Japanese words the corpus has (corpusVocabulary). */
  english: (occurs: (japanese: string) => boolean) => EnglishEntries;
  /** Sudachi's synonym groups (synonyms.ts); none when left out. */
  synonyms?: readonly SudachiGroup[];
  /** WordNet's relations (wordnet.ts), for English words the dictionary does not translate into the corpus; none when left out. */
  wordnet?: WordNetRelations;
}

/** Makes the build's tokenizer over its lexicon (a TokenMemo, carrying an earlier build's tokens where they still hold). */
export type TokenMemoFactory = (lexicon: Lexicon, data: LexiconData) => TokenMemo;

/** The memo under which each paper's texts are kept; dictionary words, glossary and alias forms have their own. */
const WORDS_BUCKET = '(words)';

/** Builds the index data in memory from parsed documents. */
export function buildIndexData(
  documents: readonly Document[],
  { glossary, english, synonyms: sudachi = [], wordnet }: Vocabularies,
  fingerprint: CorpusFingerprint,
  analyze: DocumentAnalyzer,
  problems: readonly IndexProblem[] = [],
  buildRules = '',
  tokenMemo: TokenMemoFactory = (lexicon, data) => new TokenMemo(lexicon, data),
  /** Marks the end of each step, for the build's log of where the time goes. */
  lap: (step: string) => void = () => {},
): IndexData {
  const names: ProperNouns = { places: new Set(), readings: new Map() };
  const analyses = documents.map(analyze);
  const lexiconData = lexiconOf(analyses, names);
  const lexicon = new Lexicon(lexiconData);
  const memo = tokenMemo(lexicon, lexiconData);
  const papers = documents.map((document) => ({ document, tokenize: memo.scope(document.id) }));
  const words = memo.scope(WORDS_BUCKET);
  lap('lexicon');

  const passages: Passage[] = papers.flatMap(({ document, tokenize }) => passagesOf(document, tokenize));
  const documentFrequency: Record<string, number> = {};
  for (const passage of passages) {
    for (const term of new Set([...passage.tokens.map(([term]) => term), ...passage.contextTerms, ...passage.noteTerms])) documentFrequency[term] = (documentFrequency[term] ?? 0) + 1;
  }

  const footnoteTokens: Record<string, Array<[string, number, number]>> = {};
  for (const { document, tokenize } of papers) {
    for (const footnote of document.footnotes) {
      footnoteTokens[footnoteKey(document.id, footnote.n)] = tokenize(footnote.text).map((token) => [token.term, token.start, token.end]);
    }
  }

  lap('passages');
  const texts = papers.flatMap(({ document, tokenize }) =>
    textsOf(document).map((text): VocabularyText => ({ text, normalized: memo.normalized(text), terms: tokenize(text).map((token) => token.term) })),
  );
  const aliasTexts = [...texts.map(({ text }) => text), ...documents.flatMap((document) => document.tables.flatMap((table) => table.columns))];
  const aliases = aliasGroups(aliasTexts, glossary, words);
  const occurs = corpusVocabulary(texts, lexicon, words);
  lap('aliases and vocabulary');
  const translations = englishTranslations(english(occurs), words, documentFrequency);
  lap('English');
  const synonyms = corpusSynonyms(sudachi, occurs, words);
  lap('synonyms');
  const englishRelated: EnglishRelated = wordnet === undefined ? {} : relatedFrom(wordnet, translations);
  lap('WordNet');
  const capitals = capitalCountries();
  const manifest: Manifest = {
    format: INDEX_FORMAT,
    tokenizer: {
      name: TOKENIZER_NAME,
      version: TOKENIZER_VERSION,
      analyzer: `kuromoji ${KUROMOJI_VERSION}`,
      dictionary: DICTIONARY,
      lexiconEntries: Object.keys(lexiconData.entries).length,
      agreementWithAnalyzer: tokenizerAgreement(papers.map(({ tokenize }, index) => ({ reference: (analyses[index] as TextAnalysis).reference, tokenize }))),
    },
    corpus: fingerprint,
    counts: {
      documents: documents.length,
      passages: passages.length,
      footnotes: documents.reduce((sum, document) => sum + document.footnotes.length, 0),
      terms: Object.keys(documentFrequency).length,
      aliases: aliases.length,
      englishPhrases: Object.keys(translations).length,
      englishRelated: Object.keys(englishRelated).length,
      capitals: Object.keys(capitals).length,
      synonymGroups: synonyms.length,
    },
    builtAt: new Date().toISOString(),
    buildRules,
    problems: [...problems],
  };
  return {
    manifest,
    documents: [...documents],
    passages,
    lexicon: lexiconData,
    aliases,
    documentFrequency,
    english: translations,
    englishRelated,
    capitals,
    synonyms,
    places: [...names.places].sort(),
    readings: Object.fromEntries([...names.readings].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    footnoteTokens,
  };
}

/** The index's files (index-layout.ts), each field capped as the build caps them; none of the papers in `kept`. */
export function indexFiles(data: IndexData, kept?: ReadonlySet<string>, normalized?: (text: string) => string | undefined): Map<string, string> {
  return layoutIndex(data, INGEST_LIMITS.maxFieldTerms, kept, normalized).files;
}

/** A key of a lexicon: the index's manifest and the kept tokens record which lexicon their tokens hold under. */
export function lexiconKey(lexicon: LexiconData): string {
  return createHash('sha256').update(JSON.stringify(lexicon)).digest('hex');
}

/**
 * What a build may keep of the index it replaces: the papers whose files are as they would be laid out
 * again (segments: their keys), and where those files are. writeIndex links them instead of writing them.
 */
export interface KeptPapers {
  /** The index being replaced, and its manifest. */
  from: string;
  manifest: ManifestFile;
  /** Document ids. */
  papers: ReadonlySet<string>;
}

/** The manifest of the index in `indexDir`, when it is one of this format; undefined otherwise. */
async function previousManifest(indexDir: string): Promise<ManifestFile | undefined> {
  const value = await readFile(join(indexDir, MANIFEST_FILE), 'utf8').then((text) => JSON.parse(text) as unknown, () => undefined);
  return value !== undefined && checkManifest(value).ok ? (value as ManifestFile) : undefined;
}

/** The index of `data` as a runtime opens it, held in memory (tests, evaluation, benchmarks). */
export function indexInMemory(data: IndexData, limits?: StoreLimits): Promise<IndexStore> {
  return openIndex(memoryReader(indexFiles(data)), limits);
}

export interface BuildOptions {
  corpusDir: string;
  indexDir: string;
  /** Progress lines, for the CLI. */
  log?: (line: string) => void;
}

/**
 * Reads the corpus, builds the index and swaps it into `indexDir`. A paper that cannot be read or parsed
 * is reported (`log`) and left out, or replaced by its version in the index being replaced; the manifest
 * lists them. Throws without touching `indexDir` when no index can be built at all.
 */
export async function buildIndex({ corpusDir, indexDir, log = () => {} }: BuildOptions): Promise<Manifest> {
  const started = performance.now();
  // Where the time goes, for the last line of the log.
  const phases: string[] = [];
  let lapStart = started;
  const lap = (phase: string): void => {
    const now = performance.now();
    phases.push(`${phase} ${Math.round(now - lapStart)}`);
    lapStart = now;
  };
  const fingerprint = await fingerprintCorpus(corpusDir);
  const rules = await buildRulesVersion();
  const paperCache = openPaperCache(analysisCacheDir(indexDir));
  // What every build reads besides the papers, started now so that its reads overlap the papers' (a
  // failed read is reported where it is awaited, below).
  const lexicalData = Promise.all([readSudachiSynonyms(), readWordNetRelations(paperCache, rules), readTokenCache(tokenCacheDir(indexDir), rules), previousManifest(indexDir), readEnglishDictionary()]);
  lexicalData.catch(() => undefined);
  const parsing: ParseCounts = { parsed: 0, cached: 0 };
  const paperKeys = new Map<string, string>();
  const { documents, problems, errors } = await readCorpus(corpusDir, { previous: () => previousDocuments(indexDir), memo: parseMemo(paperCache, rules, parsing, paperKeys) });
  errors.forEach((error, index) => log(`warning: ${error.message} (${problems[index]?.kept ? 'its previous version stays in the index' : 'left out of the index'})`));
  if (documents.length === 0) throw new IngestError('NOTHING_INDEXED', { file: corpusDir }, String(problems.length));
  const glossary = await readGlossary(corpusDir);
  for (const document of documents) {
    for (const warning of document.warnings) log(`warning: ${document.sourceFile}: ${warning}`);
  }
  lap('reading');
  log(`parsed ${documents.length} documents (${parsing.cached} of them as the last build parsed them)${problems.length > 0 ? `, ${problems.length} files with problems` : ''}`);
  let analyzer: Promise<KuromojiTokenizer> | undefined;
  const cache = openAnalysisCache(paperCache, rules, () => (analyzer ??= loadKuromoji()), (document) => paperKeys.get(document.sourceFile));
  const analyses = new Map<Document, TextAnalysis>();
  // A few at a time, for the cached ones' reads (kuromoji itself runs one paper at a time: it is synchronous).
  await inParallel(documents, INGEST_LIMITS.filesAtOnce, async (document) => analyses.set(document, await cache.analyze(document)));
  lap('analysis');
  log(`analysed ${cache.counts.analysed} papers with kuromoji, ${cache.counts.cached} from the analysis cache`);
  const [synonyms, wordnet, kept, previous, dictionary] = await lexicalData;
  const english = (occurs: (japanese: string) => boolean): EnglishEntries => deriveEnglishEntries(parseDictionary(dictionary, occurs), occurs);
  lap('dictionaries and kept tokens');
  let memo: TokenMemo | undefined;
  const tokenMemo: TokenMemoFactory = (lexicon, lexiconData) => (memo = new TokenMemo(lexicon, lexiconData, kept?.carried));
  const data = buildIndexData(documents, { glossary, english, synonyms, wordnet }, fingerprint, (document) => analyses.get(document) as TextAnalysis, problems, rules, tokenMemo, (step) => lap(`index data: ${step}`));
  lap('index data: the rest');
  // A paper parsed from the same bytes by the same rules, all of whose texts kept the tokens the replaced
  // index was laid out with (its lexicon is the kept tokens'), has the same files: they are kept.
  const sameTokens = previous !== undefined && kept !== undefined && memo !== undefined && previous.buildRules === rules && previous.lexiconKey === lexiconKey(kept.carried.lexicon);
  const keptPapers = new Set(sameTokens ? documents.filter((document) => paperKeys.has(document.sourceFile) && previous?.segments?.[document.id]?.key === paperKeys.get(document.sourceFile) && memo?.carriedWhole(document.id) === true).map((document) => document.id) : []);
  // The tokenizer's agreement with kuromoji, paper by paper (the analyses came without their reference
  // texts, so buildIndexData counted none): a kept paper's as the replaced index has it, the others' from
  // their reference texts (read from the cache only for them).
  const segments: NonNullable<ManifestFile['segments']> = {};
  const agreements: AgreementCounts[] = [];
  await inParallel(documents, INGEST_LIMITS.filesAtOnce, async (document) => {
    const tokenize = memo?.scope(document.id);
    const counts = (keptPapers.has(document.id) ? previous?.segments?.[document.id]?.agreement : undefined) ?? (tokenize === undefined ? undefined : agreementCounts(await cache.reference(document), tokenize));
    if (counts === undefined) return;
    agreements.push(counts);
    const key = paperKeys.get(document.sourceFile);
    if (key !== undefined) segments[document.id] = { key, agreement: counts };
  });
  data.manifest.tokenizer.agreementWithAnalyzer = agreementOf(agreements);
  lap('agreement');
  const reuse = previous === undefined ? undefined : { from: indexDir, manifest: previous, papers: keptPapers };
  const written = await writeIndex(indexDir, data, reuse, segments, (text) => memo?.knownNormalized(text));
  if (reuse !== undefined) log(`kept the files of ${written.keptPapers} papers from the index replaced, laid out ${documents.length - written.keptPapers}`);
  await paperCache.prune();
  lap('writing');
  if (memo !== undefined) {
    const { tokenized, carried, invalidated } = memo.counts;
    log(`tokenized ${tokenized} texts (${invalidated} of them again, where the lexicon changed), ${carried} carried from the last build`);
    await writeTokenCache(tokenCacheDir(indexDir), rules, data.lexicon, memo, kept).catch((error: unknown) => log(`warning: the tokens could not be kept for the next build (${String(error)})`));
    lap('keeping tokens');
  }
  log(`built in ${Math.round(performance.now() - started)} ms (${phases.join(', ')} ms)`);
  return data.manifest;
}

/**
 * The papers of the index in `indexDir`, by source file, when it is one this code can read: the last good
 * version of each, kept for a paper whose current file fails. None when there is no such index.
 */
export async function previousDocuments(indexDir: string): Promise<ReadonlyMap<string, Document>> {
  const read = (name: string): Promise<string | undefined> =>
    readFile(join(indexDir, name), 'utf8').catch((error: unknown) => {
      if (isMissingFile(error)) return undefined;
      throw error;
    });
  try {
    const store = await openIndex(read);
    const documents = await Promise.all(store.core.documents.map((entry) => store.document(entry.id)));
    return new Map(documents.filter((document): document is Document => document !== undefined).map((document) => [document.sourceFile, document]));
  } catch (error) {
    if (error instanceof IndexError) return new Map();
    throw error;
  }
}

/**
 * Writes the index's files and its manifest to a fresh sibling folder, then swaps it for `indexDir`. The
 * files of the papers `reuse` keeps are linked from the index being replaced (copied where links cannot be
 * made), each once its size is the one that index's manifest records; a paper with a file missing or of
 * another size is laid out again.
 */
export async function writeIndex(
  indexDir: string,
  data: IndexData,
  reuse?: KeptPapers,
  segments?: ManifestFile['segments'],
  /** The texts' search normalization where the build has it (its token memo). */
  normalized?: (text: string) => string | undefined,
): Promise<{ keptPapers: number }> {
  const parent = dirname(indexDir);
  const stamp = `${process.pid}-${Date.now()}`;
  const fresh = join(parent, `.${basename(indexDir)}.new-${stamp}`);
  const retired = join(parent, `.${basename(indexDir)}.old-${stamp}`);
  await mkdir(fresh, { recursive: true });
  const kept = new Set<string>();
  try {
    const passageCounts = new Map<string, number>();
    for (const passage of data.passages) passageCounts.set(passage.docId, (passageCounts.get(passage.docId) ?? 0) + 1);
    const sizes: Record<string, number> = {};
    const linked: string[] = [];
    if (reuse !== undefined) {
      await inParallel([...reuse.papers], INGEST_LIMITS.filesAtOnce, async (id) => {
        const names = paperFiles(id, passageCounts.get(id) ?? 0);
        const recorded = names.map((name) => reuse.manifest.files[name]);
        const found = await Promise.all(names.map((name) => stat(join(reuse.from, name)).then((info) => info.size, () => undefined)));
        if (!names.every((_, index) => recorded[index] !== undefined && found[index] === recorded[index])) return;
        kept.add(id);
        names.forEach((name, index) => {
          sizes[name] = recorded[index] as number;
          linked.push(name);
        });
      });
    }
    const files = indexFiles(data, kept, normalized);
    for (const folder of new Set([...files.keys(), ...linked].map((name) => dirname(name)).filter((folder) => folder !== '.'))) await mkdir(join(fresh, folder), { recursive: true });
    // A few at a time: a large index is thousands of small files.
    for (const [name, text] of files) sizes[name] = Buffer.byteLength(text);
    await inParallel([...files], INGEST_LIMITS.filesAtOnce, ([name, text]) => writeFile(join(fresh, name), text));
    if (reuse !== undefined) await inParallel(linked, INGEST_LIMITS.filesAtOnce, (name) => link(join(reuse.from, name), join(fresh, name)).catch(() => copyFile(join(reuse.from, name), join(fresh, name))));
    const manifestFile: ManifestFile = { ...data.manifest, data: { bytes: sizes[DATA_FILE] ?? 0 }, files: sizes, ...(segments === undefined ? {} : { segments, lexiconKey: lexiconKey(data.lexicon) }) };
    await writeFile(join(fresh, MANIFEST_FILE), `${JSON.stringify(manifestFile, null, 2)}\n`);
    const hadIndex = await rename(indexDir, retired).then(
      () => true,
      (error: unknown) => {
        if (isMissingFile(error)) return false;
        throw error;
      },
    );
    try {
      await rename(fresh, indexDir);
    } catch (error) {
      if (hadIndex) await rename(retired, indexDir);
      throw error;
    }
    if (hadIndex) await rm(retired, { recursive: true, force: true });
  } finally {
    await rm(fresh, { recursive: true, force: true });
  }
  return { keptPapers: kept.size };
}
