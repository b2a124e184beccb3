import type { Document } from '../model/document';
import { assembleDocument, type ParseOptions } from './parse-document';
import { layOutPdf, pagesWhereWeightMatters } from './pdf-layout';
import { readPdfText } from './pdf-text';

/**
 * Parses one PDF (issue 16) into a {@link Document}: its positioned text read with PDF.js (pdf-text.ts),
 * laid out by type size and position (pdf-layout.ts), finished as a text file's parts are. Build time,
 * Node only. Throws an IngestError for a PDF that cannot be read (pdf-text.ts) or breaks a limit.
 */
export async function parsePdf(bytes: Uint8Array, options: ParseOptions): Promise<Document> {
  const pages = await readPdfText(bytes, options.sourceFile, { weighed: pagesWhereWeightMatters });
  return assembleDocument(layOutPdf(pages), options);
}
