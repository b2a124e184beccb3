import { escapeRegExp } from '../text/chars';
import { COUNTERS, counterPattern, formsPattern } from '../text/counters';

/**
 * What a question asks for, read from its wording, and whether a sentence gives that kind of answer.
 * Pure; the patterns are the papers' and the questions' own grammar (Japanese and English question words,
 * Japanese connectives and predicates), not any paper's words.
 *
 *  - reason     なぜ / どうして / 理由 / why          → から, ため, ので, 背景, 理由, 要因 (or the sentence after a claim)
 *  - time       いつ / 何年 / when / what year        → a date
 *  - duration   何年間 / how long                     → a number of years, months, days
 *  - state      今も / まだ / still / currently       → 現在, 今なお, 依然, 失効していない
 *  - definition とは / って何 / what is / what does … mean → `X は/とは … である / を指す / という`
 *  - person     誰 / who                              → a name with a title (大統領, 長官, 氏)
 *  - place      どこ / where                          → において, で開かれた, 開催
 *  - count      何か国 / 何人 / how many              → a number with a counter
 *  - amount     いくら / 費用 / how much / cost       → a sum or a share (円, ドル, 割, %)
 *  - list       どの国 / どのような / which / what are  → an enumeration (、 … 、 … 及び / など)
 *  - source     注 / 出典 / どの報告書 / which report does the note cite → the cited footnote itself
 */
export type Intent = 'reason' | 'time' | 'duration' | 'state' | 'definition' | 'person' | 'place' | 'count' | 'amount' | 'list' | 'source';

const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** In order: the first that applies wins (`なぜ今も` asks a reason; `何年間` a duration, not a time). */
const JAPANESE_INTENTS: ReadonlyArray<[Intent, RegExp]> = [
  ['source', /出典|脚注|(?<!\p{Script=Han})注(?:では|で|に)|どの(?:報告書|文献|記事|論文|新聞|資料|報道|記者)|何という(?:報告書|記事|論文)|題名|表題|タイトル|(?:誰|だれ|どこ)が(?:報じ|書い|伝え)/u],
  // `なんで`, `何でなの` are colloquial why; `何で行く` (by what) is not asked so.
  ['reason', /なぜ|何故|どうして|なんで|何で(?:なん|なの|だろう|でしょう|です)|理由|背景|要因|原因|のはなぜ|ためか|何のため/u],
  ['duration', /(?:何|なん)\s*(?:年間|か月|カ月|ヶ月|日間|時間|週間)|どのくらいの期間|期間は/u],
  ['amount', /(?:金利|利率|[\p{Script=Han}]率)(?:は|って)(?:何|いくら|どの|どれ)|いくら|金額|費用|予算額|価格|値段|コスト|単価|(?:どれ|どの)(?:くらい|ぐらい|程度)の(?:予算|金額|費用|規模)|(?:どれ|どの)(?:くらい|ぐらい|程度)(?:の)?お金|お金[^。？?]{0,6}(?:どれ|どの)(?:くらい|ぐらい|程度)|(?:何|なん)\s*(?:パーセント|%|％|割|倍)/u],
  ['count', new RegExp(`(?:何|なん|幾)\\s*${counterPattern(['count', 'measure'])}|いくつ`, 'u')],
  ['time', /いつ|(?:何|なん)\s*(?:年|月|日|年度|曜日)|時期|日付|日にち|年月日/u],
  ['state', /今も|今でも|いまも|今なお|まだ|現在も|現在は|現状|依然/u],
  // `指定されている国ってどこ`: which countries, not where.
  ['list', /どこの国|どの国|(?:国|国々|諸国)(?:って|は|が)どこ/u],
  // `開発したのはどこ`, `どこが懸念を示した`: who did it, a person or a body, not where.
  // `どこのメーカー`, `どこの新聞社`: which body; `どこの国` (a list, above), `どこの港`, `どこの倉庫` (a place: a site or facility) are places.
  // `事務局長の名前は`: the name of one who holds a post is a person's.
  ['person', /誰|だれ|どなた|どの人物|のはどこ(?!で)|どこが|どこの(?!国|都市|町|街|村|市|県|州|島|港|空港|場所|地域|地方|海域|沖|基地|倉庫|施設|工場|拠点|地点|現場|鉱山|建物|会場)|(?:長|官|相|トップ|代表|議員|大使|首相|大統領)の(?:名前|氏名)/u],
  // `どの都市`, `どの州・都市`, `どの港`: a place asked by its kind.
  // `開催された都市名は`: the name of a place asked by its kind.
  ['place', /どこ|何処|どの(?:都市|場所|州|県|市|町|村|港|島|地域|地方|海域)|(?:都市|州|県|港|島|地)名(?:は|を|って)/u],
  ['definition', /とは|って(?:具体的に)?(?:何|なに)|とは(?:具体的に)?何|の意味|を指す|どういう(?:もの|意味|こと)|どんなもの|何のこと|何を指|具体的に何/u],
  ['list', /どの国|どこの国|どの(?:ような|枠組|分野|組織)|どんな|何と何|挙げ|すべて|全部/u],
];

