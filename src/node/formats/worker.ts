/**
 * The extraction worker (dist/extract-worker.js): reads files off the host's thread. Messages in:
 * { id, name, bytes, limits, ocr }, { id, name, bytes, limits, embedded: key } and { cancel: id }; out: { id, progress, message }
 * and { id, entries }, { id, file } (the embedded file's bytes, or null) or { id, error }.
 */
import { parentPort } from 'node:worker_threads';
import type { FormatLimits } from '../../core/formats/types';
import { embeddedBytes, readAll } from './extract';
import { TesseractOcr } from './ocr';

interface Job {
  id: number;
  name: string;
  bytes: Uint8Array;
  limits: FormatLimits;
  ocr: boolean;
  /** Only the bytes of this embedded file ('#report.pdf'), not the documents. */
  embedded?: string;
}

const ocr = new TesseractOcr();
const running = new Map<number, AbortController>();

parentPort?.on('message', (msg: Job | { cancel: number }) => {
  if ('cancel' in msg) {
    running.get(msg.cancel)?.abort();
    return;
  }
  const ac = new AbortController();
  running.set(msg.id, ac);
  if (msg.embedded !== undefined) {
    embeddedBytes(msg.name, msg.bytes, msg.embedded, { limits: msg.limits, signal: ac.signal }).then(
      (found) => {
        const file = found ? new Uint8Array(found) : null; // its own buffer, transferred
        parentPort?.postMessage({ id: msg.id, file }, file ? [file.buffer] : []);
      },
      (e: unknown) => parentPort?.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) }),
    ).finally(() => running.delete(msg.id));
    return;
  }
  readAll(msg.name, msg.bytes, {
    limits: msg.limits,
    ocr: msg.ocr && ocr.available ? ocr : undefined,
    signal: ac.signal,
    onProgress: (progress, message) => parentPort?.postMessage({ id: msg.id, progress, message }),
  }).then(
    (entries) => parentPort?.postMessage({ id: msg.id, entries }),
    (e: unknown) => parentPort?.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) }),
  ).finally(() => running.delete(msg.id));
});
