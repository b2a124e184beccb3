import { AccessDenied, createApi } from './api';
import { renderCard } from './card';
import { loadPapers, type CitedPaper } from './citation';
import { h } from './dom';
import { STRINGS, type Lang } from './i18n';

/**
 * The widget's search mode: a box whose question lists the ranked passages with their citations, as
 * GET /api/search gives them, and no chat (no answer, no conversation). The cards are the chat's.
 */
export interface SearchPanelOptions {
  apiBase: string;
  lang: Lang;
  token: () => string | undefined;
  /** Unique among the page's panels: element ids are prefixed with it. */
  idPrefix: string;
}

export interface SearchPanel {
  element: HTMLElement;
  focus(): void;
}

/** Passages listed for a question in search mode. */
const SEARCH_RESULTS = 8;

export function createSearchPanel(options: SearchPanelOptions): SearchPanel {
  const api = createApi(options.apiBase, options.token);
  const strings = STRINGS[options.lang];
  const papers = new Map<string, CitedPaper>();
  let papersLoaded: Promise<void> | undefined;
  let searches = 0;
  const inputId = `${options.idPrefix}-search`;
  const input = h('input', { id: inputId, class: 'shiori-input shiori-search-input', attrs: { type: 'search', autocomplete: 'off', enterkeyhint: 'search', placeholder: strings.searchPlaceholder } });
  const button = h('button', { class: 'shiori-send', attrs: { type: 'submit' } }, strings.searchButton);
  const form = h('form', { class: 'shiori-composer shiori-search-form', attrs: { role: 'search' } }, h('label', { class: 'shiori-visually-hidden', attrs: { for: inputId } }, strings.searchLabel), input, button);
  const status = h('p', { class: 'shiori-search-status', attrs: { role: 'status', 'aria-live': 'polite' } });
  const results = h('div', { class: 'shiori-results' });
  const element = h('section', { class: 'shiori-chat shiori-search', attrs: { 'aria-label': strings.searchLabel } }, form, status, h('div', { class: 'shiori-thread' }, results));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const question = input.value.trim();
    if (question === '') return;
    const search = ++searches;
    status.textContent = strings.searching;
    results.replaceChildren();
    papersLoaded ??= loadPapers(() => api.documents(), papers);
    void api
      .search(question, SEARCH_RESULTS)
      .then((response) => {
        // A later question replaced this one.
        if (search !== searches) return;
        status.textContent = response.results.length === 0 ? strings.notFound : strings.resultsHeading(response.results.length);
        const context = {
          strings,
          lang: options.lang,
          readerBase: options.apiBase,
          readerInNewTab: true,
          paperOf: (docId: string) => papers.get(docId),
          answerOf: () => undefined,
          idPrefix: `${options.idPrefix}-s${search}`,
          announce: (message: string) => (status.textContent = message),
          markAnswer: (passage: string) => api.feedback({ question, passage }),
          token: options.token,
        };
        results.replaceChildren(...response.results.map((result, rank) => renderCard(result, rank, context)));
      })
      .catch((error: unknown) => {
        if (search !== searches) return;
        status.textContent = error instanceof AccessDenied ? strings.widgetNeedsToken : strings.error;
      });
  });
  return { element, focus: () => input.focus() };
}
