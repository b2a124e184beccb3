import type { ChatReply } from './api';
import type { Lang } from './i18n';

/**
 * The conversation kept for the browser tab (sessionStorage), so that it survives the reader, Back and a
 * reload. A turn is its question, the language it was asked in and the server's whole reply, which is
 * enough to draw it again exactly as it was answered. Only answered turns are kept; a failed one is not.
 * Storage that is off (private mode, a sandboxed iframe) or full only makes the thread last for the page.
 */
export interface StoredTurn {
  question: string;
  lang: Lang;
  reply: ChatReply;
  /** The paper the question was asked of alone, if any. */
  doc?: string;
}

/** Turns kept at most (the oldest go first); the chat sends the server fewer than this anyway. */
export const KEPT_TURNS = 20;
const VERSION = 1;

export interface ThreadStore {
  load(): StoredTurn[];
  save(turns: readonly StoredTurn[]): void;
  clear(): void;
}

/** A store under `key`, or one that keeps nothing when `key` is undefined (the widget: the host page's storage is not shiori's). */
export function threadStore(key: string | undefined): ThreadStore {
  if (key === undefined) return { load: () => [], save: () => {}, clear: () => {} };
  return {
    load() {
      try {
        const value: unknown = JSON.parse(sessionStorage.getItem(key) ?? 'null');
        if (!isStoredThread(value)) return [];
        return value.turns;
      } catch {
        return [];
      }
    },
    save(turns) {
      // When the tab's storage is full, keep fewer turns rather than none.
      for (let kept = Math.min(turns.length, KEPT_TURNS); kept > 0; kept = Math.floor(kept / 2)) {
        try {
          sessionStorage.setItem(key, JSON.stringify({ version: VERSION, turns: turns.slice(-kept) }));
          return;
        } catch {
          // Full or off: try with fewer.
        }
      }
      this.clear();
    },
    clear() {
      try {
        sessionStorage.removeItem(key);
      } catch {
        // Storage is off: there is nothing kept to clear.
      }
    },
  };
}

/** What this code wrote: anything else (another version, an edited value) is not drawn. */
function isStoredThread(value: unknown): value is { version: number; turns: StoredTurn[] } {
  if (typeof value !== 'object' || value === null) return false;
  const { version, turns } = value as { version?: unknown; turns?: unknown };
  return version === VERSION && Array.isArray(turns) && turns.every(isStoredTurn);
}

function isStoredTurn(value: unknown): value is StoredTurn {
  if (typeof value !== 'object' || value === null) return false;
  const { question, lang, reply, doc } = value as Partial<Record<keyof StoredTurn, unknown>>;
  if (typeof question !== 'string' || (lang !== 'ja' && lang !== 'en') || typeof reply !== 'object' || reply === null || (doc !== undefined && typeof doc !== 'string')) return false;
  const { found, related, text, results, searchedFor, answerResult, context, shown } = reply as Partial<Record<keyof ChatReply, unknown>>;
  return (
    typeof found === 'boolean' &&
    typeof related === 'boolean' &&
    typeof text === 'string' &&
    typeof shown === 'number' &&
    Array.isArray(results) &&
    Array.isArray(searchedFor) &&
    (answerResult === null || typeof answerResult === 'number') &&
    (context === null || typeof context === 'string')
  );
}
