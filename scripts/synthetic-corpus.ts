import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadKuromoji } from '../src/ingest/lexicon';
import { parseDocument } from '../src/ingest/parse-document';
import { listCorpusFiles, readCorpusDocument } from '../src/ingest/read-corpus';
import type { Document } from '../src/model/document';
import { sentenceSpans } from '../src/text/sentences';
import { renderLayout, wrapParagraph, type LayoutPage } from '../test/support/pdf-layout';

/**
 * Synthetic corpora for the scale curve (`npm run bench:scale`): the real papers plus generated ones, until
 * the papers' text is about `scale` × the real corpus's bytes.
 *
 * The model. Every generated sentence is a real sentence's *skeleton*, analysed once by kuromoji: particles,
 * verbs, adjectives, auxiliaries, numbers and punctuation stay; every content noun (一般, サ変接続,
 * 形容動詞語幹, 固有名詞 by subclass) is drawn again from a Pitman–Yor process of its class. Each process is
 * seeded with the real corpus's noun counts (so NATO, 米国, 安全保障 keep their share and generated papers
 * compete with the real ones on the questions' words) and opens a new word type with probability
 * (θ + d·K) / (θ + n) (K types, n tokens so far): this gives Zipf-distributed frequencies and Heaps'-law
 * growth of the vocabulary (types ∝ n^d, d = {@link DISCOUNT}). New types come from IPADIC's nouns of that
 * class (node_modules/kuromoji/dict), drawn without replacement with weight exp(−cost / {@link COST_TEMPERATURE}),
 * so common dictionary words arrive before rare ones. A drawn sentence equal to a real one is drawn again.
 * Footnotes cite real publishers' host names and real Latin words of the real footnotes, under new paths.
 *
 * Papers are laid out as the PDF extractor lays out the seeds (test/support/pdf-layout.ts): wrapped at 98
 * columns, summary bullets, headings at the foot of the page in a slot, 【…】 sub-headings, footnote markers
 * glued to the word before them and their footnotes at the page foot, an optional closing line. A paragraph
 * never runs on to the next page. Every paper is parsed with the real ingestion as it is written, and the
 * generator throws if the parse differs from what was generated (footnotes, citing markers, headings).
 *
 * Deterministic: one seeded PRNG drives everything in paper order, and the scale only decides when to stop,
 * so the papers of a smaller scale are those of a larger one (except the last, which is cut to size).
 */

export interface SyntheticCorpusOptions {
  targetDir: string;
  /** Total papers' text ÷ the real corpus's; 1 writes the real corpus only. */
  scale: number;
  seed: number;
  /** The real corpus; default `corpus`. */
  sourceDir?: string;
}

/** What was generated for one paper, to compare with what the ingestion reads back. */
export interface GeneratedPaper {
  file: string;
  title: string;
  bytes: number;
  pages: number;
  summary: number;
  /** Level-1 headings, in order (the first section is untitled). */
  headings: string[];
  /** 【…】 sub-headings, in order. */
  subheadings: string[];
  paragraphs: number;
  footnotes: number;
  urls: number;
  closing: boolean;
}

export interface SyntheticCorpus {
  realFiles: string[];
  realBytes: number;
  totalBytes: number;
  papers: GeneratedPaper[];
  /** Noun types and tokens per class after generation: the Heaps'-law curve's end point. */
  vocabulary: Record<string, { types: number; tokens: number; seedTypes: number; seedTokens: number }>;
}

/** Pitman–Yor discount d: the Heaps'-law exponent of each noun class's vocabulary. */
export const DISCOUNT = 0.6;
/** Pitman–Yor concentration θ. */
const CONCENTRATION = 5;
/** IPADIC word costs run ~2,000–15,000; lower is more common. */
const COST_TEMPERATURE = 800;
const WRAP_WIDTH = 98;
/** Body and footnote lines per page. */
const PAGE_LINES = 44;
const PAPER_BYTES = { min: 16_000, max: 48_000 } as const;
const SUMMARY_BULLET = '\uf06c';
const SIDECAR_FILES = ['glossary.json'];

/** sfc32, seeded through splitmix32: a small, fast, deterministic PRNG. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  const splitmix = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let [a, b, c, d] = [splitmix(), splitmix(), splitmix(), splitmix()];
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

/**
 * A noun class's vocabulary as a Pitman–Yor process: `draw()` returns an existing type with probability
 * ∝ (count − d), or the next unused dictionary word with probability ∝ θ + d·K.
 */
