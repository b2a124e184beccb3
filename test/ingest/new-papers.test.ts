import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCorpusDocument } from '../../src/ingest/read-corpus';
import { scorePaper, type Gold } from '../support/ingestion-gold';

/**
 * Three papers of the seeds' family that the parser was not written around (test/fixtures/new-papers, from
 * ../shared/corpus-new: narrower lines, numbered headings, no summary, a table whose header is broken into
 * fragments, markers glued to names and numbers), parsed exactly against their gold.
 */
const FOLDER = 'test/fixtures/new-papers';
const papers = readdirSync(FOLDER).filter((name) => name.endsWith('.txt'));

describe('the new papers', () => {
  it('are three', () => {
    expect(papers).toEqual(['m02.txt', 'm03.txt', 'm05.txt']);
  });

  it.each(papers)('%s parses exactly: every footnote, marker, heading, paragraph, table cell and the closing line, with no warning', async (name) => {
    const gold = JSON.parse(readFileSync(join(FOLDER, name.replace(/\.txt$/u, '.gold.json')), 'utf8')) as Gold;
    const document = await readCorpusDocument(join(FOLDER, name));
    const scores = scorePaper(document, gold);
    for (const [part, score] of Object.entries(scores)) expect(score.misses, `${name} ${part}`).toEqual([]);
    expect(scores.markers?.total).toBe(document.footnotes.length);
    expect(document.warnings).toEqual([]);
  });
});
