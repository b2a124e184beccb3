import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { EDICT_CREDIT, glossPhrase, parseEdictLine, writtenForms, SKIPPED_SENSE_TAGS, type EdictEntry } from './english-lexicon';

/**
 * The English dictionary shiori ships: EDICT (the EDRDG's Japanese-English dictionary) reduced to what
 * the index build uses, in `data/english-dictionary.tsv.gz` (committed; `npm run build:english` makes it
 * again from a newer EDICT). Every index build restricts it to the words of the corpus it indexes, so
 * English questions reach papers added to corpus/ with nothing to install or run.
 *
 * One entry per line, tab-separated: the entry's written forms (`;`-separated, NFKC), `P` for a common
 * word or `-`, then one field per sense in EDICT's order: its glosses as English phrases (`|`-separated;
 * `phrase=source` for a loanword's English source; empty for a gloss that is no phrase), or `-` for a
 * sense nobody means in a policy paper today. Positions are kept because a sense's and a gloss's rank set
 * a translation's weight. Lines starting with `#` are the header: the licence and the EDICT it came from.
 */
export interface DictionaryEntry {
  forms: string[];
  common: boolean;
  /** Per sense, per gloss: its phrase and its English source ('' for none); null for a skipped sense. */
  senses: Array<Array<[phrase: string, source: string]> | null>;
}

export const DICTIONARY_PATH = fileURLToPath(new URL('../../data/english-dictionary.tsv.gz', import.meta.url));

const ENGLISH_SOURCE = /\(eng: ?([^()]+)\)/u;

/** What the index build needs of an EDICT entry, or undefined when nothing (no written form, no phrase). */
export function toDictionaryEntry(entry: EdictEntry): DictionaryEntry | undefined {
  const forms = writtenForms(entry)
    .map((form) => form.normalize('NFKC'))
    .filter((form) => [...form].length > 1 || entry.common);
  if (forms.length === 0) return undefined;
  const senses = entry.senses.map((sense) => {
    if (sense.tags.some((tag) => SKIPPED_SENSE_TAGS.has(tag))) return null;
    return sense.glosses.map((gloss): [string, string] => {
      const source = ENGLISH_SOURCE.exec(gloss)?.[1];
      return [glossPhrase(gloss) ?? '', source === undefined ? '' : (glossPhrase(source) ?? '')];
    });
  });
  if (!senses.some((sense) => sense?.some(([phrase, source]) => phrase !== '' || source !== ''))) return undefined;
  return { forms, common: entry.common, senses };
}

/** The dictionary file's text from EDICT's (decoded from EUC-JP). */
export function compactEdict(edict: string): string {
  const lines = edict.split('\n');
  const created = /Created: (\d{4}-\d{2}-\d{2})/u.exec(lines[0] ?? '')?.[1] ?? 'unknown date';
  const body = lines.flatMap((line) => {
    const entry = parseEdictLine(line);
    const compact = entry === undefined ? undefined : toDictionaryEntry(entry);
    if (compact === undefined) return [];
    const senses = compact.senses.map((sense) => (sense === null ? '-' : sense.map(([phrase, source]) => (source === '' ? phrase : `${phrase}=${source}`)).join('|')));
    return [[compact.forms.join(';'), compact.common ? 'P' : '-', ...senses].join('\t')];
  });
  return [`# ${EDICT_CREDIT}`, `# Source: EDICT, created ${created}. Made by npm run build:english; see src/ingest/english-dictionary.ts for the format.`, ...body, ''].join('\n');
}

/**
 * The entries of the dictionary's text; with `keep`, only those with a form it accepts (the rest are not
 * taken apart at all: most of EDICT's 236,000 entries are ruled out by their forms alone).
 */
export function parseDictionary(text: string, keep?: (form: string) => boolean): DictionaryEntry[] {
  const entries: DictionaryEntry[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (line === '' || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    const forms = line.slice(0, tab).split(';');
    if (keep !== undefined && !forms.some(keep)) continue;
    const [, common, ...senses] = line.split('\t');
    entries.push({
      forms,
      common: common === 'P',
      senses: senses.map((sense) => (sense === '-' ? null : sense.split('|').map((gloss): [string, string] => {
        const [phrase, source] = gloss.split('=');
        return [phrase ?? '', source ?? ''];
      }))),
    });
  }
  return entries;
}

export function gzipDictionary(text: string): Buffer {
  return gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
}

let shipped: Promise<string> | undefined;

/** The text of the dictionary shiori ships, read once per process (parse it with parseDictionary). */
export function readEnglishDictionary(path = DICTIONARY_PATH): Promise<string> {
  const read = (): Promise<string> => readFile(path).then((bytes) => gunzipSync(bytes).toString('utf8'));
  if (path !== DICTIONARY_PATH) return read();
  shipped ??= read();
  return shipped;
}
