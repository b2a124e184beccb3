import type { Document, Paragraph } from '../../src/model/document';

/**
 * Ingestion scored against exact gold (test/fixtures/new-papers/*.gold.json, as ../shared/corpus-new
 * gives it): footnotes whole (text and URLs), every marker at its place (the six characters before it),
 * headings over the right first paragraph, every body paragraph in order and no other (its first sixteen
 * characters), the closing line, the summary bullets, the table cell for cell. Texts are compared after
 * NFKC, lower-casing and removing white space, as the gold was written. For `npm run eval:ingest` and
 * test/ingest/new-papers.test.ts.
 */
export interface Gold {
  paragraphs: string[];
  closing: string | null;
  footnotes: Array<{ n: number; text: string; urls: string[] }>;
  markers: Array<{ n: number; before: string }>;
  headings: Array<{ heading: string; body_start: string }>;
  bullets: number;
  table: { caption: string | null; columns: string[]; rows: Array<{ label: string; cells: Record<string, string> }> } | null;
}

const norm = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');

export interface Score {
  found: number;
  total: number;
  misses: string[];
}
const score = (): Score => ({ found: 0, total: 0, misses: [] });
const count = (target: Score, ok: boolean, miss: string): void => {
  target.total++;
  if (ok) target.found++;
  else target.misses.push(miss);
};

export function scorePaper(document: Document, gold: Gold): Record<string, Score> {
  const paragraphs: Paragraph[] = [...document.summary, ...document.sections.flatMap((section) => section.paragraphs)];
  const result = { footnotes: score(), markers: score(), headings: score(), paragraphs: score(), closing: score(), bullets: score(), table: score() };

  for (const note of gold.footnotes) {
    const parsed = document.footnotes.find((footnote) => footnote.n === note.n);
    count(result.footnotes, parsed !== undefined && norm(parsed.text) === norm(note.text) && JSON.stringify(parsed.urls) === JSON.stringify(note.urls), `footnote ${note.n}: ${parsed === undefined ? 'missing' : parsed.text.slice(0, 60)}`);
  }
  for (const marker of gold.markers) {
    const placed = paragraphs.some((paragraph) => paragraph.refs.some((ref) => ref.n === marker.n && norm(paragraph.text.slice(0, ref.offset)).endsWith(norm(marker.before))));
    count(result.markers, placed, `marker ${marker.n} after …${marker.before}`);
  }
  for (const heading of gold.headings) {
    const section = document.sections.find((candidate) => candidate.heading !== null && norm(candidate.heading) === norm(heading.heading));
    const first = section?.paragraphs[0]?.text;
    count(result.headings, first !== undefined && norm(first).startsWith(norm(heading.body_start)), `heading ${heading.heading}${section === undefined ? ' (missing)' : ` (section starts ${first?.slice(0, 12) ?? 'empty'})`}`);
  }
  // Every paragraph, in order, and no other: the body's paragraphs (the summary's bullets are counted apart).
  const body = document.sections.flatMap((section) => section.paragraphs).map((paragraph) => norm(paragraph.text));
  gold.paragraphs.forEach((start, index) => count(result.paragraphs, (body[index] ?? '').startsWith(norm(start)), `paragraph ${index + 1} ${start} (parsed: ${body[index]?.slice(0, 16) ?? 'none'})`));
  for (const extra of body.slice(gold.paragraphs.length)) count(result.paragraphs, false, `extra paragraph ${extra.slice(0, 16)}`);
  if (gold.closing !== null) count(result.closing, document.closing !== null && norm(document.closing.text) === norm(gold.closing), `closing ${document.closing?.text ?? 'missing'}`);
  count(result.bullets, document.summary.length === gold.bullets, `bullets ${document.summary.length} of ${gold.bullets}`);
  if (gold.table !== null) {
    const table = document.tables[0];
    for (const row of gold.table.rows) {
      const parsed = table?.rows.find((candidate) => norm(candidate.label) === norm(row.label));
      for (const [column, cell] of Object.entries(row.cells)) {
        const key = table?.columns.find((candidate) => norm(candidate) === norm(column));
        count(result.table, parsed !== undefined && key !== undefined && norm(parsed.cells[key] ?? '') === norm(cell), `table ${row.label} / ${column}`);
      }
    }
  }
  return result;
}

