/**
 * Coded ingestion errors. Every error names the file and, where one exists, the line and column, in the
 * `file:line:column: message` form editors and terminals link to.
 */
export const INGEST_ERRORS = {
  EMPTY_FILE: 'the file is empty or holds only white space',
  BINARY_FILE: 'the file looks binary: control character %s',
  INVALID_UTF8: 'the file is not valid UTF-8: an invalid byte sequence starts with byte %s (save the file as UTF-8)',
  INVALID_METADATA: 'invalid metadata: %s',
  UNREADABLE_FILE: 'the file cannot be read: %s',
  CORPUS_EMPTY: 'no .txt files found in the corpus folder',
  DUPLICATE_ID: 'document id %s is used by two files; rename one of them',
} as const;

export type IngestErrorCode = keyof typeof INGEST_ERRORS;

export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export class IngestError extends Error {
  readonly code: IngestErrorCode;
  readonly location: SourceLocation;

  constructor(code: IngestErrorCode, location: SourceLocation, ...details: string[]) {
    let detail = INGEST_ERRORS[code] as string;
    for (const value of details) detail = detail.replace('%s', value);
    const where = [location.file, location.line, location.column].filter((part) => part !== undefined).join(':');
    super(`${where}: ${detail}`);
    this.name = 'IngestError';
    this.code = code;
    this.location = location;
  }
}
