import type { PassageKind } from '../../src/search/index-format';
/** The UI's words in Japanese and English. The papers' text is never translated. */
export type Lang = 'ja' | 'en';

export interface Strings {
  appTitle: string;
  tagline: string;
  switchLanguage: string;
  switchLanguageLabel: string;
  questionLabel: string;
  placeholder: string;
  send: string;
  searching: string;
  answerHeading: string;
  /** Introduces the Japanese words an English question was searched with. */
  searchedFor: string;
  /** Introduces the earlier question a follow-up was read with. */
  readWith: string;
  /** Labels text in a language other than the UI's (`In Japanese` on an English page). */
  textLanguage: Record<Lang, string>;
  resultsHeading: (count: number) => string;
  /** Heading of the passages shown when the papers discuss a question without answering it. */
  relatedHeading: (count: number) => string;
  /** Said when the papers discuss a question without stating its answer. */
  relatedNotFound: string;
  notFound: string;
  notFoundHint: string;
  error: string;
  needsToken: string;
  tokenLabel: string;
  useToken: string;
  widgetNeedsToken: string;
  you: string;
  page: (page: number) => string;
  untitledSection: string;
  summary: string;
  tableRow: string;
  closing: string;
  disclaimer: string;
  footnotes: string;
  /** The library page: its link and title, a paper's counts, asking one paper, and the chat's scope. */
  library: string;
  libraryIntro: (count: number) => string;
  paperCounts: (paper: { pages: number; sections: number; footnotes: number; tables: number }) => string;
  askThisPaper: string;
  readPaper: string;
  scopedTo: string;
  askAllPapers: string;
  /** Follow-up suggestions, and the examples once the conversation has begun. */
  askNext: string;
  examplesLabel: string;
  /** The widget's search mode: its bar on the page, and the box in its dialog. */
  searchBar: string;
  searchLabel: string;
  searchPlaceholder: string;
  searchButton: string;
  /** Feedback on an answer, and on the passage that answered. */
  wasItHelpful: string;
  helpful: string;
  unhelpful: string;
  thisAnswered: string;
  feedbackSent: string;
  feedbackFailed: string;
  feedbackSendsQuestion: string;
  /** What a card is. */
  kind: Record<PassageKind, string>;
  /** A card whose answer is the text of its footnote n. */
  fromFootnote: (n: number) => string;
  /** The button that shows a footnote whole. */
  wholeNote: (n: number) => string;
  /** The button that shows the passages below the relevance cut. */
  moreResults: (count: number) => string;
  showFull: string;
  showLess: string;
  openReader: string;
  /** The link to the paper's PDF at a page, and its accessible name. */
  openPdf: (page: number) => string;
  openPdfLabel: (page: number) => string;
  /** The reader's link to the whole PDF. */
  originalPdf: string;
  copyCitation: string;
  /** The other citation style's button. */
  copyCitationIn: Record<'ja' | 'en', string>;
  copied: string;
  copyFailed: string;
  citationChip: (n: number) => string;
  answerAnnounced: (text: string) => string;
  notFoundAnnounced: string;
  backToChat: string;
  newConversation: string;
  newConversationStarted: string;
  /** The reader beside the chat: its label, closing it, and the paper on a page of its own. */
  readerPanel: string;
  closeReader: string;
  openFullPage: string;
  pages: (count: number) => string;
  contents: string;
  /** A table without a caption, as a scrolled region. */
  table: string;
  backToText: string;
  readerLoading: string;
  readerMissing: string;
  openWidget: string;
  closeWidget: string;
  emptyState: string;
  examples: string[];
}