class PitmanYorVocabulary {
  private readonly counts = new Map<string, number>();
  private readonly history: string[] = [];
  private next = 0;
  readonly seedTypes: number;
  readonly seedTokens: number;

  constructor(
    seedTokens: readonly string[],
    private readonly newTypes: readonly string[],
    private readonly random: Random,
  ) {
    for (const word of seedTokens) this.add(word);
    this.seedTypes = this.counts.size;
    this.seedTokens = this.history.length;
  }

  get types(): number {
    return this.counts.size;
  }

  get tokens(): number {
    return this.history.length;
  }

  draw(): string {
    const n = this.history.length;
    const openNew = n === 0 || this.random() < (CONCENTRATION + DISCOUNT * this.counts.size) / (CONCENTRATION + n);
    if (openNew) {
      while (this.next < this.newTypes.length) {
        const word = this.newTypes[this.next++] as string;
        if (!this.counts.has(word)) return this.add(word);
      }
      if (n === 0) throw new Error('a noun class with neither seed words nor dictionary words');
    }
    // Uniform over tokens is ∝ count; accepting with (count − d) / count makes it ∝ count − d.
    for (;;) {
      const word = this.history[Math.floor(this.random() * n)] as string;
      const count = this.counts.get(word) as number;
      if (this.random() * count < count - DISCOUNT) return this.add(word);
    }
  }

  private add(word: string): string {
    this.counts.set(word, (this.counts.get(word) ?? 0) + 1);
    this.history.push(word);
    return word;
  }
}

/** A real sentence's tokens: text kept as is, or a noun slot of a class to draw again. */
export type Skeleton = Array<{ text: string } | { slot: string }>;

interface SourceModel {
  realFiles: string[];
  realBytes: number;
  realSentences: Set<string>;
  skeletons: Skeleton[];
  seedNouns: Map<string, string[]>;
  dictionaryNouns: Map<string, Array<{ word: string; cost: number }>>;
  /** Latin words of the real footnotes, one entry per occurrence (uniform picks are ∝ frequency). */
  latinWords: string[];
  hosts: string[];
}

/**
 * A bracket right after a redrawn noun glosses the real noun (`北大西洋条約機構（NATO）`): kept after a new
 * noun, it would pair that noun with the gloss (`日ワセリン欠如（NATO）`) and the alias mining of the build
 * would learn it as a definition. Such glosses are left out of the skeleton.
 */
export function withoutGlosses(skeleton: Skeleton): Skeleton {
  const kept: Skeleton = [];
  for (let position = 0; position < skeleton.length; position++) {
    const part = skeleton[position] as Skeleton[number];
    const previous = kept.at(-1);
    if ('text' in part && /^[（(]$/u.test(part.text) && previous !== undefined && 'slot' in previous) {
      const close = skeleton.findIndex((other, index) => index > position && 'text' in other && /^[）)]$/u.test(other.text));
      if (close !== -1 && close - position <= 8) {
        position = close;
        continue;
      }
    }
    kept.push(part);
  }
  return kept;
}

/** The noun class a token is redrawn from, or undefined to keep it. */
function nounClass(pos: string, detail1: string, detail2: string): string | undefined {
  if (pos !== '名詞') return undefined;
  if (detail1 === '一般' || detail1 === 'サ変接続' || detail1 === '形容動詞語幹') return detail1;
  if (detail1 === '固有名詞') return `固有名詞,${detail2}`;
  return undefined;
}

/** The sentences of a document's reading text: paragraphs, summary and closing line. */
export function sentencesOf(document: Document): string[] {
  const texts = [
    ...document.summary.map((item) => item.text),
    ...document.sections.flatMap((section) => section.paragraphs.map((paragraph) => paragraph.text)),
    ...(document.closing ? [document.closing.text] : []),
  ];
  return texts.flatMap((text) => sentenceSpans(text).map((span) => text.slice(span.start, span.end).trim())).filter((sentence) => sentence !== '');
}

/**
 * IPADIC's nouns by class with their word cost, read straight from kuromoji's packed dictionary: tid.dat
 * holds 10-byte entries (left id, right id, cost: int16; feature offset: int32, little-endian), tid_pos.dat
 * the NUL-terminated feature lines `surface,品詞,細分類1,細分類2,…`.
 */
