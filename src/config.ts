import * as z from 'zod/mini';

/**
 * Every environment variable shiori reads, parsed once at the edge (the CLIs and runtime adapters pass
 * `process.env` or the Worker's `env`). zod/mini keeps the Worker bundle small. Errors name the variable
 * and the fix.
 */
const text = (fallback: string) => z._default(z.string().check(z.trim(), z.minLength(1, 'must not be empty')), fallback);
const flag = (fallback: boolean) =>
  z._default(
    z.pipe(
      z.string().check(z.regex(/^(?:true|false|1|0)$/u, 'use true or false')),
      z.transform((value: string) => value === 'true' || value === '1'),
    ),
    fallback,
  );

export const ConfigSchema = z.object({
  /** Folder of corpus `.txt` files, their `.meta.json` sidecars and glossary.json. */
  CORPUS_DIR: text('corpus'),
  /** Folder the index build writes and the server reads. */
  INDEX_DIR: text('index'),
  /** Node: readers' feedback and, with LOG_QUERIES, the questions the papers did not answer, as JSON lines (`npm run feedback`). */
  FEEDBACK_FILE: text('feedback.jsonl'),
  /** Port of the Node server. */
  PORT: z._default(
    z.pipe(z.string(), z.transform(Number)).check(z.int('use a whole number'), z.minimum(1, 'use a port from 1 to 65535'), z.maximum(65535, 'use a port from 1 to 65535')),
    8787,
  ),
  /** Address the Node server listens on; 0.0.0.0 to serve the intranet. */
  HOST: text('127.0.0.1'),
  /**
   * Origins (scheme://host[:port], comma-separated) of intranet pages that may use the API from the widget
   * and frame the /embed page. Empty: only shiori's own origin.
   */
  ALLOWED_ORIGINS: z
    .pipe(
      z._default(z.string(), ''),
      z.transform((value: string) => value.split(',').map((origin) => origin.trim()).filter(Boolean)),
    )
    .check(z.refine((origins: string[]) => origins.every((origin) => /^https?:\/\/[^/\s]+$/u.test(origin)), 'list origins like https://portal.example.jp, comma-separated, without paths')),
  /**
   * The address people use to reach shiori (scheme://host[:port], no path), behind a reverse proxy that
   * terminates TLS: `https://shiori.example.jp`. Requests whose Origin is this origin are same-origin, and
   * its host is served (see ALLOWED_HOSTS).
   */
  PUBLIC_ORIGIN: z.optional(
    z.pipe(
      z.string().check(z.trim(), z.regex(/^https?:\/\/[^/\s?#]+$/u, 'give the origin like https://shiori.example.jp, without a path')),
      z.transform((value: string) => new URL(value).origin),
    ),
  ),
  /**
   * Host names (optionally host:port) that requests may address, comma-separated; `*` for any. A request
   * for another host (a DNS-rebinding page, a stray virtual host) answers 421. Default: the loopback names,
   * HOST when it is a specific address, and PUBLIC_ORIGIN's host.
   */
  ALLOWED_HOSTS: z.optional(
    z
      .pipe(
        z.string(),
        z.transform((value: string) => value.split(',').map((host) => host.trim().toLowerCase()).filter(Boolean)),
      )
      .check(z.refine((hosts: string[]) => hosts.every((host) => host === '*' || /^(?:\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/u.test(host)), 'list host names like shiori.example.jp or shiori.example.jp:8443, comma-separated, or *')),
  ),
  /**
   * When set, every /api/* request but the health check needs `Authorization: Bearer <API_TOKEN>`. At least
   * 16 characters without white space; unset, the API is open (as on a closed intranet).
   */
  API_TOKEN: z.optional(z.string().check(z.regex(/^\S{16,}$/u, 'use at least 16 characters without white space'))),
  /** Requests per minute one client may make to the API (Node server); 0 turns the limit off. */
  RATE_LIMIT: z._default(z.pipe(z.string(), z.transform(Number)).check(z.int('use a whole number'), z.minimum(0, 'use 0 (off) or more')), 120),
  /**
   * Behind a reverse proxy (`true`): the client's address is the last X-Forwarded-For entry (the one the
   * proxy added), not the connection's, which is the proxy's; and the address the client used is
   * X-Forwarded-Proto and X-Forwarded-Host (last entries). Only set it when a proxy that sets these
   * headers is the only way to reach the server: otherwise clients can claim any address.
   */
  TRUST_PROXY: flag(false),
  /** Node: the V8 heap limit of the index build's process, in MB; a build that needs more fails cleanly and the served index stays. */
  BUILD_MEMORY_MB: z._default(z.pipe(z.string(), z.transform(Number)).check(z.int('use a whole number of megabytes'), z.minimum(256, 'use at least 256')), 3072),
  /** One JSON line per request on stdout: method, path, status, duration. */
  LOG_REQUESTS: flag(true),
  /** Add the question's text to each request line (off: questions can be confidential). */
  LOG_QUERIES: flag(false),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const result = ConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  throw new ConfigError(`invalid configuration: ${problems}`);
}

/** Names of this machine that no other site can claim. */
const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The host names the Node server answers for: ALLOWED_HOSTS, or by default the loopback names, HOST when
 * it is one specific address, and PUBLIC_ORIGIN's host.
 */
export function allowedHostsOf(config: Pick<Config, 'ALLOWED_HOSTS' | 'HOST' | 'PUBLIC_ORIGIN'>): string[] {
  if (config.ALLOWED_HOSTS !== undefined) return config.ALLOWED_HOSTS;
  const hosts = [...LOOPBACK_HOSTS];
  if (!['0.0.0.0', '::', '[::]'].includes(config.HOST)) hosts.push(config.HOST.includes(':') && !config.HOST.startsWith('[') ? `[${config.HOST}]` : config.HOST.toLowerCase());
  if (config.PUBLIC_ORIGIN !== undefined) hosts.push(new URL(config.PUBLIC_ORIGIN).host);
  return [...new Set(hosts)];
}

/** Settings that are valid but probably not what the operator wants, for a warning at startup. */
export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (config.ALLOWED_HOSTS === undefined && config.PUBLIC_ORIGIN === undefined && ['0.0.0.0', '::', '[::]'].includes(config.HOST)) {
    warnings.push(`HOST=${config.HOST} listens on every address, but only loopback names are served (421 otherwise): set PUBLIC_ORIGIN, or ALLOWED_HOSTS, to the names people use to reach shiori`);
  }
  if (config.TRUST_PROXY && config.PUBLIC_ORIGIN === undefined) {
    warnings.push('TRUST_PROXY=true without PUBLIC_ORIGIN: the public address is taken from X-Forwarded-Proto and X-Forwarded-Host, so make sure the proxy sets them and is the only way in');
  }
  return warnings;
}
