/**
 * OCR with tesseract.js and the English data @tesseract.js-data/eng ships (LSTM "best_int" model),
 * read from disk: langPath points at the bundled data, caching is off, so nothing is ever downloaded.
 * Tesseract runs in its own worker thread; a cancelled job terminates it (the next job starts a new one).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { OcrEngine, OcrResult } from '../../core/formats/types';
import { distAsset, extensionRoot } from './assets';

interface TWorker {
  recognize(image: Buffer): Promise<{ data: { text: string; confidence: number } }>;
  terminate(): Promise<unknown>;
}
interface Tesseract {
  createWorker(langs: string, oem: number, options: Record<string, unknown>): Promise<TWorker>;
  OEM: { LSTM_ONLY: number };
}

/** Where the OCR assets are: dist/ocr (bundle: worker.js, core .wasm, eng.traineddata.gz), else node_modules. */
export function ocrPaths(): { langPath: string; workerPath?: string } | undefined {
  const dist = distAsset('ocr');
  if (existsSync(path.join(dist, 'eng.traineddata.gz')) && existsSync(path.join(dist, 'worker.js'))) return { langPath: dist, workerPath: path.join(dist, 'worker.js') };
  const nm = path.join(extensionRoot(), 'node_modules', '@tesseract.js-data', 'eng', '4.0.0_best_int');
  if (existsSync(path.join(nm, 'eng.traineddata.gz'))) return { langPath: nm };
  return undefined;
}

export class TesseractOcr implements OcrEngine {
  private worker: Promise<TWorker> | undefined;
  private onProgress: ((f: number) => void) | undefined;

  constructor(private readonly paths = ocrPaths()) {}

  get available(): boolean {
    return this.paths !== undefined;
  }

  private start(): Promise<TWorker> {
    const paths = this.paths;
    if (!paths) return Promise.reject(new Error('the OCR data is not installed'));
    this.worker ??= (async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const t = require('tesseract.js') as Tesseract;
      return t.createWorker('eng', t.OEM.LSTM_ONLY, {
        langPath: paths.langPath,
        cachePath: paths.langPath,
        cacheMethod: 'none',
        gzip: true,
        ...(paths.workerPath ? { workerPath: paths.workerPath } : {}),
        logger: (m: { status: string; progress: number }) => {
          if (m.status === 'recognizing text') this.onProgress?.(m.progress);
        },
        errorHandler: () => undefined,
      });
    })();
    return this.worker;
  }

  async recognize(image: Uint8Array, options: { signal?: AbortSignal; onProgress?: (fraction: number) => void }): Promise<OcrResult> {
    const worker = await this.start();
    if (options.signal?.aborted) throw new Error('cancelled');
    this.onProgress = options.onProgress;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        void this.dispose();
        reject(new Error('cancelled'));
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const r = await Promise.race([worker.recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength)), aborted]);
      return { text: tidyOcr(r.data.text), confidence: r.data.confidence };
    } finally {
      if (onAbort) options.signal?.removeEventListener('abort', onAbort);
      this.onProgress = undefined;
    }
  }

  async dispose(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await (await w.catch(() => undefined))?.terminate().catch(() => undefined);
  }
}

/** Tesseract's text: lines kept, paragraphs at blank lines, trailing spaces and form feeds out. */
export function tidyOcr(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/\f/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
