import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { Tagger } from '../core/tagger';

/** Path of the committed model, relative to the repository (or extension) root. */
export const MODEL_RELATIVE_PATH = 'models/ner-en.bin';

async function isDir(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isDirectory() ?? false;
}

async function isFile(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isFile() ?? false;
}

/**
 * The root of the repository or installed extension: the nearest directory at or above `from`
 * that holds both `models/` and `package.json` (the code runs bundled from dist/ or out/...).
 * With `needModels` false, `package.json` alone is enough (for the training script).
 */
export async function findRoot(from: string = __dirname, needModels = true): Promise<string> {
  let dir = path.resolve(from);
  for (;;) {
    if ((!needModels || (await isDir(path.join(dir, 'models')))) && (await isFile(path.join(dir, 'package.json')))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no directory with ${needModels ? 'models/ and ' : ''}package.json above ${from}`);
    dir = up;
  }
}

/** Read a tagger model from disk (default: the committed models/ner-en.bin). */
export async function loadTagger(modelPath?: string): Promise<Tagger> {
  const p = modelPath ?? path.join(await findRoot(), MODEL_RELATIVE_PATH);
  const bytes = await readFile(p);
  return Tagger.load(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** The id of a model file in cache keys: a changed model misses every cached tagger result, and only those. */
export async function modelId(modelPath: string): Promise<string> {
  return `tagger-${createHash('sha256').update(await readFile(modelPath)).digest('hex').slice(0, 16)}`;
}

/** The committed model's path. */
export async function defaultModelPath(): Promise<string> {
  return path.join(await findRoot(), MODEL_RELATIVE_PATH);
}
