/**
 * The extraction worker (dist/extract-worker.js): reads files off the host's thread. Messages in:
 * { id, name, bytes, limits, ocr } and { cancel: id }; out: { id, progress, message } and { id, entries } or { id, error }.
 */
import { parentPort } from 'node:worker_threads';
import type { FormatLimits } from '../../core/formats/types';
import { readAll } from './extract';
import { TesseractOcr } from './ocr';

interface Job {
  id: number;
  name: string;
  bytes: Uint8Array;
  limits: FormatLimits;
  ocr: boolean;
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
