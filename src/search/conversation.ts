/**
 * Which question a conversation asks. The last user message is the question; a short follow-up that
 * names one or two things (`インドは？`, `what about India?`) is read in the context of the user's
 * previous question, whose terms then count half. A full question starts afresh.
 */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface Interpretation {
  question: string;
  /** Earlier user questions to read the question with, most recent first; empty for a self-contained one. */
  context: string[];
}

const FOLLOW_UP_LENGTH = 16;
const FOLLOW_UP = /^(?:では|じゃあ|それでは|なら|and |what about |how about )|(?:は|って|も|について)[？?]?$|[？?]$/iu;

export function interpretConversation(messages: readonly ChatMessage[]): Interpretation {
  const questions = messages.filter((message) => message.role === 'user').map((message) => message.content);
  const question = questions[questions.length - 1] ?? '';
  const earlier = questions.slice(0, -1).reverse();
  const isFollowUp = earlier.length > 0 && Array.from(question).length <= FOLLOW_UP_LENGTH && FOLLOW_UP.test(question);
  return { question, context: isFollowUp ? earlier.slice(0, 1) : [] };
}

/** `ja` when the question has kana or kanji. */
export function questionLanguage(question: string): 'ja' | 'en' {
  return /[\u3040-\u30ff\u3400-\u9fff]/u.test(question) ? 'ja' : 'en';
}
