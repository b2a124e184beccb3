import { AccessDenied, createApi } from './api';
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

function chatPage(embedded: boolean): void {
  const panel = createChatPanel({ apiBase: '', lang, readerInNewTab: embedded, root: document, token: pageToken, askForToken: true });
  const title = h('h1', { class: 'shiori-title' });
  const tagline = h('p', { class: 'shiori-tagline' });
  const refresh = (): void => {
    title.textContent = STRINGS[lang].appTitle;
    tagline.textContent = STRINGS[lang].tagline;
    document.title = STRINGS[lang].appTitle;
  };
  const header = h('header', { class: 'shiori-header' }, h('div', {}, title, tagline), languageSwitch((next) => {
    refresh();
    panel.setLanguage(next);
  }));
  refresh();
  root.replaceChildren(...(embedded ? [] : [header]), h('main', { class: embedded ? 'shiori-main shiori-embedded' : 'shiori-main' }, panel.element));
  if (embedded) document.body.classList.add('shiori-embed-page');
  panel.focus();
}

async function readerPage(id: string): Promise<void> {
  const strings = STRINGS[lang];
  const back = h('a', { class: 'shiori-back', attrs: { href: '/' } }, `← ${strings.backToChat}`);
  const main = h('main', { class: 'shiori-main shiori-reader-main', attrs: { 'aria-busy': 'true' } }, h('p', {}, strings.readerLoading));
  root.replaceChildren(h('header', { class: 'shiori-header' }, back, languageSwitch(() => void readerPage(id))), main);
  // An id that does not decode names no document: nothing to ask the server.
  const found = id === '' ? undefined : await createApi('', pageToken)
    .document(id)
    .catch((error: unknown) => {
      if (error instanceof AccessDenied) return null;
      throw error;
    });
  main.removeAttribute('aria-busy');
  if (found === null) {
    main.replaceChildren(h('p', { attrs: { role: 'alert' } }, strings.needsToken), h('p', {}, h('a', { attrs: { href: '/' } }, strings.backToChat)));
    return;
  }
  if (found === undefined) {
    main.replaceChildren(h('p', { attrs: { role: 'alert' } }, strings.readerMissing));
    return;
  }
  document.title = `${found.title} — ${strings.appTitle}`;
  main.replaceChildren(renderReader(found, strings));
  const anchor = location.hash === '' ? undefined : decodeComponent(location.hash.slice(1));
  const target = anchor === undefined ? null : document.getElementById(anchor);
  if (target) {
    target.classList.add('shiori-target');
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  }
}

setDocumentLanguage(lang);
pageToken();
const reader = /^\/documents\/([^/]+)$/u.exec(location.pathname);
// An id that does not decode (`/documents/%E0%A4`) names no document: the reader says so.
if (reader) void readerPage(decodeComponent(reader[1] as string) ?? '');
else chatPage(location.pathname === '/embed');
