import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLED_SETS, corpusWithNewPapers, inProcess, NEW_PAPERS_SETS, score, type SetReport } from '../../scripts/eval-score';

/**
 * The quality gate: `npm run eval`'s figures, run as part of `npm test`, must not fall below the floors of
 * test/eval/floors.json — the figures measured when the floor was set, less one question per set and
 * language (one question's worth of MRR). A change that loses quality fails the suite; a change that
 * gains it should raise the floors (`npm run eval -- --json` prints the figures they are taken from).
 */
interface Floor {
  corpus: string;
  set: string;
  lang?: string;
  /** Questions at rank 1, in the top 5, found, and answered (A@1); MRR@10 as a mean. */
  R1?: number;
  R5?: number;
  MRR10?: number;
  found?: number;
  answers?: number;
  /** Out-of-scope questions declined. */
  declined?: number;
}

const floors = JSON.parse(await readFile('test/eval/floors.json', 'utf8')) as { floors: Floor[] };
const work = await mkdtemp(join(tmpdir(), 'shiori-gate-'));
afterAll(() => rm(work, { recursive: true, force: true }));

async function reports(corpus: string): Promise<SetReport[]> {
  const request =
    corpus === 'bundled'
      ? await inProcess('corpus', join(work, 'bundled-index'))
      : await inProcess(await corpusWithNewPapers('corpus', join(work, 'with-new')), join(work, 'with-new-index'));
  const sets = corpus === 'bundled' ? BUNDLED_SETS : NEW_PAPERS_SETS;
  const all: SetReport[] = [];
  for (const set of sets) all.push(await score(request, corpus, set));
  return all;
}

describe.each(['bundled', 'bundled + new papers'])('the quality of %s', (corpus) => {
  it('is at least its floors: R@1, R@5, MRR@10, found and A@1 per set and language, and out-of-scope declines', async () => {
    const measured = await reports(corpus);
    const mine = floors.floors.filter((floor) => floor.corpus === corpus);
    expect(mine.length).toBeGreaterThan(0);
    const below: string[] = [];
    for (const floor of mine) {
      const report = measured.find((candidate) => candidate.set === floor.set);
      expect(report, floor.set).toBeDefined();
      if (floor.lang === undefined) {
        if ((report?.outOfScope.passed ?? 0) < (floor.declined ?? 0)) below.push(`${floor.set} declined ${report?.outOfScope.passed} < ${floor.declined}`);
        continue;
      }
      const score = report?.languages[floor.lang];
      expect(score, `${floor.set} ${floor.lang}`).toBeDefined();
      if (score === undefined) continue;
      const counts = { R1: Math.round(score.R1 * score.n), R5: Math.round(score.R5 * score.n), found: score.found, answers: score.answers };
      for (const key of ['R1', 'R5', 'found', 'answers'] as const) {
        const minimum = floor[key];
        if (minimum !== undefined && counts[key] < minimum) below.push(`${floor.set} ${floor.lang} ${key} ${counts[key]} < ${minimum}`);
      }
      if (floor.MRR10 !== undefined && score.MRR10 < floor.MRR10 - 1e-9) below.push(`${floor.set} ${floor.lang} MRR@10 ${score.MRR10.toFixed(3)} < ${floor.MRR10}`);
    }
    expect(below).toEqual([]);
  }, 300_000);
});
