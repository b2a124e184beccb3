import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * `npm run build:web`: bundles the UI into dist/web: the page (assets/app-<hash>.js, ESM), the widget
 * (embed.js, one self-contained script with its CSS), the stylesheet (assets/app-<hash>.css) and
 * web/static, with index.html linking the hashed names.
 * Built in a fresh folder and swapped in; prints raw and gzipped sizes.
 */
const OUT = 'dist/web';
const fresh = `dist/.web-${process.pid}`;
const target = ['es2022', 'chrome110', 'edge110', 'firefox115', 'safari16'];

async function main(): Promise<void> {
  await rm(fresh, { recursive: true, force: true });
  await mkdir(fresh, { recursive: true });
  const common = { bundle: true, minify: true, target, legalComments: 'none', logLevel: 'warning', loader: { '.css': 'text' } } as const;
  // The page's script and stylesheet carry a content hash in their names, so they can be cached for good;
  // the widget's embed.js keeps the fixed URL intranet pages reference.
  const hashed = { entryNames: '[dir]/[name]-[hash]', metafile: true } as const;
  const script = await build({ ...common, ...hashed, entryPoints: { 'assets/app': 'web/src/app.ts' }, outdir: fresh, format: 'esm' });
  await build({ ...common, entryPoints: { embed: 'web/src/embed.ts' }, outdir: fresh, format: 'iife' });
  const style = await build({ bundle: true, minify: true, target, logLevel: 'warning', ...hashed, entryPoints: { 'assets/app': 'web/src/styles.css' }, outdir: fresh });
  await cp('web/static', fresh, { recursive: true });
  const outputOf = (metafile: { outputs: Record<string, unknown> }, extension: string): string => {
    const output = Object.keys(metafile.outputs).find((file) => file.endsWith(extension));
    if (output === undefined) throw new Error(`esbuild wrote no ${extension} file`);
    return `/${output.slice(fresh.length + 1)}`;
  };
  const page = join(fresh, 'index.html');
  const html = await readFile(page, 'utf8');
  const linked = html.replace('/assets/app.js', outputOf(script.metafile, '.js')).replace('/assets/app.css', outputOf(style.metafile, '.css'));
  if (linked === html) throw new Error('web/static/index.html no longer links /assets/app.js and /assets/app.css');
  await writeFile(page, linked);

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
