import type { Boilerplate } from '../model/document';
import { isBlank } from '../text/chars';
import { JoinedLines, normalizeSpacing } from '../text/spacing';
import type { Layout } from './layout';
import type { SourceLine } from './lines';
import { findSlots, type Page } from './pages';
import { BULLET, endsParagraph, isClosingLine, isGap, isSubheading, isTableCaption } from './patterns';
import { parseTable, type ParsedTable } from './table';

/** A paragraph as joined from its lines, before footnote markers are taken out. */
export interface RawParagraph {
  raw: string;
  page: number;
  lines: [number, number];
  /** Where each page's text begins in `raw` (UTF-16 offsets, ascending, the first at 0): a paragraph may run across pages. */
  pageStarts: Array<[offset: number, page: number]>;
}

export interface RawSection {
  heading: string | null;
  level: 1 | 2;
  page: number;
  paragraphs: RawParagraph[];
}

export interface PlacedTable {
  table: ParsedTable;
  page: number;
  section: RawSection;
  after: RawParagraph | null;
}

export interface RawBody {
  summary: RawParagraph[];
  sections: RawSection[];
  tables: PlacedTable[];
  closing: { text: string; page: number } | null;
  boilerplate: Boilerplate[];
}

type FlowEvent =
  | { kind: 'line'; line: SourceLine; page: number; pageStart: boolean }
  | { kind: 'gap' }
  /** A section boundary; `deferred` ones open at the next paragraph start (a page that begins mid-paragraph). */
  | { kind: 'section'; heading: SourceLine | null; page: number; deferred: boolean };

/**
 * Puts each page's body in reading order and places the headings printed at the page's end: headings
 * fill the page's heading slots from the last one back (a slot left over, like the one after the lead
 * box of doc 000, opens an untitled section); a heading with no slot opens its section at the top of
 * the page, or at the first paragraph that starts on it.
 */
function flowOfPages(pages: readonly Page[], layout: Layout): FlowEvent[] {
  const events: FlowEvent[] = [];
  let previousBodyLine: SourceLine | undefined;
  for (const page of pages) {
    const slots = layout.hasSlots ? findSlots(page.body) : [];
    const overflow = Math.max(0, page.headings.length - slots.length);
    const slotted = page.headings.slice(overflow);
    const firstSlotted = slots.length - slotted.length;
    const pageTopIsParagraphStart = previousBodyLine === undefined || endsParagraph(previousBodyLine);
    for (const heading of page.headings.slice(0, overflow)) {
      events.push({ kind: 'section', heading, page: page.no, deferred: !pageTopIsParagraphStart });
    }

    let pageStart = true;
    let index = 0;
    while (index < page.body.length) {
      const line = page.body[index] as SourceLine;
      const slot = slots.indexOf(index);
      if (slot !== -1) {
        events.push({ kind: 'section', heading: slot >= firstSlotted ? (slotted[slot - firstSlotted] as SourceLine) : null, page: page.no, deferred: false });
        while (index < page.body.length && isGap(page.body[index] as SourceLine)) index++;
        continue;
      }
      if (isBlank(line.text)) events.push({ kind: 'gap' });
      else {
        events.push({ kind: 'line', line, page: page.no, pageStart });
        pageStart = false;
        previousBodyLine = line;
      }
      index++;
    }
  }
  return events;
}

/**
 * Builds summary, sections, paragraphs and tables from the pages. Paragraph boundaries: a line that
 * ends a paragraph (PDF layout: closing punctuation then a space), an indented line that is not a page's
 * first, a gap, a heading; in the plain layout, an empty line.
 */
