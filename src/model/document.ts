import { z } from 'zod';

const HttpUrl = z.string().regex(/^https?:\/\/\S+$/, 'must be an http(s) URL');

/**
 * The parsed document: what ingestion produces from one corpus file and what the runtime serves and
 * indexes. Every text field holds the paper's own characters (only white space is normalized), so
 * users can quote it. Offsets are UTF-16 code-unit offsets into the text they belong to.
 */

/** A footnote marker removed from a text: footnote `n` was cited right before `text[offset]`. */
export const FootnoteRefSchema = z.object({
  n: z.number().int().positive(),
  offset: z.number().int().nonnegative(),
});

export const ParagraphSchema = z.object({
  /** Stable within the document: `p1`, `p2`, … in reading order. */
  id: z.string().regex(/^p\d+$/),
  text: z.string().min(1),
  /** 1-based page of the PDF on which the paragraph starts. */
  page: z.number().int().positive(),
  refs: z.array(FootnoteRefSchema),
  /** 1-based source line numbers of the paragraph's first and last line. */
  lines: z.tuple([z.number().int().positive(), z.number().int().positive()]),
});

export const SectionSchema = z.object({
  /** Stable within the document: `s1`, `s2`, … in reading order. */
  id: z.string().regex(/^s\d+$/),
  /** `null` for a section the paper prints no heading for (typically the introduction). */
  heading: z.string().min(1).nullable(),
  /** 1 for the paper's sections; 2 for inline sub-headings such as `【米国】`. */
  level: z.union([z.literal(1), z.literal(2)]),
  /** 1-based page on which the section starts. */
  page: z.number().int().positive(),
  paragraphs: z.array(ParagraphSchema),
});

export const FootnoteSchema = z.object({
  n: z.number().int().positive(),
  /** Full text, continuations across lines and pages joined, without the leading number. */
  text: z.string().min(1),
  /** http(s) URLs cited in the footnote, whole, in order of appearance. */
  urls: z.array(HttpUrl),
  /** 1-based page on which the footnote starts. */
  page: z.number().int().positive(),
});

/** A table cell as printed: `◎`, `〇`, `-` and the like. */
export const TableRowSchema = z.object({
  label: z.string().min(1),
  cells: z.record(z.string(), z.string()),
});

export const TableSchema = z.object({
  id: z.string().regex(/^t\d+$/),
  caption: z.string().nullable(),
  legend: z.string().nullable(),
  columns: z.array(z.string().min(1)),
  rows: z.array(TableRowSchema),
  page: z.number().int().positive(),
  /** The section the table is printed in, and the paragraph it follows there (`null`: at the section's start). */
  sectionId: z.string(),
  afterParagraphId: z.string().nullable(),
});

/** Text that is in the source but is not content: a title line, bullets, disclaimers, contact lines. Kept so nothing is silently lost. */
export const BoilerplateSchema = z.object({
  kind: z.enum(['title', 'bullet', 'disclaimer', 'unplaced']),
  text: z.string().min(1),
  page: z.number().int().positive(),
  line: z.number().int().positive(),
});

export const DocumentMetaSchema = z.object({
  title: z.string().min(1),
  /** Where the title came from: the sidecar, a title line printed in the text, or the text's first sentence. */
  titleSource: z.enum(['metadata', 'title-line', 'first-sentence']),
  /** ISO date `YYYY-MM-DD`. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  dateSource: z.enum(['metadata', 'closing-line']).optional(),
  author: z.string().min(1).optional(),
  series: z.string().min(1).optional(),
  /** The issue number within the series, as the sidecar gives it. */
  number: z.string().min(1).optional(),
  publisher: z.string().min(1).optional(),
  sourceUrl: HttpUrl.optional(),
});

export const DocumentSchema = DocumentMetaSchema.extend({
  /** URL-safe id derived from the file name: `000_d62613a39113a7e6`. */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/),
  sourceFile: z.string().min(1),
  lang: z.enum(['ja', 'en']),
  pages: z.number().int().positive(),
  /** Lead bullets (the box that opens some papers), as paragraphs with their own ids. */
  summary: z.array(ParagraphSchema),
  sections: z.array(SectionSchema),
  footnotes: z.array(FootnoteSchema),
  tables: z.array(TableSchema),
  /** The dated line that closes some papers: `（2020年10月20日脱稿、…）`. */
  closing: z.object({ text: z.string().min(1), page: z.number().int().positive() }).nullable(),
  boilerplate: z.array(BoilerplateSchema),
  /** What the parser could not resolve, for `npm run inspect` and the index build log. */
  warnings: z.array(z.string()),
});

export type FootnoteRef = z.infer<typeof FootnoteRefSchema>;
export type Paragraph = z.infer<typeof ParagraphSchema>;
export type Section = z.infer<typeof SectionSchema>;
export type Footnote = z.infer<typeof FootnoteSchema>;
export type TableRow = z.infer<typeof TableRowSchema>;
export type Table = z.infer<typeof TableSchema>;
export type Boilerplate = z.infer<typeof BoilerplateSchema>;
export type DocumentMeta = z.infer<typeof DocumentMetaSchema>;
export type Document = z.infer<typeof DocumentSchema>;
