import { z } from 'zod';
import { GLOSSARY_FILE } from './corpus-files';
import { readCorpusJson } from './corpus-json';

/**
 * `corpus/glossary.json`: names that mean the same thing (`米国` / `アメリカ`), maintained by operators
 * for what the papers do not define themselves. Optional; validated on read.
 */

export const GlossarySchema = z
  .object({
    $comment: z.string().optional(),
    groups: z.array(z.array(z.string().trim().min(1, 'a name cannot be empty').max(80)).min(2, 'a group needs at least two names')),
  })
  .strict();

/** The glossary's groups of names, or none when the corpus has no glossary. */
export async function readGlossary(corpusDir: string): Promise<string[][]> {
  return (await readCorpusJson(corpusDir, GLOSSARY_FILE, GlossarySchema))?.groups ?? [];
}
