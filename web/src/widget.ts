import { createChatPanel, type ChatPanel } from './chat';
import { createSearchPanel } from './search-panel';
import { h } from './dom';
import { detectLanguage, STRINGS, type Lang } from './i18n';
import styles from './styles.css';

/**
 * `<shiori-widget>`: a launcher button and a chat panel for intranet pages, in shadow DOM so that the
 * host page's CSS cannot reach in and the widget's cannot leak out (`:host { all: initial }` also stops
 * inherited styles). Configured by attributes, which the script tag's `data-*` attributes set:
 *   api        origin of the shiori server (required)
 *   lang       ja | en (default: the page's, then the browser's language)
 *   title      the panel's title
 *   position   bottom-right (default) | bottom-left
 *   accent, surface, text   theme colours, as CSS custom properties
 *   shortcut   a key that opens the panel with Ctrl/⌘ (default k), or none
 *   z-index    stacking of launcher and panel (default 2147483000)
 *   token      the access token, when the server has API_TOKEN set
 *   mode       chat (default: a launcher and a chat panel), search (a search bar; it and Ctrl/⌘+K open a
 *              dialog listing ranked cited passages, no chat) or inline (the chat drawn where the element is)
 *   target     inline: a selector of the page's element to draw into (the script tag's data-target)
 */
type WidgetMode = 'chat' | 'search' | 'inline';

let widgets = 0;

export class ShioriWidget extends HTMLElement {
  private panel: Pick<ChatPanel, 'element' | 'focus'> | undefined;
  private launcher: HTMLButtonElement | undefined;
  private dialog: HTMLElement | undefined;

  connectedCallback(): void {
    if (this.shadowRoot) return;
    const shadow = this.attachShadow({ mode: 'open' });
    const lang: Lang = detectLanguage(this.getAttribute('lang'), document.documentElement.lang, navigator.language);
    const strings = STRINGS[lang];
    const api = this.getAttribute('api') ?? '';
    const title = this.getAttribute('title') ?? strings.appTitle;
    this.removeAttribute('title');
    // Theme colours and stacking go in a second sheet of the shadow root, !important like the defaults they override.
    const theme: string[] = [];
    for (const [attribute, property] of [['accent', '--shiori-accent'], ['surface', '--shiori-bg'], ['text', '--shiori-fg']] as const) {
      const value = this.getAttribute(attribute);
      if (value && /^[#a-zA-Z0-9(),.%\s-]{1,40}$/u.test(value)) theme.push(`${property}: ${value} !important;`);
    }
    const zIndex = Number(this.getAttribute('z-index') ?? '2147483000');
    theme.push(`--shiori-z: ${Number.isFinite(zIndex) ? Math.round(zIndex) : 2147483000} !important;`);
    adoptStyles(shadow, [styles, `:host { ${theme.join(' ')} }`]);
    const position = this.getAttribute('position') === 'bottom-left' ? 'left' : 'right';
    const mode: WidgetMode = (['search', 'inline'] as const).find((candidate) => candidate === this.getAttribute('mode')) ?? 'chat';

    const token = this.getAttribute('token') ?? undefined;
    this.removeAttribute('token');
    if (mode === 'inline') {
      // Drawn in the page's flow: no launcher, no dialog, and never focus taken on load.
      const chat = createChatPanel({ apiBase: api, lang, readerInNewTab: true, root: shadow, token: () => token, askForToken: false, contained: 'box' });
      this.panel = chat;
      shadow.append(h('div', { class: 'shiori-inline', attrs: { role: 'region', 'aria-label': title } }, chat.element));
      return;
    }
    const prefix = `shiori-widget${++widgets}`;
    this.panel = mode === 'search'
      ? createSearchPanel({ apiBase: api, lang, token: () => token, idPrefix: prefix })
      : createChatPanel({ apiBase: api, lang, readerInNewTab: true, root: shadow, token: () => token, askForToken: false, contained: 'box' });
    const { element } = this.panel;
    const titleId = `${prefix}-title`;
    const close = h('button', { class: 'shiori-close', attrs: { type: 'button', 'aria-label': strings.closeWidget } }, '×');
    this.dialog = h(
      'div',
      { class: mode === 'search' ? 'shiori-widget-panel shiori-search-dialog' : `shiori-widget-panel shiori-${position}`, attrs: { role: 'dialog', 'aria-labelledby': titleId, hidden: '' } },
      h('div', { class: 'shiori-widget-header' }, h('h2', { id: titleId, class: 'shiori-widget-title' }, mode === 'search' ? strings.searchBar : title), close),
      element,
    );
    const shortcutKey = (this.getAttribute('shortcut') ?? 'k').toLowerCase();
    this.launcher =
      mode === 'search'
        ? h(
            'button',
            { class: 'shiori-search-bar', attrs: { type: 'button', 'aria-expanded': 'false', 'aria-haspopup': 'dialog' } },
            h('span', {}, strings.searchBar),
            shortcutKey.length === 1 ? h('kbd', { class: 'shiori-kbd' }, `Ctrl ${shortcutKey.toUpperCase()}`) : null,
          )
        : h('button', { class: `shiori-launcher shiori-${position}`, attrs: { type: 'button', 'aria-expanded': 'false', 'aria-label': strings.openWidget } }, h('span', { attrs: { 'aria-hidden': 'true' } }, '栞'));
    this.launcher.addEventListener('click', () => this.toggle());
    close.addEventListener('click', () => this.toggle(false));
    this.dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.toggle(false);
    });
    shadow.append(this.launcher, this.dialog);

    const shortcut = shortcutKey;
    if (shortcut !== 'none' && shortcut.length === 1) {
      document.addEventListener('keydown', (event) => {
        if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === shortcut) {
          event.preventDefault();
          this.toggle();
        }
      });
    }
  }

  /** Opens or closes the panel; focus goes to the question box, and back to the launcher on close. */
  toggle(open = this.dialog?.hidden ?? false): void {
    if (!this.dialog || !this.launcher) return;
    this.dialog.hidden = !open;
    this.launcher.setAttribute('aria-expanded', String(open));
    if (open) this.panel?.focus();
    else this.launcher.focus();
  }
}

/** Styles for a shadow root, in order: constructed stylesheets where supported (not subject to inline-style CSP), else <style> elements. */
function adoptStyles(shadow: ShadowRoot, sheets: readonly string[]): void {
  if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype) {
    shadow.adoptedStyleSheets = sheets.map((css) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      return sheet;
    });
  } else {
    shadow.append(...sheets.map((css) => h('style', {}, css)));
  }
}
