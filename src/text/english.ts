import { stemmer } from 'stemmer';

/**
 * English words, for the English in the papers (footnote titles, names) and for English questions.
 * Terms are Porter-stemmed so inflected forms meet in the index (`alliances` = `alliance`); looking a
 * word up in the dictionary uses its lemma candidates instead, since stems conflate words a dictionary
 * keeps apart (`emerging` and `emergency` are both `emerg`).
 */

/**
 * Words that carry no topic: the Snowball English stop list (without contractions, which the tokenizer
 * splits anyway) plus a few modal verbs and adverbs of its kind.
 */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its itself ' +
    'they them their theirs themselves what which who whom this that these those am is are was were be been being have has had having ' +
    'do does did doing would should could ought a an the and but if or because as until while of at by for with about against between ' +
    'into through during before after above below to from up down in out on off over under again further then once here there when ' +
    'where why how all any both each few more most other some such no nor not only own same so than too very ' +
    'can will just also may might must shall'
  ).split(' '),
);

/** An English word as an index term: lower case, Porter-stemmed; '' for a stopword or a single letter (`U.S.` gives `u` and `s`). */
export function englishTerm(word: string): string {
  const lower = word.toLowerCase();
  if (lower.length < 2 || ENGLISH_STOPWORDS.has(lower)) return '';
  return /^[a-z]/u.test(lower) ? stemmer(lower) : lower;
}

/** The words of an English phrase as a dictionary key: lower case, without stopwords or single letters (`the Secretary of State` → `secretary state`). */
export function englishKey(phrase: string): string {
  return (phrase.normalize('NFKC').toLowerCase().match(/[a-z0-9]+/gu) ?? []).filter((word) => word.length > 1 && !ENGLISH_STOPWORDS.has(word)).join(' ');
}

/**
 * A set phrase that opens with a preposition (`at the same time`, `in advance`, `on the other hand`): its
 * words mean something together that its content word alone does not (`time`, `hand`).
 */
const SET_PHRASE = /^(?:in|on|at|of|for|by|with|from|into|as|under|over|without) /u;

export function isSetPhrase(phrase: string): boolean {
  return SET_PHRASE.test(phrase.normalize('NFKC').toLowerCase().trim());
}

/** A phrase with every word, stopwords and single letters kept, lower case (`At the same time` → `at the same time`). */
export function wholePhraseKey(phrase: string): string {
  return (phrase.normalize('NFKC').toLowerCase().match(/[a-z0-9]+/gu) ?? []).join(' ');
}

/**
 * The dictionary keys of an English phrase: its englishKey, and when that lost words of a phrase of two or
 * more, the whole phrase too (`same time`, glossing 同時, is `time` without its stopword; `U.S. forces`).
 * Such a key has a stopword or a single letter, so it never equals an englishKey; questions meet it on
 * their own text (EnglishVocabulary.wholePhrases). A set phrase has its whole key only (`at the same time`
 * is not a name for `time`).
 */
export function dictionaryKeys(phrase: string): string[] {
  // A leading article or `to` adds nothing to a phrase (`the alliance`, `to deter`).
  const whole = wholePhraseKey(phrase).replace(/^(?:(?:the|a|an|to) )+/u, '');
  if (isSetPhrase(phrase)) return [whole];
  const key = englishKey(phrase);
  return whole !== key && whole.includes(' ') ? [key, whole].filter((each) => each !== '') : key === '' ? [] : [key];
}

/** Whether a dictionary key is a whole phrase's (dictionaryKeys): of two or more words, and not an englishKey. */
export function isWholeKey(key: string): boolean {
  return key.includes(' ') && englishKey(key) !== key;
}

