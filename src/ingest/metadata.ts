import { z } from 'zod';
import { sentenceSpans } from '../text/sentences';

/**
 * The optional sidecar `corpus/<name>.meta.json`. Every field is optional; what is absent is derived
 * from the text or left out. State only what the publisher states: no guessed authors or issue numbers.
 */
export const SidecarSchema = z
  .object({
    title: z.string().trim().min(1).max(300).optional(),
    /** As the paper prints it, one string for several (`佐竹知彦・山本太郎`). */
    author: z.string().trim().min(1).max(200).optional(),
    /** The issue number within the series: `146` (cited 第146号 / no. 146), or as printed (`Vol. 3, No. 2`). */
    number: z.string().trim().min(1).max(40).optional(),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
      .refine(isCalendarDate, 'not a calendar date')
      .optional(),
    series: z.string().trim().min(1).max(200).optional(),
    publisher: z.string().trim().min(1).max(200).optional(),
    sourceUrl: z.string().regex(/^https?:\/\/\S+$/, 'must be an http(s) URL').optional(),
    lang: z.enum(['ja', 'en']).optional(),
  })
  .strict();

export type Sidecar = z.infer<typeof SidecarSchema>;

/** One line per problem, naming the field: `date: use YYYY-MM-DD`. */
export function describeSidecarIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.join('.') || '(root)';
      if (issue.code === 'unrecognized_keys') return `unknown field ${issue.keys.join(', ')} (allowed: ${Object.keys(SidecarSchema.shape).join(', ')})`;
      return `${field}: ${issue.message}`;
    })
    .join('; ');
}

const TITLE_LIMIT = 40;

/**
 * A title from the text when the sidecar gives none: the first sentence of the lead (summary or first
 * paragraph), cut at a clause boundary to at most 40 characters with an ellipsis.
 */
export function titleFromFirstSentence(lead: string): string {
  const first = sentenceSpans(lead)[0];
  let sentence = (first ? lead.slice(first.start, first.end) : lead).trim();
  if (Array.from(sentence).length <= TITLE_LIMIT) return sentence;
  const head = Array.from(sentence).slice(0, TITLE_LIMIT).join('');
  const clause = Math.max(head.lastIndexOf('、'), head.lastIndexOf('，'), head.lastIndexOf(', '));
  sentence = clause >= TITLE_LIMIT / 2 ? head.slice(0, clause) : head;
  return `${sentence}…`;
}

/** True for a real calendar date `YYYY-MM-DD` (`2020-02-31` is not one). */
export function isCalendarDate(iso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** `2020年10月20日` (spaces allowed) → `2020-10-20`: the first full calendar date in `text`. */
export function firstDate(text: string): string | undefined {
  const match = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/u.exec(text);
  if (!match) return undefined;
  const iso = `${match[1]}-${(match[2] ?? '').padStart(2, '0')}-${(match[3] ?? '').padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : undefined;
}
