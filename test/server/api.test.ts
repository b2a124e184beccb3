import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDEX_FORMAT } from '../../src/search/index-format';
import { startNodeServer, type RunningServer } from '../support/node-server';

/** The Node server over real HTTP, with the bundled corpus's index. */
let server: RunningServer;
beforeAll(async () => {
  server = await startNodeServer();
});
afterAll(async () => {
  await server.stop();
});

const get = (path: string): Promise<Response> => fetch(`${server.url}${path}`);
const search = (params: Record<string, string>): Promise<Response> => get(`/api/search?${new URLSearchParams(params)}`);
const chat = (body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

interface Result {
  id: string;
  docId: string;
  docTitle: string;
  section: string | null;
  page: number;
  text: string;
  snippet: string;
  snippetStart: number;
  highlights: Array<[number, number]>;
  score: number;
  citations: Array<{ n: number; text: string; urls: string[] }>;
}

describe('GET /api/search', () => {
  it('returns ranked passages with section, page, snippet, highlights and full citations', async () => {
    const response = await search({ q: '2019年12月のNATO首脳会議の直前にNATOを脳死と述べたのは誰？', limit: '3' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { query: string; found: boolean; terms: string[]; results: Result[] };
    expect(body.found).toBe(true);
    expect(body.results).toHaveLength(3);
    const [top] = body.results as [Result];
    expect(top.text).toContain('マクロン仏大統領がNATOを脳死と述べたことが波紋を呼んだ');
    expect(top).toMatchObject({ section: 'NATOの光と影', page: 2, docId: '000_d62613a39113a7e6' });
    expect(top.text.slice(top.snippetStart, top.snippetStart + top.snippet.length)).toBe(top.snippet);
    const highlighted = top.highlights.map(([start, end]) => {
      expect(0 <= start && start < end && end <= top.snippet.length).toBe(true);
      return top.snippet.slice(start, end);
    });
    expect(highlighted).toEqual(expect.arrayContaining(['NATO', '首脳', '直前', '脳死']));
    expect(top.citations).toEqual([
      {
        n: 9,
        text: expect.stringContaining('Troubled Nato not in party mood for 70th birthday'),
        urls: ['https://www.bbc.com/news/world-europe-50604857', 'https://www.spf.org/iina/articles/tsuruoka_11.html'],
      },
    ]);
  });

  it('answers an English question from the Japanese text, saying which Japanese words it searched for', async () => {
    const body = (await (await search({ q: 'What did Pompeo stress about ASEAN during his visit to Japan?', limit: '3' })).json()) as {
      found: boolean;
      searchedFor: Array<{ asked: string; japanese: string[] }>;
      results: Result[];
    };
    expect(body.found).toBe(true);
    expect(body.results[0]?.text).toContain('ポンペオ国務長官は');
    expect(body.searchedFor).toEqual([
      { asked: 'Pompeo', japanese: expect.arrayContaining(['ポンペオ']) },
      { asked: 'stress', japanese: expect.arrayContaining(['強調']) },
      { asked: 'ASEAN', japanese: ['東南アジア諸国連合'] },
      { asked: 'visit to Japan', japanese: ['訪日'] },
    ]);
  });

  it('takes a question mixing Japanese and English', async () => {
    const body = (await (await search({ q: 'AUKUSの原潜 deal', limit: '3' })).json()) as { found: boolean; results: Result[] };
    expect(body.found).toBe(true);
    expect(body.results[0]?.text).toMatch(/AUKUS.*原潜|原子力潜/u);
  });

  it('searches one document with doc=', async () => {
    const body = (await (await search({ q: 'クアッド', doc: '003_cd568db34d9aead0' })).json()) as { results: Result[] };
    expect(body.results.length).toBeGreaterThan(0);
    expect(new Set(body.results.map((result) => result.docId))).toEqual(new Set(['003_cd568db34d9aead0']));
  });

  it('finds passages that use the other form of a name the corpus defines: ASEAN / 東南アジア諸国連合', async () => {
    const body = (await (await search({ q: '東南アジア諸国連合の中心性', limit: '10' })).json()) as { results: Result[] };
    expect(body.results.some((result) => result.text.includes('ASEANの中心性') && !result.text.includes('東南アジア諸国連合'))).toBe(true);
  });

  it('finds a base form from an inflected one: 高まった finds 高まる (and the reverse)', async () => {
    const body = (await (await search({ q: 'アジア版NATOへの関心が高まる', limit: '3' })).json()) as { results: Result[] };
    expect(body.results[0]?.text).toContain('関心が高まった');
  });

  it('finds what only the disclaimer says, and never puts the disclaimer above body text on the papers\' subjects', async () => {
    const views = (await (await search({ q: 'この論考の見解は防衛研究所を代表するものですか', limit: '3' })).json()) as { results: Array<{ kind: string; text: string }> };
    expect(views.results[0]).toMatchObject({ kind: 'disclaimer', text: expect.stringContaining('本欄における見解は、防衛研究所を代表するものではありません') });
    for (const q of ['NATOとは', 'クアッドの首脳会合', 'ミニラテラリズムの意義', 'Why are some countries wary of an Asian NATO?']) {
      const body = (await (await search({ q, limit: '5' })).json()) as { results: Array<{ kind: string }> };
      expect(body.results.map((result) => result.kind), q).not.toContain('disclaimer');
    }
  });

  it('answers bad parameters with a 400 that names the field', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ q: '   ' }, 'q: the question is empty'],
      [{ q: 'x'.repeat(1001) }, 'q: the question is longer than 1000 characters'],
      [{ q: 'NATO', limit: '0' }, 'limit: limit must be from 1 to 50'],
      [{ q: 'NATO', limit: 'ten' }, 'limit: limit must be a whole number from 1 to 50'],
      [{ q: 'NATO', color: 'red' }, 'unknown field color'],
    ];
    for (const [params, message] of cases) {
      const response = await search(params);
      expect(response.status, JSON.stringify(params)).toBe(400);
      expect(await response.json()).toEqual({ error: { code: 'INVALID_PARAMETER', message } });
    }
    const missing = await get('/api/search');
    expect(missing.status).toBe(400);
  });

  it('answers an unknown document with 404', async () => {
    const response = await search({ q: 'NATO', doc: 'nope' });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNKNOWN_DOCUMENT');
  });
});

