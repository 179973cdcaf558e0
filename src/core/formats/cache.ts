/** Extraction results cached by the content hash of the file (so a moved or renamed file is not read again). */
import type { ExtractedDocument } from './types';

export interface CachedEntry {
  readonly key: string;
  readonly doc: ExtractedDocument;
}

export interface ExtractionCache {
  get(hash: string): Promise<readonly CachedEntry[] | undefined>;
  set(hash: string, entries: readonly CachedEntry[]): Promise<void>;
}

/** A cache that keeps nothing (the CLI without --cache). */
export const NO_CACHE: ExtractionCache = {
  get: () => Promise.resolve(undefined),
  set: () => Promise.resolve(),
};
