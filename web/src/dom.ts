/**
 * Building DOM without HTML strings: corpus and user text only ever become text nodes (`textContent`),
 * never markup, so a `<script>` in a footnote shows as text.
 */
export type Child = Node | string | null | undefined | false;

export interface Props {
  class?: string;
  id?: string;
  attrs?: Record<string, string>;
  on?: Partial<Record<keyof HTMLElementEventMap, (event: Event) => void>>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  if (props.id) element.id = props.id;
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  for (const [type, listener] of Object.entries(props.on ?? {})) if (listener) element.addEventListener(type, listener);
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** An http(s) URL, or undefined: nothing else is ever put in an href. */
export function safeHttpUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Characters that reorder the text around them: embeddings, overrides, isolates and marks. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** `text` without bidirectional controls, so that it reads in the order it is stored. */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * A link to a source outside shiori: a new tab, no opener, no referrer. Its label is isolated from the
 * text around it and read left to right, with any bidi controls removed, so that a footnote cannot make
 * one address look like another (`\u202e[https://evil.example/#moc.elpmaxe//:sptth]`).
 */
export function externalLink(url: string, label: string = url): HTMLAnchorElement | HTMLElement {
  const href = safeHttpUrl(withoutBidiControls(url));
  const shown = withoutBidiControls(label);
  if (href === undefined) return h('bdi', { attrs: { dir: 'ltr' } }, shown);
  return h('a', { attrs: { href, target: '_blank', rel: 'noopener noreferrer', dir: 'ltr' } }, h('bdi', {}, shown));
}