export function buildBody(pages: readonly Page[], layout: Layout): RawBody {
  const events = flowOfPages(pages, layout);
  const sections: RawSection[] = [];
  const summary: RawParagraph[] = [];
  const tables: PlacedTable[] = [];
  const boilerplate: Boilerplate[] = [];
  const deferred: Array<{ heading: SourceLine | null; page: number }> = [];

  let summaryMode = BULLET.test(firstLine(events)?.text ?? '');
  const paragraph = new ParagraphAccumulator(layout.join);

  const openSection = (heading: string | null, level: 1 | 2, page: number): RawSection => {
    const section: RawSection = { heading, level, page, paragraphs: [] };
    sections.push(section);
    return section;
  };
  const currentSection = (page: number): RawSection => sections[sections.length - 1] ?? openSection(null, 1, page);
  const flush = (): void => {
    const finished = paragraph.take();
    if (finished === undefined) return;
    if (summaryMode) summary.push(finished);
    else currentSection(finished.page).paragraphs.push(finished);
  };
  const openDeferred = (): void => {
    for (const { heading, page } of deferred.splice(0)) openSection(headingText(heading), 1, page);
  };

  for (let index = 0; index < events.length; index++) {
    const event = events[index] as FlowEvent;
    if (event.kind === 'gap') {
      flush();
      continue;
    }
    if (event.kind === 'section') {
      flush();
      summaryMode = false;
      if (event.deferred) deferred.push(event);
      else openSection(headingText(event.heading), 1, event.page);
      continue;
    }

    const { line, page } = event;
    const previousLine = paragraph.lastLine();
    if (summaryMode) {
      const bullet = BULLET.exec(line.text);
      if (bullet) {
        flush();
        boilerplate.push({ kind: 'bullet', text: bullet[1] as string, page, line: line.no });
        paragraph.start(line, line.text.slice(bullet[0].length), page);
        continue;
      }
      if (previousLine !== undefined && !endsParagraph(previousLine)) {
        paragraph.append(line, page);
        continue;
      }
      flush();
      summaryMode = false;
    }

    if (isSubheading(line)) {
      flush();
      openDeferred();
      openSection(normalizeSpacing(line.text), 2, page);
      continue;
    }

    if (isTableCaption(line.text)) {
      const candidates = tableCandidateLines(events, index);
      const table = parseTable(candidates.map((candidate) => candidate.line), true);
      if (table !== undefined) {
        flush();
        openDeferred();
        const section = currentSection(page);
        tables.push({ table, page, section, after: section.paragraphs[section.paragraphs.length - 1] ?? null });
        const lastConsumed = table.lines[table.lines.length - 1] as SourceLine;
        index = (candidates.find((candidate) => candidate.line === lastConsumed) as { index: number }).index;
        continue;
      }
    }

    if (layout.startsParagraph(line, previousLine, event.pageStart)) {
      flush();
      openDeferred();
      paragraph.start(line, line.text, page);
    } else {
      paragraph.append(line, page);
    }
  }
  flush();
  openDeferred();

  const closing = takeClosingLine(sections);
  return { summary, sections: sections.filter((section) => section.heading !== null || section.paragraphs.length > 0 || tables.some((placed) => placed.section === section)), tables, closing, boilerplate };
}

/** The paragraph being read: its text so far (joined from its lines), page and line range. */
class ParagraphAccumulator {
  private raw = new JoinedLines();
  private page = 0;
  private pageStarts: Array<[number, number]> = [];
  private first: SourceLine | undefined;
  private last: SourceLine | undefined;

  constructor(private readonly join: Layout['join']) {}

  start(line: SourceLine, text: string, page: number): void {
    this.raw = new JoinedLines(this.join, text);
    this.page = page;
    this.pageStarts = [[0, page]];
    this.first = line;
    this.last = line;
  }

  /**
   * Adds a wrapped line. PDF layout: the line's own trailing space decides the join (see
   * joinWrappedLines); plain layout: lines of a paragraph are joined with a space, which
   * normalizeSpacing drops next to Japanese.
   */
  append(line: SourceLine, page: number): void {
    if (this.first === undefined) return this.start(line, line.text, page);
    const offset = this.raw.append(line.text);
    if (page !== (this.pageStarts[this.pageStarts.length - 1] as [number, number])[1]) this.pageStarts.push([offset, page]);
    this.last = line;
  }

  lastLine(): SourceLine | undefined {
    return this.last;
  }

  /** The finished paragraph, emptying the accumulator; undefined when nothing was read. */
  take(): RawParagraph | undefined {
    const { first, last } = this;
    this.first = undefined;
    this.last = undefined;
    if (first === undefined || last === undefined) return undefined;
    return { raw: this.raw.toString(), page: this.page, lines: [first.no, last.no], pageStarts: this.pageStarts };
  }
}

function firstLine(events: readonly FlowEvent[]): SourceLine | undefined {
  for (const event of events) if (event.kind === 'line') return event.line;
  return undefined;
}

function headingText(line: SourceLine | null): string | null {
  return line === null ? null : normalizeSpacing(line.text);
}

/** The text lines after a caption, up to the next section boundary, with their event indices. */
function tableCandidateLines(events: readonly FlowEvent[], from: number): Array<{ line: SourceLine; index: number }> {
  const lines: Array<{ line: SourceLine; index: number }> = [];
  for (let index = from; index < events.length; index++) {
    const event = events[index] as FlowEvent;
    if (event.kind === 'section') break;
    if (event.kind === 'line') lines.push({ line: event.line, index });
  }
  return lines;
}

/** The paper's last paragraph, when it is a single dated line in brackets, is its closing line, not content. */
function takeClosingLine(sections: RawSection[]): { text: string; page: number } | null {
  const section = sections[sections.length - 1];
  const last = section?.paragraphs[section.paragraphs.length - 1];
  if (section === undefined || last === undefined || last.lines[0] !== last.lines[1] || !isClosingLine(last.raw)) return null;
  section.paragraphs.pop();
  return { text: normalizeSpacing(last.raw), page: last.page };
}
