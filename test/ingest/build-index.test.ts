import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analysisCacheDir } from '../../src/ingest/analysis-cache';
import { buildIndex } from '../../src/ingest/build-index';
import { tokenCacheDir } from '../../src/ingest/token-cache';
import { buildRulesVersion } from '../../src/ingest/build-rules';
import { indexStatus } from '../../src/ingest/index-status';
import { IngestError } from '../../src/ingest/errors';
import { createSearchEngine } from '../../src/search/engine';
import { DATA_FILE, INDEX_FORMAT, MANIFEST_FILE, TOKENIZER_VERSION } from '../../src/search/index-format';
import { IndexError } from '../../src/search/load-index';
import { openIndex } from '../../src/search/store';
import { createApp } from '../../src/server/app';

/** The index build on a corpus of its own: the fixture paper and a glossary, in a temporary folder. */
let root: string;
let corpusDir: string;
let indexDir: string;
const files = (): Record<string, string> => Object.fromEntries(readdirSync(indexDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => { const name = relative(indexDir, join(entry.parentPath, entry.name)); return [name, readFileSync(join(indexDir, name), 'utf8')]; }));
const read = (name: string): Promise<string | undefined> => Promise.resolve(files()[name]);

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'shiori-build-'));
  corpusDir = join(root, 'corpus');
  indexDir = join(root, 'index');
  cpSync('test/fixtures/mda-commentary.txt', join(corpusDir, 'mda-commentary.txt'));
  writeFileSync(join(corpusDir, 'glossary.json'), JSON.stringify({ groups: [['豪州', 'オーストラリア']] }));
  await buildIndex({ corpusDir, indexDir });
}, 60_000);

/** A build's log and every file it wrote but the manifest (the core without its `builtAt`), to compare builds by. */
interface Built {
  lines: string[];
  written: Record<string, string>;
}
async function buildAndRead(corpus: string, indexDir: string): Promise<Built> {
  const lines: string[] = [];
  await buildIndex({ corpusDir: corpus, indexDir, log: (line) => lines.push(line) });
  const written = Object.fromEntries(readdirSync(indexDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && entry.name !== MANIFEST_FILE).map((entry) => [relative(indexDir, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name), 'utf8')]));
  written[DATA_FILE] = (written[DATA_FILE] ?? '').replace(/"builtAt":"[^"]*"/u, '');
  return { lines, written };
}

