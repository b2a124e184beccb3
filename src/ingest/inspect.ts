import type { Document, Paragraph } from '../model/document';
import { sentenceAt } from '../text/sentences';

/** Where footnote `n` is cited: the paragraph and the sentence around the marker, with the marker shown as `[n]`. */
export interface Citation {
  paragraph: Paragraph;
  sentence: string;
}

export function citationsOf(document: Document): Map<number, Citation[]> {
  const citations = new Map<number, Citation[]>();
  const paragraphs = [...document.summary, ...document.sections.flatMap((section) => section.paragraphs)];
  for (const paragraph of paragraphs) {
    for (const ref of paragraph.refs) {
      const span = sentenceAt(paragraph.text, ref.offset);
      const sentence = `${paragraph.text.slice(span.start, ref.offset)}[${ref.n}]${paragraph.text.slice(ref.offset, span.end)}`;
      const list = citations.get(ref.n) ?? [];
      list.push({ paragraph, sentence: sentence.trim() });
      citations.set(ref.n, list);
    }
  }
  return citations;
}

/** A human-readable report of what ingestion made of a document, for `npm run inspect`. */
export function formatInspection(document: Document): string {
  const out: string[] = [];
  const paragraphCount = document.sections.reduce((sum, section) => sum + section.paragraphs.length, 0);
  out.push(`${document.sourceFile}  →  id ${document.id}`);
  out.push(`  title     ${document.title}  (${document.titleSource})`);
  out.push(`  language  ${document.lang}   pages ${document.pages}   date ${document.date ?? '—'}${document.dateSource ? ` (${document.dateSource})` : ''}`);
  if (document.series || document.publisher) out.push(`  series    ${[document.series, document.publisher].filter(Boolean).join(' / ')}`);
  if (document.sourceUrl) out.push(`  source    ${document.sourceUrl}`);
  const topLevel = document.sections.filter((section) => section.level === 1).length;
  out.push(
    `  counts    ${document.summary.length} summary bullets, ${topLevel} sections + ${document.sections.length - topLevel} sub-sections, ${paragraphCount} paragraphs, ${document.footnotes.length} footnotes, ${document.tables.length} tables`,
  );

  if (document.summary.length > 0) {
    out.push('', `SUMMARY (${document.summary.length})`);
    for (const item of document.summary) out.push(`  • ${item.text}`);
  }

  out.push('', `SECTIONS (${topLevel}, with ${document.sections.length - topLevel} sub-sections)`);
  for (const section of document.sections) {
    const indent = section.level === 1 ? '  ' : '      ';
    const tables = document.tables.filter((table) => table.sectionId === section.id).length;
    out.push(
      `${indent}${section.id}  ${section.heading ?? '(untitled)'}  — page ${section.page}, ${section.paragraphs.length} paragraphs${tables ? `, ${tables} table` : ''}`,
    );
  }

  const citations = citationsOf(document);
  out.push('', `FOOTNOTES (${document.footnotes.length})`);
  for (const footnote of document.footnotes) {
    out.push(`  [${footnote.n}] page ${footnote.page}: ${footnote.text}`);
    for (const url of footnote.urls) out.push(`        url  ${url}`);
    const cited = citations.get(footnote.n) ?? [];
    if (cited.length === 0) out.push('        cited  (no marker found)');
    for (const citation of cited) out.push(`        cited  ${citation.paragraph.id}, page ${citation.paragraph.page}: ${citation.sentence}`);
  }

  for (const table of document.tables) {
    out.push('', `TABLE ${table.id} (page ${table.page}, ${table.rows.length} rows × ${table.columns.length} columns, in ${table.sectionId})`);
    if (table.caption) out.push(`  ${table.caption}`);
    const labelWidth = Math.max(...table.rows.map((row) => row.label.length));
    out.push(`  ${''.padEnd(labelWidth * 2)}  ${table.columns.join(' | ')}`);
    for (const row of table.rows) {
      const cells = table.columns.map((column) => row.cells[column] ?? '?');
      out.push(`  ${row.label}${'　'.repeat(labelWidth - row.label.length)}  ${cells.join('  ')}`);
    }
    if (table.legend) out.push(`  ${table.legend}`);
  }

  if (document.closing) out.push('', `CLOSING (page ${document.closing.page})`, `  ${document.closing.text}`);
  if (document.boilerplate.length > 0) {
    out.push('', `SET ASIDE AS NOT CONTENT (${document.boilerplate.length})`);
    for (const item of document.boilerplate) out.push(`  ${item.kind.padEnd(10)} line ${item.line}: ${item.text}`);
  }
  out.push('', document.warnings.length === 0 ? 'WARNINGS none' : `WARNINGS (${document.warnings.length})`);
  for (const warning of document.warnings) out.push(`  ${warning}`);
  return out.join('\n');
}
