import type { Document, Paragraph, Table } from './api';
import { DISCLAIMER_ID } from '../../src/model/ids';
import { urlSegments } from './citation';
import { externalLink, h } from './dom';
import type { Strings } from './i18n';
import { originalLink } from './original';

/**
 * The reader view: the whole parsed paper, its sections in order, footnote markers linked to the
 * footnotes and back, tables as real tables. Paragraph n has the anchor `p-n`, table t1 `t1`.
 */
export function renderReader(document: Document, strings: Strings, token?: () => string | undefined): HTMLElement {
  const citations = new Map<number, number>();
  // A paper read from a PDF links each passage to its page there (issue 16).
  const fromPdf = /\.pdf$/iu.test(document.sourceFile);
  const pageLink = (page: number): HTMLAnchorElement | null =>
    fromPdf ? originalLink({ base: '', docId: document.id, page, text: strings.openPdf(page), label: strings.openPdfLabel(page), className: 'shiori-page-link', ...(token ? { token } : {}) }) : null;
  // A marker whose footnote the paper lacks (a gap in its numbering) is shown, but links nowhere.
  const notes = new Set(document.footnotes.map((footnote) => footnote.n));
  const paragraph = (item: Paragraph, tag: 'p' | 'li' = 'p'): HTMLElement => {
    const element = h(tag, { id: `p-${item.id.slice(1)}`, class: 'shiori-paragraph', attrs: { tabindex: '-1' } });
    let position = 0;
    for (const ref of [...item.refs].sort((a, b) => a.offset - b.offset)) {
      element.append(item.text.slice(position, ref.offset));
      const count = (citations.get(ref.n) ?? 0) + 1;
      citations.set(ref.n, count);
      element.append(
        h(
          'sup',
          { class: 'shiori-ref' },
          notes.has(ref.n) ? h('a', { id: `fnref-${ref.n}-${count}`, attrs: { href: `#fn-${ref.n}`, 'aria-label': `${strings.footnotes} ${ref.n}` } }, String(ref.n)) : String(ref.n),
        ),
      );
      position = ref.offset;
    }
    element.append(item.text.slice(position));
    const link = pageLink(item.page);
    if (link !== null) element.append(' ', link);
    return element;
  };

  // The caption stays above the scrolled box (on a phone a wide table scrolls, and its caption must not
  // scroll away); the box takes focus so that a keyboard can scroll it, and is named by the caption.
  const table = (item: Table): HTMLElement =>
    h(
      'figure',
      { id: item.id, class: 'shiori-table-figure', attrs: { tabindex: '-1' } },
      item.caption ? h('p', { class: 'shiori-table-caption', id: `${item.id}-caption` }, item.caption, ...(fromPdf ? [' ', pageLink(item.page)] : [])) : null,
      h(
        'div',
        { class: 'shiori-table-scroll', attrs: { tabindex: '0', role: 'region', ...(item.caption ? { 'aria-labelledby': `${item.id}-caption` } : { 'aria-label': strings.table }) } },
        h(
        'table',
        { class: 'shiori-table', attrs: item.caption ? { 'aria-labelledby': `${item.id}-caption` } : {} },
        h('thead', {}, h('tr', {}, h('td', {}), ...item.columns.map((column) => h('th', { attrs: { scope: 'col' } }, column)))),
        h(
          'tbody',
          {},
          ...item.rows.map((row) =>
            h('tr', {}, h('th', { attrs: { scope: 'row' } }, row.label), ...item.columns.map((column) => h('td', {}, row.cells[column] ?? ''))),
          ),
        ),
      ),
      ),
      item.legend ? h('figcaption', { class: 'shiori-legend' }, item.legend) : null,
    );

  const meta = [document.series, document.publisher, document.date, strings.pages(document.pages)].filter((part): part is string => Boolean(part));
  const body = h('div', { class: 'shiori-reader-body' });
  if (document.summary.length > 0) {
    body.append(h('section', { class: 'shiori-summary', attrs: { 'aria-label': strings.summary } }, h('h2', {}, strings.summary), h('ul', {}, ...document.summary.map((item) => paragraph(item, 'li')))));
  }
  for (const section of document.sections) {
    const heading = section.heading === null ? null : h(section.level === 1 ? 'h2' : 'h3', {}, section.heading);
    const element = h('section', { id: section.id, class: `shiori-section shiori-level-${section.level}` }, heading);
    const tables = document.tables.filter((item) => item.sectionId === section.id);
    for (const item of tables.filter((candidate) => candidate.afterParagraphId === null)) element.append(table(item));
    for (const item of section.paragraphs) {
      element.append(paragraph(item));
      for (const placed of tables.filter((candidate) => candidate.afterParagraphId === item.id)) element.append(table(placed));
    }
    body.append(element);
  }
  if (document.closing) body.append(h('p', { id: 'closing', class: 'shiori-closing', attrs: { tabindex: '-1' } }, document.closing.text));
  const disclaimer = document.boilerplate.filter((item) => item.kind === 'disclaimer');
  if (disclaimer.length > 0) {
    body.append(h('aside', { id: DISCLAIMER_ID, class: 'shiori-disclaimer', attrs: { tabindex: '-1', 'aria-label': strings.disclaimer } }, ...disclaimer.map((item) => h('p', {}, item.text))));
  }
  if (document.footnotes.length > 0) {
    body.append(
      h(
        'section',
        { class: 'shiori-footnotes', attrs: { 'aria-label': strings.footnotes } },
        h('h2', {}, strings.footnotes),
        h(
          'ol',
          {},
          ...document.footnotes.map((footnote) =>
            h(
              'li',
              { id: `fn-${footnote.n}`, attrs: { value: String(footnote.n), tabindex: '-1' } },
              ...linkedText(footnote.text, footnote.urls),
              citations.has(footnote.n) ? ' ' : null,
              citations.has(footnote.n) ? h('a', { class: 'shiori-backref', attrs: { href: `#fnref-${footnote.n}-1`, 'aria-label': strings.backToText } }, '↩') : null,
            ),
          ),
        ),
      ),
    );
  }
  // The table of contents: the sections with headings, the second level under the first.
  const entries = document.sections.filter((section) => section.heading !== null);
  const toc = entries.length < 2
    ? null
    : h(
        'nav',
        { class: 'shiori-toc', attrs: { 'aria-label': strings.contents } },
        h('h2', { class: 'shiori-toc-heading' }, strings.contents),
        h('ol', {}, ...entries.map((section) => h('li', { class: `shiori-toc-level-${section.level}` }, h('a', { attrs: { href: `#${section.id}` } }, section.heading as string)))),
      );
  return h(
    'article',
    { class: 'shiori-reader', attrs: { lang: document.lang } },
    h(
      'header',
      { class: 'shiori-reader-header' },
      h('h1', {}, document.title),
      h('p', { class: 'shiori-reader-meta' }, meta.join(' · '), ...(fromPdf ? [' · ', originalLink({ base: '', docId: document.id, text: strings.originalPdf, className: 'shiori-original-link', ...(token ? { token } : {}) })] : [])),
    ),
    toc,
    body,
  );
}

/** A footnote's text with its URLs as links (http and https only). */
function linkedText(text: string, urls: readonly string[]): Array<Node | string> {
  return urlSegments(text, urls).map((segment) => (segment.url ? externalLink(segment.url) : segment.text));
}
