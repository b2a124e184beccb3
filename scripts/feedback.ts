import { readFile } from 'node:fs/promises';
import { summarizeFeedback } from '../src/server/feedback';

/**
 * `npm run feedback -- [file | -]`: what readers marked unhelpful, what the papers did not answer (kept
 * with LOG_QUERIES), and the passages readers marked as the answer. Reads FEEDBACK_FILE (default
 * feedback.jsonl) or, with `-`, standard input: the Worker's log, `wrangler tail --format json | npm run
 * feedback -- -`.
 */
// Piped into `head`: the reader has seen enough, which is no error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const source = process.argv[2] ?? process.env.FEEDBACK_FILE ?? 'feedback.jsonl';
const text = source === '-' ? await new Response(stdinStream()).text() : await readFile(source, 'utf8').catch((error: NodeJS.ErrnoException) => {
  if (error.code === 'ENOENT') {
    console.log(`no feedback yet (${source} does not exist)`);
    process.exit(0);
  }
  throw error;
});
const summary = summarizeFeedback(text.split('\n'));
const list = (title: string, rows: Array<{ question: string; count: number }>): void => {
  console.log(`${title} (${rows.length})`);
  for (const { question, count } of rows) console.log(`  ${String(count).padStart(3)}  ${question}`);
};
list('Marked unhelpful', summary.unhelpful);
list('Not answered by the papers', summary.unanswered);
console.log(`Passages marked as the answer (${summary.answeredBy.length})`);
for (const { question, passage, count } of summary.answeredBy) console.log(`  ${String(count).padStart(3)}  ${passage}  ← ${question}`);
console.log(`Marked helpful: ${summary.helpful}${summary.skipped > 0 ? `; ${summary.skipped} other lines skipped` : ''}`);

/** Standard input as a web stream. */
function stdinStream(): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      process.stdin.on('data', (chunk: Buffer) => controller.enqueue(new Uint8Array(chunk)));
      process.stdin.on('end', () => controller.close());
    },
  });
}
