import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IngestError } from '../../src/ingest/errors';
import { INGEST_LIMITS } from '../../src/ingest/limits';
import { readCorpus, readCorpusDocument } from '../../src/ingest/read-corpus';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'shiori-corpus-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<IngestError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (error instanceof IngestError) return error;
  throw new Error(`expected an IngestError, got ${String(error)}`);
}

describe('readCorpus', () => {
  it('reads every .txt file in name order and ignores other files', async () => {
    await writeFile(join(folder, 'b.txt'), '二つ目の文書。');
    await writeFile(join(folder, 'a.txt'), '一つ目の文書。');
    await writeFile(join(folder, 'notes.md'), '# not a paper');
    expect((await readCorpus(folder)).documents.map((document) => document.id)).toEqual(['a', 'b']);
  });

  it('applies a sidecar: title, author, date, series and number, publisher and source URL override or add to what the text gives', async () => {
    await writeFile(join(folder, 'paper.txt'), '本文の最初の文である。次の文。');
    await writeFile(
      join(folder, 'paper.meta.json'),
      JSON.stringify({ title: '日豪協力の展開', author: '試験花子', date: '2021-03-01', series: 'テスト叢書', number: '12', publisher: '研究所', sourceUrl: 'https://example.org/paper.pdf' }),
    );
    const document = await readCorpusDocument(join(folder, 'paper.txt'));
    expect(document).toMatchObject({
      title: '日豪協力の展開',
      titleSource: 'metadata',
      date: '2021-03-01',
      dateSource: 'metadata',
      author: '試験花子',
      series: 'テスト叢書',
      number: '12',
      publisher: '研究所',
      sourceUrl: 'https://example.org/paper.pdf',
    });
  });

  it('rejects a sidecar with an unknown field or a bad value, naming the file and the field', async () => {
    await writeFile(join(folder, 'paper.txt'), '本文。');
    await writeFile(join(folder, 'paper.meta.json'), JSON.stringify({ date: '2021-02-30', editor: '誰か' }));
    const error = await rejection(readCorpusDocument(join(folder, 'paper.txt')));
    expect(error.code).toBe('INVALID_METADATA');
    expect(error.message).toContain('paper.meta.json');
    expect(error.message).toContain('unknown field editor');
    expect(error.message).toContain('date: not a calendar date');
  });

  it('rejects a sidecar that is not JSON, with its line', async () => {
    await writeFile(join(folder, 'paper.txt'), '本文。');
    await writeFile(join(folder, 'paper.meta.json'), '{\n  "title": "x",\n  oops\n}');
    const error = await rejection(readCorpusDocument(join(folder, 'paper.txt')));
    expect(error.code).toBe('INVALID_METADATA');
    expect(error.location).toMatchObject({ line: 3 });
  });

  it('leaves out a paper it cannot read, naming file and line, reads the others, and writes nothing', async () => {
    await writeFile(join(folder, 'good.txt'), '本文。');
    await writeFile(join(folder, 'bad.txt'), Buffer.concat([Buffer.from('一行目\n'), Buffer.from([0xc3, 0x28])]));
    const reading = await readCorpus(folder);
    expect(reading.documents.map((document) => document.id)).toEqual(['good']);
    expect(reading.problems).toEqual([{ file: 'bad.txt', line: 2, column: 1, code: 'INVALID_UTF8', message: expect.stringMatching(/^bad\.txt:2:1: .*not valid UTF-8/u), kept: false }]);
    expect(reading.errors[0]?.message).toMatch(/bad\.txt:2:1: .*not valid UTF-8/u);
    expect((await readdir(folder)).sort()).toEqual(['bad.txt', 'good.txt']);
  });

  it('indexes the previous version of a paper that now fails, and says so', async () => {
    await writeFile(join(folder, 'a.txt'), '一つ目の文書。');
    await writeFile(join(folder, 'b.txt'), '二つ目の文書。');
    const first = await readCorpus(folder);
    await writeFile(join(folder, 'b.txt'), Buffer.from([0xff]));
    const second = await readCorpus(folder, { previous: async () => new Map(first.documents.map((document) => [document.sourceFile, document])) });
    expect(second.documents.map((document) => document.sections[0]?.paragraphs[0]?.text)).toEqual(['一つ目の文書。', '二つ目の文書。']);
    expect(second.problems).toMatchObject([{ file: 'b.txt', code: 'INVALID_UTF8', kept: true }]);
  });

  it('reports a folder named like a paper, a dangling link, an oversized file and an overlong line, and reads the rest', async () => {
    await writeFile(join(folder, 'good.txt'), '本文。');
    await mkdir(join(folder, 'folder.txt'));
    await symlink(join(folder, 'nowhere.txt'), join(folder, 'link.txt'));
    await writeFile(join(folder, 'huge.txt'), Buffer.alloc(INGEST_LIMITS.maxFileBytes + 1, 0x41));
    await writeFile(join(folder, 'wide.txt'), `一行目\n${'ア'.repeat(INGEST_LIMITS.maxLineChars + 1)}\n`);
    const reading = await readCorpus(folder);
    expect(reading.documents.map((document) => document.id)).toEqual(['good']);
    expect(reading.problems.map(({ file, line, code }) => ({ file, line, code }))).toEqual([
      { file: 'folder.txt', line: null, code: 'NOT_A_FILE' },
      { file: 'huge.txt', line: null, code: 'FILE_TOO_LARGE' },
      { file: 'link.txt', line: null, code: 'UNREADABLE_FILE' },
      { file: 'wide.txt', line: 2, code: 'LINE_TOO_LONG' },
    ]);
    expect(reading.problems.map((problem) => problem.message)).toEqual([
      'folder.txt: this is a folder, not a file; remove it from the corpus folder or rename it',
      expect.stringMatching(/^huge\.txt: the file is 2,097,153 bytes; the limit is 2,097,152/u),
      'link.txt: the file cannot be read: it is a symbolic link to a file that does not exist',
      expect.stringMatching(/^wide\.txt:2: the line is 20,001 characters long; the limit is 20,000/u),
    ]);
  });

  it('reads a folder of papers none of which can be read as no papers and their problems', async () => {
    await writeFile(join(folder, 'bad.txt'), Buffer.from([0xff]));
    const reading = await readCorpus(folder);
    expect(reading.documents).toEqual([]);
    expect(reading.problems).toMatchObject([{ file: 'bad.txt', code: 'INVALID_UTF8' }]);
  });

  it('fails clearly on an empty or missing corpus folder', async () => {
    expect((await rejection(readCorpus(folder))).code).toBe('CORPUS_EMPTY');
    expect((await rejection(readCorpus(join(folder, 'missing')))).code).toBe('UNREADABLE_FILE');
  });

  it('leaves out the second of two files that map to the same id', async () => {
    await writeFile(join(folder, 'a.txt'), '本文。');
    await writeFile(join(folder, 'a.TXT'), '本文。');
    const reading = await readCorpus(folder);
    expect(reading.documents.map((document) => document.sourceFile)).toEqual(['a.TXT']);
    expect(reading.problems).toMatchObject([{ file: 'a.txt', code: 'DUPLICATE_ID', kept: false }]);
  });
});
