import type { SearchResult } from './api';
import { externalLink, h, type Child } from './dom';
import type { Lang, Strings } from './i18n';
import { readerAnchor } from '../../src/model/ids';
import { withMarkers } from '../../src/search/excerpt';
import { citedQuote, formatCitation, type CitationStyle, type CitedPaper } from './citation';
import { highlighted } from './text';

export interface CardContext {
  strings: Strings;
  lang: Lang;
  /** Where the reader lives ('' on shiori's own pages, the server's origin in the widget). */
  readerBase: string;
  /** Open the reader in a new tab (the widget and the iframe), or in place (the page). */
  readerInNewTab: boolean;
  /** The papers as the server lists them, for citations (undefined until the list has loaded, or if it fails). */
  paperOf(docId: string): CitedPaper | undefined;
  /** The answer's text when it quotes the passage at `rank`. */
  answerOf(rank: number): string | undefined;
  /** Unique prefix for element ids within the page. */
  idPrefix: string;
  announce(message: string): void;
  /** Shows the reader beside the chat instead of following the link; false when it cannot (a narrow screen). */
  openReader?: ReaderOpener;
}

/** `href` is the reader's address; `docId` and `anchor` say what to show in it. True when it was shown. */
export type ReaderOpener = (target: { href: string; docId: string; anchor: string }) => boolean;

/** One ranked passage: where it is from, the excerpt with matched words marked, its footnotes, actions. */
export function renderCard(result: SearchResult, rank: number, context: CardContext): HTMLElement {
  const { strings } = context;
  const id = `${context.idPrefix}-r${rank}`;
  const label = { summary: strings.summary, closing: strings.closing, disclaimer: strings.disclaimer }[result.kind as 'summary' | 'closing' | 'disclaimer'] as string | undefined;
  const where = [label ?? result.section ?? strings.untitledSection, strings.page(result.page)];
  const excerpt = h('p', { class: 'shiori-excerpt', attrs: { lang: result.lang } }, ...highlighted(result.snippet, result.highlights));
  let expanded = false;
  const toggle = h('button', { class: 'shiori-button', attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': `${id}-text` } }, strings.showFull);
  toggle.addEventListener('click', () => {
    expanded = !expanded;
    excerpt.replaceChildren(...(expanded ? highlighted(result.text, result.textHighlights) : highlighted(result.snippet, result.highlights)));
    toggle.textContent = expanded ? strings.showLess : strings.showFull;
    toggle.setAttribute('aria-expanded', String(expanded));
  });
  excerpt.id = `${id}-text`;

  const anchor = readerAnchor(result.id);
  const readerHref = `${context.readerBase}/documents/${encodeURIComponent(result.docId)}#${anchor}`;
  /** The citation in a style: the UI language's first, the other style beside it. */
  const copyButton = (style: CitationStyle): HTMLButtonElement => {
    const label = style === context.lang ? strings.copyCitation : strings.copyCitationIn[style];
    const button = h('button', { class: 'shiori-button', attrs: { type: 'button' } }, label);
    button.addEventListener('click', () => {
      const quoted = citedQuote(result, context.answerOf(rank), withMarkers(result.snippet, result.snippetStart, result.refs));
      const citation = formatCitation({ paper: context.paperOf(result.docId), docId: result.docId, section: result.section, page: result.page, ...quoted, permalink: new URL(readerHref, location.href).href }, style);
      void copyText(citation.text, citation.html).then((ok) => {
        button.textContent = ok ? strings.copied : strings.copyFailed;
        context.announce(ok ? strings.copied : strings.copyFailed);
        setTimeout(() => (button.textContent = label), 2000);
      });
    });
    return button;
  };
  const other: CitationStyle = context.lang === 'ja' ? 'en' : 'ja';

  const reader = h('a', { class: 'shiori-button shiori-link-button', attrs: context.readerInNewTab ? { href: readerHref, target: '_blank', rel: 'noopener' } : { href: readerHref } }, strings.openReader);
  reader.addEventListener('click', (event) => {
    // A modified click (new tab, new window) is the browser's.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    if (context.openReader?.({ href: readerHref, docId: result.docId, anchor })) event.preventDefault();
  });

  const notes = result.citations.length === 0
    ? null
    : h(
        'section',
        { class: 'shiori-notes', attrs: { 'aria-label': strings.footnotes } },
        h('h4', { class: 'shiori-notes-heading' }, strings.footnotes),
        h(
          'ol',
          { class: 'shiori-note-list' },
          ...result.citations.map((citation) =>
            h(
              'li',
              { id: `${id}-fn-${citation.n}`, class: citation.n === result.matchedNote ? 'shiori-note shiori-note-match' : 'shiori-note', attrs: { tabindex: '-1' } },
              h('span', { class: 'shiori-note-number' }, `[${citation.n}]`),
              ' ',
              h('span', { attrs: { lang: 'ja' } }, citation.text),
              ...citation.urls.map((url) => h('span', { class: 'shiori-note-url' }, externalLink(url))),
            ),
          ),
        ),
      );

  return h(
    'article',
    { class: 'shiori-card', id, attrs: { 'aria-labelledby': `${id}-title` } },
    h('h3', { class: 'shiori-card-title', id: `${id}-title` }, h('span', { attrs: { lang: result.lang } }, result.docTitle)),
    h(
      'p',
      { class: 'shiori-card-meta' },
      ...where.flatMap((part, index): Child[] => (index === 0 ? [h('span', { attrs: { lang: result.lang } }, part)] : [' · ', part])),
      // Readers of the other language learn before reading that the excerpt is the paper's own language.
      result.lang === context.lang ? null : h('span', { class: 'shiori-lang-tag' }, strings.textLanguage[result.lang]),
    ),
    excerpt,
    notes,
    h('div', { class: 'shiori-actions' }, toggle, reader, copyButton(context.lang), copyButton(other)),
  );
}

/** Copies `text`, with `html` beside it for editors that paste rich text; falls back to plain text, then to a hidden textarea. */
async function copyText(text: string, html: string): Promise<boolean> {
  try {
    if (typeof ClipboardItem === 'undefined') throw new Error('no ClipboardItem');
    await navigator.clipboard.write([new ClipboardItem({ 'text/plain': new Blob([text], { type: 'text/plain' }), 'text/html': new Blob([html], { type: 'text/html' }) })]);
    return true;
  } catch {
    // Rich copy refused (an older browser, a permission): plain text still helps.
  }
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = h('textarea', { class: 'shiori-visually-hidden', attrs: { 'aria-hidden': 'true' } });
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
