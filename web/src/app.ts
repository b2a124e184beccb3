import { AccessDenied, createApi, type Document } from './api';
import type { ReaderOpener } from './card';
import { citationDate } from './citation';
import { createChatPanel } from './chat';
import { h } from './dom';
import { detectLanguage, STRINGS, type Lang } from './i18n';
import { renderReader } from './reader';
import { decodeComponent } from './text';
import { pageToken } from './token';

/**
 * shiori's own pages: the chat (/), the reader (/documents/:id) and the chat alone for iframes (/embed).
 * The language comes from ?lang=, then the user's last choice, then the browser; the switch remembers it.
 */
const STORAGE_KEY = 'shiori-lang';
const params = new URLSearchParams(location.search);
let lang: Lang = detectLanguage(params.get('lang'), storedLanguage(), navigator.language);
const root = document.getElementById('app') as HTMLElement;

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function setDocumentLanguage(next: Lang): void {
  lang = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Storage may be off (private mode, iframe): the choice then lasts for this page only.
  }
}

function languageSwitch(onChange: (next: Lang) => void): HTMLButtonElement {
  const button = h('button', { class: 'shiori-lang-switch', attrs: { type: 'button' } });
  const label = (): void => {
    button.textContent = STRINGS[lang].switchLanguage;
    button.setAttribute('aria-label', STRINGS[lang].switchLanguageLabel);
    button.setAttribute('lang', lang === 'ja' ? 'en' : 'ja');
  };
  button.addEventListener('click', () => {
    setDocumentLanguage(lang === 'ja' ? 'en' : 'ja');
    label();
    onChange(lang);
  });
  label();
  return button;
}

/** Wide enough to show the reader beside the chat; narrower screens open it as a page of its own. */
const SIDE_BY_SIDE = '(min-width: 70em)';

/** `/?doc=ID` asks only that paper: the id, when the server lists it, with the paper's title. */
async function requestedScope(): Promise<{ id: string; title: string } | undefined> {
  const id = params.get('doc');
  if (id === null || id === '') return undefined;
  const papers = await createApi('', pageToken).documents().catch(() => undefined);
  // The list could not be read (a token to enter, the index still building): keep the scope by its id
  // (the server refuses an id it does not have); a list without the id means no such paper.
  if (papers === undefined) return { id, title: id };
  const paper = papers.find((candidate) => candidate.id === id);
  if (paper === undefined) dropScopeFromAddress();
  return paper === undefined ? undefined : { id: paper.id, title: paper.title };
}

