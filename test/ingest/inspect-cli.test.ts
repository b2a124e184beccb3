import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentSchema } from '../../src/model/document';

/** Runs `npm run inspect` as a user does, in a real process. */
function inspect(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('node', ['--import', 'tsx', 'src/ingest/inspect-cli.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run inspect', () => {
  it('prints sections, paragraph counts, each footnote with the sentence citing it, and tables', () => {
    const { status, stdout } = inspect(['corpus/000_d62613a39113a7e6.txt']);
    expect(status).toBe(0);
    expect(stdout).toContain('SECTIONS (7, with 6 sub-sections)');
    expect(stdout).toMatch(/s2 {2}NATOの光と影 {2}— page 2, 5 paragraphs/u);
    expect(stdout).toContain('FOOTNOTES (60)');
    expect(stdout).toContain('cited  p7, page 1: 2020年8月31日、ビーガン米国務副長官は米印戦略的パートナーシップフォーラムにおいて発言し、クアッド（Quad）[1]及び');
    expect(stdout).toContain('url  https://www.bbc.com/news/world-europe-50604857');
  });

  it('prints the table of doc 003', () => {
    const { status, stdout } = inspect(['corpus/003_cd568db34d9aead0.txt']);
    expect(status).toBe(0);
    expect(stdout).toContain('TABLE t1 (page 3, 12 rows × 8 columns, in s2)');
    expect(stdout).toContain('日米韓 | 日米豪 | 日米豪印(QUAD) | 日豪印 | 豪英米(AUKUS) | 豪尼印 | 豪仏印 | 尼馬比');
  });

  it('prints the document model as JSON with --json', () => {
    const { status, stdout } = inspect(['--json', 'corpus/003_cd568db34d9aead0.txt']);
    expect(status).toBe(0);
    const document = DocumentSchema.parse(JSON.parse(stdout));
    expect(document.tables[0]?.rows).toHaveLength(12);
  });

  it('inspects every file of CORPUS_DIR when given no path', () => {
    const folder = mkdtempSync(join(tmpdir(), 'shiori-inspect-'));
    writeFileSync(join(folder, 'memo.txt'), '一つ目の段落。\n\n二つ目の段落。\n');
    const { status, stdout } = inspect([], { CORPUS_DIR: folder });
    expect(status).toBe(0);
    expect(stdout).toContain('memo.txt  →  id memo');
  });

  it('exits 1 with file:line on stderr for a file that cannot be ingested', () => {
    const folder = mkdtempSync(join(tmpdir(), 'shiori-inspect-'));
    const path = join(folder, 'binary.txt');
    writeFileSync(path, Buffer.from([0x41, 0x0a, 0x42, 0x00, 0x43]));
    const { status, stderr, stdout } = inspect([path]);
    expect(status).toBe(1);
    expect(stderr.trim()).toBe(`${path}:2:2: the file looks binary: control character U+0000`);
    expect(stdout).toBe('');
  });
});
