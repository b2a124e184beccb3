/**
 * Citations ready to paste into a report, in two styles: a Japanese note style (著者「題名」『叢書』第n号
 * （発行者、2020年10月20日）、節、8頁。) and an English, Chicago-like note (Author, "Title," Series, no. n
 * (Publisher, October 20, 2020), section, p. 8.). Each comes as plain text and as HTML. Pure: no DOM, so
 * the same strings are tested in Node and copied in the browser.
 *
 * What a citation may say is what the corpus states: the sidecar's fields (corpus/*.meta.json), the
 * section and page of the passage, the quoted sentence verbatim with its `[n]` markers, and the texts
 * of the footnotes those markers cite. A title the build derived from the first sentence is no title: the
 * paper's file name stands in for it.
 */
export type CitationStyle = 'ja' | 'en';

/** The paper, as `GET /api/documents` lists it. */
export interface CitedPaper {
  id: string;
  title: string;
  titleSource: 'metadata' | 'title-line' | 'first-sentence';
  author: string | null;
  series: string | null;
  number: string | null;
  publisher: string | null;
  /** `YYYY-MM-DD`. */
  date: string | null;
  sourceUrl: string | null;
  /** Read from a PDF the server serves (GET /api/documents/:id/pdf). */
  pdf?: boolean;
}

/**
 * The papers of `list` (GET /api/documents) by id, filled into `into` when they arrive. Only copied
 * citations need them, so a failure leaves the map empty and never fails an answer.
 */
export function loadPapers(list: () => Promise<readonly CitedPaper[]>, into: Map<string, CitedPaper>): Promise<void> {
  return list()
    .then((papers) => {
      for (const paper of papers) into.set(paper.id, paper);
    })
    .catch(() => undefined);
}

export interface CitationInput {
  /** Undefined when the paper list could not be read: the file name then stands for the paper. */
  paper: CitedPaper | undefined;
  /** The paper's id, which is its file name without `.txt`. */
  docId: string;
  section: string | null;
  page: number;
  /** The quoted text, verbatim, with `[n]` markers. */
  quote: string;
  /** The footnotes to give in full: those `quote` cites. */
  notes: ReadonlyArray<{ n: number; text: string; urls: readonly string[] }>;
  /** The footnote the quote is taken from, when it is a footnote's text rather than the passage's. */
  fromNote: number | null;
  /** The passage in shiori's reader. */
  permalink: string;
  /** The page of the paper's PDF (`…/documents/:id/pdf#page=N`), when it was read from one. */
  original?: string;
}

