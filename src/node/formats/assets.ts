/**
 * Where the bundled assets live (pdf.js, the OCR worker and data): `dist/` next to the bundle in the
 * .vsix, the CLI and the test builds alike (scripts/build.mjs copies them there).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

let root: string | undefined;

/** The extension's root folder: the nearest folder above this bundle whose package.json is ours. */
export function extensionRoot(): string {
  if (root) return root;
  let dir = __dirname;
  for (;;) {
    const pj = path.join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        if ((JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name === 'source-research') return (root = dir);
      } catch {
        // not ours: keep looking
      }
    }
    const up = path.dirname(dir);
    if (up === dir) return (root = path.resolve(__dirname, '..'));
    dir = up;
  }
}

/** A file under dist/ (e.g. "pdfjs/pdf.mjs"). */
export function distAsset(rel: string): string {
  return path.join(extensionRoot(), 'dist', rel);
}

/** Import an ES module by path from a CommonJS bundle (esbuild keeps a non-literal import() as is). */
export function importEsm<T>(file: string): Promise<T> {
  const url = pathToFileURL(file).href;
  return import(/* webpackIgnore: true */ url) as Promise<T>;
}
