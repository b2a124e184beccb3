import { loadKuromoji, type KuromojiTokenizer } from '../../src/ingest/lexicon';

/** The real kuromoji analyzer, loaded once per test file (about a second). */
let analyzer: Promise<KuromojiTokenizer> | undefined;
export const kuromoji = (): Promise<KuromojiTokenizer> => (analyzer ??= loadKuromoji());