export interface FormattedCitation {
  text: string;
  html: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2020-10-20` as 2020年10月20日 or October 20, 2020. */
export function citationDate(iso: string, style: CitationStyle): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return style === 'ja' ? `${year}年${month}月${day}日` : `${MONTHS[month - 1]} ${day}, ${year}`;
}

/** The title a citation may give: the paper's own, or its file name. */
export function citationTitle(paper: CitedPaper | undefined, docId: string): string {
  return paper !== undefined && paper.titleSource !== 'first-sentence' ? paper.title : docId;
}

/** A digits-only issue number in the style's words; anything else as printed. */
function issue(number: string, style: CitationStyle): string {
  if (!/^\d+$/u.test(number)) return number;
  return style === 'ja' ? `第${number}号` : `no. ${number}`;
}

/** Parts of the reference, each a text with its HTML. */
interface Part {
  text: string;
  html: string;
}
const plain = (text: string): Part => ({ text, html: escapeHtml(text) });
const join = (parts: readonly Part[], separator: string): Part => ({ text: parts.map((part) => part.text).join(separator), html: parts.map((part) => part.html).join(escapeHtml(separator)) });

/** The reference line: who, what, where published, when, where in it. */
function reference(input: CitationInput, style: CitationStyle): Part {
  const { paper } = input;
  const title = citationTitle(paper, input.docId);
  const section = input.section === null || input.section === '' ? [] : [plain(input.section)];
  if (style === 'ja') {
    const head: Part[] = [];
    if (paper?.author) head.push(plain(paper.author));
    head.push(plain(`「${title}」`));
    if (paper?.series) head.push({ text: `『${paper.series}』`, html: `<cite>『${escapeHtml(paper.series)}』</cite>` });
    if (paper?.number) head.push(plain(issue(paper.number, 'ja')));
    const imprint = [paper?.publisher, paper?.date ? citationDate(paper.date, 'ja') : null].filter((part): part is string => Boolean(part));
    if (imprint.length > 0) head.push(plain(`（${imprint.join('、')}）`));
    const place = input.fromNote === null ? `${input.page}頁。` : `${input.page}頁、注${input.fromNote}。`;
    return join([join(head, ''), ...section, plain(place)], '、');
  }
  const series = [paper?.series, paper?.number ? issue(paper.number, 'en') : null].filter((part): part is string => Boolean(part)).join(', ');
  const imprint = [paper?.publisher, paper?.date ? citationDate(paper.date, 'en') : null].filter((part): part is string => Boolean(part)).join(', ');
  const published = [series, imprint === '' ? '' : `(${imprint})`].filter((part) => part !== '').join(' ');
  // Chicago: the comma after the title goes inside its closing quotation mark, so no separator follows it.
  const titled = plain(`${paper?.author ? `${paper.author}, ` : ''}“${title},”`);
  const place = input.fromNote === null ? `p. ${input.page}.` : `p. ${input.page}, n. ${input.fromNote}.`;
  const rest = join([...(published === '' ? [] : [plain(published)]), ...section, plain(place)], ', ');
  return join([titled, rest], ' ');
}

/** What a passage lends a citation (a search result's fields). */
export interface QuotedPassage {
  text: string;
  snippet: string;
  snippetStart: number;
  refs: ReadonlyArray<{ n: number; offset: number }>;
  citations: ReadonlyArray<{ n: number; text: string; urls: readonly string[] }>;
  matchedNote: number | null;
}

const MARKER = /\[(\d+)\]/gu;

/**
 * What to quote from a passage: the answer's sentences when the answer quotes this passage (`answer`,
 * with `[n]` markers, and the lines of the notes it cites after it, which the notes list gives in full);
 * else the passage's excerpt with its markers. An answer that is the text of a cited footnote is quoted
 * as that footnote's, without markers.
 */
export function citedQuote(passage: QuotedPassage, answer: string | undefined, excerpt: string): Pick<CitationInput, 'quote' | 'notes' | 'fromNote'> {
  const notesOf = (quote: string): CitationInput['notes'] => {
    const cited = new Set([...quote.matchAll(MARKER)].map((match) => Number(match[1])));
    return passage.citations.filter((citation) => cited.has(citation.n));
  };
  if (answer === undefined || answer.trim() === '') return { quote: excerpt, notes: notesOf(excerpt), fromNote: null };
  const lines = answer.split('\n');
  while (lines.length > 1 && /^\[\d+\] /u.test(lines[lines.length - 1] as string)) lines.pop();
  const quote = lines.join('\n').trim();
  const bare = quote.replace(MARKER, '').trim();
  const note = passage.citations.find((citation) => citation.n === passage.matchedNote);
  if (note !== undefined && !passage.text.includes(bare) && note.text.includes(bare)) return { quote: bare, notes: [], fromNote: note.n };
  return { quote, notes: notesOf(quote), fromNote: null };
}

/** A footnote in full: its text, then any of its addresses the text does not already give. */
function noteLine(note: CitationInput['notes'][number], style: CitationStyle): Part {
  const missing = note.urls.filter((url) => !note.text.includes(url));
  const label = style === 'ja' ? `注${note.n}` : `Note ${note.n}:`;
  const text = [`${label} ${note.text}`, ...missing].join(' ');
  const html = `${escapeHtml(label)} ${linked(note.text, note.urls)}${missing.map((url) => ` ${anchor(url)}`).join('')}`;
  return { text, html };
}

/** The citation in `style`: reference, the quote, the notes it cites, and the passage's address. */
export function formatCitation(input: CitationInput, style: CitationStyle): FormattedCitation {
  const head = reference(input, style);
  const quote = style === 'ja' ? `「${input.quote}」` : `“${input.quote}”`;
  const notes = input.notes.map((note) => noteLine(note, style));
  const source = input.paper?.sourceUrl ? [input.paper.sourceUrl] : [];
  const addresses = [...source, input.permalink, ...(input.original === undefined ? [] : [input.original])];
  const text = [head.text, quote, ...notes.map((note) => note.text), ...addresses].join('\n');
  const html = [
    `<p>${head.html}</p>`,
    `<blockquote lang="ja">${escapeHtml(quote)}</blockquote>`,
    ...(notes.length === 0 ? [] : [`<ul>${notes.map((note) => `<li>${note.html}</li>`).join('')}</ul>`]),
    `<p>${addresses.map(anchor).join('<br>')}</p>`,
  ].join('');
  return { text, html };
}

/** `text` escaped, with each of `urls` it contains made a link. */
function linked(text: string, urls: readonly string[]): string {
  return urlSegments(text, urls).map((segment) => (segment.url ? anchor(segment.url) : escapeHtml(segment.text))).join('');
}

/**
 * `text` cut where it gives one of `urls`: plain pieces and addresses, in order (the earliest address
 * first, the longest where two begin at one place). The one splitter behind the cards', the reader's and
 * the copied citation's links.
 */
export function urlSegments(text: string, urls: readonly string[]): Array<{ text: string; url?: string }> {
  const present = [...new Set(urls)].filter((url) => url !== '' && text.includes(url)).sort((a, b) => b.length - a.length);
  const segments: Array<{ text: string; url?: string }> = [];
  let position = 0;
  while (position < text.length) {
    let next = -1;
    let url = '';
    for (const candidate of present) {
      const at = text.indexOf(candidate, position);
      if (at !== -1 && (next === -1 || at < next)) [next, url] = [at, candidate];
    }
    if (next === -1) break;
    if (next > position) segments.push({ text: text.slice(position, next) });
    segments.push({ text: url, url });
    position = next + url.length;
  }
  if (position < text.length) segments.push({ text: text.slice(position) });
  return segments;
}

const anchor = (url: string): string => `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] as string);
}
