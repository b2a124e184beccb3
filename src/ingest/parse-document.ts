import { DocumentSchema, type Boilerplate, type Document, type Footnote, type Paragraph, type Section, type Table } from '../model/document';
import { isBlank, isKanaOrKanji } from '../text/chars';
import { JoinedLines, normalizeSpacing } from '../text/spacing';
import { buildBody, type RawBody, type RawParagraph } from './body';
import { IngestError } from './errors';
import { INGEST_LIMITS } from './limits';
import { parseFootnotes } from './footnotes';
import { isJapanese, layoutOf } from './layout';
import { splitSourceLines } from './lines';
import { extractMarkers, isMarkerContext, type MarkerScan } from './markers';
import { firstDate, titleFromFirstSentence, type Sidecar } from './metadata';
import type { Page } from './pages';
import { endsParagraph } from './patterns';

export interface ParseOptions {
  /** File name as given in the corpus folder, e.g. `000_d62613a39113a7e6.txt`. */
  sourceFile: string;
  sidecar?: Sidecar;
  /** The source line each footnote starts on, by number, for a message about one. */
  footnoteLines?: ReadonlyMap<number, number>;
}

/**
 * Parses one decoded corpus file into a {@link Document}. Pure: no IO. Throws an IngestError only for a
 * paper whose structure breaks a limit (a footnote over INGEST_LIMITS.maxFootnoteChars). Pipeline:
 * lines → layout profile → disclaimer split → pages (body / footnotes / headings printed at the foot)
 * → footnotes → body flow (summary, sections, paragraphs, tables, closing) → footnote markers → metadata.
 */
export function parseDocument(text: string, options: ParseOptions): Document {
  const lines = splitSourceLines(text);
  const layout = layoutOf(lines, text);
  const { content, trailer } = layout.splitTrailer(lines);
  const pages = layout.pages(content);
  const lastPage = Math.max(1, pages.length);

  const notes = parseFootnotes(pages, { bodyMarkers: markerNumbers(pages) });
  const body = buildBody(pages, layout);
  const titleLine = takeTitleLine(body, pages);
  const warnings = [...notes.warnings, ...body.tables.flatMap((placed) => placed.table.warnings), ...boundParagraphs(body)];

  const raws = [...body.summary, ...body.sections.flatMap((section) => section.paragraphs)];
  const markers = extractMarkers(
    raws,
    notes.footnotes.map((footnote) => ({ n: footnote.n, page: footnote.page, text: footnote.text })),
    // A number the footnotes skip stood between the pages of the footnotes on either side of it.
    notes.missing.map((n) => {
      const before = [...notes.footnotes].reverse().find((footnote) => footnote.n < n)?.page ?? 1;
      return { n, page: before, lastPage: notes.footnotes.find((footnote) => footnote.n > n)?.page ?? before };
    }),
    notes.footnotes.map((footnote) => footnote.text),
  );
  const finished = new Map<RawParagraph, Paragraph>();
  raws.forEach((raw, index) => {
    const { text: clean, refs } = markers.scans[index] as MarkerScan;
    finished.set(raw, { id: `p${index + 1}`, text: clean, page: raw.page, refs, lines: raw.lines });
  });
  const finish = (raw: RawParagraph): Paragraph => finished.get(raw) as Paragraph;
  const summary = body.summary.map(finish).filter((paragraph) => paragraph.text !== '');
  const sections: Section[] = body.sections.map((section, index) => ({
    id: `s${index + 1}`,
    heading: section.heading,
    level: section.level,
    page: section.page,
    paragraphs: section.paragraphs.map(finish),
  }));
  for (const n of markers.unmatched) warnings.push(`footnote ${n}: no marker found in the text`);
  for (const orphan of markers.orphans) {
    warnings.push(`line ${(raws[orphan.text] as RawParagraph).lines[0]}: the text cites footnote ${orphan.n}, which the paper does not have`);
  }

  const tables: Table[] = body.tables.map((placed, index) => ({
    id: `t${index + 1}`,
    caption: placed.table.caption,
    legend: placed.table.legend,
    columns: placed.table.columns,
    rows: placed.table.rows,
    page: placed.page,
    sectionId: `s${body.sections.indexOf(placed.section) + 1}`,
    afterParagraphId: placed.after === null ? null : finish(placed.after).id,
  }));

  const boilerplate: Boilerplate[] = [
    ...body.boilerplate,
    ...notes.unplaced,
    ...trailer.map((line) => ({ kind: 'disclaimer' as const, text: line.text.trim(), page: lastPage, line: line.no })),
  ];
  return assembleDocument({ summary, sections, footnotes: notes.footnotes, tables, closing: body.closing, boilerplate, warnings, pages: lastPage, text, titleLine }, { ...options, footnoteLines: notes.startLines });
}

