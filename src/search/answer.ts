import { escapeRegExp } from '../text/chars';
import type { Span } from '../text/sentences';
import type { PassageKind } from './index-format';
import { answersIntent, countsThing, magnitudeOf, unitCount, unitForms, FACT_INTENTS, givesAskedPrecision, givesIntentForOutcome, tellsOfAnotherTime, type AnswerContext, type Intent } from './intent';
import type { AnalyzedQuery, Concept } from './query';
import { heldIn, mass, share, UnionSet, type NoteView, type PassageAnalysis, type TextAnalysis } from './features';
import { DEFAULT_RELEVANCE, type RelevanceParams } from './relevance';

/**
 * The sentence that answers: among the best passages' sentences and those of the footnotes they cite, the
 * one that holds the question best, read with the sentences around it (which often name what it goes on
 * about), weighted by its passage's standing and by whether it holds what the question asks about itself, and preferred when it gives the kind of answer the question
 * asks for (intent.ts): a reason, a date, a current state, a definition of the asked thing, a name, a
 * number with its unit, a sum, a list. A claim's reason is often the next sentence: it is found because it
 * holds the claim's terms through the sentence before it, and gives a reason.
 */
export interface AnswerCandidate {
  /** Index of the passage. */
  index: number;
  kind: PassageKind;
  analysis: PassageAnalysis;
  notes: readonly NoteView[];
  /** The passage's ranking score relative to the best passage's (1 for the best). */
  standing: number;
  /** Where the passage's text cites footnotes: each marker's note and offset. */
  refs?: ReadonlyArray<{ n: number; offset: number }>;
}

export interface ChosenAnswer extends Span {
  index: number;
  /** The footnote the sentence is in, or null for the passage's own text. */
  note: number | null;
  /** The sentence's own share of the question and with the sentence before it. */
  own: number;
  window: number;
  /** It gives the kind of answer the question asks for. */
  fits: boolean;
  /** Where the quote starts: the sentence before it too, when the answer needs it (see quoteStart). */
  quoteStart: number;
}


/** Words that refer back: a sentence opening with one is quoted with the sentence it refers to. */
const REFERRING = /^\s*(?:同|これ|この|その|それ|こうした|そうした|こう|ただし|しかし|もっとも|なお|また|さらに|一方|そこで)/u;
/**
 * Demonstratives anywhere in a sentence (`5年間でこの分野に充てる経費は…`, `同年12月`): what they point to
 * is in the sentence before, whose terms count as the sentence's own.
 */
const POINTING = /この|これら|こうした|そうした|そのような|このような|同(?:年|月|日|国|法|会議|条約|協定|氏|社|機関|計画|報告書)/u;

/**
 * Facts a footnote often states more exactly than the sentence citing it (`…撃沈されたのに続き[12]` and
 * `12 撃沈は2022年4月14日である`): for these the note is read with the sentence at its marker. Not a name: a
 * note's names are mostly its source's authors and publishers.
 */
const NUMERIC_INTENTS: ReadonlySet<Intent> = new Set(['time', 'duration', 'count', 'amount']);

/** The tunables of the choice (RelevanceParams.answer), and the share at which a cited footnote counts (rank.noteView). */
export type AnswerParams = RelevanceParams['answer'] & { noteView: number };
const DEFAULT_ANSWER: AnswerParams = { ...DEFAULT_RELEVANCE.answer, noteView: DEFAULT_RELEVANCE.rank.noteView };

