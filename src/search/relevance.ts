import type { PassageKind } from './index-format';

/**
 * Every weight and threshold of relevance in one place: how candidates are retrieved, how a question's
 * words weigh, how passages are scored, when a question counts as answered, and which sentence is quoted.
 * (What is grammar rather than weight stays with its code: the intent patterns, the conversation's length
 * limits in conversation.ts, the ingestion limits.) The engine
 * takes DEFAULT_RELEVANCE unless a call passes overrides (`search(q, { relevance: { answer: { factTie: 0.5 } } })`,
 * merged field by field, as MiniSearch's SearchOptions), which is how `npm run eval -- --relevance '…'` and
 * the benchmarks try other values without editing code.
 *
 * Each value says what it means, its range, and what measurement set it: "dev" is `npm run eval` over
 * test/eval/dev.json (and probe, holdout); "new" the same with the three new papers added (new-papers.json,
 * probe-13.json); "bench" is `npm run bench`. A value not marked otherwise was chosen by its meaning and
 * left where those measurements were best or flat.
 */
export interface RelevanceParams {
  retrieval: {
    /** Passages Orama retrieves for re-ranking. Integer ≥ 1; more finds more at a linear cost. Set by: dev (no gold passage beyond 40), bench. */
    candidates: number;
    /** BM25 weight of each field relative to the passage's own words (0..1). Set by: dev. */
    fieldBoost: { text: number; context: number; notes: number; grams: number };
    /**
     * BM25 of the weighted postings retriever (postings.ts; Orama keeps its own, which these defaults equal):
     * k1, b, the BM25+ floor d, and `relativeTf` 1 for a term's frequency relative to the field's length as
     * Orama counts it, 0 for the raw count. Measured (dev + new + probe-13b): relativeTf 0 lifts new-papers
     * Japanese A@1 0.619 → 0.714 and loses three Japanese dev questions, so 1.
     */
    bm25: { k1: number; b: number; d: number; relativeTf: number };
  };
  query: {
    /** Weight of a word carried from an earlier question of the conversation (0..1). By meaning: it sets the scene. */
    carriedWeight: number;
    /** Carried words together weigh at most this share of the question's own, unless it points back (0..1). By meaning: the earlier question sets the scene, the new one names the subject. */
    carriedShare: number;
    /** Weight of the unit a counting question asks for (`何か国` → か国), ≥ 1. Set by: dev counting questions. */
    requiredWeight: number;
    /** Weight of words that frame the question rather than name its subject (`今も`, `理由`), 0..1. By meaning; flat on dev and new. */
    framingWeight: number;
    /** Sudachi synonyms: another spelling of the word, another word of the meaning (0..1), and at most this many per word. Set by: new (probe-13). */
    synonyms: { sameWord: number; sameMeaning: number; most: number };
  };
  english: {
    /** Japanese translations an English word is searched with, at most (integer ≥ 1). Set by: dev English. */
    maxTranslations: number;
    /**
     * A translation reached through another English word: WordNet's near and far relations, a translated
     * word's derivations (after its own translations), a capital's country (0..1). Set by: new English.
     */
    related: { near: number; far: number; derivation: number; capital: number };
  };
  rank: {
    /** How a passage's score mixes its features (features.ts); they sum to about 1. Set by: dev. */
    weights: { bm25: number; coverage: number; sentence: number; phrase: number; heading: number };
    /** A cited footnote read as the passage counts at this share of its value (0..1). Set by: dev footnote-source questions. */
    noteView: number;
    /** Score factor of a passage that lacks the unit a counting question asks for (0..1). Set by: dev. */
    requiredMissing: number;
    /** A question's word held in a passage's headings, its cited footnotes, or as bigrams of an unknown word, against its text (0..1). Set by: dev. */
    credit: { context: number; note: number; gram: number };
    /** On equal evidence, by kind: body text first, then its restatements and the paper's notes about itself (0..1). By meaning. */
    kindPrior: Record<PassageKind, number>;
    /** A follow-up that points back (`それはいつ？`) prefers the passage the previous answer quoted: its score × (1 + this), ≥ 0. By meaning; the follow-up tests. */
    previousAnswer: number;
    /** Near-duplicates (term sets overlapping by `overlap`, Jaccard) of a better passage within the `top` are scored × `penalty`. Set by: dev. */
    duplicates: { overlap: number; penalty: number; top: number };
  };
  /** When the corpus answers: the best passage holds `coverage` of the question, or `partialCoverage` with `evidence` (rarity-weighted concepts). Set by: dev and new out-of-scope sets. */
  answered: { coverage: number; partialCoverage: number; evidence: number };
  answer: {
    /** Passages whose sentences the quote is chosen from (integer ≥ 1). Set by: dev, new A@1. */
    depth: number;
    /** How a passage's standing (score ratio to the best) weighs: the ratio to this power (≥ 0). Set by: dev, new A@1. */
    standing: number;
    /** A sentence that gives the asked kind of answer is worth 1 + this (≥ 0). Set by: dev, new A@1. */
    fitBonus: number;
    /**
     * The fit bonus by kind, as a multiple of fitBonus: a list (any enumeration, a weaker sign), for a
     * question for a source a footnote and a sentence that cites one, a definition opening with the thing
     * it defines. By meaning; dev, new A@1.
     */
    fitBonusBy: { list: number; footnote: number; citingSentence: number; definitionAtStart: number };
    /** A table row's worth for a definition question (0..1): a definition is not a row (a row lists what a framework has). By meaning; dev definition questions. */
    tableRowForDefinition: number;
    /** A table row's worth when the question points at the table (`表を見ると`), ≥ 1. Set by: dev table questions. */
    tableAsked: number;
    /** A sentence shorter than this (characters) is quoted with the one before it. By meaning. */
    shortSentence: number;
    /** A sentence that holds what the question asks about (`成立したのは何年`: 成立) is worth 1 + this (≥ 0). Set by: dev, new A@1. */
    focusBonus: number;
    /**
     * A fact question (a date, number, sum, person, place) is answered only by a sentence stating one, worth
     * at least this share of the best sentence's worth, fitting or not (0..1); otherwise declined. The
     * trade-off of out-of-scope declines against in-scope found: DESIGN.md, "The quoted answer". Set by: dev + new + probe-13.
     */
    factTie: number;
    /** 1: a fact question that asks its fact of something (`成立したのは何年`: 成立) is answered only by a sentence holding it; 0: that sentence is only preferred (focusBonus). Measured (dev + new + probe-13): 1 declines 2 more out-of-scope questions and finds 5 fewer in scope, so 0. */
    factNeedsFocus: number;
    /**
     * 1: for any question, a sentence that gives the asked kind of answer and passes factTie is quoted before
     * one that does not, whatever their worth; 0: fitting only multiplies the worth (fitBonus). Measured: 1
     * lifts new-papers English A@1 0.714 → 0.762 and lowers dev 0.85 → 0.80 in both languages and holdout
     * 0.9 → 0.8, so 0.
     */
    fitsFirst: number;
    /** 1: the passage the answer is quoted from, when its sentence gives the asked kind of answer, is listed first; 0: results stay in score order. Set by: dev + new R@1 and MRR. */
    promote: number;
    /** Footnotes quoted after the sentence that cites them, for a question that asks for a source (integer ≥ 0). By meaning. */
    citedNotes: number;
    /** A sentence's worth: its own share of the question, with the sentences either side, and its passage's (they sum to 1). Set by: dev, new A@1. */
    mix: { own: number; window: number; passage: number };
  };
  display: {
    /**
     * The passages a reader is shown at first (`shown`): those scoring at least `share` of the best, and at
     * least `least` of them (and always the one the answer quotes); the rest wait behind "more" (0..1,
     * integer ≥ 1). By meaning: scores fall off steeply after the passages that hold the question (the
     * bundled questions: the best 0.6–0.9, the fifth 0.2–0.4), so half the best keeps those and hides
     * the passages that only mention a word of it.
     */
    shown: { share: number; least: number };
  };
}

