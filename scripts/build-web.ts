import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * `npm run build:web`: bundles the UI into dist/web: the page (assets/app.js, ESM), the widget
 * (embed.js, one self-contained script with its CSS), the stylesheet (assets/app.css) and web/static.
 * Built in a fresh folder and swapped in; prints raw and gzipped sizes.
 */
const OUT = 'dist/web';
const fresh = `dist/.web-${process.pid}`;
const target = ['es2022', 'chrome110', 'edge110', 'firefox115', 'safari16'];

async function main(): Promise<void> {
  await rm(fresh, { recursive: true, force: true });
  await mkdir(fresh, { recursive: true });
  const common = { bundle: true, minify: true, target, legalComments: 'none', logLevel: 'warning', loader: { '.css': 'text' } } as const;
  await build({ ...common, entryPoints: { 'assets/app': 'web/src/app.ts' }, outdir: fresh, format: 'esm' });
  await build({ ...common, entryPoints: { embed: 'web/src/embed.ts' }, outdir: fresh, format: 'iife' });
  await build({ bundle: true, minify: true, target, logLevel: 'warning', entryPoints: { 'assets/app': 'web/src/styles.css' }, outdir: fresh });
  await cp('web/static', fresh, { recursive: true });

  const sizes: Record<string, { bytes: number; gzip: number }> = {};
  for (const file of await filesUnder(fresh)) {
    const content = await readFile(join(fresh, file));
    sizes[file] = { bytes: content.length, gzip: gzipSync(content, { level: 9 }).length };
  }
  await writeFile(join(fresh, 'sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`);

  await rm(OUT, { recursive: true, force: true });
  await rename(fresh, OUT);
  if (!process.argv.includes('--quiet')) {
    for (const [file, size] of Object.entries(sizes)) console.log(`${file.padEnd(22)} ${(size.bytes / 1024).toFixed(1).padStart(7)} KiB  gzip ${(size.gzip / 1024).toFixed(1).padStart(6)} KiB`);
  }
}

async function filesUnder(folder: string, prefix = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(join(folder, prefix), { withFileTypes: true })) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await filesUnder(folder, path)));
    else files.push(path);
  }
  return files.sort();
}

main().catch(async (error: unknown) => {
  await rm(fresh, { recursive: true, force: true });
  console.error(error);
  process.exit(1);
});
