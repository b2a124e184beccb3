import { z } from 'zod';

/**
 * Every environment variable shiori reads, parsed once at the edge (the CLIs and runtime adapters pass
 * `process.env` or the Worker's `env`). Errors name the variable and the fix.
 */
export const ConfigSchema = z.object({
  /** Folder of corpus `.txt` files and their `.meta.json` sidecars. */
  CORPUS_DIR: z.string().trim().min(1).default('corpus'),
  /** Folder the index build writes and the server reads. */
  INDEX_DIR: z.string().trim().min(1).default('index'),
  /** Port of the Node server. */
  PORT: z.coerce.number().int().min(1, 'use a port between 1 and 65535').max(65535, 'use a port between 1 and 65535').default(8787),
  /** Address the Node server listens on; 0.0.0.0 to serve the intranet. */
  HOST: z.string().trim().min(1).default('127.0.0.1'),
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
