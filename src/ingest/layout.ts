import { isKanaOrKanji } from '../text/chars';
import type { SourceLine } from './lines';
import { profileLayout } from './lines';
import { splitPages, splitTrailer, structurePage, type Page } from './pages';
import { endsParagraph } from './patterns';

/**
 * How a source file lays its text out, as one object the parser asks instead of a flag threaded through
 * it: where its pages are, what each page holds, how lines join and where paragraphs start. Two layouts:
 *  - `pdf`: the extractor's (every line followed by an empty line, lines wrapped at the page width, pages
 *    with a footnote area under a line of spaces, headings printed at the page's end, slots);
 *  - `plain`: anything else; pages only at form feeds, paragraphs separated by empty lines.
 */
export interface Layout {
  readonly name: 'pdf' | 'plain';
  /** The lines the document is made of, and a disclaimer block at the file's end set aside. */
  splitTrailer(lines: readonly SourceLine[]): { content: SourceLine[]; trailer: SourceLine[] };
  /** The document's pages, structured (body, footnote area, headings printed at the page's end). */
  pages(lines: readonly SourceLine[]): Page[];
  /** Whether the page's body marks where sections start with heading slots. */
  readonly hasSlots: boolean;
  /** How a paragraph's wrapped lines join: by the extractor's trailing space, or always with a space. */
  readonly join: 'wrap' | 'space';
  /** Whether `line` starts a paragraph after `previous` (undefined: none yet); `pageStart`: it opens a page. */
  startsParagraph(line: SourceLine, previous: SourceLine | undefined, pageStart: boolean): boolean;
}

/** The layout of a file's lines, measured on them (see profileLayout); `text` is the whole file, for its language. */
export function layoutOf(lines: readonly SourceLine[], text: string): Layout {
  const profile = profileLayout(lines);
  if (profile.layout === 'plain') return PLAIN;
  // Headings are written in the paper's language: in a Japanese paper a line without kana or kanji
  // (`October 22, 2015` ending a footnote) is not one.
  const japanese = isJapanese(text);
  return {
    name: 'pdf',
    splitTrailer,
    pages(content) {
      const blocks = splitPages(content, true).filter((block) => block.length > 0);
      return blocks.map((block, index) => structurePage(block, index + 1, { wrapWidth: profile.wrapWidth, isLastPage: index === blocks.length - 1, japanese }));
    },
    hasSlots: true,
    join: 'wrap',
    startsParagraph: (line, previous, pageStart) => previous === undefined || endsParagraph(previous) || (/^\s/u.test(line.text) && !pageStart),
  };
}

const PLAIN: Layout = {
  name: 'plain',
  splitTrailer: (lines) => ({ content: [...lines], trailer: [] }),
  pages: (content) => splitPages(content, false)
    .filter((block) => block.length > 0)
    .map((block, index) => ({ no: index + 1, body: block, foot: [], headings: [] })),
  hasSlots: false,
  join: 'space',
  startsParagraph: (line, previous) => previous === undefined || !line.adjacent,
};

/** `ja` when kana and kanji make up at least a fifth of the non-space characters. */
export function isJapanese(text: string): boolean {
  const chars = Array.from(text.replace(/\s+/gu, ''));
  return chars.filter(isKanaOrKanji).length >= chars.length / 5;
}
