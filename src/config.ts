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
   * When set, every /api/* request but the health check needs `Authorization: Bearer <API_TOKEN>`. At least
   * 16 characters without white space; unset, the API is open (as on a closed intranet).
   */
  API_TOKEN: z.optional(z.string().check(z.regex(/^\S{16,}$/u, 'use at least 16 characters without white space'))),
  /** Requests per minute one client may make to the API (Node server); 0 turns the limit off. */
  RATE_LIMIT: z._default(z.pipe(z.string(), z.transform(Number)).check(z.int('use a whole number'), z.minimum(0, 'use 0 (off) or more')), 120),
  /**
   * Behind a reverse proxy, take the client's address from the last X-Forwarded-For entry the proxy added
   * (`true`), not from the connection, which is the proxy's.
   */
  TRUST_PROXY: flag(false),
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
