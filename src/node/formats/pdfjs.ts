/** pdf.js (pdfjs-dist legacy build, for Node) loaded once from the bundled copy, with the few types we use. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { distAsset, extensionRoot, importEsm } from './assets';

export interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}
export interface PdfPage {
  getTextContent(): Promise<{ items: (PdfTextItem | { type: string })[] }>;
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[][] }>;
  getViewport(o: { scale: number }): { width: number; height: number };
  objs: { get(id: string, cb?: (v: unknown) => void): unknown; has(id: string): boolean };
  commonObjs: { get(id: string, cb?: (v: unknown) => void): unknown; has(id: string): boolean };
  cleanup(): void;
}
export interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  getMetadata(): Promise<{ info?: Record<string, unknown>; metadata?: { get(k: string): unknown } | null }>;
  destroy(): Promise<void>;
}
export interface PdfjsModule {
  getDocument(src: Record<string, unknown>): { promise: Promise<PdfDocument>; destroy(): Promise<void> };
  GlobalWorkerOptions: { workerSrc: string };
  OPS: Record<string, number>;
  version: string;
}

let loaded: Promise<PdfjsModule> | undefined;

/** The folder holding pdf.mjs, pdf.worker.mjs, standard_fonts/ and cmaps/. */
export function pdfjsDir(): string {
  const dist = distAsset('pdfjs');
  if (existsSync(path.join(dist, 'pdf.mjs'))) return dist;
  return path.join(extensionRoot(), 'node_modules', 'pdfjs-dist', 'legacy', 'build');
}

export function loadPdfjs(): Promise<PdfjsModule> {
  loaded ??= (async () => {
    const dir = pdfjsDir();
    const mod = await importEsm<PdfjsModule>(path.join(dir, 'pdf.mjs'));
    // Node runs pdf.js's worker code in this thread ("fake worker"); the whole extraction runs in our own worker thread.
    mod.GlobalWorkerOptions.workerSrc = path.join(dir, 'pdf.worker.mjs');
    return mod;
  })();
  return loaded;
}

/** Data folders pdf.js reads fonts and CMaps from (trailing slash required). */
export function pdfjsDataUrls(): { standardFontDataUrl: string; cMapUrl: string } {
  const dir = pdfjsDir();
  const base = existsSync(path.join(dir, 'standard_fonts')) ? dir : path.join(dir, '..', '..');
  return { standardFontDataUrl: path.join(base, 'standard_fonts') + path.sep, cMapUrl: path.join(base, 'cmaps') + path.sep };
}
