import { counterPattern } from '../text/counters';
import { CARRIED_QUESTIONS } from './conversation';
import { normalizeForSearch } from '../text/normalize';
import { bigrams, type Lexicon, type Token, tokenize } from '../text/tokenizer';
import type { EnglishVocabulary } from './english';
import { englishCounter, matchEnglish } from './english-query';
import type { AliasGroup, SynonymGroup } from './index-format';
import { DEFAULT_RELEVANCE, type RelevanceParams } from './relevance';

/**
 * A question becomes *concepts*: what it asks about, each weighted by how rare it is in the corpus. A
 * concept is one query term, or a name the corpus defines under several forms (`ASEAN` /
 * `東南アジア諸国連合`), any of which counts, or English words with the Japanese words that translate them
 * (`submarine` → 潜水艦, 原潜) or sound like them (`Pompeo` → ポンペオ), each as strong as the translation
 * is direct. Terms carried over from an earlier question of a conversation weigh half, and at most half
 * of the current question all together.
 */
export interface Concept {
  /** The term or name as the question has it, for display. */
  label: string;
  /** Ways the concept is expressed; a passage has the concept as strongly as the strongest it holds. */
  alternatives: Alternative[];
  /** For English words: the Japanese words searched for them, best first; for Japanese words, their synonyms searched for too; [] otherwise. */
  translations: string[];
  /** English words the translations were reached through, when not the question's own (`wary` → `caution`). */
  via?: string[];
  weight: number;
  /** The question's own words, or carried from an earlier question of the conversation (weigh less, set the scene). */
  origin: 'asked' | 'carried';
  /** Inverse document frequency of the concept's own form (high for terms the corpus lacks). */
  idf: number;
  /** Bigrams of a term the index does not know, to credit passages that contain it as part of a word. */
  grams: string[];
  /**
   * The unit a question asks a number of (`何か国` → `か国`, `何隻` → `隻`): an answer states that unit,
   * so the concept weighs double and the best passage must have it for the question to count as answered.
   */
  required: boolean;
  /**
   * What the question asks a datum about (`定員は何人`, `how much ransom`): the best passage must hold it
   * for the question to count as answered, though it does not change how passages rank.
   */
  asked?: true;
}

/** A term sequence expressing a concept; a passage holds it when it has every term. */
export interface Alternative {
  terms: string[];
  /** 1 for the question's own words and the names the corpus defines; less for a translation or a loanword by sound. */
  weight: number;
  /** The terms are one word split up (a translation, `集団|安全|保障`): they count only side by side. */
  adjacent: boolean;
}

export interface AnalyzedQuery {
  /** The question as searched (its first MAX_QUERY_LENGTH characters). */
  text: string;
  concepts: Concept[];
  /** The question's own terms, in order (for phrase matching). */
  sequence: string[];
  /** Every term to retrieve candidates with. */
  words: string[];
  grams: string[];
  /**
   * What the question asks its datum of, in its own terms: the word right before the question word with
   * nothing but kana between (`成立したのは何年` → 成立, `定員は何人` → 定員), and the English focus words.
   * The quoted answer prefers a sentence that has it (answer.ts); it does not change ranking or declining.
   */
  focus: string[];
  /** The question points at a table (`表を見ると`, `in the table`). */
  asksTable?: boolean;
  /**
   * Runs of the question's concepts written as one name, its head last (`消費税`: 消費 + 税; `無人システム軍`;
   * `Unmanned Systems Forces`): a sentence that names the head while neither it nor its neighbours have the
   * words before it names another thing (`輸出税`, `ウクライナ軍`), and states no fact of the asked one (answer.ts).
   */
  compounds: Concept[][];
}

export interface QueryVocabulary {
  lexicon: Lexicon;
  aliases: readonly AliasGroup[];
  /** Japanese synonym groups of the corpus (Sudachi); none by default. */
  synonyms?: readonly SynonymGroup[];
  english: EnglishVocabulary;
  /** Passages containing the term; 0 for a term the corpus does not have. */
  documentFrequency(term: string): number;
  passageCount: number;
}

