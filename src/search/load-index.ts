import * as z from 'zod/mini';
import { DATA_FILE, INDEX_FORMAT, TOKENIZER_NAME, TOKENIZER_VERSION, type IndexCore, type Manifest } from './index-format';

/**
 * Checking index/ at run time, on Node and in the Worker alike (store.ts reads it; IO is injected): the
 * manifest is checked against this code's format and tokenizer versions, and a mismatch fails with the
 * command that fixes it.
 */

/** INDEX_BUILDING: there is no index yet, and one is being built (the Node server starting on a new corpus). */
export type IndexErrorCode = 'INDEX_MISSING' | 'INDEX_MISMATCH' | 'INDEX_CORRUPT' | 'INDEX_BUILDING';

export class IndexError extends Error {
  override readonly name = 'IndexError';
  constructor(
    readonly code: IndexErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const REBUILD = 'Rebuild it with `npm run build:index` (npm start does this when the index is missing or stale).';

const ManifestShape = z.object({
  format: z.number(),
  tokenizer: z.object({ name: z.string(), version: z.number() }),
  corpus: z.object({ hash: z.string(), files: z.array(z.string()) }),
  counts: z.object({ documents: z.number(), passages: z.number() }),
});

/** The manifest if it matches this code, or why not. */
export function checkManifest(value: unknown): { ok: true; manifest: Manifest } | { ok: false; reason: string } {
  const parsed = ManifestShape.safeParse(value);
  if (!parsed.success) return { ok: false, reason: `the manifest is not an index manifest (${parsed.error.issues[0]?.path.join('.') ?? ''})` };
  const { format, tokenizer } = parsed.data;
  if (format !== INDEX_FORMAT) return { ok: false, reason: `the index has format ${format}; this version of shiori reads format ${INDEX_FORMAT}` };
  if (tokenizer.name !== TOKENIZER_NAME || tokenizer.version !== TOKENIZER_VERSION) {
    return { ok: false, reason: `the index was tokenized by ${tokenizer.name} v${tokenizer.version}; this version of shiori tokenizes queries with ${TOKENIZER_NAME} v${TOKENIZER_VERSION}` };
  }
  return { ok: true, manifest: value as Manifest };
}

/** The index's core from the text of its file (undefined: there is none), with its manifest checked against this code. */
export function checkCore(dataText: string | undefined): IndexCore {
  if (dataText === undefined) throw new IndexError('INDEX_MISSING', `No index found. ${REBUILD}`);
  const data = parseJson(dataText, DATA_FILE) as Partial<IndexCore>;
  const check = checkManifest(data.manifest);
  if (!check.ok) throw new IndexError('INDEX_MISMATCH', `The index does not match this code: ${check.reason}. ${REBUILD}`);
  return data as IndexCore;
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new IndexError('INDEX_CORRUPT', `${name} is not valid JSON (${error instanceof Error ? error.message : String(error)}). ${REBUILD}`);
  }
}