const ENGLISH_INTENTS: ReadonlyArray<[Intent, RegExp]> = [
  // Who wrote or reported a thing is in the footnote that cites it (`which Washington Post journalists reported`).
  ['source', /\b(?:which|what) (?:report|article|study|paper|source|document|release|book|survey)s?\b.*\b(?:cite|cites|cited|source|notes?)\b|\bdo the notes cite\b|\bwhat source\b|\b(?:full |exact )?titles? of\b|\bcited (?:as|for)\b|\b(?:which|what)\b[^?]{0,40}\b(?:journalists?|reporters?|authors?|newspapers?|outlets?|magazines?)\b/iu],
  ['reason', /\bwhy\b|\bfor what reason\b|\bwhat (?:drove|drives|led|leads|explains|motivated)\b|\breasons?\b/iu],
  ['duration', /\bhow long\b|\bfor how many (?:years|months|weeks|days)\b/iu],
  // `what was the price per kilogram`, `what is the total cost of`: a sum asked by the noun that names it.
  // `what is the … interest rate`: a rate is stated as a share.
  ['amount', /\bwhat (?:is|was|are|were|will be) the\b[^?]*\brates?(?: of\b|\s*\??$)|\bhow much\b|\bwhat (?:price|sum|amount|budget)\b|\bwhat (?:is|was|are|were|will be) the (?:[\w-]+ ){0,2}?(?:prices?|costs?|values?|fees?|budgets?|sums?|amounts?|salar(?:y|ies)|revenues?)\b|\bhow expensive\b|\bcost\b/iu],
  // `what is the top speed / population / range of …`: a quantity, stated as a number with its unit.
  // `how fast`, `the maximum prison sentence`: a magnitude too (`how big` may ask a sum: left to the words after it).
  ['count', /\bhow many\b|\bhow (?:heavy|fast|far|high|deep|wide|tall)\b|\bwhat (?:is|was|are|were) the (?:maximum|minimum) \w+|\bwhat (?:is|was|are|were) the (?:(?:top|maximum|minimum|total|estimated|average) )?(?:speed|range|weight|length|size|population|capacity|tonnage|yield|area|depth|altitude)\b/iu],
  // `On what exact day`, `which specific year`: an adjective between the question word and the unit.
  ['time', /\bwhen\b|\b(?:what|which) (?:(?:exact|precise|specific|particular) )?(?:year|date|day|month)\b|\bin what year\b/iu],
  ['list', /\bwho (?:were|are)\b/iu],
  ['person', /\bwho\b|\bwhom\b|\bname of (?:the |its |their )?(?:[\w'’-]+ ){0,3}(?:captain|head|chief|chair(?:man|woman)?|president|commander|director|minister|secretary(?:-general)?|leader|ambassador|spokesperson|official)\b|\bwhich\b(?: (?!(?:did|do|does|is|are|was|were|has|have|had|will|would|can|could)\b)[\w'’-]+){0,3} (?:official|minister|leader|person|president|premier|secretary|ambassador|general|commander|chair(?:man|woman)?|spokesperson|scholar|analyst|expert)s?\b/iu],
  // After who (`Who is the foreign minister today?` asks a person), before where (`Where are forces still stationed?` asks what still holds).
  ['state', /\bstill\b|\bcurrently\b|\bnowadays\b|\btoday\b|\bremains?\b|\bin force\b/iu],
  // `In which city did NATO leaders meet?`: the noun after which is the one asked, not `leaders`.
  ['place', /\bwhere\b|\b(?:in|at|to|from) which (?:city|country|town|port|state|province|region|place|island|base)\b|\bwhich (?:city|town|port|province|island)\b|\bwhat (?:is|was) the capital\b/iu],
  ['definition', /\bwhat (?:is|are|was|were) (?:the |a |an )?[\w'’-]+(?: [\w'’-]+){0,3}\??$|\bwhat does .{1,60} mean\b|\bmeant by\b|\bdefin(?:e|ition)\b/iu],
  ['list', /\bwhich\b|\bwhat (?:countries|frameworks|measures|steps|things|areas)\b|\blist\b|\bconsists? of\b|\bcompris(?:e|es|ed)\b|\bmade up of\b|\bwhat (?:two|three|four|five) \b/iu],
];