export const DEFAULT_RELEVANCE: RelevanceParams = {
  retrieval: { candidates: 60, fieldBoost: { text: 1, context: 0.6, notes: 0.35, grams: 0.3 }, bm25: { k1: 1.2, b: 0.75, d: 0.5, relativeTf: 1 } },
  query: { carriedWeight: 0.5, carriedShare: 0.5, requiredWeight: 2, framingWeight: 0.3, synonyms: { sameWord: 0.9, sameMeaning: 0.6, most: 4 } },
  english: { maxTranslations: 6, related: { near: 0.7, far: 0.5, derivation: 0.5, capital: 0.8 } },
  rank: {
    weights: { bm25: 0.3, coverage: 0.4, sentence: 0.25, phrase: 0.05, heading: 0.1 },
    noteView: 0.9,
    requiredMissing: 0.8,
    credit: { context: 0.6, note: 0.5, gram: 0.6 },
    kindPrior: { paragraph: 1, 'table-row': 1, closing: 1, summary: 0.85, legend: 0.7, disclaimer: 0.6 },
    previousAnswer: 0.25,
    duplicates: { overlap: 0.5, penalty: 0.7, top: 20 },
  },
  answered: { coverage: 0.5, partialCoverage: 0.2, evidence: 5 },
  answer: {
    depth: 5,
    standing: 2,
    fitBonus: 0.6,
    fitBonusBy: { list: 0.5, footnote: 2, citingSentence: 0.5, definitionAtStart: 2 },
    tableRowForDefinition: 0.5,
    tableAsked: 2,
    shortSentence: 30,
    focusBonus: 0.5,
    factTie: 0.3,
    factNeedsFocus: 0,
    promote: 1,
    fitsFirst: 0,
    citedNotes: 2,
    mix: { own: 0.4, window: 0.3, passage: 0.3 },
  },
  display: { shown: { share: 0.5, least: 3 } },
};