describe('POST /api/chat', () => {
  it('shows a Japanese question\'s Latin word with its translation only where that found something, and an English one the forms that found the passages', async () => {
    const japanese = ((await (await chat({ messages: [{ role: 'user', content: 'NATOの来歴は？' }] })).json()) as { reply: { found: boolean; searchedFor: Array<{ asked: string }> } }).reply;
    expect(japanese.found).toBe(true);
    expect(japanese.searchedFor.map((entry) => entry.asked)).not.toContain('NATO');
    // GET /api/search still says what was searched.
    const searched = ((await (await search({ q: 'NATOの来歴は？' })).json()) as { searchedFor: Array<{ asked: string }> }).searchedFor;
    expect(searched.map((entry) => entry.asked)).toContain('NATO');
    const english = ((await (await chat({ messages: [{ role: 'user', content: 'What did Biegun say about NATO?' }] })).json()) as { reply: { searchedFor: Array<{ asked: string; japanese: string[] }>; results: Result[] } }).reply;
    const everyForm = english.searchedFor.flatMap((entry) => entry.japanese);
    expect(everyForm.length).toBeGreaterThan(0);
    for (const form of everyForm) expect(english.results.some((result) => result.text.includes(form) || result.citations.some((citation) => citation.text.includes(form))), form).toBe(true);
  });

  it('asks only the paper `doc` names, and answers an unknown or malformed one with a 4xx naming it', async () => {
    const question = 'クアッドとは？';
    const all = ((await (await chat({ messages: [{ role: 'user', content: question }] })).json()) as { reply: { results: Result[] } }).reply;
    expect(new Set(all.results.map((result) => result.docId)).size).toBe(2);
    for (const doc of ['000_d62613a39113a7e6', '003_cd568db34d9aead0']) {
      const response = await chat({ messages: [{ role: 'user', content: question }], doc });
      expect(response.status).toBe(200);
      const { reply } = (await response.json()) as { reply: { results: Result[] } };
      expect(reply.results.length).toBeGreaterThan(0);
      expect(reply.results.every((result) => result.docId === doc)).toBe(true);
    }
    const unknown = await chat({ messages: [{ role: 'user', content: question }], doc: 'nope' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: 'UNKNOWN_DOCUMENT', message: 'There is no document "nope". GET /api/documents lists them.' } });
    const empty = await chat({ messages: [{ role: 'user', content: question }], doc: '' });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'INVALID_BODY', message: expect.stringContaining('doc is empty') });
  });

  it('answers with verbatim sentences carrying [n] markers, and the results', async () => {
    const response = await chat({ messages: [{ role: 'user', content: 'SEATOという組織はもう無くなったけど、土台になった条約のほうは今も生きてるの？' }] });
    const { reply } = (await response.json()) as { reply: { found: boolean; text: string; results: Result[] } };
    expect(reply.found).toBe(true);
    expect(reply.text).toContain('組織としてのSEATOは1977年に公式に解体された一方、同条約は法的には現在も失効していない。');
    const top = reply.results[0] as Result;
    expect(top.text).toContain(reply.text.replace(/\[\d+\]/gu, ''));
    const markers = [...reply.text.matchAll(/\[(\d+)\]/gu)].map((match) => Number(match[1]));
    for (const n of markers) expect(top.citations.map((citation) => citation.n)).toContain(n);
  });

  it('quotes the footnote that answers when the answer is in a footnote', async () => {
    const { reply } = (await (await chat({ messages: [{ role: 'user', content: 'カンボジアは中国に施設の建設を認める代わりに、何を許したと報じられた？' }] })).json()) as {
      reply: { found: boolean; text: string };
    };
    expect(reply).toEqual({
      found: true,
      text: '昨年には中国の施設建設容認の見返りに、リアム海軍基地へのアクセスを認めたとも報じられた。[45]',
      terms: expect.any(Array),
      searchedFor: [],
      results: expect.any(Array),
      answerResult: expect.any(Number),
      shown: expect.any(Number),
      suggestions: expect.any(Array),
      context: null,
      related: false,
    });
  });

  it('says plainly when the papers do not answer, in the language of the question', async () => {
    for (const [content, phrase] of [
      ['今日の東京の天気はどうですか？', '見つかりませんでした'],
      ['What is the capital of France?', 'do not answer'],
    ] as const) {
      const { reply } = (await (await chat({ messages: [{ role: 'user', content }] })).json()) as { reply: { found: boolean; text: string; results: unknown[] } };
      expect(reply.found, content).toBe(false);
      expect(reply.text).toContain(phrase);
      expect(reply.results).toEqual([]);
    }
  });

  it('declines a question for a fact the papers do not give, showing the passages on its subject as related reading', async () => {
    const { reply } = (await (await chat({ messages: [{ role: 'user', content: 'How much did the first Quad summit cost?' }] })).json()) as {
      reply: { found: boolean; related: boolean; text: string; answerResult: number | null; results: Result[] };
    };
    expect(reply.found).toBe(false);
    expect(reply.related).toBe(true);
    expect(reply.text).toBe('The papers discuss this, but do not state the answer. Related passages are shown.');
    expect(reply.answerResult).toBeNull();
    expect(reply.results.some((result) => result.text.includes('初の首脳会談'))).toBe(true);
  });

  it('reads a follow-up in the context of the previous question: インドは？', async () => {
    const { reply } = (await (
      await chat({
        messages: [
          { role: 'user', content: '「アジア版NATO」という考えに、各国はどう反応している？' },
          { role: 'assistant', content: '…' },
          { role: 'user', content: 'インドは？' },
        ],
      })
    ).json()) as { reply: { found: boolean; results: Result[] } };
    expect(reply.found).toBe(true);
    expect(reply.results[0]?.section).toContain('【インド】');
  });

  it('reads a follow-up that points back (それはいつ開かれた？, それはいつ？) with the earlier question, and says which', async () => {
    const earlier = 'クアッドの初の首脳会談はどのような形式で行われた？';
    for (const followUp of ['それはいつ開かれた？', 'それはいつ？']) {
      const { reply } = (await (
        await chat({ messages: [{ role: 'user', content: earlier }, { role: 'assistant', content: '…' }, { role: 'user', content: followUp }] })
      ).json()) as { reply: { found: boolean; text: string; context: string | null; answerResult: number | null; results: Result[] } };
      expect(reply.found, followUp).toBe(true);
      expect(reply.text, followUp).toContain('2021年3月には初の首脳会談');
      expect(reply.context).toBe(earlier);
      // The answer is quoted from one of the passages shown, which holds it.
      expect(reply.answerResult).not.toBeNull();
      expect(reply.results[reply.answerResult as number]?.text).toContain('2021年3月には初の首脳会談');
    }
    const alone = (await (await chat({ messages: [{ role: 'user', content: earlier }] })).json()) as { reply: { context: string | null } };
    expect(alone.reply.context).toBeNull();
  });

  it('reads a follow-up that names something new as the question before it, declining what that question would decline', async () => {
    const earlier = '日本の防衛費はGDP比で何パーセント？';
    const alone = (await (await chat({ messages: [{ role: 'user', content: earlier }] })).json()) as { reply: { found: boolean } };
    expect(alone.reply.found).toBe(false);
    const { reply } = (await (
      await chat({ messages: [{ role: 'user', content: earlier }, { role: 'assistant', content: '…' }, { role: 'user', content: '豪州は？' }] })
    ).json()) as { reply: { found: boolean; context: string | null } };
    // `豪州は？` asks Australia's share of GDP: a number the papers do not give.
    expect(reply.context).toBe(earlier);
    expect(reply.found).toBe(false);
  });

  it('streams server-sent events when asked to', async () => {
    const response = await chat({ messages: [{ role: 'user', content: 'ブルームバーグはアジア版NATOより何が望ましいと書いた？' }] }, { accept: 'text/event-stream' });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text();
    const events = [...text.matchAll(/^event: (\w+)\ndata: (.*)$/gmu)].map((match) => ({ event: match[1], data: JSON.parse(match[2] as string) as unknown }));
    expect(events[0]?.event).toBe('meta');
    expect(events.filter((event) => event.event === 'result').length).toBeGreaterThan(0);
    const done = events.at(-1) as { event: string; data: { reply: { text: string; found: boolean } } };
    expect(done.event).toBe('done');
    expect(events[1]).toEqual({ event: 'answer', data: { text: done.data.reply.text, result: (done.data.reply as { answerResult?: number | null }).answerResult } });
    expect(events[0]?.data).toMatchObject({ context: null });
  });

  it('rejects bad bodies with 400, 413 or 415 and a message', async () => {
    const cases: Array<[RequestInit, number, string]> = [
      [{ body: '{"messages": [' }, 400, 'INVALID_JSON'],
      [{ body: JSON.stringify({ messages: [] }) }, 400, 'INVALID_BODY'],
      [{ body: JSON.stringify({ messages: [{ role: 'assistant', content: 'hi' }] }) }, 400, 'INVALID_BODY'],
      [{ body: JSON.stringify({ messages: [{ role: 'system', content: 'hi' }] }) }, 400, 'INVALID_BODY'],
      [{ body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], extra: 1 }) }, 400, 'INVALID_BODY'],
      [{ body: JSON.stringify({ messages: [{ role: 'user', content: 'x'.repeat(70_000) }] }) }, 413, 'PAYLOAD_TOO_LARGE'],
      [{ body: 'hello', headers: { 'content-type': 'text/plain' } }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ];
    for (const [init, status, code] of cases) {
      const response = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, ...init });
      expect(response.status, `${code}`).toBe(status);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
  });
});

