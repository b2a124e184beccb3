import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IngestError } from '../../src/ingest/errors';
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
    expect((await readCorpus(folder)).map((document) => document.id)).toEqual(['a', 'b']);
  });

  it('applies a sidecar: title, date, series, publisher and source URL override what the text gives', async () => {
    await writeFile(join(folder, 'paper.txt'), '本文の最初の文である。次の文。');
    await writeFile(
      join(folder, 'paper.meta.json'),
      JSON.stringify({ title: '日豪協力の展開', date: '2021-03-01', series: 'テスト叢書', publisher: '研究所', sourceUrl: 'https://example.org/paper.pdf' }),
    );
    const document = await readCorpusDocument(join(folder, 'paper.txt'));
    expect(document).toMatchObject({
      title: '日豪協力の展開',
      titleSource: 'metadata',
      date: '2021-03-01',
      dateSource: 'metadata',
      series: 'テスト叢書',
      publisher: '研究所',
      sourceUrl: 'https://example.org/paper.pdf',
    });
  });

  it('rejects a sidecar with an unknown field or a bad value, naming the file and the field', async () => {
    await writeFile(join(folder, 'paper.txt'), '本文。');
    await writeFile(join(folder, 'paper.meta.json'), JSON.stringify({ date: '2021-02-30', author: '誰か' }));
    const error = await rejection(readCorpusDocument(join(folder, 'paper.txt')));
    expect(error.code).toBe('INVALID_METADATA');
    expect(error.message).toContain('paper.meta.json');
    expect(error.message).toContain('unknown field author');
    expect(error.message).toContain('date: not a calendar date');
  });

  it('rejects a sidecar that is not JSON, with its line', async () => {
    await writeFile(join(folder, 'paper.txt'), '本文。');
    await writeFile(join(folder, 'paper.meta.json'), '{\n  "title": "x",\n  oops\n}');
    const error = await rejection(readCorpusDocument(join(folder, 'paper.txt')));
    expect(error.code).toBe('INVALID_METADATA');
    expect(error.location).toMatchObject({ line: 3 });
  });

  it('fails on an unreadable paper with its file and line, and writes nothing', async () => {
    await writeFile(join(folder, 'good.txt'), '本文。');
    await writeFile(join(folder, 'bad.txt'), Buffer.concat([Buffer.from('一行目\n'), Buffer.from([0xc3, 0x28])]));
    const error = await rejection(readCorpus(folder));
    expect(error.message).toMatch(/bad\.txt:2:1: .*not valid UTF-8/u);
    expect((await readdir(folder)).sort()).toEqual(['bad.txt', 'good.txt']);
  });

  it('fails clearly on an empty or missing corpus folder', async () => {
    expect((await rejection(readCorpus(folder))).code).toBe('CORPUS_EMPTY');
    expect((await rejection(readCorpus(join(folder, 'missing')))).code).toBe('UNREADABLE_FILE');
  });

  it('refuses two files that map to the same id', async () => {
    await writeFile(join(folder, 'a.txt'), '本文。');
    await writeFile(join(folder, 'a.TXT'), '本文。');
    const error = await rejection(readCorpus(folder));
    expect(error.code).toBe('DUPLICATE_ID');
  });
});
