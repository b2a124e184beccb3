import { describe, expect, it } from 'vitest';
import { citationDate, citationTitle, citedQuote, escapeHtml, formatCitation, type CitationInput, type CitedPaper } from '../../web/src/citation';

const paper: CitedPaper = {
  id: '000_d62613a39113a7e6',
  title: '「アジア版NATO」の論点',
  titleSource: 'metadata',
  author: '佐竹知彦',
  series: 'NIDSコメンタリー',
  number: '146',
  publisher: '防衛研究所',
  date: '2020-10-20',
  sourceUrl: 'https://www.nids.mod.go.jp/publication/commentary/pdf/commentary146.pdf',
};
const notes = [
  { n: 13, text: '1962年のタナット・ラスク共同声明…The US DOS, “U.S. Relations With Thailand,” [https://history.state.gov/milestones/1953-1960/seato].', urls: ['https://history.state.gov/milestones/1953-1960/seato'] },
  { n: 14, text: '「東南アジア集団防衛条約…」とある。フランス国防省『フランスおよびアジア太平洋地域の安全保障』、8頁。', urls: [] },
];
const input: CitationInput = {
  paper,
  docId: paper.id,
  section: 'アジアにおける地域的な集団安全保障枠組み',
  page: 3,
  quote: '実際、米国もタイとの関係の根拠として挙げているほか[13]、フランスも…強調している[14]。',
  notes,
  fromNote: null,
  permalink: 'http://localhost:8787/documents/000_d62613a39113a7e6#p-16',
};

describe('report-ready citations', () => {
  it('writes a Japanese note: author, title, series and number, publisher and date in Japanese, section, page, the quote, its notes, the links', () => {
    expect(formatCitation(input, 'ja').text).toBe(
      [
        '佐竹知彦「「アジア版NATO」の論点」『NIDSコメンタリー』第146号（防衛研究所、2020年10月20日）、アジアにおける地域的な集団安全保障枠組み、3頁。',
        '「実際、米国もタイとの関係の根拠として挙げているほか[13]、フランスも…強調している[14]。」',
        `注13 ${notes[0]?.text}`,
        `注14 ${notes[1]?.text}`,
        'https://www.nids.mod.go.jp/publication/commentary/pdf/commentary146.pdf',
        'http://localhost:8787/documents/000_d62613a39113a7e6#p-16',
      ].join('\n'),
    );
  });

  it('writes a Chicago-like English note, the comma inside the title\'s quotation marks and the date in English', () => {
    expect(formatCitation(input, 'en').text.split('\n')[0]).toBe(
      '佐竹知彦, “「アジア版NATO」の論点,” NIDSコメンタリー, no. 146 (防衛研究所, October 20, 2020), アジアにおける地域的な集団安全保障枠組み, p. 3.',
    );
    expect(formatCitation(input, 'en').text.split('\n')[2]).toBe(`Note 13: ${notes[0]?.text}`);
  });

  it('gives a paper with only a derived title its file name, never the cut first sentence, and leaves out what the sidecar does not state', () => {
    const bare: CitedPaper = { ...paper, title: 'ビーガン米国務副長官がNATOを引き合いに…', titleSource: 'first-sentence', author: null, series: null, number: null, publisher: null, date: null, sourceUrl: null };
    expect(citationTitle(bare, bare.id)).toBe('000_d62613a39113a7e6');
    const ja = formatCitation({ ...input, paper: bare }, 'ja').text.split('\n');
    expect(ja[0]).toBe('「000_d62613a39113a7e6」、アジアにおける地域的な集団安全保障枠組み、3頁。');
    expect(ja).toHaveLength(5);
    expect(formatCitation({ ...input, paper: bare, section: null }, 'en').text.split('\n')[0]).toBe('“000_d62613a39113a7e6,” p. 3.');
    // No paper list at all (the request failed): still the file name.
    expect(formatCitation({ ...input, paper: undefined }, 'ja').text.split('\n')[0]).toBe('「000_d62613a39113a7e6」、アジアにおける地域的な集団安全保障枠組み、3頁。');
  });

  it('writes dates the way each language writes them', () => {
    expect(citationDate('2020-10-05', 'ja')).toBe('2020年10月5日');
    expect(citationDate('2020-01-31', 'en')).toBe('January 31, 2020');
  });

  it('puts the same citation in HTML, escaped, with the notes\' addresses as links', () => {
    const html = formatCitation({ ...input, quote: '<b>x</b>[13]' }, 'ja').html;
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;[13]');
    expect(html).not.toContain('<b>');
    expect(html).toContain('<a href="https://history.state.gov/milestones/1953-1960/seato">https://history.state.gov/milestones/1953-1960/seato</a>');
    expect(html).toContain('<cite>『NIDSコメンタリー』</cite>');
    expect(html).toContain('<a href="http://localhost:8787/documents/000_d62613a39113a7e6#p-16">');
    expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
  });

  it('adds an address a footnote gives only as a link', () => {
    const text = formatCitation({ ...input, notes: [{ n: 3, text: 'Stephen Biegun, “Remarks,” 2020.', urls: ['https://www.state.gov/x'] }], quote: '述べた[3]。' }, 'en').text;
    expect(text.split('\n')[2]).toBe('Note 3: Stephen Biegun, “Remarks,” 2020. https://www.state.gov/x');
  });
});

describe('what a citation quotes', () => {
  const passage = {
    text: '例えば、1954年には東南アジア集団防衛条約が調印された[11]。',
    snippet: '例えば、1954年には東南アジア集団防衛条約が調印された。',
    snippetStart: 0,
    refs: [{ n: 11, offset: 30 }],
    citations: [{ n: 11, text: '西田竜也「東南アジア条約機構（SEATO）の起源」『同志社アメリカ研究』第50号、23–45頁。', urls: [] }],
    matchedNote: 11,
  };

  it('quotes the answer\'s sentence when the answer quotes this passage, without the note lines after it, and gives the notes it cites', () => {
    const quoted = citedQuote({ ...passage, matchedNote: null }, '例えば、1954年には東南アジア集団防衛条約が調印された[11]。\n[11] 西田竜也「東南アジア条約機構（SEATO）の起源」…', 'excerpt');
    expect(quoted).toEqual({ quote: '例えば、1954年には東南アジア集団防衛条約が調印された[11]。', notes: passage.citations, fromNote: null });
  });

  it('quotes a footnote answer as the footnote\'s text and says which note it is', () => {
    const quoted = citedQuote(passage, '西田竜也「東南アジア条約機構（SEATO）の起源」『同志社アメリカ研究』第50号、23–45頁。[11]', 'excerpt');
    expect(quoted).toEqual({ quote: '西田竜也「東南アジア条約機構（SEATO）の起源」『同志社アメリカ研究』第50号、23–45頁。', notes: [], fromNote: 11 });
    expect(formatCitation({ ...input, ...quoted }, 'ja').text.split('\n')[0]).toMatch(/、3頁、注11。$/u);
    expect(formatCitation({ ...input, ...quoted }, 'en').text.split('\n')[0]).toMatch(/, p\. 3, n\. 11\.$/u);
  });

  it('quotes the excerpt with its markers for a passage the answer does not quote', () => {
    expect(citedQuote(passage, undefined, '…調印された[11]。')).toEqual({ quote: '…調印された[11]。', notes: passage.citations, fromNote: null });
  });
});
