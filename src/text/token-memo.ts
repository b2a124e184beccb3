import { isKatakana, normalizeForSearch, toHiragana } from './normalize';
import { type Lexicon, type LexiconData, QUESTION_WORDS, type Token, type Tokenize, tokenizeSearchText } from './tokenizer';

/**
 * Tokens carried from one index build to the next (issue 14: adding one paper to a large corpus must not
 * tokenize every paper again). The lexicon is the corpus's, so a new paper changes it; but tokenize() reads
 * the lexicon only by looking up substrings of the normalized text (`lookup` along the prefix walk, the
 * pieces TinySegmenter cuts, Latin words). A text none of whose substrings looks up differently under the
 * new lexicon has exactly the old tokens. The surfaces that may look up differently are the entries added,
 * removed or given another term, and the hiragana spellings of such katakana words (`lookup` reads
 * `くあっど` as `クアッド`); `changedSurfaces` lists them, and a text that contains none keeps its tokens.
 * (Unchanged entries stay reachable: the prefix walk covers every prefix of every known surface.)
 *
 * The memo is pure: the build (src/ingest/token-cache.ts) reads the carried tokens and keeps what the memo
 * holds at the end, grouped in buckets (one per paper) so that an unchanged paper's file is not written again.
 */

/** A text's tokens and its search normalization (what the changed-surface test reads). */
export interface MemoEntry {
  normalized: string;
  tokens: Token[];
}

/** Tokens of an earlier build: its lexicon, and each bucket's texts. */
export interface CarriedTokens {
  lexicon: LexiconData;
  buckets: ReadonlyMap<string, ReadonlyMap<string, MemoEntry>>;
}

/**
 * Normalized surfaces whose lookup may differ between the two lexicons, or null when every text must be
 * tokenized again: question words are found only up to the lexicon's longest entry, so a change of that
 * length below the longest question word changes more than the surfaces.
 */
export function changedSurfaces(previous: LexiconData, current: LexiconData): Set<string> | null {
  const changed = new Set<string>();
  const longest = (data: LexiconData): number => Object.keys(data.entries).reduce((max, surface) => Math.max(max, surface.length), 1);
  const questionWordLength = Math.max(...[...QUESTION_WORDS].map((word) => word.length));
  const [before, after] = [longest(previous), longest(current)];
  if (before !== after && Math.min(before, after) < questionWordLength) return null;
  const note = (surface: string): void => {
    changed.add(surface);
    if (surface.length >= 3 && Array.from(surface).every(isKatakana)) changed.add(toHiragana(surface));
  };
  for (const [surface, term] of Object.entries(current.entries)) if (previous.entries[surface] !== term) note(surface);
  for (const surface of Object.keys(previous.entries)) if (!Object.hasOwn(current.entries, surface)) note(surface);
  return changed;
}

/** Whether a normalized text contains one of a set of surfaces (a prefix walk from positions whose first unit may begin one). */
export class SurfaceScanner {
  private readonly first = new Uint8Array(0x10000);
  private readonly prefixes = new Set<string>();
  private readonly longest: number;

  constructor(private readonly surfaces: ReadonlySet<string>) {
    let longest = 0;
    for (const surface of surfaces) {
      if (surface === '') continue;
      this.first[surface.charCodeAt(0)] = 1;
      longest = Math.max(longest, surface.length);
      for (let end = 1; end <= surface.length; end++) this.prefixes.add(surface.slice(0, end));
    }
    this.longest = longest;
  }

  occursIn(text: string): boolean {
    for (let index = 0; index < text.length; index++) {
      if (this.first[text.charCodeAt(index)] === 0) continue;
      for (let size = 1; size <= this.longest && index + size <= text.length; size++) {
        const piece = text.slice(index, index + size);
        if (this.surfaces.has(piece)) return true;
        if (!this.prefixes.has(piece)) break;
      }
    }
    return false;
  }
}

export interface MemoCounts {
  /** Texts tokenized in this build. */
  tokenized: number;
  /** Texts whose carried tokens were kept. */
  carried: number;
  /** Carried texts tokenized again: they contain a changed surface. */
  invalidated: number;
}

/**
 * tokenize() under one lexicon, each distinct text once, reusing carried tokens where the lexicon change
 * cannot touch them. `scope(bucket)` is the tokenizer for one bucket's texts.
 */
export class TokenMemo {
  readonly counts: MemoCounts = { tokenized: 0, carried: 0, invalidated: 0 };
  private readonly entries = new Map<string, MemoEntry>();
  private readonly held = new Map<string, Map<string, MemoEntry>>();
  private readonly carried = new Map<string, MemoEntry>();
  private readonly fresh = new Set<string>();
  private readonly scanner: SurfaceScanner | undefined;

  constructor(
    private readonly lexicon: Lexicon,
    data: LexiconData,
    carried?: CarriedTokens,
  ) {
    const changed = carried === undefined ? null : changedSurfaces(carried.lexicon, data);
    this.scanner = changed === null ? undefined : new SurfaceScanner(changed);
    if (changed !== null) for (const bucket of carried?.buckets.values() ?? []) for (const [text, entry] of bucket) this.carried.set(text, entry);
  }

  /** The tokenizer for one bucket's texts (they are kept with it). */
  scope(bucket: string): Tokenize {
    let texts = this.held.get(bucket);
    if (texts === undefined) this.held.set(bucket, (texts = new Map()));
    const held = texts;
    return (text) => {
      const entry = this.entry(text);
      held.set(text, entry);
      return entry.tokens;
    };
  }

  /** Each bucket's texts with their tokens, as this build has them. */
  buckets(): ReadonlyMap<string, ReadonlyMap<string, MemoEntry>> {
    return this.held;
  }

  /** The search normalization of a text this memo has tokenized, without tokenizing any other. */
  knownNormalized(text: string): string | undefined {
    return this.entries.get(text)?.normalized;
  }

  /** The text's search normalization (normalizeForSearch(text).text). */
  normalized(text: string): string {
    return this.entry(text).normalized;
  }

  /** Whether every text of the bucket has its carried tokens (none is new in this build: isFresh). */
  carriedWhole(bucket: string): boolean {
    const texts = this.held.get(bucket);
    if (texts === undefined) return false;
    for (const text of texts.keys()) if (this.fresh.has(text)) return false;
    return true;
  }

  /** Whether the text's tokens are new in this build: tokenized, and not as they were carried. */
  isFresh(text: string): boolean {
    return this.fresh.has(text);
  }

  private entry(text: string): MemoEntry {
    const known = this.entries.get(text);
    if (known !== undefined) return known;
    const carried = this.carried.get(text);
    let entry: MemoEntry;
    if (carried !== undefined && this.scanner !== undefined && !this.scanner.occursIn(carried.normalized)) {
      this.counts.carried++;
      entry = carried;
    } else {
      if (carried !== undefined) this.counts.invalidated++;
      this.counts.tokenized++;
      const search = normalizeForSearch(text);
      entry = { normalized: search.text, tokens: tokenizeSearchText(search, this.lexicon) };
      // Tokenized again where the lexicon changed, most texts come out as they were: those count as carried.
      if (carried === undefined || !sameEntry(carried, entry)) this.fresh.add(text);
    }
    this.carried.delete(text);
    this.entries.set(text, entry);
    return entry;
  }
}

function sameEntry(a: MemoEntry, b: MemoEntry): boolean {
  if (a.normalized !== b.normalized || a.tokens.length !== b.tokens.length) return false;
  return a.tokens.every((token, index) => {
    const other = b.tokens[index] as Token;
    return token.term === other.term && token.start === other.start && token.end === other.end;
  });
}
