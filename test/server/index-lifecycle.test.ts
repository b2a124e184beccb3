import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startNodeServer, type RunningServer } from '../support/node-server';

/**
 * The Node server and its index over a corpus that operators keep changing: bad papers are reported and
 * left out, a damaged index is rebuilt, and questions are answered while a rebuild runs.
 */
let folder: string;
let corpusDir: string;
let indexDir: string;
const servers: RunningServer[] = [];
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'shiori-lifecycle-'));
  corpusDir = join(folder, 'corpus');
  indexDir = join(folder, 'index');
  await cp('corpus', corpusDir, { recursive: true });
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
  await rm(folder, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}, waitFor: 'ready' | 'listening' = 'ready'): Promise<RunningServer> {
  const server = await startNodeServer({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, ...env }, { waitFor });
  servers.push(server);
  return server;
}

interface Health {
  status: string;
  rebuilding: boolean;
  index?: { counts: { documents: number }; problems: Array<{ file: string; line: number | null; code: string; message: string; kept: boolean }> };
  build?: { state: string; error: string | null };
}
const health = async (server: RunningServer): Promise<Health> => (await fetch(`${server.url}/api/health`)).json() as Promise<Health>;
const search = async (server: RunningServer, q: string): Promise<Response> => fetch(`${server.url}/api/search?${new URLSearchParams({ q, limit: '3' })}`);

describe('a corpus with broken and hostile files', () => {
  it('serves the good papers, reports each bad file with file:line and why, and builds in under 1 GB', async () => {
    await writeFile(join(corpusDir, '900_latin.txt'), `${'A'.repeat(50_000)}\n`);
    await writeFile(join(corpusDir, '901_katakana.txt'), `導入の文。\n${'ア'.repeat(19_000)}\n${'ア'.repeat(19_000)}\n`);
    await writeFile(join(corpusDir, '902_binary.txt'), Buffer.from([0x4e, 0x41, 0x0a, 0xff, 0xfe, 0x0a]));
    await symlink(join(folder, 'nowhere.txt'), join(corpusDir, '903_link.txt'));
    await mkdir(join(corpusDir, '904_folder.txt'));
    const server = await start();
    const output = server.output();
    expect(output).toContain(`${join(corpusDir, '900_latin.txt')}:1: the line is 50,000 characters long; the limit is 20,000`);
    expect(output).toContain(`${join(corpusDir, '902_binary.txt')}:2:1: the file is not valid UTF-8`);
    expect(output).toContain('903_link.txt: the file cannot be read: it is a symbolic link to a file that does not exist');
    expect(output).toContain('904_folder.txt: this is a folder, not a file');
    expect(output).not.toMatch(/^\s+at /mu);
    const peak = Number(/peak memory (\d+) MB/u.exec(output)?.[1]);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThan(1024);

    const report = await health(server);
    expect(report.status).toBe('ok');
    expect(report.index?.counts.documents).toBe(3);
    expect(report.index?.problems.map(({ file, line, code, kept }) => ({ file, line, code, kept }))).toEqual([
      { file: '900_latin.txt', line: 1, code: 'LINE_TOO_LONG', kept: false },
      { file: '902_binary.txt', line: 2, code: 'INVALID_UTF8', kept: false },
      { file: '903_link.txt', line: null, code: 'UNREADABLE_FILE', kept: false },
      { file: '904_folder.txt', line: null, code: 'NOT_A_FILE', kept: false },
    ]);
    // A long line of one script within the limits is indexed: its analysis is bounded, not refused.
    const documents = (await (await fetch(`${server.url}/api/documents`)).json()) as { documents: Array<{ id: string }> };
    expect(documents.documents.map((document) => document.id)).toContain('901_katakana');
    expect(((await (await search(server, 'マクロン大統領はNATOを何と評した？')).json()) as { found: boolean }).found).toBe(true);

    // A restart does not rebuild: the index is current for the corpus as it is, bad files and all.
    await server.stop();
    const again = await start();
    expect(again.output()).not.toContain('rebuilding the index');
  }, 120_000);

  it('keeps the previous good version of a paper that breaks, and says so in /api/documents', async () => {
    await start();
    await servers.splice(0)[0]?.stop();
    await writeFile(join(corpusDir, '003_cd568db34d9aead0.txt'), Buffer.from([0xff, 0xfe]));
    const server = await start();
    const { documents } = (await (await fetch(`${server.url}/api/documents`)).json()) as { documents: Array<{ id: string; problem: { code: string; kept: boolean } | null }> };
    expect(documents.find((document) => document.id === '003_cd568db34d9aead0')?.problem).toMatchObject({ code: 'INVALID_UTF8', kept: true });
    expect(documents.find((document) => document.id === '000_d62613a39113a7e6')?.problem).toBeNull();
    const response = await search(server, 'ミニラテラリズムとは何か');
    expect(((await response.json()) as { results: Array<{ docId: string }> }).results[0]?.docId).toBe('003_cd568db34d9aead0');
  }, 120_000);

  it('with nothing it can index, exits 1 saying why and how to rebuild, without a stack trace', async () => {
    await rm(corpusDir, { recursive: true });
    await mkdir(corpusDir);
    await writeFile(join(corpusDir, '999_broken.txt'), Buffer.from([0xff]));
    const failure = await start().then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    expect(failure).toContain('exited with 1');
    expect(failure).toContain('999_broken.txt:1:1');
    expect(failure).toContain('none of the 1 papers could be indexed');
    expect(failure).toContain('npm run build:index');
    expect(failure).not.toMatch(/^\s+at /mu);
  }, 120_000);
});