/** Irregular past forms of verbs common in questions about what someone did or said. */
const IRREGULAR_FORMS = new Map(
  (
    'said:say made:make took:take gave:give found:find led:lead held:hold met:meet sent:send left:leave began:begin ' +
    'became:become brought:bring thought:think told:tell won:win built:build sought:seek fought:fight struck:strike ' +
    'chose:choose chosen:choose wrote:write written:write spoke:speak spoken:speak broke:break broken:break drew:draw ' +
    'drawn:draw rose:rise risen:rise fell:fall fallen:fall grew:grow grown:grow knew:know known:know saw:see seen:see ' +
    'went:go gone:go came:come got:get kept:keep felt:feel stood:stand understood:understand ran:run paid:pay laid:lay ' +
    'sold:sell bought:buy caught:catch taught:teach meant:mean lost:lose spent:spend dealt:deal withdrew:withdraw ' +
    'withdrawn:withdraw undertook:undertake undertaken:undertake forgot:forget forbade:forbid shook:shake taken:take given:give'
  )
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

/**
 * The forms a dictionary may list an inflected word under, the word itself first: `countries` →
 * `country`; `emphasizes` → `emphasize`; `concluded` → `conclude`; `planned` → `plan`; `particularly` →
 * `particular`; `economic` → `economy`; `Asian` → `Asia`; `dealt` → `deal` (a list of common irregular verbs);
 * `joined` → `joining`.
 */
export function lemmaCandidates(word: string): string[] {
  const forms = [word];
  const add = (form: string): void => {
    if (form.length >= 3 && !forms.includes(form)) forms.push(form);
  };
  const undo = (ending: string): void => {
    if (!word.endsWith(ending)) return;
    const stem = word.slice(0, -ending.length);
    add(stem);
    add(`${stem}e`);
    if (/([b-df-hj-np-tv-z])\1$/u.test(stem)) add(stem.slice(0, -1));
  };
  if (word.endsWith('ies') || word.endsWith('ied')) add(`${word.slice(0, -3)}y`);
  if (/(?:s|x|z|ch|sh)es$/u.test(word)) add(word.slice(0, -2));
  if (/[^su]s$/u.test(word)) add(word.slice(0, -1));
  undo('ed');
  undo('ing');
  const irregular = IRREGULAR_FORMS.get(word);
  if (irregular !== undefined) add(irregular);
  // The dictionary glosses Japanese verbal nouns with gerunds (加盟: `joining`): `join`, `joined` → `joining`.
  if (!word.endsWith('ing')) {
    const verb = word.endsWith('ed') ? word.slice(0, -2) : word;
    add(`${verb}ing`);
    if (verb.endsWith('e')) add(`${verb.slice(0, -1)}ing`);
  }
  if (word.endsWith('ly')) add(word.slice(0, -2));
  // Nouns of making and verbs of making point to what is made (`weaponization` → `weaponize` →
  // `weapon`, 武器 of 資源の武器化; `modernize` → `modern`): the dictionary lists the base far more often.
  for (const ending of ['ization', 'isation']) {
    if (!word.endsWith(ending)) continue;
    const stem = word.slice(0, -ending.length);
    add(`${stem}ize`);
    add(stem);
  }
  for (const ending of ['ize', 'ise', 'ized', 'ised', 'izing', 'ising']) {
    if (word.endsWith(ending) && word.length - ending.length >= 4) add(word.slice(0, -ending.length));
  }
  // Adjectives point to their nouns, which a dictionary lists more often: `economic` → `economy`,
  // `diplomatic` → `diplomacy`, `historical` → `history`, `regional` → `region`, `cultural` → `culture`.
  if (word.endsWith('ic')) {
    add(`${word.slice(0, -2)}y`);
    add(`${word}s`);
    if (word.endsWith('tic')) add(`${word.slice(0, -3)}cy`);
  }
  if (word.endsWith('ical')) {
    add(`${word.slice(0, -4)}y`);
    add(`${word.slice(0, -2)}s`);
  } else if (word.endsWith('al')) {
    add(word.slice(0, -2));
    add(`${word.slice(0, -2)}e`);
  }
  // Adjectives of place name the place: `Asian` → `Asia`, `Korean` → `Korea`, `Chinese` → `China`, `Japanese` → `Japan`.
  if (/[ie]an$/u.test(word)) add(word.slice(0, -1));
  if (word.endsWith('ese')) {
    add(word.slice(0, -3));
    add(`${word.slice(0, -3)}a`);
  }
  return forms;
}
