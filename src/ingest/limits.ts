/**
 * What one corpus file may cost the index build, in one place. Each bound keeps a hostile or broken
 * paper from taking the build, and with it the service, down; a file over a limit is reported as
 * `file:line: reason` and left out, and the other papers are indexed.
 */
export const INGEST_LIMITS = {
  /**
   * Bytes of one corpus file. The seeds are 16–47 KB, about 4.7 KB a page; 2 MiB is some 450 pages.
   * The build's cost is linear in a file's size, and at this size the worst files measured (a paper of
   * kanji alone, one of katakana, one of digits…) build with the seeds in under 1 GB and about half a
   * minute (`npm run bench:hostile`; DESIGN.md, "Bad papers"); at 4 MiB, kanji alone took 55 s and 937 MB.
   */
  maxFileBytes: 2 * 1024 * 1024,
  /**
   * Bytes of one PDF (issue 16). The PDF of a commentary carries its fonts: the Chromium-printed seeds are
   * a few hundred kilobytes a page at most; 50 MiB is a long report, and PDF.js holds a file whole in memory.
   */
  maxPdfBytes: 50 * 1024 * 1024,
  /** Share of a PDF's characters that may be private-use or replacement characters before its text is refused as undecodable. */
  maxUndecodableShare: 0.05,
  /**
   * Characters of one line. PDF-extracted lines are page-wide (32–60 characters in the seeds); in the
   * plain layout a line is a paragraph, and no paper's paragraph comes near 20,000 characters.
   */
  maxLineChars: 20_000,
  /**
   * Characters of one paragraph, the unit that is searched, ranked and quoted; a longer one is split at
   * sentence ends, with a warning. The longest paragraph of the seeds and the new papers has 485; a text
   * with no paragraph breaks (4 MiB in one paragraph) took 47 s and 1.7 GB to build before this bound.
   */
  maxParagraphChars: 4000,
  /**
   * Characters of one footnote. The papers' longest has 645; one far longer is a footnote area that
   * swallowed the text after it (2 MiB of footnote-like lines made one footnote of 2 million characters,
   * which every answer citing it would carry), so the paper is refused, naming the footnote and its line.
   */
  maxFootnoteChars: 10_000,
  /**
   * kuromoji's cost grows with the square of what it reads at once (measured: 5,000 characters of
   * ordinary Japanese without `、` or `。` in 0.3 s, 20,000 in 4.5 s; 10,000 `A` in a row 10 s and 2 GB,
   * since an unknown word can then be any length). It cuts its input at `、` and `。` itself; shiori also
   * cuts before a white space once a piece has this many characters, and anywhere at four times as many.
   */
  analysisPieceChars: 256,
  /** The longest run of one character class kuromoji reads; no word is longer (a URL is broken by its `/` and `.`). */
  analysisRunChars: 32,
  /**
   * Terms of one passage's field that Orama indexes (its first ones). Orama counts each term's frequency
   * by scanning the field's terms once per term, so a field's cost grows with the square of its length
   * (a 38,000-character paragraph's bigrams: 14 s; 4 MiB of kanji in 4,000-character passages at 4,096
   * terms: 14 s of the build's 20). The fields of the seeds' passages have at most 287 terms (bigrams); a
   * longer passage is found by its first 1,024, and is ranked and quoted whole.
   */
  maxFieldTerms: 1024,
  /**
   * Papers read at once (a file, its sidecar, its cached parse and analysis): in flight at most this many
   * times maxFileBytes. One at a time, a rebuild of 568 papers waited about a second on the disk.
   */
  filesAtOnce: 8,
} as const;