/** The address without `?doc=`, once the reader asks all papers again. */
function dropScopeFromAddress(): void {
  const url = new URL(location.href);
  url.searchParams.delete('doc');
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

async function chatPage(embedded: boolean): Promise<void> {
  const scope = embedded ? undefined : await requestedScope();
  const side = embedded ? undefined : readerPanel();
  const panel = createChatPanel({
    apiBase: '',
    lang,
    readerInNewTab: embedded,
    root: document,
    token: pageToken,
    askForToken: true,
    // One conversation per tab and page: /embed in a portal's iframe keeps its own.
    threadKey: embedded ? 'shiori-thread-embed' : 'shiori-thread',
    ...(embedded ? { contained: 'document' as const } : {}),
    ...(side ? { openReader: side.open } : {}),
    ...(scope ? { scope, onScopeCleared: dropScopeFromAddress } : {}),
  });
  const title = h('h1', { class: 'shiori-title' });
  const tagline = h('p', { class: 'shiori-tagline' });
  const refresh = (): void => {
    title.textContent = STRINGS[lang].appTitle;
    tagline.textContent = STRINGS[lang].tagline;
    libraryLink.textContent = STRINGS[lang].library;
    document.title = STRINGS[lang].appTitle;
  };
  const libraryLink = h('a', { class: 'shiori-button shiori-link-button', attrs: { href: '/library' } });
  const header = h('header', { class: 'shiori-header' }, h('div', {}, title, tagline), h('div', { class: 'shiori-header-actions' }, libraryLink, languageSwitch((next) => {
    refresh();
    panel.setLanguage(next);
    side?.setLanguage();
  })));
  refresh();
  const main = h('main', { class: embedded ? 'shiori-main shiori-embedded' : 'shiori-main' }, panel.element);
  root.replaceChildren(...(embedded ? [] : [header]), main, ...(side ? [side.element] : []));
  if (embedded) document.body.classList.add('shiori-embed-page');
  // In a portal's iframe, taking focus on load would scroll the portal to the frame and take its keys.
  else panel.focus();
}

/**
 * The reader beside the chat on a wide screen: the paper opened at the passage, closed with × or Escape,
 * or opened as a page of its own. On a narrow screen `open` declines and the link is followed.
 */
function readerPanel(): { element: HTMLElement; open: ReaderOpener; setLanguage(): void } {
  const body = h('div', { class: 'shiori-reader-panel-body' });
  const heading = h('h2', { class: 'shiori-visually-hidden', id: 'shiori-reader-panel-title' });
  const full = h('a', { class: 'shiori-button shiori-link-button' });
  const close = h('button', { class: 'shiori-button', attrs: { type: 'button' } });
  const element = h(
    'aside',
    { class: 'shiori-reader-panel', attrs: { hidden: '', 'aria-labelledby': 'shiori-reader-panel-title' } },
    heading,
    h('div', { class: 'shiori-reader-panel-bar' }, full, close),
    body,
  );
  let opener: HTMLElement | null = null;
  let shown: { docId: string; anchor: string; href: string } | undefined;
  const label = (): void => {
    const strings = STRINGS[lang];
    heading.textContent = strings.readerPanel;
    full.textContent = strings.openFullPage;
    close.textContent = `× ${strings.closeReader}`;
  };
  const hide = (): void => {
    element.hidden = true;
    document.body.classList.remove('shiori-with-reader');
    body.replaceChildren();
    shown = undefined;
    opener?.focus();
  };
  close.addEventListener('click', hide);
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') hide();
  });
  const show = async (target: { docId: string; anchor: string; href: string }, focusTarget = true): Promise<void> => {
    shown = target;
    full.setAttribute('href', target.href);
    element.hidden = false;
    document.body.classList.add('shiori-with-reader');
    element.setAttribute('aria-busy', 'true');
    body.replaceChildren(h('p', {}, STRINGS[lang].readerLoading));
    const content = await readerContent(target.docId).catch(() => ({ element: h('p', { attrs: { role: 'alert' } }, STRINGS[lang].error) }) as { element: HTMLElement; document?: Document });
    if (shown !== target) return;
    element.removeAttribute('aria-busy');
    body.replaceChildren(content.element);
    if (content.document && focusTarget) showAnchor(body, target.anchor);
  };
  label();
  return {
    element,
    open(target) {
      if (!matchMedia(SIDE_BY_SIDE).matches) return false;
      opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      void show(target);
      return true;
    },
    setLanguage() {
      label();
      // Drawn again in the new language, without taking focus from the language switch.
      if (shown) void show(shown, false);
    },
  };
}

/** The paper `id` as the reader shows it, or what to say instead (no token, no such paper). */
async function readerContent(id: string): Promise<{ element: HTMLElement; document?: Document }> {
  const strings = STRINGS[lang];
  // An id that does not decode names no document: nothing to ask the server.
  const found = id === '' ? undefined : await createApi('', pageToken)
    .document(id)
    .catch((error: unknown) => {
      if (error instanceof AccessDenied) return null;
      throw error;
    });
  if (found === null) return { element: h('div', {}, h('p', { attrs: { role: 'alert' } }, strings.needsToken), h('p', {}, h('a', { attrs: { href: '/' } }, strings.backToChat))) };
  if (found === undefined) return { element: h('p', { attrs: { role: 'alert' } }, strings.readerMissing) };
  return { element: renderReader(found, strings, pageToken), document: found };
}

/** Marks and focuses the passage `anchor` inside `container`, scrolled to the middle of its box. */
function showAnchor(container: HTMLElement, anchor: string): void {
  const target = [...container.querySelectorAll<HTMLElement>('[id]')].find((element) => element.id === anchor);
  if (!target) return;
  target.classList.add('shiori-target');
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
}

