import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INGEST_LIMITS } from '../src/ingest/limits';

/**
 * `npm run bench:hostile`: what a bad paper costs the index build. For each kind of hostile file, the
 * bundled corpus plus that one file is built by `npm run build:index`'s program in its own process, and
 * the build's wall time, peak memory (its own maxRSS) and outcome are printed (`--json` for JSON). Each
 * file is as large as the limits let it be (2 MiB, lines of 20,000 characters), or just over them, so
 * these are the worst cases the limits leave (DESIGN.md, "Bad papers").
 */
const MAX_BYTES = INGEST_LIMITS.maxFileBytes;
const LINE = INGEST_LIMITS.maxLineChars;

/** Lines of `line` characters made by `char(i)`, up to `bytes` UTF-8 bytes. */
function filled(bytes: number, line: number, char: (index: number) => string): string {
  const lines: string[] = [];
  let size = 0;
  let index = 0;
  for (;;) {
    let text = '';
    for (let column = 0; column < line; column++) text += char(index++);
    const cost = Buffer.byteLength(text) + 1;
    if (size + cost > bytes) break;
    lines.push(text);
    size += cost;
  }
  return `${lines.join('\n')}\n`;
}

const japanese = '日本の安全保障政策は大きく変化している';
const CASES: Record<string, () => string | Buffer> = {
  'one 50,000-character line of A (over the line limit)': () => `${'A'.repeat(50_000)}\n`,
  'one 50,000-character line of katakana (over the line limit)': () => `${'ア'.repeat(50_000)}\n`,
  '2 MiB of A in 20,000-character lines': () => filled(MAX_BYTES, LINE, () => 'A'),
  '2 MiB of katakana in 20,000-character lines': () => filled(MAX_BYTES, LINE, () => 'ア'),
  '2 MiB of kanji in 20,000-character lines': () => filled(MAX_BYTES, LINE, () => '漢'),
  '2 MiB of Japanese without punctuation': () => filled(MAX_BYTES, LINE, (index) => japanese[index % japanese.length] as string),
  '2 MiB of numbers glued to text (marker candidates)': () => {
    const lines: string[] = [];
    let size = 0;
    for (let n = 0; size < MAX_BYTES - 4096; n++) {
      let line = '';
      for (let k = 1; k <= 200; k++) line += `述べた${((n * 200 + k) % 999) + 1}`;
      lines.push(`${line}。\n`);
      size += Buffer.byteLength(line) + 4;
    }
    return lines.join('');
  },
  '2 MiB of footnote lines in the PDF layout': () => {
    const lines: string[] = [];
    let size = 0;
    for (let n = 0; size < MAX_BYTES - 4096; n++) {
      const line = n % 40 === 0 ? `${'本文の行である。'.repeat(6)}\n\n${' '.repeat(51)}\n` : `${(n % 999) + 1} 注の本文である。https://example.org/${n}\n\n`;
      lines.push(line);
      size += Buffer.byteLength(line);
    }
    return lines.join('');
  },
  '2 MiB of lines of every width': () => {
    const lines: string[] = [];
    let size = 0;
    for (let n = 0; size < MAX_BYTES - LINE * 3; n++) {
      const line = `${'あ'.repeat((n * 7919) % 4000 + 1)}\n\n`;
      lines.push(line);
      size += Buffer.byteLength(line);
    }
    return lines.join('');
  },
  '2 MiB of random Unicode': () => {
    let seed = 7;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    return filled(MAX_BYTES, 200, () => {
      const code = 0x20 + Math.floor(random() * 0x2ff00);
      return code >= 0xd800 && code <= 0xdfff ? ' ' : String.fromCodePoint(code);
    });
  },
  'a 3 MiB file (over the size limit)': () => Buffer.alloc(3 * 1024 * 1024, 0x41),
};

interface Outcome {
  case: string;
  bytes: number;
  ms: number;
  peakMB: number | null;
  exit: number | null;
  /** The build's own words about the hostile file. */
  report: string;
}

async function build(corpusDir: string, indexDir: string): Promise<{ ms: number; exit: number | null; output: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/ingest/build-cli.ts'], { env: { ...process.env, CORPUS_DIR: corpusDir, INDEX_DIR: indexDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { ms: Math.round(performance.now() - started), exit, output };
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const outcomes: Outcome[] = [];
  for (const [name, make] of Object.entries(CASES)) {
    const folder = await mkdtemp(join(tmpdir(), 'shiori-hostile-'));
    try {
      await cp('corpus', join(folder, 'corpus'), { recursive: true });
      const content = make();
      await writeFile(join(folder, 'corpus', '999_hostile.txt'), content);
      const { ms, exit, output } = await build(join(folder, 'corpus'), join(folder, 'index'));
      const peak = /peak memory (\d+) MB/u.exec(output)?.[1];
      const report = output.split('\n').find((line) => line.includes('999_hostile.txt')) ?? (exit === 0 ? 'indexed' : output.split('\n').filter(Boolean).slice(-2).join(' / '));
      outcomes.push({ case: name, bytes: Buffer.byteLength(content), ms, peakMB: peak === undefined ? null : Number(peak), exit, report: report.replace(folder, '…') });
      if (!json) console.log(`${name}: ${ms} ms, peak ${peak ?? '?'} MB, exit ${exit}; ${report.replace(folder, '…').slice(0, 160)}`);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }
  if (json) console.log(JSON.stringify(outcomes, null, 2));
}

await main();