export const STRINGS: Record<Lang, Strings> = {
  ja: {
    appTitle: '栞 shiori',
    tagline: '研究資料の記述を、出典つきでそのまま示します',
    switchLanguage: 'English',
    switchLanguageLabel: 'Switch to English',
    questionLabel: '質問',
    placeholder: '質問を入力（Enterで送信、Shift+Enterで改行）',
    send: '送信',
    searching: '資料を検索しています…',
    answerHeading: '資料からの引用',
    searchedFor: '検索した語：',
    readWith: '前の質問を踏まえて検索：',
    textLanguage: { ja: '日本語', en: '英語' },
    resultsHeading: (count) => `関連する箇所（${count}件）`,
    relatedHeading: (count) => `参考：この話題を扱う箇所（${count}件）`,
    relatedNotFound: '資料はこの話題を扱っていますが、質問に答える記述は見つかりませんでした。',
    notFound: '資料の中に、この質問に答える記述は見つかりませんでした。',
    notFoundHint: '言い方を変えるか、人名・組織名・年などの具体的な語を入れてお試しください。',
    error: '回答を取得できませんでした。しばらくしてからもう一度お試しください。',
    needsToken: 'このshioriはアクセストークンが必要です。管理者から受け取ったトークンを入力してください。',
    tokenLabel: 'アクセストークン',
    useToken: '使用する',
    widgetNeedsToken: 'この窓口はアクセストークンがないと使えません。ページの管理者にお知らせください。',
    you: 'あなた',
    page: (page) => `${page}頁`,
    untitledSection: '（見出しなし）',
    summary: '要旨',
    tableRow: '表',
    closing: '脱稿・修正',
    disclaimer: '本稿について',
    footnotes: '脚注',
    library: '資料一覧',
    libraryIntro: (count) => `${count}件の資料`,
    paperCounts: ({ pages, sections, footnotes, tables }) => [`${pages}頁`, `${sections}節`, `脚注${footnotes}`, ...(tables > 0 ? [`表${tables}`] : [])].join(' · '),
    askThisPaper: 'この資料だけに質問',
    readPaper: '読む',
    scopedTo: 'この資料だけに質問しています：',
    askAllPapers: 'すべての資料に戻す',
    askNext: '次に聞く：',
    examplesLabel: '質問の例',
    searchBar: '資料を検索',
    searchLabel: '資料を検索',
    searchPlaceholder: '語句や質問を入力',
    searchButton: '検索',
    wasItHelpful: 'この回答は役に立ちましたか？',
    helpful: '役に立った',
    unhelpful: '役に立たなかった',
    thisAnswered: 'この箇所が答え',
    feedbackSent: 'ありがとうございます。運用担当に届きました',
    feedbackFailed: '送れませんでした',
    feedbackSendsQuestion: '（押すと質問文が運用担当に送られます）',
    kind: { paragraph: '本文', summary: '要旨', 'table-row': '表の行', legend: '表の凡例', closing: '脱稿・修正', disclaimer: '本稿について' },
    fromFootnote: (n) => `脚注${n}`,
    wholeNote: (n) => `脚注${n}を全文表示`,
    moreResults: (count) => `ほかの${count}件を表示`,
    showFull: '全文を表示',
    showLess: '抜粋に戻す',
    openReader: '資料で開く',
    openPdf: (page) => `PDF ${page}頁`,
    openPdfLabel: (page) => `PDFの${page}頁を開く`,
    originalPdf: '原本（PDF）',
    copyCitation: '引用をコピー',
    copyCitationIn: { ja: '引用をコピー', en: '英文（Chicago）でコピー' },
    copied: 'コピーしました',
    copyFailed: 'コピーできませんでした',
    citationChip: (n) => `脚注${n}へ移動`,
    answerAnnounced: (text) => `回答：${text}`,
    notFoundAnnounced: '該当する記述は見つかりませんでした',
    backToChat: '質問に戻る',
    newConversation: '新しい会話',
    newConversationStarted: '新しい会話を始めました',
    readerPanel: '資料',
    closeReader: '資料を閉じる',
    openFullPage: '全画面で開く',
    pages: (count) => `全${count}頁`,
    contents: '目次',
    table: '表',
    backToText: '本文へ戻る',
    readerLoading: '資料を読み込んでいます…',
    readerMissing: 'この資料は見つかりませんでした。',
    openWidget: '栞 shiori に質問する',
    closeWidget: '閉じる',
    emptyState: '資料について質問してください。回答は資料の記述の引用と、その出典（脚注）で示します。',
    examples: ['SEATOの条約は今も有効？', 'マクロン大統領はNATOをどう評した？', '表で気候変動に協力している枠組みは？'],
  },
  en: {
    appTitle: 'shiori 栞',
    tagline: 'Answers quoted from the research papers, with their sources',
    switchLanguage: '日本語',
    switchLanguageLabel: '日本語に切り替える',
    questionLabel: 'Question',
    placeholder: 'Ask a question (Enter to send, Shift+Enter for a new line)',
    send: 'Send',
    searching: 'Searching the papers…',
    answerHeading: 'Quoted from the papers',
    searchedFor: 'Searched the papers for: ',
    readWith: 'Read with your earlier question: ',
    textLanguage: { ja: 'In Japanese', en: 'In English' },
    resultsHeading: (count) => `Relevant passages (${count})`,
    relatedHeading: (count) => `Related reading: passages on this subject (${count})`,
    relatedNotFound: 'The papers discuss this, but do not state the answer.',
    notFound: 'The papers do not answer this question.',
    notFoundHint: 'Try rephrasing it, or name a person, organization or year.',
    error: 'The answer could not be fetched. Please try again shortly.',
    needsToken: 'This shiori needs an access token. Enter the token your administrator gave you.',
    tokenLabel: 'Access token',
    useToken: 'Use',
    widgetNeedsToken: 'This assistant needs an access token to work. Please tell the page’s administrator.',
    you: 'You',
    page: (page) => `p. ${page}`,
    untitledSection: '(untitled section)',
    summary: 'Summary',
    tableRow: 'Table',
    closing: 'Completion and revisions',
    disclaimer: 'About this paper',
    footnotes: 'Footnotes',
    library: 'Library',
    libraryIntro: (count) => `${count} paper${count === 1 ? '' : 's'}`,
    paperCounts: ({ pages, sections, footnotes, tables }) => [`${pages} page${pages === 1 ? '' : 's'}`, `${sections} section${sections === 1 ? '' : 's'}`, `${footnotes} footnote${footnotes === 1 ? '' : 's'}`, ...(tables > 0 ? [`${tables} table${tables === 1 ? '' : 's'}`] : [])].join(' · '),
    askThisPaper: 'Ask only this paper',
    readPaper: 'Read',
    scopedTo: 'Asking only this paper: ',
    askAllPapers: 'Ask all papers',
    askNext: 'Ask next:',
    examplesLabel: 'Example questions',
    searchBar: 'Search the papers',
    searchLabel: 'Search the papers',
    searchPlaceholder: 'Words or a question',
    searchButton: 'Search',
    wasItHelpful: 'Was this answer helpful?',
    helpful: 'Helpful',
    unhelpful: 'Not helpful',
    thisAnswered: 'This passage answered it',
    feedbackSent: 'Thank you: the operator will see it',
    feedbackFailed: 'Could not send',
    feedbackSendsQuestion: '(pressing sends the question to the operator)',
    kind: { paragraph: 'Paragraph', summary: 'Summary bullet', 'table-row': 'Table row', legend: 'Table legend', closing: 'Closing line', disclaimer: 'About this paper' },
    fromFootnote: (n) => `Footnote ${n}`,
    wholeNote: (n) => `Show footnote ${n} whole`,
    moreResults: (count) => `Show ${count} more`,
    showFull: 'Show full text',
    showLess: 'Show excerpt',
    openReader: 'Open in the paper',
    openPdf: (page) => `PDF p. ${page}`,
    openPdfLabel: (page) => `Open page ${page} of the PDF`,
    originalPdf: 'Original (PDF)',
    copyCitation: 'Copy citation',
    copyCitationIn: { ja: 'Copy in Japanese note style', en: 'Copy citation' },
    copied: 'Copied',
    copyFailed: 'Could not copy',
    citationChip: (n) => `Go to footnote ${n}`,
    answerAnnounced: (text) => `Answer: ${text}`,
    notFoundAnnounced: 'No passage answers this question',
    backToChat: 'Back to questions',
    newConversation: 'New conversation',
    newConversationStarted: 'Started a new conversation',
    readerPanel: 'Paper',
    closeReader: 'Close the paper',
    openFullPage: 'Open as a page',
    pages: (count) => `${count} pages`,
    contents: 'Contents',
    table: 'Table',
    backToText: 'Back to the text',
    readerLoading: 'Loading the paper…',
    readerMissing: 'This paper was not found.',
    openWidget: 'Ask shiori 栞',
    closeWidget: 'Close',
    emptyState: 'Ask about the papers. Answers are quotations from the papers, with their sources (footnotes).',
    examples: ['Is the SEATO treaty still in force?', 'What did Macron call NATO?', 'Which frameworks in the table cooperate on climate change?'],
  },
};

/** The language asked for (`ja`/`en`), else the page's, else the browser's; Japanese readers get Japanese. */
export function detectLanguage(...preferences: Array<string | null | undefined>): Lang {
  for (const preference of preferences) {
    if (!preference) continue;
    if (preference.toLowerCase().startsWith('ja')) return 'ja';
    if (preference.toLowerCase().startsWith('en')) return 'en';
  }
  return 'ja';
}
