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
  NOT_A_FILE: 'this is %s, not a file; remove it from the corpus folder or rename it',
  FILE_TOO_LARGE: 'the file is %s bytes; the limit is %s (split the paper, or check that this is the extracted text)',
  LINE_TOO_LONG: 'the line is %s characters long; the limit is %s (is this the text of a PDF, in the layout the README describes?)',
  PARSE_FAILED: 'the paper could not be parsed: %s',
  FOOTNOTE_TOO_LONG: 'footnote %s is %s characters long; the limit is %s (the footnote area probably runs on into text that is not a footnote)',
  CORPUS_EMPTY: 'no .txt or .pdf files found in the corpus folder',
  NOTHING_INDEXED: 'none of the %s papers could be indexed (each is reported above)',
  DUPLICATE_ID: 'document id %s is used by two files; rename one of them',
  PDF_TOO_LARGE: 'the PDF is %s bytes; the limit is %s',
  PDF_ENCRYPTED: 'the PDF is encrypted (it needs a password); save it without protection',
  PDF_DAMAGED: 'the PDF cannot be read: %s',
  PDF_NO_TEXT: 'the PDF has no text layer (a scan?): it needs OCR before shiori can read it',
  PDF_NO_UNICODE: 'the PDF\'s text does not decode (%s of its characters are private-use or replacement characters: its fonts lack a Unicode map); export it again with embedded Unicode fonts, or extract its text',
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
  /** The reason alone, without the location. */
  readonly detail: string;
  /** The values filled into the reason. */
  readonly details: readonly string[];

  constructor(code: IngestErrorCode, location: SourceLocation, ...details: string[]) {
    let detail = INGEST_ERRORS[code] as string;
    for (const value of details) detail = detail.replace('%s', value);
    super(`${formatLocation(location)}: ${detail}`);
    this.name = 'IngestError';
    this.code = code;
    this.location = location;
    this.detail = detail;
    this.details = details;
  }
}

/** `file:line:column`, leaving out what is not known. */
export function formatLocation({ file, line, column }: SourceLocation): string {
  return [file, line, column].filter((part) => part !== undefined).join(':');
}
