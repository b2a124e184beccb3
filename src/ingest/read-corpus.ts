import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Document } from '../model/document';
import type { IndexProblem } from '../search/index-format';
import { isMissingFile } from './corpus-files';
import { decodeSource } from './decode';
import { IngestError, formatLocation } from './errors';
import { INGEST_LIMITS } from './limits';
import { describeSidecarIssues, SidecarSchema, type Sidecar } from './metadata';
import { inParallel } from './in-parallel';
import { parseDocument } from './parse-document';
import { parsePdf } from './parse-pdf';

/** Whether a corpus entry is a paper: a text file, or a PDF (issue 16). */
export function isPaperFile(name: string): boolean {
  return /\.(?:txt|pdf)$/iu.test(name);
}

/** Whether a paper is read as a PDF. */
function isPdf(name: string): boolean {
  return /\.pdf$/iu.test(name);
}

/** The corpus's `.txt` and `.pdf` entries (whatever they turn out to be), sorted by name, as paths. */
export async function listCorpusFiles(directory: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(directory);
  } catch (error) {
    throw new IngestError('UNREADABLE_FILE', { file: directory }, reason(error));
  }
  return entries
    .filter(isPaperFile)
    .sort()
    .map((name) => join(directory, name));
}

/** A corpus file's inputs: its name, bytes and sidecar text (none when it has no sidecar). */
export interface PaperSources {
  name: string;
  bytes: Uint8Array;
  sidecar: string | undefined;
}

/**
 * Remembers parsed papers between builds (analysis-cache.ts): the paper the sources gave last time under
 * the same rules, else `parse()`'s. A paper that fails to parse is never remembered.
 */
export type ParseMemo = (sources: PaperSources, parse: () => Document | Promise<Document>) => Promise<Document>;

/** Reads, decodes and parses one corpus file (text or PDF) with its optional sidecar `<name>.meta.json`. */
export async function readCorpusDocument(path: string, memo: ParseMemo = async (_sources, parse) => parse()): Promise<Document> {
  const pdf = isPdf(path);
  const bytes = await readBytes(path, pdf ? { maxBytes: INGEST_LIMITS.maxPdfBytes, code: 'PDF_TOO_LARGE' } : { maxBytes: INGEST_LIMITS.maxFileBytes, code: 'FILE_TOO_LARGE' });
  const sidecarFile = await readSidecar(path.replace(/\.(?:txt|pdf)$/iu, '.meta.json'));
  const sourceFile = basename(path);
  const options = { sourceFile, ...(sidecarFile ? { sidecar: sidecarFile.sidecar } : {}) };
  try {
    return await memo({ name: sourceFile, bytes, sidecar: sidecarFile?.text }, () => (pdf ? parsePdf(bytes, options) : parseDocument(decodeSource(bytes, path), options)));
  } catch (error) {
    if (error instanceof IngestError) throw new IngestError(error.code, { ...error.location, file: path }, ...error.details);
    // Anything else is a bug of the parser, reported against the paper that found it.
    throw new IngestError('PARSE_FAILED', { file: path }, reason(error));
  }
}

export interface CorpusReading {
  /** The papers to index, in file-name order: those read now and, for those that failed, their previous version. */
  documents: Document[];
  /** Every file that could not be read or parsed, in file-name order. */
  problems: IndexProblem[];
  /** Each problem as an IngestError, with the file's full path, for the build's log. */
  errors: IngestError[];
}

export interface ReadCorpusOptions {
  /** The papers of the index being replaced, by file name; asked for only when a paper fails. */
  previous?: () => Promise<ReadonlyMap<string, Document>>;
  /** Where parsed papers are remembered between builds; none: every paper is parsed. */
  memo?: ParseMemo;
}

/**
 * Every document of the corpus folder. A paper that cannot be read or parsed is left out and reported,
 * and its previous good version (from `previous`) is indexed in its place when there is one: one bad
 * paper never takes the others down. Fails only when the folder cannot be read or holds no `.txt` or `.pdf` file.
 */