/** The kind of answer `question` asks for, or undefined when its wording says nothing of it. */
export function intentOf(question: string): Intent | undefined {
  const text = question.normalize('NFKC');
  const find = (intents: ReadonlyArray<[Intent, RegExp]>): Intent | undefined => intents.find(([, pattern]) => pattern.test(text))?.[0];
  // A Japanese question by its Japanese wording; an English one that names something in Japanese (`When did 岸田 visit?`) by its English.
  return JAPANESE.test(text) ? (find(JAPANESE_INTENTS) ?? find(ENGLISH_INTENTS)) : find(ENGLISH_INTENTS);
}

const NUMERAL = '(?:[0-9０-９][0-9,.，．０-９]*|[一二三四五六七八九十百千万億兆]+|数|十数|数十|数百|数千|数万)';
const COUNTER = counterPattern(['count', 'measure', 'ratio']);

/** A sum of money (`約30億円`, `$308 million`) and a share or a multiple (`9割`, `16%`, `3倍`): the two kinds of amount. */
const MONEY = new RegExp(`${NUMERAL}\\s*(?:兆|億|万|千)?\\s*(?:円|(?:米|豪|加|香港|NZ)?ドル|ユーロ|ポンド|元|ウォン|ルーブル)|[$€£¥]\\s*[0-9]`, 'u');
const RATIO = new RegExp(`${NUMERAL}\\s*(?:割|%|％|パーセント|倍)`, 'u');
/**
 * A question that names money (`価格`, `予算`, `price`, `ransom`) asks a sum, one that names a share
 * (`何パーセント`, `比率`, `what share`) a share; `いくら` and `how much` alone, or both, either.
 */
const ASKS_MONEY = /いくら|金額|費用|予算|価格|値段|コスト|単価|経費|額|\b(?:prices?|costs?|budgets?|fees?|ransoms?|money|spen[dt]|paid|pay|fund(?:s|ing)?|dollars?|yen|euros?)\b/iu;
const ASKS_RATIO = /パーセント|%|％|割合|比率|何割|シェア|金利|利率|[\p{Script=Han}]率(?:は|って)|\b(?:percent(?:age)?|share|proportion|ratio|rates?)\b/iu;

/** A title before or after a name (`総司令官ザルジニー`, `胡波氏`). */
const PERSON_TITLED = String.raw`(?:氏|大統領|首相|総理|大臣|長官|副長官|司令官|委員長|議長|事務総長|外相|国防相|大使|議員|教授|社長|総裁|主席|国王|書記|部長|局長|官)(?=[はがのもを、。「」（(]|$)|(?:大統領|首相|長官|司令官|外相|国防相|大臣|議長|委員長)[\p{Script=Katakana}\p{Script=Han}]{2,}(?:は|が|氏)`;
/** A body (`日本弁護士連合会は`, `保安庁（SBU）が`). */
const PERSON_BODY = String.raw`(?:省|庁|局|会|機関|機構|協会|財団|組合|軍|社|党|政府|研究所|大学|センター)(?:[（(][^）)]{1,20}[）)])?(?:は|が)`;
/** Who said what (`…と述べた`). */
const PERSON_SAYS = String.raw`と(?:述べ|語っ|発言し|指摘し|強調し|主張し|表明し|批判し|評し|結論付け|認め)|\b(?:said|told|stated|argued|claimed|wrote)\b`;
/**
 * A question for who holds a post (`初代トップに就いたのは誰`, `who chairs`, `the first commander`) is
 * answered by a person, named with a title, not by a body (`同委員会は…`).
 */