describe('a damaged index', () => {
  it('is rebuilt by npm start, as its message promises: a data file cut short under an intact manifest', async () => {
    await start();
    await servers.splice(0)[0]?.stop();
    const data = await readFile(join(indexDir, 'core.json.txt'));
    await writeFile(join(indexDir, 'core.json.txt'), data.subarray(0, data.length / 2));
    const server = await start();
    expect(server.output()).toContain('is damaged');
    expect(server.output()).toContain('serving the new index: 2 documents');
    expect((await search(server, 'クアッド')).status).toBe(200);
  }, 120_000);

  it('is rebuilt when the data file is garbage of the right size', async () => {
    await start();
    await servers.splice(0)[0]?.stop();
    const data = await readFile(join(indexDir, 'core.json.txt'));
    await writeFile(join(indexDir, 'core.json.txt'), Buffer.alloc(data.length, 0x20));
    const server = await start();
    expect(server.output()).toContain('cannot be used');
    expect(server.output()).toContain('serving the new index: 2 documents');
    expect((await search(server, 'クアッド')).status).toBe(200);
  }, 120_000);
});

describe('while the index is rebuilt', () => {
  it('answers questions from the previous index, then serves the new one', async () => {
    await start();
    await servers.splice(0)[0]?.stop();
    await cp('test/fixtures/mda-commentary.txt', join(corpusDir, 'mda-commentary.txt'));
    const server = await start({}, 'listening');
    expect(server.output()).toMatch(/shiori is serving 2 documents on .*; rebuilding the index \(the corpus changed since the index was built\)/u);
    const during = await search(server, 'マクロン大統領はNATOを何と評した？');
    expect(during.status).toBe(200);
    // Health says a rebuild is running, unless it has just finished (a fast machine): then the server says
    // so in its log (which can reach us a moment after the health answer).
    if (!(await health(server)).rebuilding) {
      await vi.waitFor(() => expect(server.output()).toContain('serving the new index'), { timeout: 5000, interval: 50 });
    }
    const deadline = Date.now() + 60_000;
    while (!server.output().includes('serving the new index') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.output()).toContain('serving the new index: 3 documents');
    expect(((await (await search(server, 'オーストラリアの北部の監視能力')).json()) as { results: Array<{ docId: string }> }).results[0]?.docId).toBe('mda-commentary');
  }, 120_000);

  it('answers 503 with Retry-After, not a refused connection, while the first index is built', async () => {
    const server = await start({}, 'listening');
    const early = await search(server, 'クアッド');
    if (early.status === 503) {
      expect(early.headers.get('retry-after')).toBe('5');
      expect(((await early.json()) as { error: { code: string } }).error.code).toBe('INDEX_UNAVAILABLE');
      expect((await fetch(`${server.url}/api/health`)).status).toBe(503);
    } else {
      // The build finished first: then the answer is a real one.
      expect(early.status).toBe(200);
    }
    const deadline = Date.now() + 60_000;
    while (!server.output().includes('serving the new index') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await search(server, 'クアッド')).status).toBe(200);
  }, 120_000);

  it('rebuilds on SIGHUP when papers were added, answering all the while', async () => {
    const server = await start();
    await cp('test/fixtures/mda-commentary.txt', join(corpusDir, 'mda-commentary.txt'));
    server.process.kill('SIGHUP');
    const deadline = Date.now() + 60_000;
    while (!server.output().includes('serving the new index: 3 documents') && Date.now() < deadline) {
      expect((await search(server, 'クアッド')).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(server.output()).toContain('serving the new index: 3 documents');
  }, 120_000);
});
