import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { readCorpusDocument } from '../src/ingest/read-corpus';
import type { Document, Paragraph } from '../src/model/document';

/**
 * `npm run eval:ingest -- [folder]`: ingestion against exact gold, for papers the parser was not written
 * around (default `../shared/corpus-new`: `<name>.txt` beside `<name>.gold.json`). Per paper: footnotes
 * whole (text and URLs), markers at their place (the six characters before them), headings over the right
 * first paragraph, paragraphs (the first sixteen characters of each), the closing line, summary bullets and
 * table cells; `--json` for the figures, `--verbose` for every miss. Texts are compared after NFKC,
 * lower-casing and removing white space, as the gold was written.
 */
interface Gold {
  paragraphs: string[];
  closing: string | null;
  footnotes: Array<{ n: number; text: string; urls: string[] }>;
  markers: Array<{ n: number; before: string }>;
  headings: Array<{ heading: string; body_start: string }>;
  bullets: number;
  table: { caption: string | null; columns: string[]; rows: Array<{ label: string; cells: Record<string, string> }> } | null;
}

const norm = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');

interface Score {
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

function scorePaper(document: Document, gold: Gold): Record<string, Score> {
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
  const starts = paragraphs.map((paragraph) => norm(paragraph.text));
  for (const start of gold.paragraphs) count(result.paragraphs, starts.some((text) => text.startsWith(norm(start))), `paragraph ${start}`);
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

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const folder = args.find((arg) => !arg.startsWith('-')) ?? '../shared/corpus-new';
  const names = (await readdir(folder)).filter((name) => name.endsWith('.gold.json')).sort();
  const report: Record<string, { scores: Record<string, Score>; warnings: string[] }> = {};
  for (const name of names) {
    const paper = join(folder, name.replace(/\.gold\.json$/u, '.txt'));
    const gold = JSON.parse(await readFile(join(folder, name), 'utf8')) as Gold;
    const document = await readCorpusDocument(paper);
    report[basename(paper)] = { scores: scorePaper(document, gold), warnings: document.warnings };
  }
  if (args.includes('--json')) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  for (const [paper, { scores, warnings }] of Object.entries(report)) {
    const parts = Object.entries(scores).filter(([, part]) => part.total > 0);
    console.log(`${paper}: ${parts.map(([part, value]) => `${part} ${value.found}/${value.total}`).join(', ')}; ${warnings.length} warnings`);
    if (args.includes('--verbose')) {
      for (const [, value] of parts) for (const miss of value.misses) console.log(`  miss: ${miss}`);
      for (const warning of warnings) console.log(`  warning: ${warning}`);
    }
  }
}

await main();
