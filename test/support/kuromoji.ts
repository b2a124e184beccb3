import { analyzingWith, loadKuromoji, type DocumentAnalyzer, type KuromojiTokenizer } from '../../src/ingest/lexicon';

/** The real kuromoji analyzer, loaded once per test file (about a second). */
let analyzer: Promise<KuromojiTokenizer> | undefined;
export const kuromoji = (): Promise<KuromojiTokenizer> => (analyzer ??= loadKuromoji());

/** The build's per-paper analysis by the real kuromoji (what buildIndexData takes). */
export const kuromojiAnalysis = async (): Promise<DocumentAnalyzer> => analyzingWith(await kuromoji());