async function readDictionaryNouns(exclude: ReadonlySet<string>): Promise<Map<string, Array<{ word: string; cost: number }>>> {
  const require = createRequire(import.meta.url);
  const dictDir = join(dirname(require.resolve('kuromoji/package.json')), 'dict');
  const entries = gunzipSync(await readFile(join(dictDir, 'tid.dat.gz')));
  const features = gunzipSync(await readFile(join(dictDir, 'tid_pos.dat.gz')));
  const view = new DataView(entries.buffer, entries.byteOffset, entries.byteLength);
  const decoder = new TextDecoder();
  const nounPrefix = Buffer.from(',名詞,');
  const byClass = new Map<string, Array<{ word: string; cost: number }>>();
  const seen = new Set<string>();
  for (let offset = 0; offset + 10 <= entries.length; offset += 10) {
    const cost = view.getInt16(offset + 4, true);
    const featureOffset = view.getInt32(offset + 6, true);
    if (featureOffset === 0 && cost === 0) continue;
    const end = features.indexOf(0, featureOffset);
    const line = features.subarray(featureOffset, end < 0 ? features.length : end);
    if (line.indexOf(nounPrefix) < 0) continue;
    const [word, pos, detail1, detail2] = decoder.decode(line).split(',');
    if (word === undefined || pos === undefined || detail1 === undefined || detail2 === undefined) continue;
    const kind = nounClass(pos, detail1, detail2);
    if (kind === undefined || exclude.has(word) || seen.has(word)) continue;
    // Two to six kanji or katakana: the shape of the corpus's own content nouns (no kana-only or symbol entries).
    if (!/^[\p{Script=Han}\p{Script=Katakana}ー]{2,6}$/u.test(word)) continue;
    seen.add(word);
    let list = byClass.get(kind);
    if (list === undefined) byClass.set(kind, (list = []));
    list.push({ word, cost });
  }
  return byClass;
}

const sourceModels = new Map<string, Promise<SourceModel>>();

/** The real corpus analysed for generation; memoized per folder (it depends on nothing random). */
function loadSourceModel(sourceDir: string): Promise<SourceModel> {
  let model = sourceModels.get(sourceDir);
  if (model === undefined) sourceModels.set(sourceDir, (model = buildSourceModel(sourceDir)));
  return model;
}

async function buildSourceModel(sourceDir: string): Promise<SourceModel> {
  const realFiles = await listCorpusFiles(sourceDir);
  const documents = await Promise.all(realFiles.map((file) => readCorpusDocument(file)));
  let realBytes = 0;
  for (const file of realFiles) realBytes += (await readFile(file)).length;
  const sentences = documents.flatMap(sentencesOf);
  const analyzer = await loadKuromoji();
  const seedNouns = new Map<string, string[]>();
  const skeletons: Skeleton[] = [];
  for (const sentence of sentences) {
    const skeleton: Skeleton = [];
    for (const token of analyzer.tokenize(sentence)) {
      const kind = nounClass(token.pos, token.pos_detail_1, token.pos_detail_2);
      if (kind === undefined || /\d/u.test(token.surface_form) || !/^[\p{L}ー・]+$/u.test(token.surface_form)) {
        skeleton.push({ text: token.surface_form });
        continue;
      }
      skeleton.push({ slot: kind });
      let seed = seedNouns.get(kind);
      if (seed === undefined) seedNouns.set(kind, (seed = []));
      seed.push(token.surface_form);
    }
    const length = Array.from(sentence).length;
    if (skeleton.some((part) => 'slot' in part) && length >= 12 && length <= 160 && /。$/u.test(sentence)) skeletons.push(withoutGlosses(skeleton));
  }
  const footnoteTexts = documents.flatMap((document) => document.footnotes.map((footnote) => footnote.text));
  const latinWords = footnoteTexts.flatMap((text) => text.replace(/https?:\/\/\S+/gu, '').match(/\b[A-Za-z][a-z]{2,}\b/gu) ?? []);
  const hosts = [...new Set(documents.flatMap((document) => document.footnotes.flatMap((footnote) => footnote.urls.map((url) => new URL(url).hostname))))].sort();
  const known = new Set([...seedNouns.values()].flat());
  return {
    realFiles,
    realBytes,
    realSentences: new Set(sentences),
    skeletons,
    seedNouns,
    dictionaryNouns: await readDictionaryNouns(known),
    latinWords: latinWords.length > 0 ? latinWords : ['Security', 'Policy', 'Review'],
    hosts: hosts.length > 0 ? hosts : ['www.example.org'],
  };
}

/** Draws sentences, headings and footnotes from the model, in one seeded sequence. */
class PaperWriter {
  private readonly vocabularies = new Map<string, PitmanYorVocabulary>();

