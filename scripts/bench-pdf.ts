import { readFileSync } from 'node:fs';
import { parseDocument } from '../src/ingest/parse-document';
import { parsePdf } from '../src/ingest/parse-pdf';
import { launchBrowser } from '../test/support/browser';
import { pageBreaks, paperHtml, printPaper } from '../test/support/paper-pdf';
import { writePaperPdf } from '../test/support/paper-pdf-lib';

/**
 * `npm run bench:pdf` (issue 16): how long a PDF takes to ingest (PDF.js reading its text and fonts, the
 * positioned layout, the model). The ten-page seed printed by Chromium (its CFF fonts written as Type 3
 * fonts, whose every glyph PDF.js reads as a drawing: the heaviest producer measured) and three papers
 * written by pdf-lib (one embedded TrueType font, as office software writes them), the ten-page seed among them; the first parse also loads
 * PDF.js, the rest are the median of `--runs` (9).
 */
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] ?? 9) || 9;
const papers = [
  { file: 'corpus/000_d62613a39113a7e6.txt', producer: 'chromium' },
  { file: 'test/fixtures/new-papers/m02.txt', producer: 'chromium' },
  { file: 'corpus/000_d62613a39113a7e6.txt', producer: 'pdf-lib' },
  { file: 'corpus/003_cd568db34d9aead0.txt', producer: 'pdf-lib' },
  { file: 'test/fixtures/new-papers/m02.txt', producer: 'pdf-lib' },
] as const;

const browser = await launchBrowser();
const pdfs: Array<{ name: string; bytes: Uint8Array; pages: number }> = [];
try {
  for (const { file, producer } of papers) {
    const text = readFileSync(file, 'utf8');
    const document = parseDocument(text, { sourceFile: 'paper.txt' });
    const breaks = pageBreaks(document, text);
    const bytes = producer === 'chromium' ? await printPaper(browser, paperHtml(document, breaks)) : await writePaperPdf(document, breaks);
    pdfs.push({ name: `${file.split('/').pop()} (${producer})`, bytes, pages: document.pages });
  }
} finally {
  await browser.close();
}
console.log('paper                              pages      KB   first ms   median ms   ms/page');
for (const { name, bytes, pages } of pdfs) {
  const times: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const start = performance.now();
    await parsePdf(bytes, { sourceFile: 'paper.pdf' });
    times.push(performance.now() - start);
  }
  const [first, ...rest] = times as [number, ...number[]];
  const median = rest.sort((a, b) => a - b)[Math.floor(rest.length / 2)] as number;
  console.log(`${name.padEnd(34)} ${String(pages).padStart(5)} ${String(Math.round(bytes.length / 1024)).padStart(7)} ${first.toFixed(0).padStart(10)} ${median.toFixed(0).padStart(11)} ${(median / pages).toFixed(0).padStart(9)}`);
}