export function chooseAnswer(
  query: AnalyzedQuery,
  intent: Intent | undefined,
  candidates: readonly AnswerCandidate[],
  focus: readonly string[] = [],
  params: AnswerParams = DEFAULT_ANSWER,
  /** The corpus's place names (IndexData.places). */
  places?: ReadonlySet<string>,
): ChosenAnswer | undefined {
  // What is news to the question: its own words and the Japanese searched for its English.
  const asked = intent === 'person' || intent === 'place' ? [query.text, ...query.concepts.flatMap((concept) => concept.translations)].join(' ') : query.text;
  const answerContext: AnswerContext = { question: asked, ...(places === undefined ? {} : { places }) };
  const total = query.concepts.reduce((sum, concept) => sum + mass(concept), 0) || 1;
  const factual = intent !== undefined && FACT_INTENTS.has(intent);
  // The unit a counting question asks a number of (`何機`, `how many countries`): its count is stated in it.
  // A magnitude is stated in its units (`top speed`: ノット, 時速), not in another's (`全長5メートル`).
  // Undefined: any number with a counter states a count (the intent's cue).
  const counted = intent === 'count' ? query.concepts.filter((concept) => concept.required && concept.origin === 'asked').flatMap((concept) => concept.alternatives.flatMap((alternative) => unitForms(alternative.terms.join('')))) : [];
  const statesCount = counted.length > 0 ? unitCount(counted) : intent === 'count' ? magnitudeOf(query.text) : undefined;
  // `いつから`, `since when` ask when something began: a date it runs from (`8月1日から`, `2019年以降`).
  const since = intent === 'time' && SINCE.test(query.text);
  type Choice = ChosenAnswer & { value: number; base: number };
  /** The best sentence, and the best of those that give the asked kind of answer. */
  let best: Choice | undefined;
  let bestFitting: Choice | undefined;
  /** The best worth of any sentence, fitting or not: a fact's sentence far weaker is not about the question. */
  let strongest = 0;
  for (const candidate of candidates.slice(0, params.depth)) {
    const row = candidate.kind === 'table-row';
    const weight = candidate.standing ** params.standing * (intent === 'definition' && row ? params.tableRowForDefinition : 1) * (row && query.asksTable === true ? params.tableAsked : 1);
    /** The terms of the sentences that cite footnote `n`: a note goes on about the sentence at its marker. */
    const citingTerms = (n: number): ReadonlySet<string> => {
      const terms = new Set<string>();
      for (const ref of candidate.refs ?? []) {
        if (ref.n !== n) continue;
        const at = candidate.analysis.sentences.find((sentence) => ref.offset > sentence.start && ref.offset <= sentence.end);
        for (const term of at?.terms ?? []) terms.add(term);
      }
      return terms;
    };
    const consider = (own: TextAnalysis, note: number | null, scale: number): void => {
      const citing = note === null || intent === undefined || !NUMERIC_INTENTS.has(intent) ? undefined : citingTerms(note);
      // A note is read with the sentence that cites it: what the question asks of may be named there only.
      const analysis: TextAnalysis =
        citing === undefined || citing.size === 0 ? own : { ...own, terms: new UnionSet(own.terms, citing), pairs: new UnionSet(own.pairs, candidate.analysis.pairs) };
      const held = heldIn(analysis, query.concepts);
      if (held.length === 0) return;
      const whole = scale * share(held, 'context' in analysis ? new Set([...analysis.terms, ...(analysis as PassageAnalysis).context]) : analysis.terms, total, analysis.pairs);
      analysis.sentences.forEach((sentence, position) => {
        const before = analysis.sentences[position - 1];
        const after = analysis.sentences[position + 1];
        const text = analysis.text.slice(sentence.start, sentence.end);
        const points = before !== undefined && (REFERRING.test(text) || POINTING.test(text));
        const ownTerms = points ? new Set([...before.terms, ...sentence.terms, ...(citing ?? [])]) : citing !== undefined ? new UnionSet(sentence.terms, citing) : sentence.terms;
        const own = scale * share(held, ownTerms, total, analysis.pairs);
        const around = new Set([...(before?.terms ?? []), ...sentence.terms, ...(after?.terms ?? []), ...(citing ?? [])]);
        const window = scale * share(held, around, total, analysis.pairs);
        if (window === 0 && whole === 0) return;
        // A table row lists what each framework has: it is the answer to `which` (`どの枠組み`).
        // A sentence of the text that cites a footnote answers a question for a source: the note is quoted after it.
        const cites = intent === 'source' && note === null && (candidate.refs ?? []).some((ref) => ref.offset > sentence.start && ref.offset <= sentence.end);
        // A footnote that is a reference (a quoted title, a URL) names a source; it states nothing else.
        const reference = note !== null && intent !== 'source' && answersIntent('source', text);
        const fits =
          intent !== undefined &&
          !reference &&
          !(factual && namesAnother(query.compounds, ownTerms, around, text, analysis.pairs)) &&
          !(factual && tellsOfAnotherTime(query.text, text)) &&
          (intent !== 'time' || givesAskedPrecision(query.text, text)) &&
          !(factual && givesIntentForOutcome(query.text, text)) &&
          (!since || STARTS.test(text.normalize('NFKC'))) &&
          ((intent === 'list' && candidate.kind === 'table-row' && note === null) || (intent === 'list' && ANNOUNCES.test(text)) || cites || (statesCount !== undefined ? statesCount(text) : fitsIntent(intent, text, held, answerContext)) || (intent === 'count' && countsThing(text, focus)));
        // What the question asks about (`成立したのは何年`: 成立), in the sentence itself, ties the fact to the question.
        // Its own words: a sentence that only points back to where the question's predicate is (`この提言`) does not say it.
        const tied = focus.length > 0 && focus.some((term) => sentence.terms.has(term));
        const { own: ownWeight, window: windowWeight, passage: passageWeight } = params.mix;
        const base = weight * (ownWeight * own + windowWeight * window + passageWeight * whole);
        strongest = Math.max(strongest, base);
        // A fact question is answered by a sentence that states such a fact, or by none; and when it asks
        // the fact of something (`釈放されたのは何月何日`: 釈放), by a sentence that says that thing.
        // The asked-of word elsewhere in the text and not around this sentence: its fact is of something else.
        const elsewhere = focus.length > 0 && !focus.some((term) => around.has(term)) && focus.some((term) => analysis.terms.has(term));
        if (factual && (!fits || elsewhere || (params.factNeedsFocus > 0 && focus.length > 0 && !tied))) return;
        const bonus = (fits ? 1 + fitBonus(intent, text, held, note, params) : 1) * (tied ? 1 + params.focusBonus : 1);
        const value = base * bonus;
        // A sentence that points back and is worth as much as the one it points to goes on from it: it is
        // quoted with it, so the quote holds both (`…低下したとされる。しかし、…早計である。` and the reason after).
        const goesOn = (other: Choice | undefined): boolean =>
          other !== undefined && points && other.index === candidate.index && other.note === note && other.start === before.start && value >= other.value - TIE;
        const beatsBest = best === undefined || value > best.value || goesOn(best);
        const beatsFitting = fits && (bestFitting === undefined || value > bestFitting.value || goesOn(bestFitting));
        if (!beatsBest && !beatsFitting) return;
        // A claim asked the reason of and not giving it is read with its neighbours: the reason leads up to
        // it (`…事実にも及ぶと解されてきた。…制約に当たることは避けられない。`) or follows (extendedEnd).
        const unexplained = intent === 'reason' && !fits;
        const needsBefore = before !== undefined && (points || unexplained || text.trim().length < params.shortSentence);
        const end = extendedEnd(intent, fits, analysis, position);
        const choice: Choice = { index: candidate.index, note, start: sentence.start, end, own, window, fits, quoteStart: needsBefore ? before.start : sentence.start, value, base };
        if (beatsBest) best = choice;
        if (beatsFitting) bestFitting = choice;
      });
    };
    consider(candidate.analysis, null, 1);
    for (const view of candidate.notes) consider(view, view.n, params.noteView);
  }
  // A sentence that gives the kind of answer asked for is preferred to any that does not, when it holds the
  // question nearly as well as the best sentence does (factTie); a fact is answered by such a sentence only.
  const tiedFit = bestFitting !== undefined && bestFitting.base >= params.factTie * strongest ? bestFitting : undefined;
  // A question for a source is answered by a citation: a sentence that cites nothing cannot answer it. A
  // summary bullet never cites (the body it restates does): then a citation however much weaker is quoted.
  const restated = best !== undefined && candidates.find((candidate) => candidate.index === best?.index)?.kind === 'summary';
  const choice = factual ? tiedFit : intent === 'source' ? (tiedFit ?? (restated ? bestFitting : undefined) ?? best) : params.fitsFirst > 0 ? (tiedFit ?? best) : best;
  if (choice === undefined) return undefined;
  const { value: _value, base: _base, ...chosen } = choice;
  return chosen;
}