  constructor(
    private readonly model: SourceModel,
    private readonly random: Random,
  ) {
    const classes = new Set([...model.seedNouns.keys(), ...model.dictionaryNouns.keys()]);
    for (const kind of [...classes].sort()) {
      // Gumbel top-k: sorting by −cost/T + Gumbel noise samples without replacement ∝ exp(−cost/T).
      const candidates = (model.dictionaryNouns.get(kind) ?? [])
        .map(({ word, cost }) => ({ word, key: -cost / COST_TEMPERATURE - Math.log(-Math.log(random() || Number.MIN_VALUE)) }))
        .sort((left, right) => right.key - left.key)
        .map(({ word }) => word);
      this.vocabularies.set(kind, new PitmanYorVocabulary(model.seedNouns.get(kind) ?? [], candidates, random));
    }
  }

  vocabularyStats(): SyntheticCorpus['vocabulary'] {
    return Object.fromEntries([...this.vocabularies].map(([kind, vocabulary]) => [kind, { types: vocabulary.types, tokens: vocabulary.tokens, seedTypes: vocabulary.seedTypes, seedTokens: vocabulary.seedTokens }]));
  }

  noun(kind: string): string {
    const vocabulary = this.vocabularies.get(kind) ?? this.vocabularies.get('一般');
    if (vocabulary === undefined) throw new Error(`no vocabulary for ${kind}`);
    return vocabulary.draw();
  }

  /** A sentence that no real paper has: a real skeleton with its nouns drawn again. */
  sentence(): string {
    for (let attempt = 0; attempt < 20; attempt++) {
      const skeleton = pick(this.random, this.model.skeletons);
      const text = skeleton.map((part) => ('slot' in part ? this.noun(part.slot) : part.text)).join('');
      if (!this.model.realSentences.has(text)) return text;
    }
    throw new Error('every drawn sentence copied a real one');
  }

  heading(): string {
    const [first, second, third] = [this.noun('一般'), this.noun('サ変接続'), this.noun('一般')];
    return pick(this.random, [`${first}の${second}と${third}`, `${first}における${second}`, `${first}に関する${second}の${third}`, `${second}の現状と課題`, `${first}と${second}の${third}`]);
  }

  subheading(): string {
    return `【${this.noun('固有名詞,地域')}】`;
  }

  title(): string {
    return `${this.noun('一般')}と${this.noun('サ変接続')}：${this.noun('固有名詞,地域')}の${this.noun('一般')}`;
  }

  /** A footnote's text, and how many URLs it holds. */
  footnote(n: number): { text: string; urls: number } {
    const year = between(this.random, 2012, 2023);
    const [month, day] = [between(this.random, 1, 12), between(this.random, 1, 28)];
    const slug = Array.from({ length: between(this.random, 2, 5) }, () => pick(this.random, this.model.latinWords).toLowerCase()).join('-');
    const url = `https://${pick(this.random, this.model.hosts)}/${year}/${String(month).padStart(2, '0')}/${slug}-${n}.html`;
    const roll = this.random();
    if (roll < 0.08 && n > 1) return { text: '同上。', urls: 0 };
    if (roll < 0.55) {
      const source = `${this.noun('固有名詞,組織')}「${this.noun('一般')}の${this.noun('サ変接続')}に関する${this.noun('一般')}」`;
      return { text: `${source}、${year}年 ${month}月 ${day}日 [${url}]。`, urls: 1 };
    }
    if (roll < 0.75) return { text: `${this.noun('固有名詞,人名')}『${this.noun('一般')}と${this.noun('サ変接続')}』${this.noun('固有名詞,組織')}、${year}年 ${month}月。`, urls: 0 };
    const words = (count: number): string => Array.from({ length: count }, () => pick(this.random, this.model.latinWords)).join(' ');
    const capitalized = (count: number): string => words(count).replace(/\b[a-z]/gu, (letter) => letter.toUpperCase());
    const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    return { text: `${capitalized(2)}, “${capitalized(between(this.random, 3, 7))},” ${capitalized(2)}, ${months[month - 1]} ${day}, ${year} [${url}].`, urls: 1 };
  }
}

/** Sets digit runs off from the Japanese before them, as the extractor does (`当初は 12か`), so that only markers are glued. */
const spaceNumbers = (text: string): string => text.replace(/([^\x00-\x7f\s])(\d)/gu, '$1 $2');

