import { fork } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMissingFile } from '../ingest/corpus-files';
import { indexStatus } from '../ingest/index-status';
import { createSearchEngine, type SearchEngine } from '../search/engine';
import { IndexError } from '../search/load-index';
import { openIndex } from '../search/store';
import type { BuildStatus } from '../server/wire';

/**
 * The Node server's index: the one being served, and rebuilds of it. A rebuild runs in a child process
 * (kuromoji and the build's memory are its own; a build that crashes or runs out of memory takes only
 * itself down) while the server goes on answering from the index it has; the new index is swapped in
 * when it is complete. With no index yet, the API answers 503 `INDEX_UNAVAILABLE` with Retry-After.
 */
export interface IndexKeeperOptions {
  corpusDir: string;
  indexDir: string;
  /** V8 heap limit of the build process (BUILD_MEMORY_MB). */
  buildMemoryMb: number;
  log: (line: string) => void;
}

const BUILD_CLI = fileURLToPath(new URL('../ingest/build-cli.ts', import.meta.url));

/**
 * MB of each of V8's young-generation semi-spaces in the build process (V8's default here is 16). The build
 * makes millions of objects that live a while (tokens, postings), which every scavenge copies again; four
 * times the room halves the scavenges. Measured on the 300× corpus, side by side in one run (2026-12-04):
 * adding one paper 222 → 102 scavenges, 1.38 → 1.08 s of them, the process 10.56 → 10.31 s (medians of 4
 * alternated runs, faster in 3 of 4); a cold build 66–72 → 63–65 s (3 of 3). It costs at most three
 * semi-spaces (192 MB) beside BUILD_MEMORY_MB's old space. `npm run build:index` and bench:scale's add
 * pass the same flag.
 */
export const BUILD_SEMI_SPACE_MB = 64;

/** The V8 flags of a build process: its heap limit and young generation. */
export function buildProcessFlags(memoryMb: number): string[] {
  return [`--max-old-space-size=${memoryMb}`, `--max-semi-space-size=${BUILD_SEMI_SPACE_MB}`];
}

export class IndexKeeper {
  private served: SearchEngine | undefined;
  private status: BuildStatus = { state: 'idle', startedAt: null, finishedAt: null, error: null };
  private running: Promise<void> | undefined;
  private again = false;

  constructor(private readonly options: IndexKeeperOptions) {}

  /** The engine being served, for createApp. */
  readonly engine = async (): Promise<SearchEngine> => {
    if (this.served !== undefined) return this.served;
    if (this.status.state === 'building') throw new IndexError('INDEX_BUILDING', 'The index is being built; try again in a few seconds.');
    throw new IndexError('INDEX_MISSING', `No index could be built. ${this.status.error ?? ''} Fix the corpus, then restart (npm start rebuilds it) or run npm run build:index.`.trim());
  };

  readonly buildStatus = (): BuildStatus => ({ ...this.status });

  get serving(): SearchEngine | undefined {
    return this.served;
  }

  /** Loads index/ if this code can read it, stale or not; a damaged or mismatched index is left for refresh() to rebuild. */
  async loadServed(): Promise<void> {
    try {
      this.served = createSearchEngine(await openIndex(this.readIndexFile));
    } catch (error) {
      if (!(error instanceof IndexError)) throw error;
      if (error.code !== 'INDEX_MISSING') this.options.log(`the index in ${this.options.indexDir} cannot be used: ${error.message}`);
    }
  }

  /**
   * Rebuilds the index when it is missing, stale, damaged or from another version, then serves the new
   * one; resolves when that is done (at once when the index is current). Calls during a rebuild ask for
   * one more rebuild after it, so a corpus changed mid-build is picked up.
   */
  refresh(): Promise<void> {
    if (this.running !== undefined) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        const reason = await this.staleness();
        if (reason === undefined) break;
        await this.rebuild(reason);
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Why the index must be rebuilt, or undefined when the one served is current. */
  async staleness(): Promise<string | undefined> {
    const status = await indexStatus(this.options.corpusDir, this.options.indexDir);
    if (!status.fresh) return status.reason;
    return this.served === undefined ? 'the index could not be loaded' : undefined;
  }

  private async rebuild(reason: string): Promise<void> {
    const { log } = this.options;
    this.status = { state: 'building', startedAt: new Date().toISOString(), finishedAt: null, error: null };
    log(`building the index: ${reason}${this.served === undefined ? '' : ' (the previous index is served meanwhile)'}`);
    const error = await this.runBuild();
    if (error === undefined) {
      try {
        this.served = createSearchEngine(await openIndex(this.readIndexFile));
        this.status = { ...this.status, state: 'idle', finishedAt: new Date().toISOString() };
        log(`serving the new index: ${this.served.manifest.counts.documents} documents`);
        return;
      } catch (loadError) {
        if (!(loadError instanceof IndexError)) throw loadError;
        this.status = { ...this.status, state: 'failed', finishedAt: new Date().toISOString(), error: loadError.message };
      }
    } else {
      this.status = { ...this.status, state: 'failed', finishedAt: new Date().toISOString(), error };
    }
    log(`index build failed: ${this.status.error ?? ''}`);
    log(this.served === undefined ? 'there is no index to serve: fix the corpus, then run npm start again (or npm run build:index)' : `the previous index in ${this.options.indexDir} is unchanged and still served; fix the corpus, then restart or run npm run build:index`);
  }

  /** Runs `npm run build:index`'s program in a child process; resolves to why it failed, or undefined. */
  private runBuild(): Promise<string | undefined> {
    const { corpusDir, indexDir, buildMemoryMb } = this.options;
    return new Promise((resolve) => {
      const child = fork(BUILD_CLI, [], {
        execArgv: [...process.execArgv.filter((arg) => !arg.startsWith('--max-old-space-size') && !arg.startsWith('--max-semi-space-size')), ...buildProcessFlags(buildMemoryMb)],
        env: { ...process.env, CORPUS_DIR: corpusDir, INDEX_DIR: indexDir },
        stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        process.stderr.write(chunk);
      });
      child.on('error', (error) => resolve(`the build could not be started: ${error.message}`));
      child.on('exit', (code, signal) => {
        if (code === 0) return resolve(undefined);
        const reported = /^index build failed: (.+)$/mu.exec(stderr)?.[1];
        if (reported !== undefined) return resolve(reported);
        if (/heap out of memory|Reached heap limit/u.test(stderr)) return resolve(`the build ran out of memory (BUILD_MEMORY_MB=${buildMemoryMb})`);
        resolve(`the build stopped (${signal === null ? `exit code ${String(code)}` : `signal ${signal}`})`);
      });
    });
  }

  private readonly readIndexFile = (name: string): Promise<string | undefined> =>
    readFile(join(this.options.indexDir, name), 'utf8').catch((error: unknown) => {
      if (isMissingFile(error)) return undefined;
      throw new IndexError('INDEX_CORRUPT', `${join(this.options.indexDir, name)} cannot be read (${error instanceof Error ? error.message : String(error)}).`);
    });
}