const ASKS_POST = /トップ|委員長|議長|社長|総裁|大統領|首相|大臣|長官|司令官|局長|部長|室長|船長|代表者|初代|就任|就い|\b(?:head|chief|chair(?:man|woman|s|ed)?|president|commander|director|minister|secretary|leader|captain)\b/iu;
const PERSON_NAMED = new RegExp(`${PERSON_TITLED}|${PERSON_SAYS}`, 'gu');

/** What a sentence that answers each kind of question has. */
const CUES: Record<Intent, RegExp> = {
  // A fear gives a reason (`損なうおそれがある`); `そのおそれのある事象` only names a thing.
  reason: /ため|ので|からだ|からで|から、|からである|理由|背景|要因|原因|狙い|とみられる|と考えられ|懸念|(?:おそれ|恐れ)(?!の(?:ある|あった))|because|due to|since /u,
  time: /[0-9０-９]{1,4}\s*(?:年|月|日)|(?:同|昨|今|翌|前|本|来)(?:年|月)(?!比)|(?<![0-9,.])(?:1[89]|20)[0-9]{2}(?![0-9,.]|\s*(?:人|名|隻|機|件|台|個|トン|円|ドル|億|万))|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b/u,
  // A length of time, not a calendar date: `5年`, `3か月`, `2日余り`, `10日以上`, not `2016年10月` or `7月2日`.
  duration: new RegExp(
    `(?<![0-9０-９月令和平成昭和])(?:[0-9０-９]{1,3}|[一二三四五六七八九十百]+|数|十数|数十|数百)\\s*(?:年間|か月|カ月|ヶ月|箇月|日間|時間|週間|年(?!\\s*[0-9０-９]{1,2}\\s*月|度)|日(?=\\s*(?:余り|あまり|以上|近く|ほど|足らず|にわたり|にわたって|にわたる)))`,
    'u',
  ),
  // `現在のバングラデシュ` names a place as it is now; `現在も`, `今なお`, `失効していない` say a thing still holds.
  state: /現在(?:も|でも|まで|なお|に至る|は)|今(?:も|でも|なお|日も|日まで)|いまも|依然|引き続き|いまだ|未だ|失効して(?:い)?ない|存続|継続して|有効|現存|still|remains?|currently/u,
  definition: /とは|という|を指す|を意味|のことで|のことを|と呼ば|と称|の略/u,
  // A title before or after a name (`総司令官ザルジニー`, `胡波氏`), a body (`日本弁護士連合会は`, `保安庁（SBU）が`), or who said what (`…と述べた`).
  person: new RegExp(`${PERSON_TITLED}|${PERSON_BODY}|${PERSON_SAYS}`, 'u'),
  place: /において|で開かれ|で開催|で行われ|開催地|首都|に所在|に位置/u,
  // `7つの専門家会合`, `11の物資`: a number with a counter, or with the thing counted.
  // Not an ordinal (`第2回`): that numbers a thing, it does not count.
  count: new RegExp(`(?<!第\\s*)${NUMERAL}\\s*${COUNTER}|(?<![0-9０-９年月日第])[0-9０-９]{1,4}の[\\p{Script=Han}\\p{Script=Katakana}]`, 'u'),
  amount: new RegExp(`${MONEY.source}|${RATIO.source}`, 'u'),
  // Items side by side: short phrases between 、 ending in a conjunction (`A、B、C及び D`), not any sentence
  // with two commas (`英国では、…として`).
  // … or closed by their count (`A、B、C、Dの四つの制度から成る`).
  list: /(?:[^、。]{1,20}、){2,}[^、。]{1,25}(?:及び|並びに|など|や|と(?!して|する|した|され|も|は)|の(?:[二三四五六七八九十]|[2-9])(?:つ|点|項目))|[^、。]{1,25}(?:、|や)[^、。]{1,25}など|及び|並びに/u,
  source: /\[https?:|https?:\/\/|[“「『][^”」』]{6,}[”」』]/u,
};

/** Whether `sentence` gives a number of one of `things` (`約6,862億パケット` for パケット): a count of the thing asked, whatever its counter. */
export function countsThing(sentence: string, things: readonly string[]): boolean {
  const text = sentence.normalize('NFKC');
  return things.some((thing) => thing !== '' && new RegExp(`${NUMERAL}\\s*(?:兆|億|万|千)?\\s*${escapeRegExp(thing.normalize('NFKC'))}`, 'u').test(text));
}

/** The word a cue of a person or place stands in: the name, title or body it ends or begins (`警察庁長官`, `同委員会`). */
const WORD_CHARS = /[\p{Script=Han}\p{Script=Katakana}ー・A-Za-z0-9]/u;
const NAMING: ReadonlySet<Intent> = new Set(['person', 'place']);

/** The person and place cues, global for matchAll (compiled once). */
const GLOBAL_CUES: Partial<Record<Intent, RegExp>> = Object.fromEntries([...NAMING].map((intent) => [intent, new RegExp(CUES[intent].source, 'gu')]));

/** What a sentence's answer is checked against: the question (with the Japanese searched for its English), and the corpus's place names. */
export interface AnswerContext {
  question: string;
  /** Terms that name a place (IndexData.places); a `where` is answered by one. */
  places?: ReadonlySet<string>;
}

/** A place name is at least this long (IPADIC tags single characters such as 米 as places too). */
const MIN_PLACE = 2;
const MAX_PLACE = 12;

/** Whether `word` holds a place name of `places` that `asked` does not. */
function namesNewPlace(word: string, places: ReadonlySet<string>, asked: string): boolean {
  const chars = Array.from(word);
  for (let start = 0; start < chars.length; start++) {
    for (let length = MIN_PLACE; length <= MAX_PLACE && start + length <= chars.length; length++) {
      const candidate = chars.slice(start, start + length).join('');
      if (places.has(candidate) && !asked.includes(candidate)) return true;
    }
  }
  return false;
}

/**
 * Whether `sentence` gives the kind of answer `intent` asks for. A person or a place answers only when it is
 * news to the question: `同委員会は…` does not say who chairs the 委員会 a question names, and `東京において`
 * does not say where, to a question about Tokyo. A place cue answers only at a place's name, when the
 * corpus's place names are known: `東京において` does, `文脈において` and `ビデオ会議形式で開催` do not.
 */
export function answersIntent(intent: Intent, sentence: string, context: AnswerContext = { question: '' }): boolean {
  const text = sentence.normalize('NFKC');
  // The list cue's item patterns backtrack: a sentence with no 、, や or conjunction cannot match them.
  if (intent === 'list' && !/[、や]|及び|並びに/u.test(text)) return false;
  if (intent === 'amount' && context.question !== '') {
    const asked = context.question.normalize('NFKC');
    const money = ASKS_MONEY.test(asked);
    const ratio = ASKS_RATIO.test(asked);
    if (money !== ratio) return (money ? MONEY : RATIO).test(text);
  }
  if (!NAMING.has(intent) || context.question === '') return CUES[intent].test(text);
  const asked = context.question.normalize('NFKC');
  const places = intent === 'place' && context.places !== undefined && context.places.size > 0 ? context.places : undefined;
  const cues = intent === 'person' && ASKS_POST.test(asked) ? PERSON_NAMED : (GLOBAL_CUES[intent] as RegExp);
  for (const match of text.matchAll(cues)) {
    let start = match.index;
    while (start > 0 && WORD_CHARS.test(text[start - 1] as string)) start--;
    if (places !== undefined) {
      // The place stands before the cue (`東京において`) or after it (`首都ワシントン`).
      let after = match.index + match[0].length;
      while (after < text.length && WORD_CHARS.test(text[after] as string)) after++;
      if (namesNewPlace(text.slice(start, after), places, asked)) return true;
      continue;
    }
    let end = match.index;
    while (end < text.length && WORD_CHARS.test(text[end] as string)) end++;
    const word = text.slice(start, end).replace(/^同/u, '');
    if (word === '' || !asked.includes(word)) return true;
  }
  return false;
}

/**
 * Kinds of answer that are a fact a sentence states or not (a date, a length of time, a number, a sum, a
 * person, a place): a question for one is answered only by a sentence that states one, and declined when
 * the papers discuss its subject without giving it.
 */
export const FACT_INTENTS: ReadonlySet<Intent> = new Set(['time', 'duration', 'count', 'amount', 'person', 'place']);

/** Capitalized: `may` is a verb. */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** `2019年12月`, `2019年`, `12月` (`同年12月`), `December 2019`, `December 6, 2019`, `in 2019`: a year and a month, either may be absent. */
const DATE = new RegExp(
  String.raw`(?<![0-9])((?:1[89]|20)[0-9]{2})\s*年(?:度)?(?!\s*代)(?:\s*([0-9]{1,2})\s*月)?|(?<![0-9])([0-9]{1,2})\s*月|\b(${MONTHS.join('|')})\b(?:\s+[0-9]{1,2},)?(?:\s+((?:1[89]|20)[0-9]{2})\b)?|\b(?:[Ii]n|[Ss]ince|by|until|of)\s+((?:1[89]|20)[0-9]{2})\b`,
  'gu',
);

interface Dated {
  year?: number;
  month?: number;
}

/** The dates `text` names (its years and months; days are not compared). */
export function datesOf(text: string): Dated[] {
  const dates: Dated[] = [];
  for (const match of text.normalize('NFKC').matchAll(DATE)) {
    const [, year, month, bareMonth, monthName, nameYear, inYear] = match;
    const date: Dated = {};
    const y = year ?? nameYear ?? inYear;
    const m = month ?? bareMonth;
    if (y !== undefined) date.year = Number(y);
    if (m !== undefined) date.month = Number(m);
    else if (monthName !== undefined) date.month = MONTHS.indexOf(monthName) + 1;
    if (date.month !== undefined && (date.month < 1 || date.month > 12)) continue;
    dates.push(date);
  }
  return dates;
}

const agree = (a: Dated, b: Dated): boolean => (a.year === undefined || b.year === undefined || a.year === b.year) && (a.month === undefined || b.month === undefined || a.month === b.month);

/**
 * Whether `sentence` tells of another time than the one the question names (`Who became president in May
 * 2022?` and `ゼレンスキー大統領は2023年12月…2024年2月6日…`; `2019年9月に開かれた…会合` and `10月6日に…開催`): it
 * names dates, and none agrees with the question's. A question naming no date, or several, asks nothing so.
 */
export function tellsOfAnotherTime(question: string, sentence: string): boolean {
  const asked = datesOf(question);
  if (asked.length !== 1) return false;
  const said = datesOf(sentence);
  return said.length > 0 && !said.some((date) => agree(date, asked[0] as Dated));
}

/**
 * How exact a time the question asks for: a day (`何月何日`, `on what date`, `which day`) or a month (`何月`,
 * `what month`); a bare `いつ` / `when` or `何年` asks no more than the sentence gives.
 */
const ASKS_DAY = /何月何日|(?:何|なん)\s*日(?!\s*(?:間|分|ほど|くらい|ぐらい))|日付|日にち|\b(?:what|which) (?:exact )?(?:date|day)\b|\bexact (?:date|day)\b/iu;
const ASKS_MONTH = /(?:何|なん)\s*月(?!\s*(?:間|分))|\b(?:what|which) month\b/iu;
/** A day of a month: `5 月 16 日`, `同月13日`, `31日、`, `December 23, 2024`, `6 February`. */
const DAY = new RegExp(
  String.raw`月\s*[0-9]{1,2}\s*日|(?<![0-9年])[0-9]{1,2}\s*日\s*(?:に|、|,|から|まで|付|の|夜|朝|午|未明|頃|ごろ|時点)|\b(?:${MONTHS.join('|')})\s+[0-9]{1,2}\b|\b[0-9]{1,2}\s+(?:${MONTHS.join('|')})\b`,
  'u',
);

/**
 * Whether `sentence` gives a time as exact as `question` asks (`On what date …?` is not answered by
 * `2016年に`, nor `何月何日` by `2023年7月には`; `what month` by a month or a day). A question that asks no
 * exactness is answered by any time.
 */
export function givesAskedPrecision(question: string, sentence: string): boolean {
  const asked = question.normalize('NFKC');
  const text = sentence.normalize('NFKC');
  if (ASKS_DAY.test(asked)) return DAY.test(text);
  if (ASKS_MONTH.test(asked)) return DAY.test(text) || datesOf(text).some((date) => date.month !== undefined);
  return true;
}

/** A question for what actually happened (`実際に生産した`, `actually produced`, `in reality`). */
const ASKS_OUTCOME = /実際に|実際の|実際は|実績|\bactual(?:ly)?\b|\bin (?:fact|reality)\b/iu;
/** A sentence that states an intention: a target, a plan, an expectation (`生産する目標を打ち出し`, `plans to`). */
const INTENDED = /目標|計画|予定|見通し|見込み|目指|狙い|構想|\b(?:targets?|plan(?:s|ned)?|aim(?:s|ed)?|goals?|forecasts?|projected|expected to|intends?)\b/iu;

/**
 * Whether `sentence` gives an intention where `question` asks what actually happened: `2024年に実際に生産した
 * ドローンは何機` is not answered by `翌年に100万機を生産する目標を打ち出し`. A plan is not its outcome.
 */
export function givesIntentForOutcome(question: string, sentence: string): boolean {
  return ASKS_OUTCOME.test(question.normalize('NFKC')) && INTENDED.test(sentence.normalize('NFKC'));
}

/** The spellings of the counter `unit` is one of (`カ国` → か国, カ国, ヶ国), or `unit` itself. */
export function unitForms(unit: string): readonly string[] {
  const normalized = unit.normalize('NFKC');
  return COUNTERS.find((counter) => counter.forms.includes(normalized))?.forms ?? [normalized];
}

/**
 * Whether a sentence states a number in one of `units` (`何機` → `100万機`; `何人` → `約100名`): a question that
 * asks a number of a unit is answered in that unit, not by another count (`5か国` for how many personnel).
 * One of a unit as the measure of a rate or the means of a thing is not a count (`一機ごとの性能`, `一機の価格`,
 * `一機400ドル`, `一機で撃破`, `1隻当たり`). Compiled once per question; the test is per sentence.
 */
export function unitCount(units: readonly string[]): (sentence: string) => boolean {
  if (units.length === 0) return () => false;
  const pattern = new RegExp(`(?<!第\\s*)(${NUMERAL})\\s*(?:兆|億|万|千)?\\s*${formsPattern(units)}(?!\\s*(?:ごと|毎|当たり|あたり|につき))(\\s*(?:で|の|[0-9]|数|約))?`, 'gu');
  return (sentence) => {
    for (const match of sentence.normalize('NFKC').matchAll(pattern)) {
      const one = match[1] === '一' || match[1] === '1';
      if (!(one && match[2] !== undefined)) return true;
    }
    return false;
  };
}

/**
 * How a magnitude is stated, by the words that ask it (`top speed`, `how fast`, `速度` → `時速80キロ`, `30ノット`):
 * a question for a speed is not answered by a length (`全長5メートル`). Pure data of measurement, not of any paper.
 */
const MAGNITUDES: ReadonlyArray<[RegExp, readonly string[], readonly string[]]> = [
  // [what asks it, units after the number, words before it]
  [/\b(?:speed|fast|velocity)\b|速度|速さ|速力|最高速/iu, ['ノット', 'km/h', 'キロ毎時', 'mph'], ['時速', '秒速', '分速', 'マッハ']],
  [/\b(?:weight|heavy|tonnage|mass)\b|重さ|重量|排水量|トン数/iu, ['トン', 't', 'キログラム', 'kg', 'キロ', 'グラム'], []],
  [/\b(?:length|long|range|far|distance)\b|全長|長さ|射程|航続距離|距離/iu, ['キロメートル', 'km', 'メートル', 'm', 'マイル', 'キロ', '海里'], []],
  [/\b(?:height|high|tall|altitude|depth|deep)\b|高さ|高度|深さ|水深|標高/iu, ['メートル', 'm', 'フィート', 'キロメートル', 'km', 'キロ'], []],
];

/** Whether a sentence states the magnitude `question` asks (a number in its units, or after the words that name it); undefined when it asks none. */
export function magnitudeOf(question: string): ((sentence: string) => boolean) | undefined {
  const text = question.normalize('NFKC');
  const found = MAGNITUDES.find(([asks]) => asks.test(text));
  if (found === undefined) return undefined;
  const [, after, before] = found;
  const pattern = new RegExp(`${NUMERAL}\\s*(?:万|千)?\\s*${formsPattern(after)}${before.length > 0 ? `|${formsPattern(before)}\\s*(?:約\\s*)?${NUMERAL}` : ''}`, 'u');
  return (sentence) => pattern.test(sentence.normalize('NFKC'));
}
