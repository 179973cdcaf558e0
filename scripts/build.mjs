// Builds the extension bundle (dist/extension.js), the CLI (dist/cli.js) and, with --tests,
// every test file under test/ into out/ (one CommonJS bundle per test file).
import * as esbuild from 'esbuild';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const root = path.resolve(import.meta.dirname, '..');

async function walk(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // msgpackr's optional native accelerator: loaded when installed, else msgpackr runs in plain JS.
  external: ['vscode', 'msgpackr-extract'],
};

await esbuild.build({ ...common, entryPoints: { extension: path.join(root, 'src/extension.ts') }, outdir: path.join(root, 'dist') });
// The analysis pool's worker thread: its own entry, beside extension.js and cli.js.
await esbuild.build({ ...common, entryPoints: { analysisWorker: path.join(root, 'src/node/analysisWorker.ts') }, outdir: path.join(root, 'dist') });
await esbuild.build({ ...common, entryPoints: { cli: path.join(root, 'src/cli.ts') }, outdir: path.join(root, 'dist'), banner: { js: '#!/usr/bin/env node' } });

if (args.has('--bench')) {
  await esbuild.build({ ...common, entryPoints: { bench: path.join(root, 'src/node/bench.ts') }, outdir: path.join(root, 'out') });
}

if (args.has('--tests')) {
  const entries = (await walk(path.join(root, 'test'))).filter((f) => !f.endsWith('.d.ts'));
  await esbuild.build({
    ...common,
    sourcemap: 'inline',
    entryPoints: entries,
    outbase: root,
    outdir: path.join(root, 'out'),
    external: ['vscode', 'msgpackr-extract', 'mocha', 'playwright-core', '@vscode/test-electron'],
  });
}
