import { escapeRegExp } from './chars';

/**
 * Japanese counters: the units a number of something is stated with (`12か国`, `3隻`, `2回`), in one table
 * that every reader of them shares — a question asking a number of a unit (`何か国`, query.ts), a question
 * asking a datum (`いつ`, `何人`), a sentence stating a count (intent.ts), and the English nouns that count
 * with a unit (`how many countries` → か国, english-query.ts). Pure data.
 *
 * kind: `count` counts things; `time` dates (`何年` asks a year: a time, not a count); `duration` a length
 * of time; `ratio` a share or multiple; `measure` a quantity of stuff (`何トン`).
 */
export type CounterKind = 'count' | 'time' | 'duration' | 'ratio' | 'measure';

export interface Counter {
  /** Its spellings, as written after a number. */
  forms: readonly string[];
  kind: CounterKind;
  /** English nouns (singular and plural lemma) whose number Japanese states with it. */
  english: readonly string[];
}

export const COUNTERS: readonly Counter[] = [
  { forms: ['か国', 'カ国', 'ヶ国'], kind: 'count', english: ['country', 'nation'] },
  { forms: ['か所', 'カ所'], kind: 'count', english: ['base'] },
  { forms: ['人', '名'], kind: 'count', english: ['person', 'people', 'personnel', 'troop', 'soldier', 'staff', 'official', 'worker', 'resident', 'victim', 'casualty', 'refugee', 'student'] },
  { forms: ['隻'], kind: 'count', english: ['ship', 'vessel', 'submarine', 'boat', 'warship', 'destroyer', 'frigate', 'tanker'] },
  { forms: ['機'], kind: 'count', english: ['aircraft', 'plane', 'jet', 'fighter', 'helicopter', 'bomber', 'satellite'] },
  { forms: ['基'], kind: 'count', english: [] },
  { forms: ['件'], kind: 'count', english: ['case', 'incident'] },
  { forms: ['回'], kind: 'count', english: ['time', 'meeting'] },
  { forms: ['両'], kind: 'count', english: [] },
  { forms: ['社'], kind: 'count', english: ['company', 'firm'] },
  { forms: ['発'], kind: 'count', english: ['missile', 'shell'] },
  { forms: ['台'], kind: 'count', english: ['vehicle', 'truck', 'machine'] },
  { forms: ['個'], kind: 'count', english: [] },
  { forms: ['つ'], kind: 'count', english: [] },
  { forms: ['歳'], kind: 'count', english: [] },
  { forms: ['年'], kind: 'time', english: ['year'] },
  { forms: ['月'], kind: 'time', english: [] },
  { forms: ['日'], kind: 'time', english: [] },
  { forms: ['か月', 'ヶ月', 'カ月'], kind: 'duration', english: ['month'] },
  { forms: ['パーセント', '%', '％'], kind: 'ratio', english: ['percent'] },
  { forms: ['倍'], kind: 'ratio', english: [] },
  { forms: ['トン', 't', 'キロ', 'kg'], kind: 'measure', english: [] },
  { forms: ['キロメートル', 'km', 'メートル', 'ノット', 'マイル'], kind: 'measure', english: [] },
];

/** Spellings as a regular-expression alternation, each once, longest first (so `か月` wins over `月`). */
export function formsPattern(forms: readonly string[]): string {
  return `(?:${[...new Set(forms)].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})`;
}

/** The spellings of the counters of these kinds, longest first, as a regular-expression alternation. */
export function counterPattern(kinds: readonly CounterKind[]): string {
  return formsPattern(COUNTERS.filter((counter) => kinds.includes(counter.kind)).flatMap((counter) => counter.forms));
}

/** English noun (a lemma) → the spellings of the counter Japanese states its number with. */
export const ENGLISH_COUNTERS: ReadonlyMap<string, readonly string[]> = new Map(COUNTERS.flatMap((counter) => counter.english.map((noun) => [noun, counter.forms] as const)));