/**
 * A question's first 64 words (within its first 1,000 characters) are searched: real questions have
 * fewer, and a pasted page cannot make a search slow.
 */
export const MAX_QUERY_TOKENS = 64;
const MAX_QUERY_LENGTH = 1000;

/** A question word followed by a counter: the question asks for a number of that unit. */
const COUNTED = new RegExp(`(?:何|なん|幾|いく)\\s*(${counterPattern(['count', 'time', 'duration', 'ratio', 'measure'])})`, 'u');

/** The unit a question asks a number of (`何か国` → か国), as index terms joined; undefined when it asks none. */
function countedUnit(text: string, lexicon: Lexicon): string | undefined {
  const counted = COUNTED.exec(normalizeForSearch(text).text)?.[1];
  return counted === undefined ? undefined : tokenize(counted, lexicon).map((token) => token.term).join('');
}

/** Marks the concepts that are `unit` as required, weighing `weight` times more (see Concept.required). */
function requireUnit(concepts: readonly Concept[], unit: string | undefined, weight: number): void {
  if (unit === undefined) return;
  for (const concept of concepts) {
    if (!concept.alternatives.some((alternative) => alternative.terms.join('') === unit)) continue;
    concept.required = true;
    concept.weight *= weight;
  }
}

export function inverseDocumentFrequency(documentFrequency: number, passageCount: number): number {
  return Math.log(1 + (passageCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/** The conversation a question is asked in (conversation.ts). */
export interface Conversation {
  /** Earlier questions, most recent first. */
  carried?: readonly string[];
  /** The question points at their subject (`それはいつ？`): their terms are not capped below its own. */
  refersBack?: boolean;
}

/** What analysing a question depends on of RelevanceParams. */
export type QueryParams = Pick<RelevanceParams, 'query' | 'english'>;

/** Concepts of `question`, in `conversation`. */
export function analyzeQuery(question: string, vocabulary: QueryVocabulary, conversation: Conversation = {}, params: QueryParams = DEFAULT_RELEVANCE): AnalyzedQuery {
  const { carried = [], refersBack = false } = conversation;
  const { query: weights } = params;
  const tokens = questionTokens(question, vocabulary.lexicon);
  const text = question.slice(0, tokens.at(-1)?.end ?? 0);
  const sequence = tokens.map((token) => token.term);
  const spans = new Map<Concept, { first: number; last: number }>();
  const concepts = conceptsOf(text, tokens, vocabulary, 'asked', params, question.slice(0, MAX_QUERY_LENGTH), spans);
  // A part no passage has in any form tells no name from another, nor an English word with no Japanese for it
  // (`Stephen` of `Stephen Biegun`, where the papers write ビーガン and the English name only in a title).
  const inCorpus = (concept: Concept): boolean =>
    (!/[a-z]/iu.test(concept.label) || concept.translations.length > 0) && concept.alternatives.some((alternative) => alternative.terms.every((term) => vocabulary.documentFrequency(term) > 0));
  const compounds = compoundsOf(text, tokens, concepts, spans)
    .map((compound) => compound.filter(inCorpus))
    .filter((compound) => compound.length > 1);
  const unit = countedUnit(text, vocabulary.lexicon);
  requireUnit(concepts, unit, weights.requiredWeight);
  for (const concept of concepts) if (FRAMING.has(concept.label)) concept.weight *= weights.framingWeight;
  // What the question asks about must be in the answer: `定員は何人` needs the 定員, `予算額はいくら` a 額.
  const focus = focusOf(question.slice(0, MAX_QUERY_LENGTH), tokens);
  for (const concept of concepts) {
    const own = concept.alternatives[0]?.terms ?? [];
    // An English word the dictionary does not translate into the corpus (`cryptocurrency`) cannot be asked
    // of a passage: that is the dictionary's gap, not the papers'. A Japanese word the papers lack (`定員`) can.
    const holdable = !(/[a-z]/iu.test(concept.label) && concept.translations.length === 0) || concept.alternatives.some((alternative) => alternative.terms.every((term) => vocabulary.documentFrequency(term) > 0));
    if (concept.label !== '' && holdable && (focus.terms.some((term) => own.includes(term)) || focus.words.has(concept.label.toLowerCase()))) concept.asked = true;
  }
  const counter = englishCounter(text);
  const alternatives = (counter?.units ?? []).map((form) => ({ terms: tokenize(form, vocabulary.lexicon).map((token) => token.term), weight: 1, adjacent: true })).filter((form) => form.terms.length > 0);
  if (counter !== undefined && alternatives.length > 0) {
    const idf = Math.max(...alternatives.map((alternative) => inverseDocumentFrequency(Math.max(...alternative.terms.map(vocabulary.documentFrequency)), vocabulary.passageCount)));
    concepts.push({ label: counter.asked, alternatives, translations: [...counter.units], weight: weights.requiredWeight, origin: 'asked', idf, grams: [], required: true });
  }
  const seen = new Set(concepts.flatMap((concept) => concept.alternatives.flatMap((alternative) => alternative.terms)));
  carried.slice(0, CARRIED_QUESTIONS).forEach((earlier, distance) => {
    const earlierTokens = questionTokens(earlier, vocabulary.lexicon);
    const previous = conceptsOf(earlier, earlierTokens, vocabulary, 'carried', params);
    // A follow-up asks the number the question before it asked (`何パーセント？` then `豪州は？`): its unit is required too.
    if (unit === undefined && distance === 0) requireUnit(previous, countedUnit(earlier.slice(0, earlierTokens.at(-1)?.end ?? 0), vocabulary.lexicon), weights.requiredWeight);
    for (const concept of previous) {
      if (concept.alternatives.some((alternative) => alternative.terms.every((term) => seen.has(term)))) continue;
      // A question further back weighs less again.
      concept.weight *= weights.carriedWeight ** distance;
      concepts.push(concept);
      for (const alternative of concept.alternatives) for (const term of alternative.terms) seen.add(term);
    }
  });
  // Earlier questions set the scene; they may not outweigh what the user just asked about (`インドは？`,
  // where インド is common in the corpus): together they weigh at most half the current question. A
  // question that points back (`それはいつ？`) asks about the earlier subject itself: no cap.
  const current = concepts.filter((concept) => concept.origin === 'asked').reduce((sum, concept) => sum + concept.weight * concept.idf, 0);
  const previous = concepts.filter((concept) => concept.origin === 'carried').reduce((sum, concept) => sum + concept.weight * concept.idf, 0);
  if (!refersBack && previous > current * weights.carriedShare && previous > 0) {
    const scale = (current * weights.carriedShare) / previous;
    for (const concept of concepts) if (concept.origin === 'carried') concept.weight *= scale;
  }
  const words = [...new Set(concepts.flatMap((concept) => concept.alternatives.flatMap((alternative) => alternative.terms)))];
  const grams = [...new Set([...bigrams(text).map((gram) => gram.term), ...concepts.flatMap((concept) => concept.grams)])];
  const focused = concepts.filter((concept) => concept.origin === 'asked' && (concept.asked === true || focus.predicate.some((term) => concept.alternatives[0]?.terms.includes(term))));
  const focusTerms = focused.flatMap((concept) => concept.alternatives.filter((alternative) => alternative.terms.length === 1).flatMap((alternative) => alternative.terms));
  return { text: question.slice(0, MAX_QUERY_LENGTH), concepts, sequence, words, grams, focus: [...new Set(focusTerms)], ...(ASKS_TABLE.test(text) ? { asksTable: true } : {}), compounds };
}

/** A word of a Japanese name: kanji and katakana, no question word (`何月`) and no digits. */
const NAME_PART = /^[\p{Script=Han}\p{Script=Katakana}ー・]+$/u;
const QUESTION_WORD = /[何幾]/u;
/** A capitalized English word (`Unmanned`, `Systems`). */
const CAPITALIZED = /^\p{Lu}[\p{L}\p{N}-]*$/u;

/**
 * Runs of concepts written as one name: Japanese words with nothing between them (`無人システム軍`), or
 * capitalized English words with one space between (`Unmanned Systems Forces`, not at the question's
 * start), each a concept of one word.
 */
function compoundsOf(text: string, tokens: readonly Token[], concepts: readonly Concept[], spans: ReadonlyMap<Concept, { first: number; last: number }>): Concept[][] {
  const parts = concepts.flatMap((concept) => {
    const span = spans.get(concept);
    if (span === undefined) return [];
    const first = tokens[span.first] as Token;
    const last = tokens[Math.min(span.last, tokens.length - 1)] as Token;
    const written = text.slice(first.start, last.end);
    const japanese = NAME_PART.test(written) && !QUESTION_WORD.test(written);
    // One word each: a phrase of its own (`Secretary of State` before `Stephen Biegun`) is a title in apposition, not part of a name.
    const english = !japanese && first.start > 0 && CAPITALIZED.test(written) && CAPITALIZED.test(concept.label);
    return japanese || english ? [{ concept, start: first.start, end: last.end, japanese }] : [];
  });
  const runs: Concept[][] = [];
  let run: typeof parts = [];
  const close = (): void => {
    if (run.length > 1) runs.push(run.map((part) => part.concept));
    run = [];
  };
  for (const part of parts) {
    const previous = run.at(-1);
    const joined = previous !== undefined && previous.japanese === part.japanese && text.slice(previous.end, part.start) === (part.japanese ? '' : ' ');
    if (!joined) close();
    run.push(part);
  }
  close();
  return runs;
}

/** Japanese question words that ask for a datum: a sum, a person, a time, a number of something. */
const ASKING = new RegExp(`いくら|誰|だれ|いつ|(?:どれ|どの)(?:くらい|ぐらい|ほど|程度)|(?:何|なん|幾)\\s*${counterPattern(['count', 'time'])}`, 'u');
/** A particle between what is asked about and the question word (`定員は何人`, `会合はいつ`, `一隻あたりいくら`), or none. */
const PARTICLE = /^\s*(?:は|が|では|を|の|で|あたり|当たり|につき)?\s*$/u;
const ASKS_TABLE = /表(?:を見|で|では|に|の中|中|によると|から)|\b(?:the|this) (?:table|chart)\b/iu;
/** Inflection and particles only (`したのは`, `されたのは`): the word before is the predicate asked of. */
const KANA_ONLY = /^[\p{Script=Hiragana}\s、,]{0,8}$/u;
/**
 * Nouns that say when or how much of something rather than what (`最初は何か国`, `全部で何隻`): adverbial
 * uses, never what a question asks about.
 */
/**
 * Words of a Japanese question that say what kind of answer is wanted, not what about: a current state
 * (`今も有効`, `まだ`), a reason (`理由は`), a meaning (`の意味`). Papers give the answer in other words
 * (`現在も失効していない`, `…ためである`), so these weigh as a hint (the English side drops `still`,
 * `mean` as framing: english-query.ts).
 */
const FRAMING = new Set(['今', 'いま', 'まだ', '依然', '今なお', '理由', '要因', 'わけ', '意味']);
const ADVERBIAL = new Set(['最初', '当初', '初め', '現在', '今', '今後', '以前', '以後', '最後', '全体', '全部', '合計', '総計', '計', '結局', '実際', '具体']);
/** `how much ransom`, `how many tonnes of`, `what price per kilogram`: the words after the question phrase. */
const ENGLISH_FOCUS = /\bhow (?:much|many) ((?:[a-z.-]+ ){0,2}?[a-z.-]+)(?= (?:did|does|do|is|are|was|were|will|would|can|could|has|have|had|of|in|at|on|for|to|per|the|a|an)\b|[?,]|$)|\bwhat (?:price|amount|sum|share|number) (?:per|of) ([a-z-]+)|\bwho (?:is|was) (?:named |appointed |chosen )?(?:as )?the (?:(?:first|current|new|present|next|last) )?([a-z-]+)/iu;
/** Verbs that open a clause after `how much` (`how much was stolen`): the question counts what the clause does, not a thing named. */
const AUXILIARY = new Set(['is', 'was', 'are', 'were', 'be', 'been', 'did', 'does', 'do', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'should', 'may', 'might', 'must']);
/** Words that name the kind of answer itself, which a number or a sum states: no focus of their own. */
const GENERIC_FOCUS = new Set(['money', 'time', 'times', 'people', 'amount', 'cost', 'price', 'number', 'much', 'many', 'of', 'items', 'things', 'pieces', 'kinds', 'types']);

/**
 * What a question asks a datum about: in Japanese the noun right before the question word, with at
 * most a particle between (`予算額はいくら` → 額, `会合はいつ` → 会合; after a verb, `成立したのは何年`, none,
 * since the answer may say it in other words); in English the words after
 * `how much` / `how many` (`how much ransom`, `how many tonnes`), `what price per` (`kilogram`) or `who was
 * the first` (`commander`), but not the words that name the answer's kind (`how much money`). Nouns used
 * as adverbs (`最初は何か国`) ask about nothing.
 */
export function focusOf(text: string, tokens: readonly Token[]): { terms: string[]; words: Set<string>; predicate: string[] } {
  const terms: string[] = [];
  const predicate: string[] = [];
  const words = new Set<string>();
  const asking = ASKING.exec(text);
  // `どれくらいの予算`, `何人の兵士`: the noun the question word modifies is what it asks of. The papers may
  // say it in other words (`経費`), so it ties an answer (focus) without being required of one (asked).
  const modified = asking === null ? undefined : tokens.find((token) => token.start >= asking.index + asking[0].length);
  if (asking !== null && modified !== undefined && /^\s*の\s*$/u.test(text.slice(asking.index + asking[0].length, modified.start)) && !ADVERBIAL.has(modified.term)) {
    predicate.push(modified.term);
  } else if (asking !== null) {
    const before = [...tokens].reverse().find((token) => token.end <= asking.index);
    const between = before === undefined ? '' : text.slice(before.end, asking.index);
    if (before !== undefined && PARTICLE.test(between) && !ADVERBIAL.has(before.term)) terms.push(before.term);
    else if (before !== undefined && KANA_ONLY.test(between) && !ADVERBIAL.has(before.term)) predicate.push(before.term);
  }
  const english = ENGLISH_FOCUS.exec(text);
  for (const phrase of [english?.[1], english?.[2], english?.[3]]) {
    // A phrase that opens with a verb (`how much was stolen`) names no thing counted: nothing is the focus.
    // A hyphenated word before the last is an adjective (`attack-related packets`, `Shahed-type drones`):
    // it narrows the thing counted and is asked as any other word; the nouns (`member countries`) name it.
    const allWords = (phrase ?? '').toLowerCase().split(/\s+/u).filter((word) => word !== '');
    if (allWords.length === 0 || AUXILIARY.has(allWords[0] as string)) continue;
    // A word that names the answer's kind ends the thing counted: what follows is the verb (`how many people sit on`).
    const generic = allWords.findIndex((word) => GENERIC_FOCUS.has(word));
    const phraseWords = generic === -1 ? allWords : allWords.slice(0, generic);
    phraseWords.forEach((word, position) => {
      if (!GENERIC_FOCUS.has(word) && !(word.includes('-') && position < phraseWords.length - 1)) words.add(word);
    });
  }
  return { terms, words, predicate };
}

/** The terms a question is searched with: its first MAX_QUERY_TOKENS within its first MAX_QUERY_LENGTH characters. */
function questionTokens(question: string, lexicon: Lexicon): Token[] {
  return tokenize(question.slice(0, MAX_QUERY_LENGTH), lexicon).slice(0, MAX_QUERY_TOKENS);
}

const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** `surface`: the question as written, past its last term too (labels show a word whole: 手直し, not the term 手直). */
/** `spans`, when given, gets the tokens each concept stands at (first and last index into `tokens`). */
function conceptsOf(
  text: string,
  tokens: readonly Token[],
  vocabulary: QueryVocabulary,
  origin: Concept['origin'],
  params: QueryParams,
  surface = text,
  spans?: Map<Concept, { first: number; last: number }>,
): Concept[] {
  const weight = origin === 'asked' ? 1 : params.query.carriedWeight;
  const { synonyms: synonymWeights } = params.query;
  const sequence = tokens.map((token) => token.term);
  // Passages holding all of several terms, estimated as if the terms occurred independently.
  const documentFrequency = (terms: readonly string[]): number =>
    terms.reduce((product, term) => product * (vocabulary.documentFrequency(term) / vocabulary.passageCount), vocabulary.passageCount);
  const idf = (term: string): number => inverseDocumentFrequency(vocabulary.documentFrequency(term), vocabulary.passageCount);
  const used = new Array<boolean>(sequence.length).fill(false);
  const found: Array<{ position: number; length: number; concept: Concept }> = [];
  const take = (position: number, length: number, concept: Concept): void => {
    for (let offset = 0; offset < length; offset++) used[position + offset] = true;
    found.push({ position, length, concept });
  };

  const present = new Set(sequence);
  for (const { form, group } of aliasForms(vocabulary.aliases)) {
    if (!present.has(form[0] as string)) continue;
    const position = findRun(sequence, form, used);
    if (position === -1) continue;
    const alternatives = group.terms.filter((terms) => terms.length > 0).map((terms) => ({ terms, weight: 1, adjacent: false }));
    const label = group.forms[group.terms.indexOf(form)] ?? form.join('');
    // A name asked in Latin letters (`Wang Yi`, `ASEAN`) is searched for by its Japanese forms too.
    const translations = /[a-z]/iu.test(label) ? group.forms.filter((other) => JAPANESE.test(other)) : [];
    take(position, form.length, { label, alternatives, translations, weight, origin, idf: mean(form.map(idf)), grams: [], required: false });
  }

  // English: each match becomes a concept whose alternatives are the English itself, at full weight (for
  // the English in titles and footnotes), and its Japanese translations, which count only where their
  // terms stand together.
  for (const match of matchEnglish(text, tokens, used, vocabulary.english, params.english)) {
    const own = { terms: sequence.slice(match.position, match.position + match.length), weight: 1, adjacent: false };
    const alternatives = [own, ...match.translations.map((translation) => ({ terms: translation.terms, weight: translation.weight, adjacent: true }))];
    // How many passages hold the concept in any form, each form counted by its weight.
    const spread = Math.min(vocabulary.passageCount, alternatives.reduce((sum, alternative) => sum + alternative.weight * documentFrequency(alternative.terms), 0));
    const translations = match.translations.map((translation) => translation.japanese);
    const via = [...new Set(match.translations.flatMap((translation) => (translation.via === undefined ? [] : [translation.via])))];
    take(match.position, match.length, { label: match.label, alternatives, translations, ...(via.length > 0 ? { via } : {}), weight, origin, idf: inverseDocumentFrequency(spread, vocabulary.passageCount), grams: [], required: false });
  }

  // Japanese words with synonyms in the corpus (Sudachi: 予算 → 経費, 手直し → 修正): the question's own form
  // at full weight, another spelling of the word nearly so, another word of the meaning less.
  const byFirst = synonymForms(vocabulary.synonyms ?? []);
  for (let position = 0; position < sequence.length; position++) {
    if (used[position]) continue;
    const forms = byFirst.get(sequence[position] as string);
    if (forms === undefined) continue;
    const match = forms.find(({ member }) => member.terms.every((term, offset) => !used[position + offset] && sequence[position + offset] === term));
    if (match === undefined) continue;
    const own = match.member.terms;
    const others = new Map<string, Alternative & { form: string }>();
    for (const { member, group } of forms.filter((form) => form.member.terms.join('\u0000') === own.join('\u0000'))) {
      for (const other of group.members) {
        const key = other.terms.join('\u0000');
        // Another script is another language (Sudachi lists `cyber` for サイバー): names of both are the aliases' work.
        if (!other.inCorpus || key === own.join('\u0000') || LATIN_FORM.test(other.form) !== LATIN_FORM.test(member.form)) continue;
        const otherWeight = other.word === member.word ? synonymWeights.sameWord : synonymWeights.sameMeaning;
        if ((others.get(key)?.weight ?? 0) < otherWeight) others.set(key, { terms: other.terms, weight: otherWeight, adjacent: other.terms.length > 1, form: other.form });
      }
    }
    if (others.size === 0) continue;
    const synonyms = [...others.values()].sort((a, b) => b.weight - a.weight).slice(0, synonymWeights.most);
    const alternatives: Alternative[] = [{ terms: own, weight: 1, adjacent: false }, ...synonyms.map(({ form: _form, ...alternative }) => alternative)];
    const spelled = text.slice((tokens[position] as Token).start, (tokens[position + own.length - 1] as Token).end);
    const label = surface.startsWith(match.member.form, (tokens[position] as Token).start) ? match.member.form : spelled;
    take(position, own.length, { label, alternatives, translations: synonyms.map((synonym) => synonym.form), weight, origin, idf: mean(own.map(idf)), grams: [], required: false });
  }

  const labels = new Set<string>();
  sequence.forEach((term, position) => {
    if (used[position] || labels.has(term)) return;
    labels.add(term);
    const unknown = vocabulary.documentFrequency(term) === 0;
    const grams = unknown ? bigrams(term).map((gram) => gram.term) : [];
    found.push({ position, length: 1, concept: { label: term, alternatives: [{ terms: [term], weight: 1, adjacent: false }], translations: [], weight, origin, idf: idf(term), grams, required: false } });
  });
  const ordered = found.sort((a, b) => a.position - b.position);
  for (const { position, length, concept } of ordered) spans?.set(concept, { first: position, last: position + Math.max(1, length) - 1 });
  return ordered.map(({ concept }) => concept);
}


const LATIN_FORM = /^[\p{Script=Latin}0-9\s.&'-]+$/u;

type SynonymForm = { member: SynonymGroup['members'][number]; group: SynonymGroup };
const formsOfSynonyms = new WeakMap<readonly SynonymGroup[], Map<string, SynonymForm[]>>();

/** The members a question's word may expand from, by first term, longest first (computed once per index). */
function synonymForms(groups: readonly SynonymGroup[]): Map<string, SynonymForm[]> {
  let forms = formsOfSynonyms.get(groups);
  if (forms === undefined) {
    forms = new Map();
    for (const group of groups) {
      for (const member of group.members) {
        if (!member.expands || member.terms.length === 0) continue;
        const first = member.terms[0] as string;
        const list = forms.get(first) ?? [];
        list.push({ member, group });
        forms.set(first, list);
      }
    }
    for (const list of forms.values()) list.sort((a, b) => b.member.terms.length - a.member.terms.length);
    formsOfSynonyms.set(groups, forms);
  }
  return forms;
}

type AliasForm = { form: string[]; group: AliasGroup };
const formsOfAliases = new WeakMap<readonly AliasGroup[], AliasForm[]>();

/** Every alias form with its group, longest first (computed once per index). */
function aliasForms(aliases: readonly AliasGroup[]): AliasForm[] {
  let forms = formsOfAliases.get(aliases);
  if (forms === undefined) {
    forms = aliases
      .flatMap((group) => group.terms.map((form) => ({ form, group })))
      .filter(({ form }) => form.length > 0)
      .sort((a, b) => b.form.length - a.form.length);
    formsOfAliases.set(aliases, forms);
  }
  return forms;
}

/** First position where `run` occurs contiguously in `sequence` over unused terms, or -1. */
function findRun(sequence: readonly string[], run: readonly string[], used: readonly boolean[]): number {
  outer: for (let start = 0; start + run.length <= sequence.length; start++) {
    for (let offset = 0; offset < run.length; offset++) {
      if (used[start + offset] || sequence[start + offset] !== run[offset]) continue outer;
    }
    return start;
  }
  return -1;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}
