import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from '../src/ingest/parse-document';
import { launchBrowser } from '../test/support/browser';
import { pageBreaks, paperHtml, printPaper } from '../test/support/paper-pdf';

/**
 * The corpus at `source` with every text paper replaced by its PDF, printed by Chromium as
 * test/support/paper-pdf.ts sets a paper (one PDF page per page of the text): what a user who has the
 * published PDFs instead of extracted text puts in corpus/. Sidecars and the glossary are copied as they
 * are. For `npm run eval -- --pdf`, which scores the questions on both.
 */
export async function pdfCorpus(source: string, target: string): Promise<string> {
  await rm(target, { recursive: true, force: true });
  await mkdir(target, { recursive: true });
  const browser = await launchBrowser();
  try {
    for (const name of (await readdir(source)).sort()) {
      if (!name.endsWith('.txt')) {
        await cp(join(source, name), join(target, name), { recursive: true });
        continue;
      }
      const text = await readFile(join(source, name), 'utf8');
      const document = parseDocument(text, { sourceFile: name });
      await writeFile(join(target, name.replace(/\.txt$/u, '.pdf')), await printPaper(browser, paperHtml(document, pageBreaks(document, text))));
    }
  } finally {
    await browser.close();
  }
  return target;
}
