import { AccessDenied, createApi, type ChatMessage, type ChatReply, type SearchedFor, type SearchResult, type StreamHandlers } from './api';
import { renderCard, type ReaderOpener } from './card';
import { h } from './dom';
import { STRINGS, type Lang, type Strings } from './i18n';
import { languageOf } from './text';
import { loadPapers, type CitedPaper } from './citation';
import { threadStore, type StoredTurn } from './thread-store';
import { rememberToken } from './token';

/**
 * The chat panel, the same on the page (/), in the iframe (/embed) and in the widget: a thread of
 * questions and extractive answers with their ranked passages, and a composer. The answer takes a slot
 * reserved for it before the passages arrive below it, so nothing on screen jumps.
 */
export interface ChatOptions {
  /** The API's origin: '' on shiori's own pages, the server's origin in the widget. */
  apiBase: string;
  lang: Lang;
  /** Where links to the reader open: in place on the page, in a new tab from the iframe and the widget. */
  readerInNewTab: boolean;
  /** Root to look up elements in (a ShadowRoot in the widget). */
  root: Document | ShadowRoot;
  /** The access token for a server with API_TOKEN, if any. */
  token: () => string | undefined;
  /** When the server refuses the token: ask the user for one (shiori's pages), or tell them to ask the page's owner (the widget). */
  askForToken: boolean;
  /** The sessionStorage key the conversation is kept under for the tab (thread-store.ts); none: it lasts for the page. */
  threadKey?: string;
  /**
   * Where the panel may scroll: `document`, its own page only (the iframe's); `box`, its own thread only (the
   * widget, whose page is the portal's); absent, anything (shiori's own page).
   */
  contained?: 'document' | 'box';
  /** Opens the reader beside the chat instead of following the link, when it can (card.ts). */
  openReader?: ReaderOpener;
  /** Ask only this paper (the library's "ask only this paper"); `onScopeCleared` when the reader asks all papers again. */
  scope?: { id: string; title: string };
  onScopeCleared?: () => void;
}

export interface ChatPanel {
  element: HTMLElement;
  setLanguage(lang: Lang): void;
  focus(): void;
}

let panels = 0;
const HISTORY = 10;

