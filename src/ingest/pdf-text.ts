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
  /**
   * The font's PostScript name without its subset tag (`NotoSerifCJKjp-Bold`); PDF.js's id for it
   * (`g_d0_f3`) when the PDF names none or its page's fonts were not named (ReadOptions.weighed).
   */
  font: string;
  /** The font's name says it is bold (`-Bold`, `Heavy`, `Black`, `Demi`, `W6`–`W9`); false where fonts were not named. */
  bold: boolean;
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
  return text.replace(LOOKALIKE_IDEOGRAPHS, (character) => JAPANESE_FORMS.get(character) ?? RADICALS_SUPPLEMENT.get(character) ?? character.normalize('NFKC'));
}

/**
 * Radicals that Japanese fonts draw with the glyph of a Japanese form other than their NFKC one: in Noto
 * CJK JP the Kangxi radical DOOR ⼾ shares its glyph with 戸 (U+6238), while NFKC gives the traditional 戶
 * (U+6236). Found by comparing every radical's NFKC form with the ideographs that share its glyph in the
 * JP faces of Noto Sans and Serif CJK; this was the only one a Japanese text uses (the others were rare
 * component radicals).
 */
const JAPANESE_FORMS = new Map([['\u2F3E', '\u6238']]);

/**
 * The CJK Radicals Supplement (U+2E80–U+2EF3) has no NFKC mapping; Unicode's EquivalentUnifiedIdeograph.txt
 * (UCD 15) gives the ideograph each one stands for (`⻑` U+2ED1 → 長 U+9577), written here as pairs of
 * code points (hex), radical then ideograph.
 */
const RADICALS_SUPPLEMENT = new Map(
  ('2E80 51AB 2E81 5382 2E82 4E5B 2E83 4E5A 2E84 4E59 2E85 4EBB 2E86 5182 2E89 5202 2E8A 535C 2E8B 353E 2E8E 5140 ' +
    '2E8F 5C23 2E90 5C22 2E92 5DF3 2E93 5E7A 2E94 5F51 2E95 5F50 2E96 5FC4 2E97 38FA 2E98 624C 2E99 6535 2E9B 65E1 ' +
    '2E9D 6708 2E9E 6B7A 2E9F 6BCD 2EA0 6C11 2EA1 6C35 2EA2 6C3A 2EA3 706C 2EA5 722B 2EA6 4E2C 2EA8 72AD 2EAB 7F52 ' +
    '2EAC 793A 2EAD 793B 2EAF 7CF9 2EB0 7E9F 2EB1 7F53 2EB3 34C1 2EB4 34C1 2EB9 8002 2EBA 8080 2EBC 6708 2EBD 81FC ' +
    '2EBE 8279 2EBF 8279 2EC0 8279 2EC1 864E 2EC2 8864 2EC3 8980 2EC4 897F 2EC5 89C1 2EC8 8BA0 2EC9 8D1D 2ECB 8F66 ' +
    '2ECD 8FB6 2ECF 961D 2ED0 9485 2ED1 9577 2ED2 9578 2ED3 957F 2ED6 961D 2ED8 9752 2ED9 97E6 2EDA 9875 2EDB 98CE ' +
    '2EDC 98DE 2EDD 98DF 2EDF 98E0 2EE0 9963 2EE2 9A6C 2EE3 9AA8 2EE4 9B3C 2EE5 9C7C 2EE6 9E1F 2EE7 5364 2EE8 9EA6 ' +
    '2EE9 9EC4 2EEA 9EFE 2EEB 6589 2EEC 9F50 2EED 6B6F 2EEE 9F7F 2EEF 7ADC 2EF0 9F99 2EF1 9F9C 2EF2 4E80 2EF3 9F9F')
    .split(' ')
    .flatMap((code, index, codes) => (index % 2 === 0 ? [[String.fromCodePoint(parseInt(code, 16)), String.fromCodePoint(parseInt(codes[index + 1] as string, 16))] as const] : [])),
);

/** A subset font's name without its six-letter tag: `BAAAAA+NotoSerifCJKjp-Bold` → `NotoSerifCJKjp-Bold`. */
function baseFontName(name: string): string {
  return name.replace(/^[A-Z]{6}\+/u, '');
}
const BOLD_NAME = /bold|heavy|black|demi|W[6-9](?![0-9])/iu;

