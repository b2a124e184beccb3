import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { isMissingFile } from '../ingest/corpus-files';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** The web UI's built files under `root`, by URL path; paths that leave `root` are not found. */
export function fileAssets(root: string): (path: string) => Promise<Response | undefined> {
  const base = resolve(root);
  return async (path) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return undefined;
    }
    const file = resolve(base, `.${decoded}`);
    if (!file.startsWith(base + sep) || decoded.includes('\0')) return undefined;
    try {
      const body = await readFile(file);
      return new Response(body, { headers: { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' } });
    } catch (error) {
      if (isMissingFile(error) || (error instanceof Error && 'code' in error && error.code === 'EISDIR')) return undefined;
      throw error;
    }
  };
}

/**
 * The corpus's PDFs by file name (a Document's sourceFile), read from `corpusDir` when asked: only a
 * `.pdf` directly in the folder (a name with a path in it is not one).
 */
export function corpusOriginals(corpusDir: string): (sourceFile: string) => Promise<Uint8Array | undefined> {
  const base = resolve(corpusDir);
  return async (sourceFile) => {
    if (!/\.pdf$/iu.test(sourceFile) || /[/\\\0]/u.test(sourceFile) || sourceFile.startsWith('.')) return undefined;
    try {
      return new Uint8Array(await readFile(resolve(base, sourceFile)));
    } catch (error) {
      if (isMissingFile(error) || (error instanceof Error && 'code' in error && error.code === 'EISDIR')) return undefined;
      throw error;
    }
  };
}