/** Wraps a footnote so that no continuation line starts with a digit (it could read as the next footnote). */
function wrapFootnote(text: string): string[] {
  for (let width = WRAP_WIDTH; width > WRAP_WIDTH - 12; width--) {
    const lines = wrapParagraph(text, width);
    if (lines.slice(1).every((line) => !/^\s*\d/u.test(line))) return lines;
  }
  throw new Error(`cannot wrap footnote: ${text}`);
}

interface Block {
  lines: string[];
  footnotes: string[][];
  /** A level-1 heading printed at the foot of the page this block lands on. */
  heading?: string;
  /** Kept on one page with the block after it (a slot or a sub-heading is followed by text). */
  sticky?: boolean;
}

/** One generated paper's text and what it holds. */
function writePaper(writer: PaperWriter, random: Random, file: string, targetBytes: number): { text: string; paper: GeneratedPaper } {
  const blocks: Block[] = [];
  const headings: string[] = [];
  const subheadings: string[] = [];
  let footnotes = 0;
  let urls = 0;
  let paragraphs = 0;
  let bytes = 0;
  const push = (block: Block): void => {
    blocks.push(block);
    bytes += [...block.lines, ...block.footnotes.flat()].reduce((sum, line) => sum + Buffer.byteLength(line) + 2, 0);
  };
  const paragraph = (): void => {
    const notes: string[][] = [];
    const sentences = Array.from({ length: between(random, 1, 5) }, () => {
      const sentence = spaceNumbers(writer.sentence());
      // A marker is glued to a kana or kanji before the full stop; never after a digit, Latin letter or bracket.
      if (random() >= 0.3 || !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]。$/u.test(sentence)) return sentence;
      footnotes++;
      const note = writer.footnote(footnotes);
      urls += note.urls;
      notes.push(wrapFootnote(`${footnotes} ${note.text}`));
      return `${sentence.slice(0, -1)}${footnotes}。`;
    });
    const indent = random() < 0.8 ? ' ' : '';
    push({ lines: wrapParagraph(`${indent}${sentences.join('')}`, WRAP_WIDTH), footnotes: notes });
    paragraphs++;
  };

  const summary = random() < 0.6 ? between(random, 3, 6) : 0;
  for (let index = 0; index < summary; index++) push({ lines: wrapParagraph(`${SUMMARY_BULLET} ${spaceNumbers(writer.sentence())}`, WRAP_WIDTH), footnotes: [] });
  // After the summary box, a slot no heading fills: the untitled first section, as in the seed paper 000.
  if (summary > 0) push({ lines: [' ', ' '], footnotes: [], sticky: true });
  paragraph();
  let countrySection = random() < 0.6;
  while (bytes < targetBytes) {
    if (random() < 0.2) {
      const heading = writer.heading();
      headings.push(heading);
      push({ lines: [' ', ' '], footnotes: [], heading, sticky: true });
      paragraph();
      if (countrySection && headings.length >= 2) {
        countrySection = false;
        for (let count = between(random, 2, 5); count > 0 && bytes < targetBytes; count--) {
          const subheading = writer.subheading();
          subheadings.push(subheading);
          push({ lines: [' ', `${subheading} `], footnotes: [], sticky: true });
          for (let more = between(random, 1, 3); more > 0; more--) paragraph();
        }
        continue;
      }
    }
    paragraph();
  }
  const closing = random() < 0.7;
  if (closing) push({ lines: [' ', `（${between(random, 2015, 2023)}年 ${between(random, 1, 12)}月 ${between(random, 1, 28)}日脱稿） `], footnotes: [] });

  const pages: LayoutPage[] = [];
  let page: Required<LayoutPage> = { body: [], footnotes: [], headings: [] };
  let used = 0;
  for (let index = 0; index < blocks.length; ) {
    let end = index;
    while (blocks[end]?.sticky && end + 1 < blocks.length) end++;
    const unit = blocks.slice(index, end + 1);
    const size = unit.reduce((sum, block) => sum + block.lines.length + block.footnotes.flat().length, 0);
    // Pages break only before a paragraph: a page that started with a slot's blank lines would not be seen as a page, and a
    // heading with no slot after a footnote is read as the footnote's last line (DESIGN.md, known limits).
    const breakable = unit[0]?.lines[0]?.trim() !== '';
    if (used > 0 && breakable && used + size > PAGE_LINES) {
      pages.push(page);
      page = { body: [], footnotes: [], headings: [] };
      used = 0;
    }
    for (const block of unit) {
      page.body.push(...block.lines);
      page.footnotes.push(...block.footnotes.flat());
      if (block.heading !== undefined) page.headings.push(`${block.heading} `);
    }
    used += size;
    index = end + 1;
  }
  pages.push(page);
  const text = renderLayout(pages);
  const title = writer.title();
  return {
    text,
    paper: { file, title, bytes: Buffer.byteLength(text), pages: pages.length, summary, headings, subheadings, paragraphs, footnotes, urls, closing },
  };
}

