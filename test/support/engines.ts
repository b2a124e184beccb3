import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { indexInMemory } from '../../src/ingest/build-index';
import { isMissingFile } from '../../src/ingest/corpus-files';
import { createSearchEngine, type EngineOptions, type SearchEngine } from '../../src/search/engine';
import type { IndexData } from '../../src/search/index-format';
import { openIndex, type IndexStore } from '../../src/search/store';

/** An engine over index data built in the test, laid out in files and read back as a runtime reads them. */
export async function engineOf(data: IndexData, options?: EngineOptions): Promise<SearchEngine> {
  return createSearchEngine(await indexInMemory(data), options);
}

/** The store of a built index folder (the real index of the bundled corpus by default). */
export function storeIn(indexDir = 'index'): Promise<IndexStore> {
  return openIndex((name) => readFile(join(indexDir, name), 'utf8').catch((error: unknown) => (isMissingFile(error) ? undefined : Promise.reject(error))));
}
