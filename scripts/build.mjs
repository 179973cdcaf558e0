// Builds the extension bundle (dist/extension.js), the CLI (dist/cli.js) and, with --tests,
// every test file under test/ into out/ (one CommonJS bundle per test file).
import * as esbuild from 'esbuild';
import { cp, mkdir, readdir } from 'node:fs/promises';
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
  // Node 20 has \p{…} in regular expressions; without this esbuild writes each such literal as a
  // `new RegExp(…)` call, built again every time it is evaluated (in the recognisers' inner loops).
  supported: { 'regexp-unicode-property-escapes': true },
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // msgpackr's optional native accelerator: loaded when installed, else msgpackr runs in plain JS.
  external: ['vscode', 'msgpackr-extract', 'pg-native'],
};

await esbuild.build({ ...common, entryPoints: { extension: path.join(root, 'src/extension.ts') }, outdir: path.join(root, 'dist') });
// The analysis pool's worker thread: its own entry, beside extension.js and cli.js.
await esbuild.build({ ...common, entryPoints: { analysisWorker: path.join(root, 'src/node/analysisWorker.ts') }, outdir: path.join(root, 'dist') });
// The editor's search worker thread (the passages and their MiniSearch indexes, off the host's heap).
await esbuild.build({ ...common, entryPoints: { searchWorker: path.join(root, 'src/node/searchWorker.ts') }, outdir: path.join(root, 'dist') });
await esbuild.build({ ...common, entryPoints: { cli: path.join(root, 'src/cli.ts') }, outdir: path.join(root, 'dist'), banner: { js: '#!/usr/bin/env node' } });

// Webview scripts (browser, one IIFE each; their CSS next to them): loaded by the webviews from dist/webview.
await esbuild.build({
  ...common,
  platform: 'browser',
  target: 'chrome120',
  format: 'iife',
  external: [],
  entryPoints: ['search', 'timeline', 'network'].map((n) => ({ in: path.join(root, `src/webview/${n}.ts`), out: n })),
  outdir: path.join(root, 'dist/webview'),
  loader: { '.css': 'css' },
});
// Formats: the extraction worker, pdf.js (legacy build for Node, modern build for the Show in PDF
// webview), the tesseract.js worker with its WebAssembly cores and the English data (offline OCR).
const dist = path.join(root, 'dist');
const nm = path.join(root, 'node_modules');
await esbuild.build({ ...common, entryPoints: { 'extract-worker': path.join(root, 'src/node/formats/worker.ts') }, outdir: dist });
await mkdir(path.join(dist, 'pdfjs'), { recursive: true });
for (const f of ['pdf.mjs', 'pdf.worker.mjs']) await cp(path.join(nm, 'pdfjs-dist/legacy/build', f), path.join(dist, 'pdfjs', f));
for (const d of ['standard_fonts', 'cmaps']) await cp(path.join(nm, 'pdfjs-dist', d), path.join(dist, 'pdfjs', d), { recursive: true });
await mkdir(path.join(dist, 'pdfjs-web'), { recursive: true });
for (const f of ['pdf.min.mjs', 'pdf.worker.min.mjs']) await cp(path.join(nm, 'pdfjs-dist/build', f), path.join(dist, 'pdfjs-web', f));
await esbuild.build({ ...common, sourcemap: false, minify: true, entryPoints: { worker: path.join(nm, 'tesseract.js/src/worker-script/node/index.js') }, outdir: path.join(dist, 'ocr') });
// tesseract.js's Node adapter loads the full (not the -lstm) cores whatever the OEM.
for (const f of ['tesseract-core-relaxedsimd.wasm', 'tesseract-core-simd.wasm', 'tesseract-core.wasm']) await cp(path.join(nm, 'tesseract.js-core', f), path.join(dist, 'ocr', f));
await cp(path.join(nm, '@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz'), path.join(dist, 'ocr', 'eng.traineddata.gz'));

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
    external: ['vscode', 'msgpackr-extract', 'mocha', 'playwright-core', '@vscode/test-electron', '@napi-rs/canvas', 'pg-native'],
  });
}
