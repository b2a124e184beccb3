import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSearchEngine } from '../../src/search/engine';
import { DATA_FILE } from '../../src/search/index-format';
import { loadIndex } from '../../src/search/load-index';
import { createApp } from '../../src/server/app';

/**
 * The Worker loads its bundled index on the first request, through the same app: an index this code
 * cannot read is a 503 that says how to rebuild, never a search over it. (The Node server checks at
 * startup instead: test/server/operations.test.ts.)
 */
const built = readFileSync('index/index.json.txt', 'utf8');
const { manifest, ...rest } = JSON.parse(built) as { manifest: { format: number; tokenizer: { version: number } } };
const withManifest = (changes: object): string => JSON.stringify({ ...rest, manifest: { ...manifest, ...changes } });

function appOver(indexText: string | undefined) {
  return createApp({ engine: () => loadIndex(async (name) => (name === DATA_FILE ? indexText : undefined)).then(createSearchEngine) });
}

describe('an index the code cannot use', () => {
  it.each([
    ['of another format', withManifest({ format: -1 }), /format -1/u],
    ['tokenized by another tokenizer version', withManifest({ tokenizer: { ...manifest.tokenizer, version: 0 } }), /tokenized by .* v0/u],
    ['missing', undefined, /No index found/u],
    ['that is not JSON', '{"manifest": ', /index\.json\.txt/u],
  ])('answers 503 INDEX_UNAVAILABLE for an index %s, naming the fix', async (_name, text, reason) => {
    const response = await appOver(text).request('/api/search?q=NATO');
    expect(response.status).toBe(503);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('INDEX_UNAVAILABLE');
    expect(error.message).toMatch(reason);
    expect(error.message).toContain('npm run build:index');
  });

  it('answers normally over the index as built', async () => {
    const response = await appOver(built).request('/api/search?q=NATO');
    expect(response.status).toBe(200);
  });
});
