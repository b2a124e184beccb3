/**
 * What readers tell the operator: an answer marked helpful or unhelpful, a passage marked as the one that
 * answered (POST /api/feedback), and, when the operator keeps questions (LOG_QUERIES), the questions the
 * papers did not answer. One JSON object per entry: the Node server appends them to FEEDBACK_FILE (JSON
 * lines), the Worker writes them to its log (`"event":"feedback"`). `npm run feedback` lists them.
 */
export interface FeedbackEntry {
  time: string;
  kind: 'rating' | 'unanswered';
  question: string;
  /** The reader's verdict on the answer (kind `rating`). */
  rating?: 'helpful' | 'unhelpful';
  /** The passage the reader marked as the one that answered (`docId:p7`). */
  passage?: string;
  /** For an unanswered question: false. (A rating keeps no answer: the client's word for it proves nothing; the question asked again shows it.) */
  found?: boolean;
  /** A paper the question was asked of alone. */
  doc?: string;
}

/** Keeps an entry; rejects when it cannot (the API then answers 503 FEEDBACK_UNAVAILABLE). */
export type FeedbackSink = (entry: FeedbackEntry) => Promise<void>;

export interface FeedbackSummary {
  /** Questions marked unhelpful, most often first, with how many times. */
  unhelpful: Array<{ question: string; count: number }>;
  /** Questions the papers did not answer, most often first. */
  unanswered: Array<{ question: string; count: number }>;
  helpful: number;
  /** Passages readers marked as the answer, by question. */
  answeredBy: Array<{ question: string; passage: string; count: number }>;
  /** Lines that were not feedback entries (other log lines, damaged lines). */
  skipped: number;
}

/**
 * The operator's view of the entries in `lines`: JSON lines as the Node server writes them, or the
 * Worker's log lines, which carry the entry beside `"event":"feedback"` (a line can be a whole log record).
 */
export function summarizeFeedback(lines: Iterable<string>): FeedbackSummary {
  const unhelpful = new Map<string, number>();
  const unanswered = new Map<string, number>();
  const answeredBy = new Map<string, { question: string; passage: string; count: number }>();
  let helpful = 0;
  let skipped = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const entry = entryOf(line);
    if (entry === undefined) {
      skipped++;
      continue;
    }
    if (entry.kind === 'unanswered') unanswered.set(entry.question, (unanswered.get(entry.question) ?? 0) + 1);
    if (entry.rating === 'unhelpful') unhelpful.set(entry.question, (unhelpful.get(entry.question) ?? 0) + 1);
    if (entry.rating === 'helpful') helpful++;
    if (entry.passage !== undefined) {
      const key = `${entry.question}\u0000${entry.passage}`;
      const seen = answeredBy.get(key) ?? { question: entry.question, passage: entry.passage, count: 0 };
      seen.count++;
      answeredBy.set(key, seen);
    }
  }
  const ranked = (counts: Map<string, number>): Array<{ question: string; count: number }> =>
    [...counts].map(([question, count]) => ({ question, count })).sort((a, b) => b.count - a.count || a.question.localeCompare(b.question));
  return { unhelpful: ranked(unhelpful), unanswered: ranked(unanswered), helpful, answeredBy: [...answeredBy.values()].sort((a, b) => b.count - a.count), skipped };
}

/** A feedback entry from a line, or undefined for any other line. */
function entryOf(line: string): FeedbackEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  // A Worker log record, as `wrangler tail --format json` prints it: the entry is a logged message.
  const logs = (value as { logs?: Array<{ message?: unknown[] }> }).logs;
  if (Array.isArray(logs)) {
    for (const log of logs) {
      for (const message of log.message ?? []) {
        const inner = typeof message === 'string' ? entryOf(message) : undefined;
        if (inner !== undefined) return inner;
      }
    }
    return undefined;
  }
  const entry = value as Partial<FeedbackEntry> & { event?: unknown };
  if (entry.event !== undefined && entry.event !== 'feedback') return undefined;
  if ((entry.kind !== 'rating' && entry.kind !== 'unanswered') || typeof entry.question !== 'string') return undefined;
  return entry as FeedbackEntry;
}