describe('documents, passages, health and unknown paths', () => {
  it('lists the documents and returns one whole, for a reader view', async () => {
    const { documents } = (await (await get('/api/documents')).json()) as { documents: Array<{ id: string; pages: number; footnotes: number }> };
    expect(documents.map((document) => [document.id, document.pages, document.footnotes])).toEqual([
      ['000_d62613a39113a7e6', 10, 60],
      ['003_cd568db34d9aead0', 4, 0],
    ]);
    const { document } = (await (await get('/api/documents/003_cd568db34d9aead0')).json()) as { document: { tables: Array<{ rows: unknown[] }> } };
    expect(document.tables[0]?.rows).toHaveLength(12);
    expect((await get('/api/documents/nope')).status).toBe(404);
  });

  it('returns a passage by id with its citations', async () => {
    const { passage } = (await (await get('/api/passages/000_d62613a39113a7e6:p7')).json()) as { passage: Result };
    expect(passage.citations.map((citation) => citation.n)).toEqual([1, 2, 3]);
    expect(passage.snippet).toBe(passage.text);
    expect((await get('/api/passages/000_d62613a39113a7e6:p999')).status).toBe(404);
  });

  it('reports the index in health', async () => {
    const health = (await (await get('/api/health')).json()) as { status: string; index: { format: number; counts: { passages: number }; tokenizer: { name: string } } };
    expect(health).toMatchObject({ status: 'ok', index: { format: INDEX_FORMAT, tokenizer: { name: 'shiori-lexicon' } } });
    expect(health.index.counts.passages).toBeGreaterThan(70);
  });

  it('answers unknown API paths and wrong methods in JSON', async () => {
    const unknown = await get('/api/nothing');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    const wrongMethod = await fetch(`${server.url}/api/search?q=NATO`, { method: 'POST' });
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toEqual({ error: { code: 'METHOD_NOT_ALLOWED', message: 'POST is not allowed on /api/search; use GET.' } });
  });

  it('serves the web page at /', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
  });
});