type DeepPartial<T> = { [K in keyof T]?: T[K] extends number ? number : DeepPartial<T[K]> };
/** Some of RelevanceParams, nested as it is: what a call overrides. */
export type RelevanceOverrides = DeepPartial<RelevanceParams>;

/** The range of each value as documented above: whole numbers where they count, 0..1 for shares and weights below the question's own, 0 or 1 for switches; others ≥ 0. */
const COUNTS: Record<string, number> = { 'retrieval.candidates': 1, 'english.maxTranslations': 1, 'answer.depth': 1, 'rank.duplicates.top': 0, 'query.synonyms.most': 0, 'answer.citedNotes': 0, 'answer.shortSentence': 0, 'display.shown.least': 1 };
const SWITCHES = new Set(['answer.factNeedsFocus', 'answer.promote', 'answer.fitsFirst', 'retrieval.bm25.relativeTf']);
const SHARES = /^(?:retrieval\.fieldBoost\.|retrieval\.bm25\.b$|query\.(?:carriedWeight|carriedShare|framingWeight|synonyms\.same)|english\.related\.|rank\.(?:noteView|requiredMissing|credit\.|kindPrior\.|duplicates\.(?:overlap|penalty))|answered\.(?:coverage|partialCoverage)|answer\.(?:tableRowForDefinition|factTie|mix\.)|display\.shown\.share$)/u;

/** Why `value` is out of the range of the parameter at `path`, or undefined when it is in range. */
function outOfRange(path: string, value: number): string | undefined {
  if (!Number.isFinite(value)) return 'a finite number';
  const least = COUNTS[path];
  if (least !== undefined) return Number.isInteger(value) && value >= least ? undefined : `a whole number ≥ ${least}`;
  if (SWITCHES.has(path)) return value === 0 || value === 1 ? undefined : '0 or 1';
  if (SHARES.test(path)) return value >= 0 && value <= 1 ? undefined : 'a number from 0 to 1';
  return value >= 0 ? undefined : 'a number ≥ 0';
}

export class RelevanceError extends Error {
  override readonly name = 'RelevanceError';
}

/**
 * DEFAULT_RELEVANCE (or `base`) with `overrides` merged in, field by field. An unknown field, or a value
 * out of its range (outOfRange), is refused naming its path.
 */
export function relevanceWith(overrides: RelevanceOverrides | undefined, base: RelevanceParams = DEFAULT_RELEVANCE): RelevanceParams {
  if (overrides === undefined) return base;
  return merge(base, overrides, '') as unknown as RelevanceParams;
}

function merge(base: object, overrides: object, path: string): object {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (!Object.hasOwn(base, key)) throw new RelevanceError(`unknown relevance parameter ${at}`);
    const current = (base as Record<string, unknown>)[key];
    if (typeof current === 'number') {
      const wanted = typeof value === 'number' ? outOfRange(at, value) : 'a number';
      if (wanted !== undefined) throw new RelevanceError(`relevance parameter ${at} must be ${wanted}, not ${JSON.stringify(value)}`);
      result[key] = value;
    } else {
      if (typeof value !== 'object' || value === null) throw new RelevanceError(`relevance parameter ${at} is a group of values, not ${JSON.stringify(value)}`);
      result[key] = merge(current as object, value, at);
    }
  }
  return result;
}