/** Throws when the real ingestion reads `text` otherwise than it was generated. */
export function checkGeneratedPaper(document: Document, paper: GeneratedPaper): void {
  const problems: string[] = [];
  const cited = document.sections.flatMap((section) => section.paragraphs.flatMap((item) => item.refs.map((ref) => ref.n)));
  const expectFootnotes = Array.from({ length: paper.footnotes }, (_, index) => index + 1);
  if (document.footnotes.map((footnote) => footnote.n).join() !== expectFootnotes.join()) problems.push(`footnotes ${document.footnotes.length}, generated ${paper.footnotes}`);
  if (cited.join() !== expectFootnotes.join()) problems.push(`markers ${cited.join()}, generated 1..${paper.footnotes}`);
  const urls = document.footnotes.reduce((sum, footnote) => sum + footnote.urls.length, 0);
  if (urls !== paper.urls) problems.push(`URLs ${urls}, generated ${paper.urls}`);
  const level1 = document.sections.filter((section) => section.level === 1 && section.heading !== null).map((section) => section.heading);
  if (level1.join('|') !== paper.headings.join('|')) problems.push(`headings [${level1.join('|')}], generated [${paper.headings.join('|')}]`);
  const level2 = document.sections.filter((section) => section.level === 2).map((section) => section.heading);
  if (level2.join('|') !== paper.subheadings.join('|')) problems.push(`sub-headings [${level2.join('|')}], generated [${paper.subheadings.join('|')}]`);
  if (document.summary.length !== paper.summary) problems.push(`summary ${document.summary.length}, generated ${paper.summary}`);
  if (document.pages !== paper.pages) problems.push(`pages ${document.pages}, generated ${paper.pages}`);
  if ((document.closing !== null && document.closing !== undefined) !== paper.closing) problems.push(`closing line read ${document.closing ? 'yes' : 'no'}, generated ${paper.closing ? 'yes' : 'no'}`);
  if (document.warnings.length > 0) problems.push(`warnings: ${document.warnings.join('; ')}`);
  if (problems.length > 0) throw new Error(`${paper.file} is not read as generated: ${problems.join('; ')}`);
}

/** Copies the real corpus into `targetDir` and adds generated papers `synthetic-NNNN.txt` with sidecars. */
export async function writeSyntheticCorpus({ targetDir, scale, seed, sourceDir = 'corpus' }: SyntheticCorpusOptions): Promise<SyntheticCorpus> {
  const model = await loadSourceModel(sourceDir);
  await mkdir(targetDir, { recursive: true });
  const sourceNames = await readdir(sourceDir);
  for (const name of sourceNames) {
    // Read and written rather than copied, so the copies are writable whatever the originals' mode.
    if (/\.(txt|meta\.json)$/iu.test(name) || SIDECAR_FILES.includes(name)) await writeFile(join(targetDir, name), await readFile(join(sourceDir, name)));
  }
  const random = createRandom(seed);
  const writer = new PaperWriter(model, random);
  const target = scale * model.realBytes;
  let totalBytes = model.realBytes;
  const papers: GeneratedPaper[] = [];
  while (totalBytes < target - PAPER_BYTES.min / 4) {
    const file = `synthetic-${String(papers.length + 1).padStart(4, '0')}.txt`;
    const drawn = between(random, PAPER_BYTES.min, PAPER_BYTES.max);
    const { text, paper } = writePaper(writer, random, file, Math.min(drawn, Math.max(target - totalBytes, PAPER_BYTES.min / 2)));
    await writeFile(join(targetDir, file), text);
    checkGeneratedPaper(parseDocument(text, { sourceFile: file, sidecar: { title: paper.title } }), paper);
    await writeFile(join(targetDir, file.replace(/\.txt$/u, '.meta.json')), `${JSON.stringify({ title: paper.title, series: 'synthetic (npm run bench:scale)', lang: 'ja' }, null, 2)}\n`);
    papers.push(paper);
    totalBytes += paper.bytes;
  }
  return { realFiles: model.realFiles, realBytes: model.realBytes, totalBytes, papers, vocabulary: writer.vocabularyStats() };
}
