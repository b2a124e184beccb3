import { describe, expect, it } from 'vitest';
import { interpretConversation, type ChatMessage } from '../../src/search/conversation';

/** A conversation of user questions, each answered by the assistant (`answer n`). */
const conversation = (...questions: string[]): ChatMessage[] =>
  questions.flatMap((content, index) => [{ role: 'user' as const, content }, ...(index < questions.length - 1 ? [{ role: 'assistant' as const, content: `answer ${index + 1}` }] : [])]);

describe('which question a conversation asks', () => {
  it('reads a first question alone', () => {
    expect(interpretConversation(conversation('それはいつ？'))).toEqual({ question: 'それはいつ？', context: [], refersBack: false });
  });

  it('reads a follow-up that points back with the earlier question, whose subject it asks about', () => {
    for (const followUp of ['それはいつ開かれた？', 'それはいつ？', 'いつ？', 'なぜですか', '理由は？', '今も有効？', 'いつ設立された？', 'When was it held?', 'Why?', 'how much?', 'Is it still in force?', 'Why is that?']) {
      expect(interpretConversation(conversation('クアッドの初の首脳会談はどのような形式で行われた？', followUp)), followUp).toEqual({
        question: followUp,
        context: ['クアッドの初の首脳会談はどのような形式で行われた？'],
        refersBack: true,
        // The previous answer's passage is where a question about its subject is most likely answered.
        previousAnswer: 'answer 1',
      });
    }
  });

  it('reads a follow-up that names something new as the earlier question about that thing, the earlier terms capped', () => {
    for (const followUp of ['インドは？', 'では中国は？', 'what about India?']) {
      const interpretation = interpretConversation(conversation('「アジア版NATO」という考えに、各国はどう反応している？', followUp));
      expect(interpretation, followUp).toMatchObject({ context: ['「アジア版NATO」という考えに、各国はどう反応している？'], refersBack: false });
      // A new subject is not looked for where the last answer was.
      expect(interpretation.previousAnswer).toBeUndefined();
    }
  });

  it('starts afresh with a full question, or one that asks what something is', () => {
    for (const next of ['クアッドとは？', 'What is AUKUS?', '日本の防衛予算を教えて', 'AUKUSの目的を説明して', 'ANZUS条約の加盟国を教えて', 'マクロン大統領はNATOをどう評したのか、その発言の背景も含めて教えてください。', 'Which countries are members of the Quad and since when have they met?']) {
      expect(interpretConversation(conversation('SEATOとは？', next)), next).toEqual({ question: next, context: [], refersBack: false });
    }
  });

  it('carries what a follow-up carried to the follow-up after it', () => {
    expect(interpretConversation(conversation('クアッドの初の首脳会談はどのような形式で行われた？', 'それはいつ？', 'どこで？'))).toEqual({
      question: 'どこで？',
      context: ['それはいつ？', 'クアッドの初の首脳会談はどのような形式で行われた？'],
      refersBack: true,
      previousAnswer: 'answer 2',
    });
    // A full question in between ends the chain.
    expect(interpretConversation(conversation('クアッドの初の首脳会談はどのような形式で行われた？', 'マクロン大統領はNATOをどう評した？', 'なぜ？')).context).toEqual(['マクロン大統領はNATOをどう評した？']);
  });
});
