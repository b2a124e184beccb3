import { h } from './dom';
import type { Lang } from './i18n';

/** `text` as nodes, the `[start, end)` ranges wrapped in <mark> (ranges may overlap or touch). */
export function highlighted(text: string, ranges: ReadonlyArray<readonly [number, number]>): Node[] {
  const merged: Array<[number, number]> = [];
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([Math.max(0, start), Math.min(text.length, end)]);
  }
  const nodes: Node[] = [];
  let position = 0;
  for (const [start, end] of merged) {
    if (start > position) nodes.push(document.createTextNode(text.slice(position, start)));
    if (end > start) nodes.push(h('mark', {}, text.slice(start, end)));
    position = Math.max(position, end);
  }
  if (position < text.length) nodes.push(document.createTextNode(text.slice(position)));
  return nodes;
}

/** Japanese for text with any kana or kanji (an extractive answer is one or the other), else English. */
export function languageOf(text: string): Lang {
  return /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text) ? 'ja' : 'en';
}

/** A URL component decoded, or undefined when it is not valid percent-encoded UTF-8 (`%E0%A4`). */
export function decodeComponent(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
