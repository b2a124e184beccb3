import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/ingest/build-index';
import { indexStatus } from '../../src/ingest/index-status';
import { IngestError } from '../../src/ingest/errors';
import { createSearchEngine } from '../../src/search/engine';
import { DATA_FILE, INDEX_FORMAT, MANIFEST_FILE, TOKENIZER_VERSION } from '../../src/search/index-format';
import { IndexError, loadIndex } from '../../src/search/load-index';
import { createApp } from '../../src/server/app';

/** The index build on a corpus of its own: the fixture paper and a glossary, in a temporary folder. */
let root: string;
let corpusDir: string;
let indexDir: string;
const files = (): Record<string, string> => Object.fromEntries(readdirSync(indexDir).map((name) => [name, readFileSync(join(indexDir, name), 'utf8')]));
const read = (name: string): Promise<string | undefined> => Promise.resolve(files()[name]);

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'shiori-build-'));
  corpusDir = join(root, 'corpus');
  indexDir = join(root, 'index');
  cpSync('test/fixtures/mda-commentary.txt', join(corpusDir, 'mda-commentary.txt'));
  writeFileSync(join(corpusDir, 'glossary.json'), JSON.stringify({ groups: [['豪州', 'オーストラリア']] }));
  await buildIndex({ corpusDir, indexDir });
}, 60_000);

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
    expect(Object.keys(files()).sort()).toEqual([DATA_FILE, MANIFEST_FILE].sort());
  });

  it('builds an index the runtime loads and searches', async () => {
    const engine = createSearchEngine(await loadIndex(read));
    expect(engine.search('オーストラリアの北部の監視能力', { limit: 1 }).results[0]?.text).toContain('北部の監視能力を優先課題');
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

  it('leaves the previous index exactly as it was when a build fails, and no temporary folders', async () => {
    const before = files();
    const broken = join(root, 'broken-corpus');
    cpSync(corpusDir, broken, { recursive: true });
    writeFileSync(join(broken, 'bad.txt'), Buffer.from([0x41, 0x0a, 0xff, 0xfe]));
    const error = await buildIndex({ corpusDir: broken, indexDir }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).message).toMatch(/bad\.txt:2:1: the file is not valid UTF-8/u);
    expect(files()).toEqual(before);
    expect(readdirSync(root).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('builds without an English lexicon, saying English questions will match English words only', async () => {
    const lines: string[] = [];
    await buildIndex({ corpusDir, indexDir: join(root, 'no-english'), log: (line) => lines.push(line) });
    expect(lines.some((line) => line.includes('no english-lexicon.json: English questions will match English words only'))).toBe(true);
  });

  it('uses an English lexicon, warns when it was derived for other documents, and rejects an invalid one', async () => {
    const withLexicon = join(root, 'with-english');
    cpSync(corpusDir, withLexicon, { recursive: true });
    const lexicon = { licence: 'EDRDG test', source: 'EDICT, created 2021-02-03', documents: '0'.repeat(64), entries: { 'maritime domain': [['海洋', 0.5]], satellite: [['衛星', 1]] } };
    writeFileSync(join(withLexicon, 'english-lexicon.json'), JSON.stringify(lexicon));
    const lines: string[] = [];
    const manifest = await buildIndex({ corpusDir: withLexicon, indexDir: join(root, 'english-index'), log: (line) => lines.push(line) });
    expect(manifest.counts.englishPhrases).toBe(2);
    expect(manifest.corpus.files).toContain('english-lexicon.json');
    expect(lines.some((line) => line.includes('english-lexicon.json was derived for other documents; run npm run build:english'))).toBe(true);
    const engine = createSearchEngine(await loadIndex(async (name) => readFileSync(join(root, 'english-index', name), 'utf8')));
    expect(engine.search('satellite data', { limit: 1 }).results[0]?.text).toContain('衛星データの共有');

    writeFileSync(join(withLexicon, 'english-lexicon.json'), JSON.stringify({ ...lexicon, entries: { satellite: [['衛星', 2]] } }));
    await expect(buildIndex({ corpusDir: withLexicon, indexDir: join(root, 'english-index') })).rejects.toThrow(/english-lexicon\.json: invalid metadata: entries\.satellite\.0\.1: /u);
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
    const error = await loadIndex(mismatched).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(IndexError);
    expect(error).toMatchObject({ code: 'INDEX_MISMATCH' });
    expect((error as Error).message).toContain('npm run build:index');
  });

  it('makes the API answer 503 with that message, not 500', async () => {
    const app = createApp({ engine: async () => createSearchEngine(await loadIndex(mismatched)), logError: () => {} });
    const response = await app.request('/api/search?q=NATO');
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INDEX_UNAVAILABLE');
    expect(body.error.message).toContain(`this version of shiori reads format ${INDEX_FORMAT}`);
  });

  it('is detected as stale, so npm start rebuilds it', async () => {
    const manifestPath = join(indexDir, MANIFEST_FILE);
    const original = readFileSync(manifestPath, 'utf8');
    writeFileSync(manifestPath, original.replace(/"version": \d+/u, '"version": 0'));
    expect(await indexStatus(corpusDir, indexDir)).toMatchObject({ fresh: false, reason: expect.stringContaining('v0') });
    writeFileSync(manifestPath, original);
  });
});