export function createChatPanel(options: ChatOptions): ChatPanel {
  const api = createApi(options.apiBase, options.token);
  const prefix = `shiori${++panels}`;
  let strings: Strings = STRINGS[options.lang];
  let lang: Lang = options.lang;
  const papers = new Map<string, CitedPaper>();
  let papersLoaded: Promise<void> | undefined;
  let busy = false;
  let composing = false;
  let turns = 0;

  const status = h('div', { class: 'shiori-visually-hidden', attrs: { role: 'status', 'aria-live': 'polite' } });
  const announce = (message: string): void => {
    status.textContent = '';
    setTimeout(() => (status.textContent = message), 50);
  };

  const examples = h('ul', { class: 'shiori-examples' });
  const emptyText = h('p', { class: 'shiori-empty-text' });
  const empty = h('div', { class: 'shiori-empty' }, emptyText, examples);
  const thread = h('div', { class: 'shiori-thread', attrs: { role: 'log', 'aria-live': 'off', tabindex: '0' } }, empty);

  const inputId = `${prefix}-question`;
  const label = h('label', { class: 'shiori-visually-hidden', attrs: { for: inputId } });
  const input = h('textarea', { id: inputId, class: 'shiori-input', attrs: { rows: '2', autocomplete: 'off', enterkeyhint: 'send' } });
  const send = h('button', { class: 'shiori-send', attrs: { type: 'submit' } });
  const form = h('form', { class: 'shiori-composer' }, label, input, send);

  const newConversation = h('button', { class: 'shiori-button shiori-new-conversation', attrs: { type: 'button', hidden: '' } });
  let scope = options.scope;
  const scopeText = h('span', { class: 'shiori-scope-text' });
  const scopeClear = h('button', { class: 'shiori-button', attrs: { type: 'button' } });
  const scopeBar = h('p', { class: 'shiori-scope', attrs: scope === undefined ? { hidden: '' } : {} }, scopeText, scopeClear);
  scopeClear.addEventListener('click', () => {
    scope = undefined;
    scopeBar.hidden = true;
    options.onScopeCleared?.();
    input.focus();
  });
  // The examples stay at hand once the conversation has begun.
  const examplesLater = h('ul', { class: 'shiori-examples' });
  const examplesSummary = h('summary', {});
  const examplesMenu = h('details', { class: 'shiori-examples-menu', attrs: { hidden: '' } }, examplesSummary, examplesLater);
  const toolbar = h('div', { class: 'shiori-toolbar' }, scopeBar, examplesMenu, newConversation);
  // The composer and its toolbar stay at the foot of the screen while the thread scrolls.
  const element = h('section', { class: 'shiori-chat' }, thread, status, h('div', { class: 'shiori-dock' }, toolbar, form));
  const store = threadStore(options.threadKey);
  /** The answered turns, as kept for the tab. */
  const kept: StoredTurn[] = [];

  /**
   * Brings `target` into view. Contained panels scroll only their own box or document: scrollIntoView
   * would also scroll the host page around an iframe or the widget.
   */
  const reveal = (target: HTMLElement, block: 'start' | 'center'): void => {
    if (!options.contained) {
      target.scrollIntoView({ block });
      return;
    }
    const box = target.getBoundingClientRect();
    const offset = block === 'start' ? box.top : box.top + box.height / 2;
    if (thread.scrollHeight > thread.clientHeight && getComputedStyle(thread).overflowY !== 'visible') {
      const frame = thread.getBoundingClientRect();
      thread.scrollTop += offset - (block === 'start' ? frame.top : frame.top + frame.height / 2);
    } else if (options.contained === 'document') {
      window.scrollBy(0, offset - (block === 'start' ? 0 : window.innerHeight / 2));
    }
  };

  const applyStrings = (): void => {
    element.setAttribute('aria-label', strings.appTitle);
    thread.setAttribute('aria-label', strings.appTitle);
    label.textContent = strings.questionLabel;
    input.placeholder = strings.placeholder;
    send.textContent = strings.send;
    newConversation.textContent = strings.newConversation;
    examplesSummary.textContent = strings.examplesLabel;
    examplesLater.replaceChildren(
      ...strings.examples.map((example) =>
        h('li', {}, h('button', { class: 'shiori-example', attrs: { type: 'button' }, on: { click: () => {
          examplesMenu.open = false;
          ask(example);
        } } }, example)),
      ),
    );
    scopeText.replaceChildren(strings.scopedTo, h('q', { attrs: { lang: 'ja' } }, scope?.title ?? ''));
    scopeClear.textContent = strings.askAllPapers;
    emptyText.textContent = strings.emptyState;
    examples.replaceChildren(
      ...strings.examples.map((example) =>
        h('li', {}, h('button', { class: 'shiori-example', attrs: { type: 'button' }, on: { click: () => ask(example) } }, example)),
      ),
    );
  };

  const loadPaperList = (): Promise<void> => (papersLoaded ??= loadPapers(() => api.documents(), papers));

  /** The answer's `[n]` markers as buttons that take the reader to footnote n of the passage the answer quotes. */
  const renderAnswer = (text: string, turnPrefix: string, result: number): Node[] =>
    text.split(/(\[\d+\])/u).map((part) => {
      const marker = /^\[(\d+)\]$/u.exec(part);
      if (!marker) return document.createTextNode(part);
      const n = Number(marker[1]);
      return h(
        'button',
        {
          class: 'shiori-chip',
          attrs: { type: 'button', 'aria-label': strings.citationChip(n) },
          on: {
            click: () => {
              const note = options.root.getElementById(`${turnPrefix}-r${result}-fn-${n}`);
              if (note instanceof HTMLElement) {
                reveal(note, 'center');
                note.focus({ preventScroll: true });
              }
            },
          },
        },
        `[${n}]`,
      );
    });

  /** What the reader sees when the server wants a token: a field to enter it (then the question is asked again), or in the widget, whom to tell. */
  const accessRequest = (turnStrings: Strings, retry: () => void): HTMLElement[] => {
    if (!options.askForToken) return [h('p', { class: 'shiori-error', attrs: { role: 'alert' } }, turnStrings.widgetNeedsToken)];
    const fieldId = `${prefix}-token-${turns}`;
    const field = h('input', { id: fieldId, class: 'shiori-token-input', attrs: { type: 'password', autocomplete: 'off', required: '' } });
    const tokenForm = h(
      'form',
      { class: 'shiori-token-form' },
      h('label', { attrs: { for: fieldId } }, turnStrings.tokenLabel),
      field,
      h('button', { class: 'shiori-button', attrs: { type: 'submit' } }, turnStrings.useToken),
    );
    tokenForm.addEventListener('submit', (event) => {
      event.preventDefault();
      if (field.value.trim() === '') return;
      rememberToken(field.value);
      tokenForm.closest('.shiori-turn')?.remove();
      retry();
    });
    setTimeout(() => field.focus(), 0);
    return [h('p', { class: 'shiori-error', attrs: { role: 'alert' } }, turnStrings.needsToken), tokenForm];
  };

  /** Draws one turn: its question, a slot for the answer, and the passages as they come. */
  const drawTurn = (text: string, turnStrings: Strings, turnLang: Lang, scopeOfTurn: string | undefined) => {
    const turnPrefix = `${prefix}-t${++turns}`;
    const answer = h('div', { class: 'shiori-answer shiori-pending', attrs: { 'aria-busy': 'true' } }, h('p', { class: 'shiori-searching' }, turnStrings.searching));
    const resultsHeading = h('h3', { class: 'shiori-results-heading' });
    const results = h('div', { class: 'shiori-results' });
    const turn = h(
      'div',
      { class: 'shiori-turn' },
      h('p', { class: 'shiori-question' }, h('span', { class: 'shiori-visually-hidden' }, `${turnStrings.you}: `), text),
      answer,
      results,
    );
    const cardContext = {
      strings: turnStrings,
      lang: turnLang,
      readerBase: options.apiBase,
      readerInNewTab: options.readerInNewTab,
      paperOf: (docId: string) => papers.get(docId),
      answerOf: (rank: number) => (answered?.rank === rank ? answered.text : undefined),
      idPrefix: turnPrefix,
      announce,
      ...(options.openReader ? { openReader: options.openReader } : {}),
      markAnswer: (passage: string) => api.feedback({ question: text, passage, ...(scopeOfTurn ? { doc: scopeOfTurn } : {}) }),
      token: options.token,
    };
    let rank = 0;
    let found = false;
    let searchedFor: SearchedFor[] = [];
    let readWith: string | null = null;
    let answered: { text: string; rank: number } | undefined;
    /** Passages past the relevance cut wait behind "more". */
    let shownCount = Infinity;
    const more = h('div', { class: 'shiori-more-results', attrs: { hidden: '' } });
    const moreButton = h('button', { class: 'shiori-button shiori-more', attrs: { type: 'button', hidden: '' } });
    moreButton.addEventListener('click', () => {
      more.hidden = false;
      moreButton.remove();
      more.querySelector<HTMLElement>('.shiori-card')?.focus();
    });
    /** `Read with your earlier question: …`: a follow-up is answered in the context of the question before it. */
    const contextLine = (): HTMLElement[] => (readWith === null ? [] : [h('p', { class: 'shiori-context' }, turnStrings.readWith, h('q', {}, readWith))]);
    /** `asked → 日本語、日本語; …`: what an English question was searched as, shown with the answer or its absence. */
    const searchedLine = (): HTMLElement[] => {
      if (searchedFor.length === 0) return [];
      const entries = searchedFor.flatMap(({ asked, japanese }, index) => [index > 0 ? '; ' : '', asked, ' → ', h('span', { attrs: { lang: 'ja' } }, japanese.join('、'))]);
      return [h('p', { class: 'shiori-searched' }, turnStrings.searchedFor, ...entries)];
    };
    const settle = (): void => {
      answer.classList.remove('shiori-pending');
      answer.removeAttribute('aria-busy');
    };
    const handlers: StreamHandlers = {
      meta(meta) {
        found = meta.found;
        searchedFor = meta.searchedFor;
        readWith = meta.context;
        shownCount = meta.shown;
        if ((meta.found || meta.related) && meta.count > 0) {
          const count = meta.count;
          resultsHeading.textContent = meta.found ? turnStrings.resultsHeading(count) : turnStrings.relatedHeading(count);
          results.append(resultsHeading);
        }
      },
      answer(answerText, quotedResult) {
        settle();
        if (found && answerText !== '') {
          answered = { text: answerText, rank: quotedResult ?? 0 };
          const quoted = languageOf(answerText);
          answer.replaceChildren(
            h(
              'h3',
              { class: 'shiori-answer-heading' },
              turnStrings.answerHeading,
              quoted === turnLang ? null : h('span', { class: 'shiori-lang-tag' }, turnStrings.textLanguage[quoted]),
            ),
            h('blockquote', { class: 'shiori-quote', attrs: { lang: quoted } }, ...renderAnswer(answerText, turnPrefix, quotedResult ?? 0)),
            ...contextLine(),
            ...searchedLine(),
          );
        }
      },
      result(result: SearchResult) {
        const card = renderCard(result, rank, cardContext);
        if (rank++ < shownCount) {
          results.append(card);
          return;
        }
        card.tabIndex = -1;
        more.append(card);
        if (!more.isConnected) results.append(moreButton, more);
        moreButton.hidden = false;
        moreButton.textContent = turnStrings.moreResults(more.childElementCount);
      },
    };
    /** "Was this answer helpful?", under the answer once the reply is complete. */
    const rating = (reply: ChatReply): HTMLElement => {
      // Said here and in the panel's one live region.
      const said = h('span', { class: 'shiori-feedback-said' });
      const choose = (value: 'helpful' | 'unhelpful'): void => {
        for (const button of buttons) button.disabled = true;
        void api.feedback({ question: text, rating: value, ...(scopeOfTurn ? { doc: scopeOfTurn } : {}) }).then(
          () => {
            said.textContent = turnStrings.feedbackSent;
            announce(turnStrings.feedbackSent);
          },
          () => {
            for (const button of buttons) button.disabled = false;
            said.textContent = turnStrings.feedbackFailed;
            announce(turnStrings.feedbackFailed);
          },
        );
      };
      const buttons = (['helpful', 'unhelpful'] as const).map((value) =>
        h('button', { class: 'shiori-button', attrs: { type: 'button' }, on: { click: () => choose(value) } }, value === 'helpful' ? turnStrings.helpful : turnStrings.unhelpful),
      );
      return h(
        'div',
        { class: 'shiori-feedback', attrs: { role: 'group', 'aria-label': turnStrings.wasItHelpful } },
        h('span', {}, turnStrings.wasItHelpful),
        ...buttons,
        said,
        // What a press sends, said before it is pressed: the question's text goes to the operator.
        h('span', { class: 'shiori-feedback-note' }, turnStrings.feedbackSendsQuestion),
      );
    };
    /** The reply is complete: a not-found answer says so; either can be rated. */
    const done = (reply: ChatReply): void => {
      const suggestions = reply.suggestions ?? [];
      if (suggestions.length > 0) {
        turn.append(
          h(
            'div',
            { class: 'shiori-suggestions', attrs: { role: 'group', 'aria-label': turnStrings.askNext } },
            h('span', {}, turnStrings.askNext),
            ...suggestions.map((suggestion) => h('button', { class: 'shiori-button shiori-suggestion', attrs: { type: 'button' }, on: { click: () => ask(suggestion) } }, suggestion)),
          ),
        );
      }
      turn.append(rating(reply));
      if (reply.found) return;
      settle();
      answer.classList.add('shiori-not-found');
      answer.replaceChildren(
        h('p', { class: 'shiori-not-found-text' }, reply.related ? turnStrings.relatedNotFound : turnStrings.notFound),
        ...(reply.related ? [] : [h('p', { class: 'shiori-hint' }, turnStrings.notFoundHint)]),
        ...contextLine(),
        ...searchedLine(),
      );
    };
    const failed = (error: unknown, retry: () => void): void => {
      settle();
      if (error instanceof AccessDenied) {
        papersLoaded = undefined;
        answer.replaceChildren(...accessRequest(turnStrings, retry));
        return;
      }
      answer.replaceChildren(h('p', { class: 'shiori-error', attrs: { role: 'alert' } }, turnStrings.error));
    };
    return { turn, handlers, done, failed };
  };

  /** Draws a kept turn again from its reply, as the stream drew it. */
  const redraw = ({ question, lang: turnLang, reply, doc }: StoredTurn): void => {
    const { turn, handlers, done } = drawTurn(question, STRINGS[turnLang], turnLang, doc);
    thread.append(turn);
    handlers.meta({ found: reply.found, related: reply.related, terms: reply.terms, searchedFor: reply.searchedFor, count: reply.results.length, shown: reply.shown, context: reply.context });
    handlers.answer(reply.found ? reply.text : '', reply.answerResult);
    reply.results.forEach((result) => handlers.result(result));
    done(reply);
  };

  const ask = (question: string): void => {
    const text = question.trim();
    if (text === '' || busy) return;
    busy = true;
    send.disabled = true;
    empty.remove();
    const turnLang = lang;
    const turnStrings = strings;
    const doc = scope?.id;
    const { turn, handlers, done, failed } = drawTurn(text, turnStrings, turnLang, doc);
    thread.append(turn);
    reveal(turn, 'start');
    newConversation.hidden = false;
    newConversation.disabled = true;
    examplesMenu.hidden = false;
    void loadPaperList();
    // The conversation a question is read with: the turns asked of the same papers (asking one paper alone,
    // or all of them again, starts afresh), then the question.
    const earlier: ChatMessage[] = kept.filter((candidate) => candidate.doc === doc).flatMap((candidate) => [{ role: 'user' as const, content: candidate.question }, { role: 'assistant' as const, content: candidate.reply.text }]);
    void api
      .chat([...earlier, { role: 'user' as const, content: text }].slice(-HISTORY), handlers, doc === undefined ? {} : { doc })
      .then((reply) => {
        kept.push({ question: text, lang: turnLang, reply, ...(doc === undefined ? {} : { doc }) });
        store.save(kept);
        done(reply);
        announce(reply.found ? turnStrings.answerAnnounced(reply.text) : turnStrings.notFoundAnnounced);
      })
      .catch((error: unknown) => failed(error, () => ask(text)))
      .finally(() => {
        busy = false;
        send.disabled = false;
        newConversation.disabled = false;
      });
  };

  /** Back to an empty thread: the examples, no history, nothing kept. */
  const startOver = (): void => {
    if (busy) return;
    kept.length = 0;
    store.clear();
    thread.replaceChildren(empty);
    newConversation.hidden = true;
    examplesMenu.hidden = true;
    input.focus();
    announce(strings.newConversationStarted);
  };
  newConversation.addEventListener('click', startOver);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const question = input.value;
    if (question.trim() === '' || busy) return;
    input.value = '';
    ask(question);
  });
  // Enter sends, Shift+Enter breaks the line, and Enter that confirms an IME conversion does neither.
  input.addEventListener('compositionstart', () => (composing = true));
  input.addEventListener('compositionend', () => setTimeout(() => (composing = false), 0));
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.shiftKey) return;
    if (event.isComposing || event.keyCode === 229 || composing) return;
    event.preventDefault();
    form.requestSubmit();
  });

  applyStrings();
  const restored = store.load();
  if (restored.length > 0) {
    empty.remove();
    try {
      for (const turn of restored) {
        redraw(turn);
        kept.push(turn);
      }
      newConversation.hidden = false;
      examplesMenu.hidden = false;
      void loadPaperList();
    } catch {
      // A kept thread this code cannot draw (written by another version): start afresh rather than break the chat.
      kept.length = 0;
      store.clear();
      thread.replaceChildren(empty);
    }
  }
  return {
    element,
    setLanguage(next) {
      lang = next;
      strings = STRINGS[next];
      applyStrings();
    },
    focus: () => input.focus(),
  };
}