describe('buildIndex', () => {
  it('writes a manifest with format, tokenizer, analyzer, corpus hash and counts', () => {
    const manifest = JSON.parse(files()[MANIFEST_FILE] as string);
    expect(manifest).toMatchObject({
      format: INDEX_FORMAT,
      tokenizer: { name: 'shiori-lexicon', version: TOKENIZER_VERSION, analyzer: 'kuromoji 0.1.2', dictionary: 'ipadic (kuromoji 0.1.2)' },
      corpus: { files: ['glossary.json', 'mda-commentary.txt'] },
      counts: { documents: 1, footnotes: 6 },
    });
    expect(manifest.corpus.hash).toMatch(/^[0-9a-f]{64}$/u);
    expect(manifest.tokenizer.agreementWithAnalyzer).toBeGreaterThan(0.95);
    // The core, the postings shards, the passage blocks and the paper; the manifest lists each with its size.
    const written = files();
    expect(Object.keys(written).sort()).toEqual([MANIFEST_FILE, ...Object.keys(manifest.files)].sort());
    expect(Object.keys(manifest.files)).toEqual(expect.arrayContaining([DATA_FILE, 'postings/0.txt', 'passages/mda-commentary.0.txt', 'documents/mda-commentary.txt']));
    for (const [name, bytes] of Object.entries(manifest.files as Record<string, number>)) expect(Buffer.byteLength(written[name] ?? ''), name).toBe(bytes);
  });

  it('builds an index the runtime loads and searches', async () => {
    const engine = createSearchEngine(await openIndex(read));
    expect((await engine.search('オーストラリアの北部の監視能力', { limit: 1 })).results[0]?.text).toContain('北部の監視能力を優先課題');
  });

  it('knows when the index is stale: a changed paper or glossary', async () => {
    expect(await indexStatus(corpusDir, indexDir)).toEqual({ fresh: true });
    const glossary = join(corpusDir, 'glossary.json');
    const original = readFileSync(glossary, 'utf8');
    writeFileSync(glossary, JSON.stringify({ groups: [['豪州', 'オーストラリア', '豪']] }));
    expect(await indexStatus(corpusDir, indexDir)).toEqual({ fresh: false, reason: 'the corpus changed since the index was built' });
    writeFileSync(glossary, original);
    expect(await indexStatus(corpusDir, indexDir)).toEqual({ fresh: true });
    expect(await indexStatus(corpusDir, join(root, 'none'))).toEqual({ fresh: false, reason: `there is no index in ${join(root, 'none')}` });
  });

  it('leaves the previous index exactly as it was when no index can be built, and no temporary folders', async () => {
    const before = files();
    const broken = join(root, 'broken-corpus');
    cpSync(corpusDir, broken, { recursive: true });
    writeFileSync(join(broken, 'glossary.json'), '{ "groups": ');
    const error = await buildIndex({ corpusDir: broken, indexDir }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).message).toMatch(/glossary\.json: invalid metadata: not valid JSON/u);
    expect(files()).toEqual(before);
    const caches = [analysisCacheDir(indexDir), tokenCacheDir(indexDir)].map((dir) => basename(dir));
    expect(readdirSync(root).filter((name) => name.startsWith('.') && !caches.includes(name))).toEqual([]);
  });

  it('parses and runs kuromoji only on papers it has not seen: the same index from the cache, an edited paper parsed and analysed again, damaged entries too', async () => {
    const corpus = join(root, 'cached-corpus');
    const index = join(root, 'cached-index');
    cpSync(corpusDir, corpus, { recursive: true });
    writeFileSync(join(corpus, 'second.txt'), '日米豪の監視衛星について述べる文書である。\n');
    const build = async (): Promise<{ lines: string[]; written: Record<string, string> }> => {
      const lines: string[] = [];
      await buildIndex({ corpusDir: corpus, indexDir: index, log: (line) => lines.push(line) });
      const written = Object.fromEntries(readdirSync(index, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && entry.name !== MANIFEST_FILE).map((entry) => [relative(index, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name), 'utf8')]));
      // The core holds the manifest, and the manifest when it was built: everything else must be the same.
      written[DATA_FILE] = (written[DATA_FILE] ?? '').replace(/"builtAt":"[^"]*"/u, '');
      return { lines, written };
    };
    const cold = await build();
    expect(cold.lines).toContain('parsed 2 documents (0 of them as the last build parsed them)');
    expect(cold.lines).toContain('analysed 2 papers with kuromoji, 0 from the analysis cache');
    const cache = analysisCacheDir(index);
    // Each paper as parsed, its analysis and its reference texts, and WordNet's relations (the same for every corpus).
    expect(readdirSync(cache)).toHaveLength(7);
    const warm = await build();
    expect(warm.lines).toContain('parsed 2 documents (2 of them as the last build parsed them)');
    expect(warm.lines).toContain('analysed 0 papers with kuromoji, 2 from the analysis cache');
    expect(warm.written).toEqual(cold.written);

    writeFileSync(join(corpus, 'second.txt'), '日米豪の監視衛星と早期警戒について述べる文書である。\n');
    const edited = await build();
    expect(edited.lines).toContain('parsed 2 documents (1 of them as the last build parsed them)');
    expect(edited.lines).toContain('analysed 1 papers with kuromoji, 1 from the analysis cache');
    // The edited paper's old entries are gone: the cache holds the corpus's papers only (and WordNet's relations).
    expect(readdirSync(cache)).toHaveLength(7);
    expect(Object.values(edited.written).some((text) => text.includes('早期警戒'))).toBe(true);

    // A sidecar is part of what a paper is parsed from.
    writeFileSync(join(corpus, 'second.meta.json'), JSON.stringify({ title: '監視衛星の覚書' }));
    const titled = await build();
    expect(titled.lines).toContain('parsed 2 documents (1 of them as the last build parsed them)');
    expect(Object.values(titled.written).some((text) => text.includes('監視衛星の覚書'))).toBe(true);

    for (const name of readdirSync(cache)) writeFileSync(join(cache, name), '{"cut short');
    const damaged = await build();
    expect(damaged.lines).toContain('parsed 2 documents (0 of them as the last build parsed them)');
    expect(damaged.lines).toContain('analysed 2 papers with kuromoji, 0 from the analysis cache');
    expect(damaged.written).toEqual(titled.written);

    // A valid entry of another paper, put where this paper's parse is kept, is not believed.
    const parsedOf = (name: string): string[] => readdirSync(cache).filter((file) => (JSON.parse(readFileSync(join(cache, file), 'utf8')) as { sourceFile?: string }).sourceFile === name);
    const [second] = parsedOf('second.txt');
    const [other] = readdirSync(corpus).filter((name) => name.endsWith('.txt') && name !== 'second.txt').flatMap(parsedOf);
    writeFileSync(join(cache, second as string), readFileSync(join(cache, other as string)));
    const swapped = await build();
    expect(swapped.lines).toContain('parsed 2 documents (1 of them as the last build parsed them)');
    expect(swapped.written).toEqual(titled.written);
  }, 60_000);

  it('carries the tokens of the last build: adding a paper tokenizes its texts and those the new lexicon touches, and writes exactly what a build from nothing writes', async () => {
    const corpus = join(root, 'growing-corpus');
    const index = join(root, 'growing-index');
    cpSync(corpusDir, corpus, { recursive: true });
    const build = (indexDir: string): Promise<Built> => buildAndRead(corpus, indexDir);
    const counts = (lines: string[]): [tokenized: number, carried: number, again: number] => {
      const match = /^tokenized (\d+) texts \((\d+) of them again, where the lexicon changed\), (\d+) carried from the last build$/u.exec(lines.find((line) => line.startsWith('tokenized ')) ?? '');
      return [Number(match?.[1]), Number(match?.[3]), Number(match?.[2])];
    };
    const first = await build(index);
    const [all, none] = counts(first.lines);
    expect(none).toBe(0);
    // A second paper with words the first does not have (new lexicon entries), one of which changes the first
    // paper's tokens: the katakana name シツツ, which lookup also reads in the first paper's しつつ.
    writeFileSync(join(corpus, 'second.txt'), 'シツツという名の装置が導入された。\n');
    const grown = await build(index);
    const [tokenized, carried, again] = counts(grown.lines);
    expect(again).toBeGreaterThan(0);
    expect(carried).toBeGreaterThan(all * 0.8);
    expect(tokenized).toBeLessThan(all / 5);
    const cold = await build(join(root, 'growing-index-cold'));
    expect(counts(cold.lines)[1]).toBe(0);
    expect(grown.written).toEqual(cold.written);
    // A kept file edited into other tokens, still valid JSON, is not believed: its texts are tokenized again.
    const [edited] = readdirSync(tokenCacheDir(index)).filter((name) => name.startsWith('mda'));
    const rows = JSON.parse(readFileSync(join(tokenCacheDir(index), edited as string), 'utf8')) as Array<[string, string, string[], number[]]>;
    writeFileSync(join(tokenCacheDir(index), edited as string), JSON.stringify(rows.map(([text, normalized, terms, offsets]) => [text, normalized, terms.map(() => '偽'), offsets])));
    const distrusted = await build(index);
    expect(counts(distrusted.lines)[0]).toBeGreaterThan(rows.length / 2);
    expect(distrusted.written).toEqual(cold.written);
    // A damaged cache is tokenized again, to the same index.
    for (const name of readdirSync(tokenCacheDir(index))) writeFileSync(join(tokenCacheDir(index), name), '[["cut short');
    const damaged = await build(index);
    expect(counts(damaged.lines)[1]).toBe(0);
    expect(damaged.written).toEqual(cold.written);
  }, 60_000);

  it('keeps the files of the papers a new one does not change, linked from the index it replaces, and writes exactly what a build from nothing writes', async () => {
    const corpus = join(root, 'kept-corpus');
    const index = join(root, 'kept-index');
    cpSync(corpusDir, corpus, { recursive: true });
    writeFileSync(join(corpus, 'second.txt'), '日米豪の監視衛星について述べる文書である。\n');
    const build = (indexDir: string): Promise<Built> => buildAndRead(corpus, indexDir);
    const kept = (lines: string[]): number => Number(/^kept the files of (\d+) papers/u.exec(lines.find((line) => line.startsWith('kept the files')) ?? '')?.[1] ?? 0);
    expect(kept((await build(index)).lines)).toBe(0);
    const paperFile = join(index, 'passages', 'mda-commentary.0.txt');
    const before = statSync(paperFile).ino;
    // A third paper of words the others have (no lexicon entry that touches their texts): theirs are kept as they are.
    writeFileSync(join(corpus, 'third.txt'), '日米豪の監視について述べる。\n');
    const grown = await build(index);
    expect(kept(grown.lines)).toBe(2);
    expect(statSync(join(index, 'passages', 'mda-commentary.0.txt')).ino).toBe(before);
    const cold = await build(join(root, 'kept-index-cold'));
    expect(grown.written).toEqual(cold.written);
    // A kept file damaged in place (another size than the manifest records) is not linked: its paper is laid out again.
    writeFileSync(join(index, 'passages', 'mda-commentary.0.txt'), 'cut short');
    writeFileSync(join(corpus, 'fourth.txt'), '日米豪の監視衛星について述べる。\n');
    const repaired = await build(index);
    expect(kept(repaired.lines)).toBe(2);
    const coldAgain = await build(join(root, 'kept-index-cold-2'));
    expect(repaired.written).toEqual(coldAgain.written);
  }, 60_000);

  it('indexes the other papers when one fails, keeps the last good version of a paper that broke, and lists both in the manifest', async () => {
    const corpus = join(root, 'two-papers');
    const index = join(root, 'two-papers-index');
    cpSync(corpusDir, corpus, { recursive: true });
    writeFileSync(join(corpus, 'second.txt'), '日米豪の監視衛星について述べる文書である。\n');
    await buildIndex({ corpusDir: corpus, indexDir: index });
    writeFileSync(join(corpus, 'second.txt'), Buffer.from([0x41, 0x0a, 0xff, 0xfe]));
    writeFileSync(join(corpus, 'third.txt'), `${'ア'.repeat(30_000)}\n`);
    const lines: string[] = [];
    const manifest = await buildIndex({ corpusDir: corpus, indexDir: index, log: (line) => lines.push(line) });
    expect(manifest.counts.documents).toBe(2);
    expect(manifest.problems).toEqual([
      { file: 'second.txt', line: 2, column: 1, code: 'INVALID_UTF8', message: expect.stringContaining('second.txt:2:1: the file is not valid UTF-8'), kept: true },
      { file: 'third.txt', line: 1, column: null, code: 'LINE_TOO_LONG', message: expect.stringContaining('third.txt:1: the line is 30,000 characters long'), kept: false },
    ]);
    expect(lines).toContainEqual(expect.stringMatching(/second\.txt:2:1: the file is not valid UTF-8.*\(its previous version stays in the index\)$/u));
    expect(lines).toContainEqual(expect.stringMatching(/third\.txt:1: the line is 30,000 characters long.*\(left out of the index\)$/u));
    const engine = createSearchEngine(await openIndex(async (name) => readFileSync(join(index, name), 'utf8')));
    expect((await engine.search('監視衛星', { limit: 1 })).results[0]?.docId).toBe('second');
    expect((await engine.search('オーストラリアの北部の監視能力', { limit: 1 })).results[0]?.docId).toBe('mda-commentary');
    // The manifest matches the corpus as it is, bad files included: a restart does not rebuild for nothing.
    expect(await indexStatus(corpus, index)).toEqual({ fresh: true });
  });

  it('notices any file of the index cut short or missing under an intact manifest, so npm start rebuilds it', async () => {
    for (const name of [DATA_FILE, 'postings/0.txt', 'passages/mda-commentary.0.txt', 'documents/mda-commentary.txt']) {
      const copy = join(root, `truncated-index-${name.replace(/\W/gu, '-')}`);
      cpSync(indexDir, copy, { recursive: true });
      const data = readFileSync(join(copy, name));
      writeFileSync(join(copy, name), data.subarray(0, data.length - 10));
      expect(await indexStatus(corpusDir, copy)).toEqual({ fresh: false, reason: `${join(copy, name)} is damaged: ${data.length - 10} bytes, ${data.length} when it was written` });
      rmSync(join(copy, name));
      expect(await indexStatus(corpusDir, copy)).toEqual({ fresh: false, reason: `${join(copy, name)} is missing` });
    }
  });

  it('answers English questions about any paper it indexes, with the shipped dictionary restricted to the corpus', async () => {
    const manifest = JSON.parse(files()[MANIFEST_FILE] as string) as { counts: { englishPhrases: number } };
    // The fixture paper alone: its words, and none of EDICT's others.
    expect(manifest.counts.englishPhrases).toBeGreaterThan(300);
    expect(manifest.counts.englishPhrases).toBeLessThan(5000);
    const engine = createSearchEngine(await openIndex(read));
    const response = await engine.search('satellite data sharing', { limit: 1 });
    expect(response.results[0]?.text).toContain('衛星データの共有');
    expect(response.searchedFor.map((item) => item.asked)).toContain('satellite');
  });

  it('rejects an invalid glossary, naming the file and the field', async () => {
    const broken = join(root, 'bad-glossary');
    cpSync(corpusDir, broken, { recursive: true });
    writeFileSync(join(broken, 'glossary.json'), JSON.stringify({ groups: [['ひとつだけ']] }));
    await expect(buildIndex({ corpusDir: broken, indexDir })).rejects.toThrow(/glossary\.json: invalid metadata: groups\.0: a group needs at least two names/u);
  });
});

