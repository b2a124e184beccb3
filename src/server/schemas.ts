import * as z from 'zod/mini';
import { ApiError } from './errors';

/**
 * The API's inputs, parsed once at the boundary. zod/mini keeps the Worker bundle small. Errors name the
 * field and the rule: `q: the question is empty`.
 */
export const LIMITS = { queryLength: 1000, defaultResults: 10, maxResults: 50, messages: 50, messageLength: 2000 } as const;

/** Control and format characters (NUL, escape sequences, bidi overrides, zero-width marks) say nothing in a question: dropped. */
const clean = (value: string): string => value.replace(/[\p{Cc}\p{Cf}]/gu, (char) => (/\s/u.test(char) ? char : '')).trim();

const question = z.pipe(
  z.string(),
  z.transform(clean),
).check(
  z.minLength(1, 'the question is empty'),
  z.maxLength(LIMITS.queryLength, `the question is longer than ${LIMITS.queryLength} characters`),
);

/** A paper's id, to search it alone. */
const docId = z.optional(z.string().check(z.minLength(1, 'doc is empty'), z.maxLength(200, 'doc is too long')));

export const SearchParamsSchema = z.strictObject({
  q: question,
  limit: z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d+$/u, `limit must be a whole number from 1 to ${LIMITS.maxResults}`)),
      z.transform(Number),
    ).check(z.minimum(1, `limit must be from 1 to ${LIMITS.maxResults}`), z.maximum(LIMITS.maxResults, `limit must be from 1 to ${LIMITS.maxResults}`)),
  ),
  doc: docId,
});

export const ChatRequestSchema = z.strictObject({
  messages: z
    .array(
      z.strictObject({
        role: z.enum(['user', 'assistant'], 'role must be "user" or "assistant"'),
        content: z.pipe(z.string(), z.transform(clean)).check(
          z.minLength(1, 'a message is empty'),
          z.maxLength(LIMITS.messageLength, `a message is longer than ${LIMITS.messageLength} characters`),
        ),
      }),
    )
    .check(
      z.minLength(1, 'send at least one message'),
      z.maxLength(LIMITS.messages, `send at most ${LIMITS.messages} messages`),
      z.refine((messages) => messages[messages.length - 1]?.role === 'user', 'the last message must be the user\'s question'),
    ),
  /** Ask only this paper (GET /api/documents lists the ids). */
  doc: docId,
});

export type SearchParams = z.infer<typeof SearchParamsSchema>;
export type ChatRequest = z.infer<typeof ChatRequestSchema>;

/** `POST /api/feedback`: a verdict on an answer, a passage that answered, or both. */
export const FeedbackRequestSchema = z
  .strictObject({
    question: z.pipe(z.string(), z.transform(clean)).check(z.minLength(1, 'question is empty'), z.maxLength(LIMITS.messageLength, `question is longer than ${LIMITS.messageLength} characters`)),
    rating: z.optional(z.enum(['helpful', 'unhelpful'], 'rating must be "helpful" or "unhelpful"')),
    passage: z.optional(z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]*:[A-Za-z0-9_-]+$/u, 'passage must be a passage id like 000_d62613a39113a7e6:p7'), z.maxLength(300, 'passage is too long'))),
    doc: docId,
  })
  .check(z.refine((value) => value.rating !== undefined || value.passage !== undefined, 'give a rating, a passage, or both'));

/** Parses `value` or throws an ApiError naming the first problem's field. */
export function parseInput<T>(schema: z.ZodMiniType<T>, value: unknown, code: 'INVALID_PARAMETER' | 'INVALID_BODY'): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  const message = issue?.code === 'unrecognized_keys' ? `unknown field ${issue.keys.join(', ')}` : (issue?.message ?? 'invalid input');
  throw new ApiError(code, field === '' ? message : `${field}: ${message}`);
}
