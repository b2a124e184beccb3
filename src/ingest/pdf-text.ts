import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { IngestError } from './errors';
import { INGEST_LIMITS } from './limits';

/**
 * A PDF's text as PDF.js positions it (issue 16, the first piece): each run of glyphs with its page, place,
 * size and font, which is what tells footnotes (smaller type at the page foot), markers (raised, smaller),
 * headings (larger) and columns apart. Build time, Node only: PDF.js's legacy build, no canvas, no network,
 * no worker thread, fonts never loaded (only their Unicode maps are read). The layout strategy that turns
 * these runs into the document model is the next piece.
 */
export interface TextRun {
  text: string;
  /** Left edge and baseline in PDF points from the page's bottom-left corner. */
  x: number;
  y: number;
  width: number;
  /** The glyphs' size in points (the text matrix's vertical scale). */
  size: number;
  /** PDF.js's name of the font within the document (`g_d0_f3`): equal names, equal fonts. */
  font: string;
}

export interface PdfPage {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  runs: TextRun[];
}

/**
 * Some producers (Chromium's Skia among them) map CJK glyphs to the Kangxi radicals or CJK compatibility
 * ideographs that look the same (`⽂` U+2F42 for 文). NFKC takes exactly these back to the unified
 * ideograph; the rest of the text keeps its form (full-width digits stay what the paper printed).
 */
const LOOKALIKE_IDEOGRAPHS = /[\u2E80-\u2FDF\uF900-\uFAFF]|[\u{2F800}-\u{2FA1F}]/gu;
export function unifiedIdeographs(text: string): string {
  return text.replace(LOOKALIKE_IDEOGRAPHS, (character) => character.normalize('NFKC'));
}

/** Private-use and replacement characters: what glyphs without a Unicode map decode to. */
const UNDECODABLE = /[\uE000-\uF8FF\uFFFD]|[\u{F0000}-\u{FFFFD}]|[\u{100000}-\u{10FFFD}]/gu;

/** The share of `text`'s non-space characters that did not decode, as text for a message (`37 %`), or undefined when under the limit. */
export function undecodableShare(text: string, limit: number = INGEST_LIMITS.maxUndecodableShare): string | undefined {
  const characters = [...text.replace(/\s/gu, '')].length;
  if (characters === 0) return undefined;
  const bad = (text.match(UNDECODABLE) ?? []).length;
  return bad / characters > limit ? `${Math.round((bad / characters) * 100)} %` : undefined;
}

/** The pages of the PDF `bytes` (from `file`, for messages), or an IngestError that says what is wrong with it. */
export async function readPdfText(bytes: Uint8Array, file: string, maxBytes: number = INGEST_LIMITS.maxPdfBytes): Promise<PdfPage[]> {
  if (bytes.length > maxBytes) throw new IngestError('PDF_TOO_LARGE', { file }, String(bytes.length), String(maxBytes));
  // PDF.js takes the buffer over; a copy keeps the caller's.
  const task = getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false, verbosity: 0 });
  let document;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy();
    // PDF.js rebuilds its errors from its worker side: they are told apart by name.
    if (error instanceof Error && error.name === 'PasswordException') throw new IngestError('PDF_ENCRYPTED', { file });
    throw new IngestError('PDF_DAMAGED', { file }, error instanceof Error ? error.message : String(error));
  }
  try {
    const pages: PdfPage[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const [, , width, height] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const runs: TextRun[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        const [a, b, c, d, x, y] = item.transform as [number, number, number, number, number, number];
        runs.push({ text: unifiedIdeographs(item.str), x, y, width: item.width, size: Math.hypot(c, d) || Math.hypot(a, b), font: item.fontName });
      }
      pages.push({ number, width, height, runs });
      page.cleanup();
    }
    const text = pages.flatMap((page) => page.runs.map((run) => run.text)).join('');
    if (text.trim() === '') throw new IngestError('PDF_NO_TEXT', { file });
    const share = undecodableShare(text);
    if (share !== undefined) throw new IngestError('PDF_NO_UNICODE', { file }, share);
    return pages;
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw new IngestError('PDF_DAMAGED', { file }, error instanceof Error ? error.message : String(error));
  } finally {
    await document.destroy();
  }
}
