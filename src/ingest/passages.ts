import type { Document, Paragraph, Section } from '../model/document';
import { DISCLAIMER_ID, passageId, tableLegendId, tableRowId } from '../model/ids';
import type { Passage, TableLabel } from '../search/index-format';
import type { Tokenize } from '../text/tokenizer';

/**
 * The searchable units of a document: everything a reader sees — every body paragraph, every summary
 * bullet, every table row and legend, the closing line (`（2020年10月20日脱稿…）` answers when a paper was
 * written) and the disclaimer (whose views the paper states).
 * A passage knows its document, section path and page, the footnote markers in its text, its terms, and
 * the terms searched with it: its headings (for a table row, also caption and legend) and the footnotes it cites.
 */
export function passagesOf(document: Document, tokenize: Tokenize): Passage[] {
  const passages: Passage[] = [];
  const terms = (text: string): string[] => tokenize(text).map((token) => token.term);
  const noteTerms = new Map(document.footnotes.map((footnote) => [footnote.n, terms(footnote.text)]));
  const make = (id: string, kind: Passage['kind'], section: Section | null, path: string | null, paragraph: Pick<Paragraph, 'text' | 'page' | 'refs'>, context: string, table?: TableLabel): void => {
    const cited = [...new Set(paragraph.refs.map((ref) => ref.n))];
    passages.push({
      id: passageId(document.id, id),
      docId: document.id,
      kind,
      sectionId: section?.id ?? null,
      section: path,
      page: paragraph.page,
      text: paragraph.text,
      refs: paragraph.refs,
      tokens: tokenize(paragraph.text).map((token) => [token.term, token.start, token.end]),
      contextTerms: terms(context),
      noteTerms: cited.flatMap((n) => noteTerms.get(n) ?? []),
      ...(table ? { table } : {}),
    });
  };

  for (const item of document.summary) make(item.id, 'summary', null, null, item, '');

  if (document.closing) make('closing', 'closing', null, null, { ...document.closing, refs: [] }, '');

  const disclaimer = document.boilerplate.filter((item) => item.kind === 'disclaimer');
  if (disclaimer.length > 0) make(DISCLAIMER_ID, 'disclaimer', null, null, { text: disclaimer.map((item) => item.text).join('\n'), page: (disclaimer[0] as { page: number }).page, refs: [] }, '');

  let parent: Section | null = null;
  for (const section of document.sections) {
    if (section.level === 1) parent = section;
    const path = sectionPath(section, parent);
    for (const paragraph of section.paragraphs) make(paragraph.id, 'paragraph', section, path, paragraph, path ?? '');
    for (const table of document.tables.filter((candidate) => candidate.sectionId === section.id)) {
      const context = [table.caption, table.legend, path].filter((part): part is string => part !== null).join(' ');
      const label: TableLabel = { caption: table.caption, legend: table.legend };
      table.rows.forEach((row, index) => {
        const cells = table.columns.map((column) => `${column} ${row.cells[column] ?? ''}`.trim()).join('、');
        make(tableRowId(table.id, index + 1), 'table-row', section, path, { text: `${row.label}：${cells}`, page: table.page, refs: [] }, context, label);
      });
      if (table.legend !== null) make(tableLegendId(table.id), 'legend', section, path, { text: table.legend, page: table.page, refs: [] }, [table.caption, path].filter((part): part is string => part !== null).join(' '), { caption: table.caption, legend: null });
    }
  }
  return passages;
}

function sectionPath(section: Section, parent: Section | null): string | null {
  if (section.level === 1 || parent === null || parent === section) return section.heading;
  return [parent.heading, section.heading].filter((heading): heading is string => heading !== null).join(' › ') || null;
}