/**
 * Whether a sentence names another thing than the question's compound (`消費税` asked, `輸出税` said;
 * `推定埋蔵量` asked, `金は…世界の埋蔵量の約16%` said): it holds the compound's head, and neither it nor
 * its neighbours have a word before the head. `同委員会` refers to the compound named before.
 */
function namesAnother(compounds: readonly Concept[][], own: ReadonlySet<string>, around: ReadonlySet<string>, text: string, pairs: ReadonlySet<string>): boolean {
  return compounds.some((compound) => {
    const head = compound.at(-1) as Concept;
    if (share([head], own, 1, pairs) === 0) return false;
    // `同委員会` for `監理委員会`: any end of the compound after 同.
    for (let start = Math.max(1, compound.length - MAX_REFERRED); start < compound.length; start++) {
      const ends = compound.slice(start).reduce<string[]>((joined, part) => joined.flatMap((before) => formsOf([part]).map((form) => before + form)), ['']);
      if (ends.some((end) => text.includes(`同${end}`))) return false;
    }
    return compound.slice(0, -1).some((part) => share([part], around, 1, pairs) === 0);
  });
}

/** `同` + at most this many last parts of a compound (`同委員会`) refers to it; each part's forms multiply the ends. */
const MAX_REFERRED = 3;

/** Worths this close are equal (they are sums of the same shares). */
const TIE = 1e-9;

