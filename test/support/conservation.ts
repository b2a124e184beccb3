import type { Document } from '../../src/model/document';

/**
 * Every place of the document model that holds source text: paragraphs, headings, footnotes (number and
 * text), markers (their numbers), tables, summary, closing line and the set-aside bucket. Derived fields
 * (a title from the first sentence, URLs extracted from footnote text, dates) are not places.
 */
export function placedText(document: Document): string[] {
  const paragraphs = [...document.summary, ...document.sections.flatMap((section) => section.paragraphs)];
  return [
    ...document.sections.map((section) => section.heading ?? ''),
    ...paragraphs.flatMap((paragraph) => [paragraph.text, ...paragraph.refs.map((ref) => String(ref.n))]),
    ...document.footnotes.flatMap((footnote) => [String(footnote.n), footnote.text]),
    ...document.tables.flatMap((table) => [
      table.caption ?? '',
      table.legend ?? '',
      ...table.columns,
      ...table.rows.flatMap((row) => [row.label, ...Object.values(row.cells)]),
    ]),
    document.closing?.text ?? '',
    ...document.boilerplate.map((item) => item.text),
  ];
}

/** How many times each non-space character occurs. */
export function characterCounts(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const char of text) {
      if (/\s/u.test(char)) continue;
      counts.set(char, (counts.get(char) ?? 0) + 1);
    }
  }
  return counts;
}

/** Characters the output lost or gained relative to the source, with counts; empty when text is conserved. */
export function conservationDiff(source: string, document: Document): Record<string, number> {
  const expected = characterCounts([source]);
  const actual = characterCounts(placedText(document));
  const diff: Record<string, number> = {};
  for (const char of new Set([...expected.keys(), ...actual.keys()])) {
    const delta = (actual.get(char) ?? 0) - (expected.get(char) ?? 0);
    if (delta !== 0) diff[char] = delta;
  }
  return diff;
}