/** Private-use and replacement characters: what glyphs without a Unicode map decode to. */
const UNDECODABLE = /[\uE000-\uF8FF\uFFFD]|[\u{F0000}-\u{FFFFD}]|[\u{100000}-\u{10FFFD}]/gu;

/** The share of `text`'s non-space characters that did not decode, as text for a message (`37 %`), or undefined when under the limit. */
export function undecodableShare(text: string, limit: number = INGEST_LIMITS.maxUndecodableShare): string | undefined {
  const characters = [...text.replace(/\s/gu, '')].length;
  if (characters === 0) return undefined;
  const bad = (text.match(UNDECODABLE) ?? []).length;
  return bad / characters > limit ? `${Math.round((bad / characters) * 100)} %` : undefined;
}

/**
 * PDF.js's legacy build carries core-js, which replaces the engine's own Array.prototype.push with a
 * JavaScript one (for an edge case of arrays with a read-only length) for the whole process: every push
 * of the build (kuromoji, Orama) then costs a function call in JavaScript, and reading a PDF spent a
 * quarter of its time in it. PDF.js is loaded when the first PDF is read, and the engine's push put back
 * once it and its worker module have loaded; what core-js adds that Node 20 lacks (Promise.withResolvers,
 * Uint8Array.fromBase64…) stays.
 */
const NATIVE_PUSH = Array.prototype.push;
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;
function restorePush(): void {
  // eslint-disable-next-line no-extend-native
  if (Array.prototype.push !== NATIVE_PUSH) Array.prototype.push = NATIVE_PUSH;
}
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((module) => {
    restorePush();
    return module;
  });
  return pdfjs;
}

export interface ReadOptions {
  maxBytes?: number;
  /**
   * The pages whose fonts are to be named (TextRun.font, bold), given their text. Naming them makes PDF.js
   * load every font of the page for drawing (its operator list): 40 % of the time on a Chromium-printed
   * paper, which subsets its fonts on every page. Default: every page.
   */
  weighed?: (pages: readonly PdfPage[]) => ReadonlySet<number>;
}

/** The pages of the PDF `bytes` (from `file`, for messages), or an IngestError that says what is wrong with it. */
export async function readPdfText(bytes: Uint8Array, file: string, { maxBytes = INGEST_LIMITS.maxPdfBytes, weighed }: ReadOptions = {}): Promise<PdfPage[]> {
  if (bytes.length > maxBytes) throw new IngestError('PDF_TOO_LARGE', { file }, bytes.length.toLocaleString('en'), maxBytes.toLocaleString('en'));
  const { AnnotationMode, getDocument } = await loadPdfJs();
  // PDF.js takes the buffer over (and refuses a Node Buffer): a plain copy keeps the caller's.
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false, verbosity: 0 });
  let document;
  try {
    document = await task.promise;
  } catch (error) {
    restorePush();
    await task.destroy();
    // PDF.js rebuilds its errors from its worker side: they are told apart by name.
    if (error instanceof Error && error.name === 'PasswordException') throw new IngestError('PDF_ENCRYPTED', { file });
    throw new IngestError('PDF_DAMAGED', { file }, error instanceof Error ? error.message : String(error));
  }
  // The worker module (loaded with the first document) carries core-js too.
  restorePush();
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
        runs.push({ text: unifiedIdeographs(item.str), x, y, width: item.width, size: Math.hypot(c, d) || Math.hypot(a, b), font: item.fontName, bold: false });
      }
      pages.push({ number, width, height, runs });
      page.cleanup();
    }
    // Font names, where they are wanted: the operator list loads the page's fonts, whose names tell bold type (a heading) from regular.
    const wanted = weighed === undefined ? new Set(pages.map((page) => page.number)) : weighed(pages);
    for (const entry of pages) {
      if (!wanted.has(entry.number)) continue;
      const page = await document.getPage(entry.number);
      await page.getOperatorList({ annotationMode: AnnotationMode.DISABLE });
      const names = new Map<string, string>();
      for (const run of entry.runs) {
        let name = names.get(run.font);
        if (name === undefined) {
          const loaded: unknown = page.commonObjs.has(run.font) ? page.commonObjs.get(run.font) : undefined;
          const given = typeof loaded === 'object' && loaded !== null && 'name' in loaded && typeof loaded.name === 'string' ? loaded.name : '';
          name = given === '' ? run.font : baseFontName(given);
          names.set(run.font, name);
        }
        run.font = name;
        run.bold = BOLD_NAME.test(name);
      }
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
