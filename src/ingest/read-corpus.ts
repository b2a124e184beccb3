import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Document } from '../model/document';
import { isMissingFile } from './corpus-files';
import { decodeSource } from './decode';
import { IngestError } from './errors';
import { describeSidecarIssues, SidecarSchema, type Sidecar } from './metadata';
import { parseDocument } from './parse-document';

/** The corpus's `.txt` files, sorted by name. */
export async function listCorpusFiles(directory: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(directory);
  } catch (error) {
    throw new IngestError('UNREADABLE_FILE', { file: directory }, reason(error));
  }
  return entries
    .filter((name) => name.toLowerCase().endsWith('.txt'))
    .sort()
    .map((name) => join(directory, name));
}

/** Reads, decodes and parses one corpus file with its optional sidecar `<name>.meta.json`. */
export async function readCorpusDocument(path: string): Promise<Document> {
  const bytes = await readBytes(path);
  const text = decodeSource(bytes, path);
  const sidecar = await readSidecar(path.replace(/\.txt$/iu, '.meta.json'));
  return parseDocument(text, { sourceFile: basename(path), ...(sidecar ? { sidecar } : {}) });
}

/** Every document of the corpus folder; fails on the first unreadable file, naming it. */
export async function readCorpus(directory: string): Promise<Document[]> {
  const files = await listCorpusFiles(directory);
  if (files.length === 0) throw new IngestError('CORPUS_EMPTY', { file: directory });
  const documents: Document[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const document = await readCorpusDocument(file);
    const other = seen.get(document.id);
    if (other !== undefined) throw new IngestError('DUPLICATE_ID', { file }, `${document.id} (also ${other})`);
    seen.set(document.id, file);
    documents.push(document);
  }
  return documents;
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new IngestError('UNREADABLE_FILE', { file: path }, reason(error));
  }
}

async function readSidecar(path: string): Promise<Sidecar | undefined> {
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
  return result.data;
}

/** True for the error fs gives when a file or folder does not exist. */

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
