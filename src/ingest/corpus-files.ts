/**
 * Names of the corpus's files and the one file-system check the runtime needs, in a module with no
 * imports, so that starting the server does not load the ingestion code (kuromoji, parsers) unless the
 * index has to be rebuilt.
 */
export const GLOSSARY_FILE = 'glossary.json';

export function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