/** What a layout reads from a paper, before its metadata: parseDocument's text layouts and pdf-layout.ts's positioned one. */
export interface DocumentParts {
  summary: Paragraph[];
  sections: Section[];
  footnotes: Footnote[];
  tables: Table[];
  closing: { text: string; page: number } | null;
  /** Everything set aside but the title line. */
  boilerplate: Boilerplate[];
  warnings: string[];
  pages: number;
  /** The paper's text, for its language. */
  text: string;
  titleLine: { text: string; no: number } | undefined;
}

/** The Document of a paper's parts: title, date and language from the sidecar or the paper, validated. */
export function assembleDocument(parts: DocumentParts, options: ParseOptions): Document {
  const { summary, sections, titleLine } = parts;
  const long = parts.footnotes.find((footnote) => footnote.text.length > INGEST_LIMITS.maxFootnoteChars);
  if (long !== undefined) {
    const limit = INGEST_LIMITS.maxFootnoteChars.toLocaleString('en');
    throw new IngestError('FOOTNOTE_TOO_LONG', { file: options.sourceFile, line: options.footnoteLines?.get(long.n) }, String(long.n), long.text.length.toLocaleString('en'), limit);
  }
  const sidecar = options.sidecar ?? {};
  const lead = summary[0]?.text ?? sections.find((section) => section.paragraphs.length > 0)?.paragraphs[0]?.text ?? '';
  const title = sidecar.title ?? titleLine?.text ?? (lead === '' ? options.sourceFile : titleFromFirstSentence(lead));
  const titleSource = sidecar.title ? 'metadata' : titleLine ? 'title-line' : 'first-sentence';
  const closingDate = parts.closing ? firstDate(parts.closing.text) : undefined;
  const date = sidecar.date ?? closingDate;

  return DocumentSchema.parse({
    id: documentId(options.sourceFile),
    sourceFile: options.sourceFile,
    title,
    titleSource,
    ...(date ? { date, dateSource: sidecar.date ? 'metadata' : 'closing-line' } : {}),
    ...(sidecar.author ? { author: sidecar.author } : {}),
    ...(sidecar.series ? { series: sidecar.series } : {}),
    ...(sidecar.number ? { number: sidecar.number } : {}),
    ...(sidecar.publisher ? { publisher: sidecar.publisher } : {}),
    ...(sidecar.sourceUrl ? { sourceUrl: sidecar.sourceUrl } : {}),
    lang: sidecar.lang ?? (isJapanese(parts.text) ? 'ja' : 'en'),
    pages: parts.pages,
    summary,
    sections,
    footnotes: parts.footnotes,
    tables: parts.tables,
    closing: parts.closing,
    boilerplate: [...(titleLine ? [{ kind: 'title' as const, text: titleLine.text, page: 1, line: titleLine.no }] : []), ...parts.boilerplate],
    warnings: parts.warnings,
  });
}

/**
 * A title printed as the document's first line: one short line, on its own (the next line starts a new
 * block), with no closing punctuation, before the rest of the text.
 */
function takeTitleLine(body: RawBody, pages: readonly Page[]): { text: string; no: number } | undefined {
  if (body.summary.length > 0) return undefined;
  const section = body.sections[0];
  const first = section?.paragraphs[0];
  const firstLine = pages[0]?.body.find((line) => !isBlank(line.text));
  if (section === undefined || first === undefined || firstLine === undefined) return undefined;
  const isSingleLine = first.lines[0] === first.lines[1] && first.lines[0] === firstLine.no;
  const text = normalizeSpacing(first.raw);
  const hasMore = section.paragraphs.length > 1 || body.sections.length > 1;
  if (!isSingleLine || !hasMore || endsParagraph(firstLine) || /[。．.、，:：]$/u.test(text) || Array.from(text).length > 60) return undefined;
  section.paragraphs.shift();
  return { text, no: firstLine.no };
}

