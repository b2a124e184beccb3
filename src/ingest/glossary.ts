import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { IngestError } from './errors';
import { isMissingFile } from './read-corpus';

/**
 * `corpus/glossary.json`: names that mean the same thing (`米国` / `アメリカ`), maintained by operators
 * for what the papers do not define themselves. Optional; validated on read.
 */
export const GLOSSARY_FILE = 'glossary.json';

export const GlossarySchema = z
  .object({
    $comment: z.string().optional(),
    groups: z.array(z.array(z.string().trim().min(1, 'a name cannot be empty').max(80)).min(2, 'a group needs at least two names')),
  })
  .strict();

/** The glossary's groups of names, or none when the corpus has no glossary. */
export async function readGlossary(corpusDir: string): Promise<string[][]> {
  const file = join(corpusDir, GLOSSARY_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return [];
    throw new IngestError('UNREADABLE_FILE', { file }, error instanceof Error ? error.message : String(error));
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new IngestError('INVALID_METADATA', { file }, `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const result = GlossarySchema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new IngestError('INVALID_METADATA', { file }, problems);
  }
  return result.data.groups;
}
