import { z } from 'zod';

/**
 * Every environment variable shiori reads, parsed once at the edge (the CLIs and runtime adapters pass
 * `process.env` or the Worker's `env`). Errors name the variable and the fix.
 */
export const ConfigSchema = z.object({
  /** Folder of corpus `.txt` files and their `.meta.json` sidecars. */
  CORPUS_DIR: z.string().trim().min(1).default('corpus'),
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