export async function readCorpus(directory: string, { previous, memo }: ReadCorpusOptions = {}): Promise<CorpusReading> {
  const files = await listCorpusFiles(directory);
  if (files.length === 0) throw new IngestError('CORPUS_EMPTY', { file: directory });
  const documents: Document[] = [];
  const problems: IndexProblem[] = [];
  const errors: IngestError[] = [];
  const seen = new Map<string, string>();
  let earlier: ReadonlyMap<string, Document> | undefined;
  // Read and parsed a few at a time; then taken in name order (which of two papers with one id is the duplicate).
  const read = await inParallel(files, INGEST_LIMITS.filesAtOnce, (file) =>
    readCorpusDocument(file, memo).then(
      (document) => ({ document }),
      (error: unknown) => {
        if (!(error instanceof IngestError)) throw error;
        return { failure: error };
      },
    ),
  );
  for (const [index, file] of files.entries()) {
    const name = basename(file);
    const outcome = read[index] as { document?: Document; failure?: IngestError };
    let document = outcome.document;
    let failure = outcome.failure;
    const other = document === undefined ? undefined : seen.get(document.id);
    if (document !== undefined && other !== undefined) {
      failure = new IngestError('DUPLICATE_ID', { file }, `${document.id} (also ${other})`);
      document = undefined;
    }
    if (failure !== undefined) {
      errors.push(failure);
      earlier ??= previous === undefined ? new Map() : await previous();
      const kept = failure.code === 'DUPLICATE_ID' ? undefined : earlier.get(name);
      if (kept !== undefined && !seen.has(kept.id)) document = kept;
      problems.push({
        file: name,
        line: failure.location.line ?? null,
        column: failure.location.column ?? null,
        code: failure.code,
        message: `${formatLocation({ ...failure.location, file: basename(failure.location.file) })}: ${failure.detail}`,
        kept: document !== undefined,
      });
    }
    if (document === undefined) continue;
    seen.set(document.id, name);
    documents.push(document);
  }
  return { documents, problems, errors };
}

/**
 * A corpus file's bytes: only a regular file (or a link to one) of at most `maxBytes` (INGEST_LIMITS),
 * so that a folder named `x.txt`, a dangling link or a huge file is a clear error, not a crash or an
 * out-of-memory build.
 */
async function readBytes(path: string, { maxBytes, code }: { maxBytes: number; code: 'FILE_TOO_LARGE' | 'PDF_TOO_LARGE' }): Promise<Uint8Array> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const link = await lstat(path).then((entry) => entry.isSymbolicLink(), () => false);
    if (link && isMissingFile(error)) throw new IngestError('UNREADABLE_FILE', { file: path }, 'it is a symbolic link to a file that does not exist');
    throw new IngestError('UNREADABLE_FILE', { file: path }, reason(error));
  }
  if (info.isDirectory()) throw new IngestError('NOT_A_FILE', { file: path }, 'a folder');
  if (!info.isFile()) throw new IngestError('NOT_A_FILE', { file: path }, 'a device, socket or pipe');
  if (info.size > maxBytes) throw new IngestError(code, { file: path }, info.size.toLocaleString('en'), maxBytes.toLocaleString('en'));
  try {
    return await readFile(path);
  } catch (error) {
    throw new IngestError('UNREADABLE_FILE', { file: path }, reason(error));
  }
}

async function readSidecar(path: string): Promise<{ text: string; sidecar: Sidecar } | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return undefined;
    throw new IngestError('UNREADABLE_FILE', { file: path }, reason(error));
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/u.exec(reason(error));
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
    throw new IngestError('INVALID_METADATA', { file: path, ...(line ? { line } : {}) }, `not valid JSON (${reason(error)})`);
  }
  const result = SidecarSchema.safeParse(value);
  if (!result.success) throw new IngestError('INVALID_METADATA', { file: path }, describeSidecarIssues(result.error));
  return { text, sidecar: result.data };
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