describe('an index from another version', () => {
  const mismatched = async (name: string): Promise<string | undefined> => {
    const text = await read(name);
    return name === DATA_FILE && text !== undefined ? text.replace(/^\{"manifest":\{"format":\d+/u, '{"manifest":{"format":999') : text;
  };

  it('is refused with a message that says how to rebuild', async () => {
    const error = await openIndex(mismatched).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(IndexError);
    expect(error).toMatchObject({ code: 'INDEX_MISMATCH' });
    expect((error as Error).message).toContain('npm run build:index');
  });

  it('makes the API answer 503 with that message, not 500', async () => {
    const app = createApp({ engine: async () => createSearchEngine(await openIndex(mismatched)), logError: () => {} });
    const response = await app.request('/api/search?q=NATO');
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INDEX_UNAVAILABLE');
    expect(body.error.message).toContain(`this version of shiori reads format ${INDEX_FORMAT}`);
  });

  it('is stale when it was built by other ingestion rules, so an edit to the parser is never served from an old index', async () => {
    const manifestPath = join(indexDir, MANIFEST_FILE);
    const original = readFileSync(manifestPath, 'utf8');
    expect(JSON.parse(original).buildRules).toBe(await buildRulesVersion());
    writeFileSync(manifestPath, original.replace(/"buildRules": "[0-9a-f]+"/u, '"buildRules": "0000000000000000"'));
    expect(await indexStatus(corpusDir, indexDir)).toMatchObject({ fresh: false, reason: expect.stringContaining('built by other ingestion rules') });
    writeFileSync(manifestPath, original);
    expect(await indexStatus(corpusDir, indexDir)).toEqual({ fresh: true });
  });

  it('is detected as stale, so npm start rebuilds it', async () => {
    const manifestPath = join(indexDir, MANIFEST_FILE);
    const original = readFileSync(manifestPath, 'utf8');
    writeFileSync(manifestPath, original.replace(/"version": \d+/u, '"version": 0'));
    expect(await indexStatus(corpusDir, indexDir)).toMatchObject({ fresh: false, reason: expect.stringContaining('v0') });
    writeFileSync(manifestPath, original);
  });
});
