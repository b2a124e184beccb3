import type { SearchResult } from './api';
import type { Citation } from '../../src/search/engine';
import { externalLink, h, type Child } from './dom';
import type { Lang, Strings } from './i18n';
import { readerAnchor } from '../../src/model/ids';
import { withMarkers } from '../../src/search/excerpt';
import { citedQuote, formatCitation, urlSegments, type CitationStyle, type CitedPaper } from './citation';
import { originalHref, originalLink } from './original';
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
  /** Tells the operator this passage answered the question (POST /api/feedback). */
  markAnswer(passageId: string): Promise<void>;
  /** The access token, for opening a paper's PDF when the server needs one. */
  token?: () => string | undefined;
}

/** `href` is the reader's address; `docId` and `anchor` say what to show in it. True when it was shown. */
export type ReaderOpener = (target: { href: string; docId: string; anchor: string }) => boolean;

/** One ranked passage: where it is from, the excerpt with matched words marked, its footnotes, actions. */
export function renderCard(result: SearchResult, rank: number, context: CardContext): HTMLElement {
  const { strings } = context;
  const id = `${context.idPrefix}-r${rank}`;
  // What the card is, where in the paper, and for a table row, what its table is.
  const fromNote = citedQuote(result, context.answerOf(rank), '').fromNote;
  const what = fromNote === null ? strings.kind[result.kind] : strings.fromFootnote(fromNote);
  // The kind and page are the UI's words; the section is the paper's.
  const where: Child[] = [what, ...(result.section !== null ? [h('span', { attrs: { lang: result.lang } }, result.section)] : result.kind === 'paragraph' || result.kind === 'table-row' ? [strings.untitledSection] : []), strings.page(result.page)];
  const tableLabel = result.table === null ? null : [result.table.caption, result.table.legend].filter((part): part is string => part !== null && part !== '').join(' — ');
  const preview = notePreview(result, id, strings);
  const excerptOf = (expanded: boolean): Node[] =>
    expanded ? withMarkerButtons(result.text, 0, result.textHighlights, result.refs, preview, strings) : withMarkerButtons(result.snippet, result.snippetStart, result.highlights, result.refs, preview, strings);
  const excerpt = h('p', { class: 'shiori-excerpt', attrs: { lang: result.lang } }, ...excerptOf(false));
  let expanded = false;
  const toggle = h('button', { class: 'shiori-button', attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': `${id}-text` } }, strings.showFull);
  toggle.addEventListener('click', () => {
    expanded = !expanded;
    preview.hide(true);
    excerpt.replaceChildren(...excerptOf(expanded));
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
      const paper = context.paperOf(result.docId);
      const original = paper?.pdf === true ? { original: new URL(originalHref(context.readerBase, result.docId, result.page), location.href).href } : {};
      const citation = formatCitation({ paper, docId: result.docId, section: result.section, page: result.page, ...quoted, permalink: new URL(readerHref, location.href).href, ...original }, style);
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
        h('ol', { class: 'shiori-note-list' }, ...result.citations.map((citation) => noteItem(citation, `${id}-fn-${citation.n}`, citation.n === result.matchedNote, strings))),
      );

  return h(
    'article',
    { class: 'shiori-card', id, attrs: { 'aria-labelledby': `${id}-title` } },
    h('h3', { class: 'shiori-card-title', id: `${id}-title` }, h('span', { attrs: { lang: result.lang } }, result.docTitle)),
    h(
      'p',
      { class: 'shiori-card-meta' },
      ...where.flatMap((part, index): Child[] => (index === 0 ? [part] : [' · ', part])),
      // Readers of the other language learn before reading that the excerpt is the paper's own language.
      result.lang === context.lang ? null : h('span', { class: 'shiori-lang-tag' }, strings.textLanguage[result.lang]),
    ),
    tableLabel === null || tableLabel === '' ? null : h('p', { class: 'shiori-card-table', attrs: { lang: result.lang } }, tableLabel),
    excerpt,
    preview.element,
    notes,
    h('div', { class: 'shiori-actions' }, toggle, reader, pdfLink(result, context), copyButton(context.lang), copyButton(other), answeredButton(result.id, context)),
  );
}

/** The passage's page in the paper's PDF, when the paper was read from one. */
function pdfLink(result: SearchResult, context: CardContext): HTMLAnchorElement | null {
  if (context.paperOf(result.docId)?.pdf !== true) return null;
  const { strings } = context;
  return originalLink({ base: context.readerBase, docId: result.docId, page: result.page, text: strings.openPdf(result.page), label: strings.openPdfLabel(result.page), className: 'shiori-button shiori-link-button', ...(context.token ? { token: context.token } : {}) });
}

/** "This passage answered it": sent once; the button then says whether it arrived. */
function answeredButton(passageId: string, context: CardContext): HTMLButtonElement {
  const button = h('button', { class: 'shiori-button shiori-mark-answer', attrs: { type: 'button' } }, context.strings.thisAnswered);
  button.addEventListener('click', () => {
    button.disabled = true;
    void context.markAnswer(passageId).then(
      () => {
        button.textContent = context.strings.feedbackSent;
        context.announce(context.strings.feedbackSent);
      },
      () => {
        button.disabled = false;
        button.textContent = context.strings.feedbackFailed;
        context.announce(context.strings.feedbackFailed);
      },
    );
  });
  return button;
}

/** A footnote's text with the addresses it gives as links, and those it lacks after it: each address once. */
function noteText(citation: Citation): Child[] {
  const parts: Child[] = urlSegments(citation.text, citation.urls).map((segment) => (segment.url ? externalLink(segment.url) : segment.text));
  for (const url of [...new Set(citation.urls)].filter((candidate) => !citation.text.includes(candidate))) parts.push(' ', externalLink(url));
  return parts;
}

/**
 * A footnote on one line, with a button to read it whole. The note that answers starts whole, and a note
 * opens when focused (the answer's chips take the reader to it).
 */
function noteItem(citation: Citation, id: string, matched: boolean, strings: Strings): HTMLElement {
  const text = h('span', { class: 'shiori-note-text', id: `${id}-text`, attrs: { lang: 'ja' } }, ...noteText(citation));
  const button = h('button', { class: 'shiori-note-toggle', attrs: { type: 'button', 'aria-expanded': String(matched), 'aria-controls': `${id}-text`, 'aria-label': strings.wholeNote(citation.n) } }, '…');
  const item = h(
    'li',
    { id, class: `shiori-note${matched ? ' shiori-note-match shiori-open' : ''}`, attrs: { tabindex: '-1' } },
    h('span', { class: 'shiori-note-number' }, `[${citation.n}]`),
    text,
    button,
  );
  const open = (value: boolean): void => {
    item.classList.toggle('shiori-open', value);
    button.setAttribute('aria-expanded', String(value));
  };
  // "…" only for a note cut short: one that fits its line has nothing more to show.
  if (typeof ResizeObserver !== 'undefined') {
    new ResizeObserver(() => {
      if (!item.classList.contains('shiori-open')) button.hidden = text.scrollWidth <= text.clientWidth;
    }).observe(text);
  }
  button.addEventListener('click', () => open(!item.classList.contains('shiori-open')));
  item.addEventListener('focus', () => open(true));
  return item;
}

interface NotePreview {
  element: HTMLElement;
  /** Shows note `n` under `marker`; `pinned` keeps it until the marker is pressed again or Escape. */
  show(n: number, marker: HTMLElement, pinned: boolean): void;
  /** Hides it unless pinned (`force`: in any case). */
  hide(force?: boolean): void;
  isPinnedTo(marker: HTMLElement): boolean;
}

/** The card's footnote preview: one box, shown under a marker on hover, focus or tap. */
function notePreview(result: SearchResult, id: string, strings: Strings): NotePreview {
  // A disclosure, not a tooltip: it holds the note's links, which a pressed marker keeps open to follow.
  const element = h('div', { class: 'shiori-preview', id: `${id}-preview`, attrs: { role: 'group', hidden: '' } });
  let pinned: HTMLElement | null = null;
  const preview: NotePreview = {
    element,
    show(n, marker, pin) {
      const citation = result.citations.find((candidate) => candidate.n === n);
      if (citation === undefined) return;
      element.replaceChildren(h('span', { class: 'shiori-note-number' }, `[${n}]`), ' ', h('span', { attrs: { lang: 'ja' } }, ...noteText(citation)));
      element.setAttribute('aria-label', strings.citationChip(n));
      element.hidden = false;
      // Under the marker, inside the card.
      const card = element.offsetParent instanceof HTMLElement ? element.offsetParent : null;
      const width = card?.clientWidth ?? 320;
      element.style.top = `${marker.offsetTop + marker.offsetHeight + 4}px`;
      element.style.left = `${Math.max(8, Math.min(marker.offsetLeft - 16, width - element.offsetWidth - 8))}px`;
      if (pin) pinned = marker;
    },
    hide(force = false) {
      if (pinned !== null && !force) return;
      pinned?.setAttribute('aria-expanded', 'false');
      pinned = null;
      element.hidden = true;
    },
    isPinnedTo: (marker) => pinned === marker,
  };
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') preview.hide(true);
  });
  return preview;
}

/**
 * `text` (which begins at `offset` of the passage) with its matched words marked and its footnote markers
 * as `[n]` buttons that preview the note: on hover and focus, and pinned by a press (a tap on a phone).
 */
function withMarkerButtons(text: string, offset: number, ranges: ReadonlyArray<readonly [number, number]>, refs: SearchResult['refs'], preview: NotePreview, strings: Strings): Node[] {
  const markers = refs.filter((ref) => ref.offset >= offset && ref.offset <= offset + text.length).sort((a, b) => a.offset - b.offset || a.n - b.n);
  const nodes: Node[] = [];
  let position = 0;
  const piece = (end: number): void => {
    if (end <= position) return;
    const shifted = ranges.filter(([start, stop]) => stop > position && start < end).map(([start, stop]): [number, number] => [Math.max(start, position) - position, Math.min(stop, end) - position]);
    nodes.push(...highlighted(text.slice(position, end), shifted));
    position = end;
  };
  for (const ref of markers) {
    piece(ref.offset - offset);
    const marker = h('button', { class: 'shiori-marker', attrs: { type: 'button', 'aria-controls': preview.element.id, 'aria-expanded': 'false', 'aria-label': strings.citationChip(ref.n) } }, `[${ref.n}]`);
    marker.addEventListener('mouseenter', () => preview.show(ref.n, marker, false));
    marker.addEventListener('focus', () => preview.show(ref.n, marker, false));
    marker.addEventListener('mouseleave', () => preview.hide());
    marker.addEventListener('blur', () => preview.hide());
    marker.addEventListener('click', () => {
      const again = preview.isPinnedTo(marker);
      preview.hide(true);
      if (again) return;
      preview.show(ref.n, marker, true);
      marker.setAttribute('aria-expanded', 'true');
    });
    marker.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') preview.hide(true);
    });
    nodes.push(marker);
  }
  piece(text.length);
  return nodes;
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
