/**
 * A persistent cache on disk: key → value, values packed with msgpackr (compact, fast), one file
 * per entry under `<dir>/<namespace>/`, named by the SHA-256 of the key. Keys are free-form strings:
 * callers put into them whatever the value depends on (a content hash, a pipeline or model version),
 * so a changed input simply misses and nothing is ever invalidated by hand. Writes go to a temporary
 * file renamed into place (two writers at once are safe); an unreadable or foreign entry is a miss.
 * Generic on purpose: per-document analysis results use it, and so can extracted text of PDFs & co.
 */
import { createHash } from 'node:crypto';
import { readFile as readFileCb } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Packr } from 'msgpackr';

/** What a cache offers (the disk cache below; a test may use a Map). */
export interface KeyValueCache<T> {
  get(key: string): Promise<T | undefined>;
  set(key: string, value: T): Promise<void>;
}

/**
 * A whole file in one request to libuv's thread pool. The promise API's readFile goes through a
 * FileHandle (open, stat, reads, close, each a turn of the event loop): about 3× slower on the
 * thousands of small entries a cache-warm start reads.
 */
function readWhole(file: string): Promise<Buffer> {
  return new Promise((resolve, reject) => readFileCb(file, (e, b) => (e ? reject(e) : resolve(b))));
}

const packr = new Packr({ useRecords: true, moreTypes: false, mapsAsObjects: true });

interface Entry<T> {
  readonly k: string;
  readonly v: T;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export class DiskCache<T> implements KeyValueCache<T> {
  private readonly root: string;
  private readonly madeDirs = new Set<string>();
  private tmpSeq = 0;
  hits = 0;
  misses = 0;

  constructor(dir: string, namespace: string) {
    this.root = path.join(dir, namespace);
  }

  private fileOf(key: string): { dir: string; file: string } {
    const h = sha256(key);
    const dir = path.join(this.root, h.slice(0, 2));
    return { dir, file: path.join(dir, h.slice(2)) };
  }

  async get(key: string): Promise<T | undefined> {
    try {
      const e = packr.unpack(await readWhole(this.fileOf(key).file)) as Entry<T>;
      if (e && e.k === key) {
        this.hits++;
        return e.v;
      }
    } catch {
      // missing or unreadable: a miss
    }
    this.misses++;
    return undefined;
  }

  async set(key: string, value: T): Promise<void> {
    const { dir, file } = this.fileOf(key);
    if (!this.madeDirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    const tmp = `${file}.${process.pid}.${++this.tmpSeq}.tmp`;
    await writeFile(tmp, packr.pack({ k: key, v: value } satisfies Entry<T>));
    await rename(tmp, file);
  }
}
