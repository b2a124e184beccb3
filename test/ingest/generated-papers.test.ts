import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/ingest/parse-document';
import { createRandom, differences, generatePaper } from '../support/paper-generator';

/**
 * Ingestion against the truth of generated papers (test/support/paper-generator.ts): random widths, page
 * lengths, headings, tables, markers next to digits and Latin words, footnotes running on. Each paper's
 * parse must give back exactly what was written; a failure names the seed, to replay it.
 */
describe('generated papers', () => {
  it('parse back to exactly what was generated', () => {
    const failures: string[] = [];
    const runs = Number(process.env.GENERATED_PAPERS ?? 500);
    const first = Number(process.env.GENERATED_SEED ?? 1);
    for (let seed = first; seed < first + runs; seed++) {
      const truth = generatePaper(createRandom(seed));
      const document = parseDocument(truth.text, { sourceFile: `generated-${seed}.txt` });
      const problems = differences(document, truth);
      if (problems.length > 0) failures.push(`seed ${seed}: ${problems.slice(0, 4).join('; ')}`);
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });
});