/**
 * Splits each paragraph longer than INGEST_LIMITS.maxParagraphChars at its sentence ends (a paragraph is
 * the unit that is searched, ranked and quoted, and a text with no paragraph breaks would otherwise be
 * one), in place; returns a warning for each.
 */
function boundParagraphs(body: RawBody): string[] {
  const warnings: string[] = [];
  const parts = new Map<RawParagraph, RawParagraph[]>();
  const bound = (raws: readonly RawParagraph[]): RawParagraph[] =>
    raws.flatMap((raw) => {
      const pieces = splitAtSentences(raw.raw, INGEST_LIMITS.maxParagraphChars);
      if (pieces.length === 1) return [raw];
      let offset = 0;
      const split = pieces.map((piece) => {
        const start = offset;
        offset += piece.length;
        const pageStarts: Array<[number, number]> = [];
        for (const [at, page] of raw.pageStarts) {
          if (at <= start) pageStarts[0] = [0, page];
          else if (at < offset) pageStarts.push([at - start, page]);
        }
        return { ...raw, raw: piece, page: (pageStarts[0] as [number, number])[1], pageStarts };
      });
      parts.set(raw, split);
      warnings.push(`lines ${raw.lines[0]}–${raw.lines[1]}: a paragraph of ${raw.raw.length.toLocaleString('en')} characters is split into ${pieces.length} at sentence ends (the limit is ${INGEST_LIMITS.maxParagraphChars.toLocaleString('en')})`);
      return split;
    });
  body.summary = bound(body.summary);
  for (const section of body.sections) section.paragraphs = bound(section.paragraphs);
  for (const placed of body.tables) if (placed.after !== null) placed.after = parts.get(placed.after)?.at(-1) ?? placed.after;
  return warnings;
}

/**
 * `text` in pieces of at most `limit` characters that join to it: each cut after the last sentence end
 * (`。．！？`, or `.?!` before a space) in the piece's second half, else after its last white space, else at
 * the limit (never inside a surrogate pair).
 */
export function splitAtSentences(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    let cut = -1;
    for (const match of window.matchAll(/[。．！？]|[.?!](?=\s)/gu)) if (match.index + 1 > limit / 2) cut = match.index + 1;
    if (cut === -1) {
      const space = window.search(/\s\S*$/u);
      cut = space > limit / 2 ? space + 1 : limit;
    }
    if (/[\ud800-\udbff]/u.test(rest[cut - 1] ?? '')) cut--;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  pieces.push(rest);
  return pieces;
}

/**
 * Numbers that stand in the body where a footnote marker can, in each page's body joined as its lines
 * wrap (a marker may open a line: `…述べた` / `6。`): evidence for footnote numbers (see parseFootnotes).
 */
function markerNumbers(pages: readonly Page[]): Set<number> {
  const numbers = new Set<number>();
  for (const page of pages) {
    const joined = new JoinedLines('wrap');
    for (const line of page.body) joined.append(line.text);
    const text = joined.toString();
    for (const match of text.matchAll(/(?<!\d)\d{1,3}(?!\d)/gu)) {
      if (isMarkerContext(text, match.index, match.index + match[0].length)) numbers.add(Number(match[0]));
    }
  }
  return numbers;
}

/** The file name without `.txt`, made URL-safe: `000_d62613a39113a7e6`; other names get a hash-based id. */
export function documentId(sourceFile: string): string {
  const stem = sourceFile.replace(/\.(?:txt|pdf)$/iu, '');
  if (/^[A-Za-z0-9][A-Za-z0-9_-]*$/u.test(stem)) return stem;
  let hash = 0x811c9dc5;
  for (const char of stem) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  const ascii = stem.replace(/[^A-Za-z0-9_-]+/gu, '-').replace(/^[-_]+|-+$/gu, '');
  return `${ascii === '' ? 'doc' : ascii}-${hash.toString(16).padStart(8, '0')}`;
}
