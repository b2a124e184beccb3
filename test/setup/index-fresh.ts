import { ensureFreshIndex } from '../../src/ingest/index-status';

/** Tests run against the real index of the bundled corpus: build it once if it is missing or stale. */
export default async function setup(): Promise<void> {
  await ensureFreshIndex({ corpusDir: 'corpus', indexDir: 'index', log: (line) => console.log(`[index] ${line}`) });
}
