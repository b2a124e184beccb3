/**
 * Which question a conversation asks. The last user message is the question. A follow-up is read in the
 * context of the user's previous question:
 * - one that names one or two things (`インドは？`, `what about India?`): the earlier terms set the scene and
 *   weigh at most half of what it names;
 * - one that points back (`それはいつ開かれた？`, `それはいつ？`, `when was it held?`, `why?`, `今も有効？`): a
 *   pronoun, a bare question word or an unsaid subject stands for the earlier question's subject, whose
 *   terms then count at their full carried weight, however little the follow-up names itself.
 * A follow-up of a follow-up carries what that one carried (`それはいつ？` then `どこで？`). A full question
 * starts afresh.
 */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface Interpretation {
  question: string;
  /** Earlier user questions to read the question with, most recent first; empty for a self-contained one. */
  context: string[];
  /** The question points back at the earlier one's subject (a pronoun, a bare question word). */
  refersBack: boolean;
  /** What the assistant answered the question before, when this one points back at it: the passage it quoted is preferred. */
  previousAnswer?: string;
}

/**
 * How short a follow-up is, in characters of Japanese or words of English: one that only names something
 * (`インドは？`), and one whose pronoun stands for the earlier subject (`それはどの会合で合意された？`). A longer
 * question says what it asks about itself; its pronouns point inside it (`…どう評したのか、その発言の背景も`).
 */
const FOLLOW_UP_LENGTH = { naming: { characters: 16, words: 5 }, pointing: { characters: 24, words: 8 } };
/** Earlier questions a follow-up carries at most (itself a follow-up's context included); query.ts reads as many. */
export const CARRIED_QUESTIONS = 2;
const FOLLOW_UP = /^(?:では|じゃあ|それでは|なら|and |what about |how about )|(?:は|って|も|について)[？?]?$|[？?]$/iu;
/**
 * Words that point back at what was asked before. Japanese: それ (not それぞれ), その, これ, この, あれ, 彼, 彼女,
 * そこ, 同 before a noun (`同条約`); English: pronouns (not the existential `there`), and `that`/`this` ending a
 * question (`why is that?`).
 */
const POINTING_BACK = /それ(?!ぞれ)|その|これ|この|あれ|あの|そこ|彼|同(?=[\p{Script=Han}\p{Script=Katakana}])|\b(?:it|its|they|them|their|he|she|him|his|her|these|those)\b|\b(?:this|that)\s*[?.!]*$/iu;
/**
 * A Japanese question names what it is about with a noun and a particle (`日本の`, `目的を`, `AUKUSは`); a
 * short one that names nothing so (`今も有効？`, `いつ設立された？`) has the earlier question's subject as its
 * own, unsaid. (`今も` is framing, not a subject: も is not counted.)
 */
const NAMES_TOPIC = /[\p{Script=Han}\p{Script=Katakana}A-Za-z0-9ー）」』](?:は|が|って|とは|では|には|について|を|の)/u;
/** A question for what something is (`クアッドとは？`, `what is AUKUS?`) names all it asks about: it stands alone. */
const DEFINES = /[^\s]とは|って(?:何|なに)|^what (?:is|are|was|were|does) (?!it\b|that\b|this\b|they\b|he\b|she\b)/iu;
/** A question that is no more than a question word (`いつ？`, `なぜですか`, `Who?`, `how much?`). */
const BARE_QUESTION = /^(?:(?:それは|では|じゃあ|で)?(?:いつ|どこ|どこで|誰|だれ|なぜ|何故|どうして|何|なに|なん|いくら|いくつ|何人|何年|何か国|どれくらい|どのくらい|理由|背景|目的|狙い|時期|場所|経緯|根拠|意味|結果|影響)(?:は|が|に|で)?(?:です|だ|でしょう)?(?:か|の)?|(?:and |but )?(?:when|where|who|whom|why|what|which|how|how many|how much|how long|since when)(?: (?:is|was|were|did|does) (?:it|that|this|they))?)\s*[？?。.!！]*$/iu;

export function interpretConversation(messages: readonly ChatMessage[]): Interpretation {
  const questions = messages.filter((message) => message.role === 'user').map((message) => message.content);
  let interpretation = alone('');
  for (const question of questions) interpretation = interpretAfter(question, interpretation);
  const last = messages.findLastIndex((message) => message.role === 'user');
  const answer = last > 0 ? messages[last - 1] : undefined;
  return interpretation.refersBack && answer?.role === 'assistant' && answer.content.trim() !== '' ? { ...interpretation, previousAnswer: answer.content } : interpretation;
}

/** A question read by itself. */
const alone = (question: string): Interpretation => ({ question, context: [], refersBack: false });

/** `question` read after `previous` (the interpretation of the question before it). */
function interpretAfter(question: string, previous: Interpretation): Interpretation {
  const text = question.trim();
  if (previous.question === '') return alone(question);
  const shorterThan = ({ characters, words }: { characters: number; words: number }): boolean =>
    questionLanguage(text) === 'ja' ? Array.from(text).length <= characters : text.split(/\s+/u).length <= words;
  const points = POINTING_BACK.test(text) && shorterThan(FOLLOW_UP_LENGTH.pointing);
  if (DEFINES.test(text) && !points) return alone(question);
  const unsaidSubject = questionLanguage(text) === 'ja' && shorterThan(FOLLOW_UP_LENGTH.naming) && !NAMES_TOPIC.test(text);
  const refersBack = BARE_QUESTION.test(text) || unsaidSubject || points;
  if (!refersBack && !(shorterThan(FOLLOW_UP_LENGTH.naming) && FOLLOW_UP.test(text))) return alone(question);
  return { question, context: [previous.question, ...previous.context].slice(0, CARRIED_QUESTIONS), refersBack };
}

/** `ja` when the question has kana or kanji. */
export function questionLanguage(question: string): 'ja' | 'en' {
  return /[\u3040-\u30ff\u3400-\u9fff]/u.test(question) ? 'ja' : 'en';
}
