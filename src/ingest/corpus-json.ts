import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { isMissingFile } from './corpus-files';
import { IngestError } from './errors';

/**
 * An optional JSON file of the corpus folder (the glossary, the English lexicon), validated: undefined
 * when absent; an IngestError naming the file and each invalid field otherwise.
 */
export async function readCorpusJson<Schema extends z.ZodType>(corpusDir: string, name: string, schema: Schema): Promise<z.infer<Schema> | undefined> {
  const file = join(corpusDir, name);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return undefined;
    throw new IngestError('UNREADABLE_FILE', { file }, error instanceof Error ? error.message : String(error));
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new IngestError('INVALID_METADATA', { file }, `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new IngestError('INVALID_METADATA', { file }, problems);
  }
  return result.data;
}
