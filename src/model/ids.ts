/**
 * The id formats that cross files and runtimes, each built and parsed by one function pair:
 *  - a passage: `<docId>:<local>`, local being a paragraph (`p7`), a table row (`t1r3`) or `closing`;
 *  - a footnote of a document: `<docId>#<n>`;
 *  - a passage's anchor in the reader: `p-7` for paragraph p7, `t1` for any row or the legend of table t1,
 *    `closing`, `disclaimer`.
 * Document ids never contain `:` or `#` (see documentId in src/ingest/parse-document.ts).
 */

export function passageId(docId: string, local: string): string {
  return `${docId}:${local}`;
}

/** The document and local part of a passage id, or undefined when `id` is not one. */
export function parsePassageId(id: string): { docId: string; local: string } | undefined {
  const colon = id.lastIndexOf(':');
  if (colon <= 0 || colon === id.length - 1) return undefined;
  return { docId: id.slice(0, colon), local: id.slice(colon + 1) };
}

/** The local id of a table's row, 1-based: `t1r3`. */
export function tableRowId(tableId: string, row: number): string {
  return `${tableId}r${row}`;
}

/** The local id of a table's legend: `t1legend`. */
export function tableLegendId(tableId: string): string {
  return `${tableId}legend`;
}

/** The local id of the disclaimer that closes a paper, and its anchor in the reader. */
export const DISCLAIMER_ID = 'disclaimer';

export function footnoteKey(docId: string, n: number): string {
  return `${docId}#${n}`;
}

/** The reader's anchor for a passage id (see above). */
export function readerAnchor(passageIdText: string): string {
  const local = parsePassageId(passageIdText)?.local ?? passageIdText;
  const paragraph = /^p(\d+)$/u.exec(local);
  if (paragraph) return `p-${paragraph[1]}`;
  const table = /^(t\d+)(?:r\d+|legend)$/u.exec(local);
  return table ? (table[1] as string) : local;
}
