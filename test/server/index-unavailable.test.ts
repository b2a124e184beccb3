import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSearchEngine } from '../../src/search/engine';
import { DATA_FILE } from '../../src/search/index-format';
import { openIndex } from '../../src/search/store';
import { createApp } from '../../src/server/app';

/**
 * The Worker opens its index on the first request, and reads the rest of it as questions need it, through
 * the same app: an index this code cannot read — its core, or a file of it read later — is a 503 that says
 * how to rebuild, never a search over it and never a 500. (The Node server checks at startup instead:
 * test/server/operations.test.ts.)
 */
const built = readFileSync(join('index', DATA_FILE), 'utf8');
const fromDisk = (name: string): string | undefined => {
  try {
    return readFileSync(join('index', name), 'utf8');
  } catch {
    return undefined;
  }
};
const { manifest, ...rest } = JSON.parse(built) as { manifest: { format: number; tokenizer: { version: number } } };
const withManifest = (changes: object): string => JSON.stringify({ ...rest, manifest: { ...manifest, ...changes } });

function appOver(indexText: string | undefined, other: (name: string) => string | undefined = fromDisk) {
  return createApp({ engine: () => openIndex(async (name) => (name === DATA_FILE ? indexText : other(name))).then((store) => createSearchEngine(store)), logError: () => {} });
}

describe('an index the code cannot use', () => {
  it.each([
    ['of another format', withManifest({ format: -1 }), /format -1/u],
    ['tokenized by another tokenizer version', withManifest({ tokenizer: { ...manifest.tokenizer, version: 0 } }), /tokenized by .* v0/u],
    ['missing', undefined, /No index found/u],
    ['that is not JSON', '{"manifest": ', /core\.json\.txt is not valid JSON/u],
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

  it.each([
    ['cut short', (text: string) => text.slice(0, text.length / 2), /is not valid JSON|is cut short/u],
    ['missing', () => undefined, /is missing from the index/u],
  ])('answers 503 INDEX_UNAVAILABLE when a file read for the question is %s, naming it', async (_name, damage, reason) => {
    const app = appOver(built, (name) => {
      const text = fromDisk(name);
      return text === undefined || !/^(postings|passages)\//u.test(name) ? text : damage(text);
    });
    for (const path of ['/api/search?q=NATO', '/api/passages/000_d62613a39113a7e6:p1']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(503);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('INDEX_UNAVAILABLE');
      expect(error.message).toMatch(reason);
      expect(error.message).toMatch(/postings\/\d+\.txt|passages\/[A-Za-z0-9_-]+\.\d+\.txt/u);
      expect(error.message).toContain('npm run build:index');
    }
  });
});
