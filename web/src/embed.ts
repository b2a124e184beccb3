import { ShioriWidget } from './widget';

/**
 * The script-tag entry: `<script src="https://HOST/embed.js" data-lang="ja" defer></script>` adds the
 * widget to the page. The server is the script's own origin; the tag's data-* attributes configure it
 * (the token's is removed once read).
 */
const script = document.currentScript as HTMLScriptElement | null;
if (!customElements.get('shiori-widget')) customElements.define('shiori-widget', ShioriWidget);
if (script !== null && !document.querySelector('shiori-widget')) {
  const widget = document.createElement('shiori-widget');
  widget.setAttribute('api', new URL(script.src, location.href).origin);
  for (const [name, value] of Object.entries(script.dataset)) {
    if (value !== undefined) widget.setAttribute(name.replace(/[A-Z]/gu, (letter) => `-${letter.toLowerCase()}`), value);
  }
  // The token stays in the widget's closure only: not on the script tag, where any script of the page could read it.
  script.removeAttribute('data-token');
  // Inline and search mode draw where the page says (data-target, a selector); else at the end of the page.
  const add = (): void => {
    const selector = script.dataset.target;
    let target: Element | null = null;
    try {
      target = selector === undefined ? null : document.querySelector(selector);
    } catch {
      // Not a selector: the widget still comes, at the end of the page.
    }
    if (selector !== undefined && target === null) console.warn(`shiori: data-target "${selector}" matches no element; the widget is at the end of the page`);
    (target ?? document.body).append(widget);
  };
  if (document.body) add();
  else document.addEventListener('DOMContentLoaded', add);
}