/** `/library`: the papers, with what each holds, a link to read it and one to ask it alone. */
async function libraryPage(): Promise<void> {
  const strings = STRINGS[lang];
  document.title = `${strings.library} — ${strings.appTitle}`;
  const back = h('a', { class: 'shiori-back', attrs: { href: '/' } }, `← ${strings.backToChat}`);
  const main = h('main', { class: 'shiori-main shiori-library', attrs: { 'aria-busy': 'true' } }, h('p', {}, strings.readerLoading));
  root.replaceChildren(h('header', { class: 'shiori-header' }, back, languageSwitch(() => void libraryPage())), main);
  const papers = await createApi('', pageToken)
    .documents()
    .catch((error: unknown) => (error instanceof AccessDenied ? null : undefined));
  main.removeAttribute('aria-busy');
  if (papers === null) {
    main.replaceChildren(h('p', { attrs: { role: 'alert' } }, strings.needsToken));
    return;
  }
  if (papers === undefined) {
    main.replaceChildren(h('p', { attrs: { role: 'alert' } }, strings.error));
    return;
  }
  main.replaceChildren(
    h('h1', { class: 'shiori-library-title' }, strings.library),
    h('p', { class: 'shiori-tagline' }, strings.libraryIntro(papers.length)),
    h(
      'ul',
      { class: 'shiori-library-list' },
      ...papers.map((paper) => {
        const reader = `/documents/${encodeURIComponent(paper.id)}`;
        const published = [paper.author, paper.series && paper.number ? `${paper.series} ${paper.number}` : paper.series, paper.publisher, paper.date ? citationDate(paper.date, lang) : null].filter((part): part is string => Boolean(part));
        return h(
          'li',
          { class: 'shiori-card shiori-paper' },
          h('h2', { class: 'shiori-card-title' }, h('a', { attrs: { href: reader, lang: paper.lang } }, paper.title)),
          published.length === 0 ? null : h('p', { class: 'shiori-card-meta' }, published.join(' · ')),
          h('p', { class: 'shiori-card-meta' }, strings.paperCounts(paper)),
          h(
            'div',
            { class: 'shiori-actions' },
            h('a', { class: 'shiori-button shiori-link-button', attrs: { href: `/?doc=${encodeURIComponent(paper.id)}` } }, strings.askThisPaper),
            h('a', { class: 'shiori-button shiori-link-button', attrs: { href: reader } }, strings.readPaper),
          ),
        );
      }),
    ),
  );
}

async function readerPage(id: string): Promise<void> {
  const strings = STRINGS[lang];
  const back = h('a', { class: 'shiori-back', attrs: { href: '/' } }, `← ${strings.backToChat}`);
  // Back to the chat is Back when the chat opened this page: the browser then restores it where it was.
  back.addEventListener('click', (event) => {
    if (document.referrer !== '' && new URL(document.referrer).origin === location.origin && new URL(document.referrer).pathname === '/' && history.length > 1) {
      event.preventDefault();
      history.back();
    }
  });
  const main = h('main', { class: 'shiori-main shiori-reader-main', attrs: { 'aria-busy': 'true' } }, h('p', {}, strings.readerLoading));
  root.replaceChildren(h('header', { class: 'shiori-header' }, back, languageSwitch(() => void readerPage(id))), main);
  const content = await readerContent(id);
  main.removeAttribute('aria-busy');
  main.replaceChildren(content.element);
  if (!content.document) return;
  document.title = `${content.document.title} — ${strings.appTitle}`;
  const anchor = location.hash === '' ? undefined : decodeComponent(location.hash.slice(1));
  if (anchor !== undefined) showAnchor(main, anchor);
}

setDocumentLanguage(lang);
pageToken();
const reader = /^\/documents\/([^/]+)$/u.exec(location.pathname);
// An id that does not decode (`/documents/%E0%A4`) names no document: the reader says so.
if (reader) void readerPage(decodeComponent(reader[1] as string) ?? '');
else if (location.pathname === '/library') void libraryPage();
else void chatPage(location.pathname === '/embed');