const SINCE = /いつから|いつ以降|何年から|何月から|\bsince when\b|\bfrom when\b|\bstarting when\b/iu;
/** A date something runs from: `8月1日から`, `2019年以降`, `同年より`, `since 2019`. */
const STARTS = /(?:[0-9]{1,4}\s*(?:年|月|日)|同(?:年|月|日)|年度)\s*(?:から|以降|より)|\b(?:since|from|starting)\s+(?:[A-Z][a-z]+\s+)?[0-9]{1,4}\b/u;

/** A list announced (`三つを挙げた`, `次の通り`) is in the sentences after it; they are numbered (`第一に`, `第二に`). */
const ANNOUNCES = /(?:[二三四五六七八九2-9]|複数)(?:つ|点|項目)(?:を|が|の)|次の|以下の/u;
const ENUMERATED = /^\s*(?:第[一二三四五六七八九十0-9０-９]+に|[一二三四五六七八九十]つ目|[①-⑳]|\(?[0-9０-９]+\)|最後に|さらに|また)/u;
const MAX_ENUMERATED = 5;

/**
 * Where the quote ends: a claim asked the reason of goes on with the sentence after it, which gives or
 * elaborates the reason (`…避けられない。通信の秘密の保護は…にも及ぶと解されてきた。`); a list announced in one
 * sentence goes on with its numbered items.
 */
function extendedEnd(intent: Intent | undefined, fits: boolean, analysis: TextAnalysis, position: number): number {
  const sentence = analysis.sentences[position] as TextAnalysis['sentences'][number];
  const after = analysis.sentences[position + 1];
  if (after === undefined) return sentence.end;
  if (intent === 'reason' && !fits) return after.end;
  const text = analysis.text.slice(sentence.start, sentence.end);
  if ((intent === 'list' || intent === undefined) && ANNOUNCES.test(text)) {
    let end = sentence.end;
    for (const next of analysis.sentences.slice(position + 1, position + 1 + MAX_ENUMERATED)) {
      if (!ENUMERATED.test(analysis.text.slice(next.start, next.end))) break;
      end = next.end;
    }
    return end;
  }
  return sentence.end;
}

/** How much more a sentence that fits is worth: a definition that opens with the thing it defines, most; a source, in a footnote. */
function fitBonus(intent: Intent | undefined, text: string, held: readonly Concept[], note: number | null, params: Pick<AnswerParams, 'fitBonus' | 'fitBonusBy'>): number {
  const { fitBonus: bonus, fitBonusBy: by } = params;
  if (intent === 'list') return bonus * by.list;
  if (intent === 'source') return bonus * (note === null ? by.citingSentence : by.footnote);
  if (intent === 'definition' && definesAtStart(text, held)) return bonus * by.definitionAtStart;
  return bonus;
}

/** The surface forms a concept is held by (its alternatives' terms written together). */
function formsOf(held: readonly Concept[]): string[] {
  return held.flatMap((concept) => concept.alternatives.map((alternative) => alternative.terms.join(''))).filter((form) => form.length > 0);
}


/** `Xとは…`, `X（…）とは`, `Xは、…` at the start of the sentence. */
function definesAtStart(text: string, held: readonly Concept[]): boolean {
  return formsOf(held).some((form) => new RegExp(`^\\s*[^、。]{0,12}${escapeRegExp(form)}(?:（[^）]*）|\\([^)]*\\))?(?:とは|は、)`, 'u').test(text));
}

/**
 * A definition says what the asked thing is, next to it: `Xとは`, `Xは…を指す / を意味する / のことである`,
 * `Xという`, a gloss in brackets after its explanation (`偽の信号で誤誘導（スプーフィング）`), or a clause
 * before it in quotes (`…圧力の手段として用いる「資源の武器化」`). Every other kind is told by its cue alone.
 */
function fitsIntent(intent: Intent, text: string, held: readonly Concept[], context: AnswerContext): boolean {
  if (intent !== 'definition') return answersIntent(intent, text, context);
  const normalized = text.normalize('NFKC');
  return formsOf(held).some((form) => {
    const term = escapeRegExp(form.normalize('NFKC'));
    return new RegExp(
      `${term}[」』"”]?(?:\\([^)]*\\))?(?:とは|という|と呼|と称|の略)|${term}[」』"”]?(?:\\([^)]*\\))?は[^。]*(?:を指す|を意味|のこと|である)|[^\\s(、。]{4,}\\(${term}\\)|[\\p{Script=Hiragana}]「[^」]{0,8}${term}[^」]{0,3}」`,
      'u',
    ).test(normalized);
  });
}
