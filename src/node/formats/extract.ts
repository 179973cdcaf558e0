/**
 * Read one file into the documents it holds: the file itself and, for e-mail, its messages and
 * attachments (recursively, three levels at most). Runs wherever it is called: in the extraction
 * worker (worker.ts) for the hosts, in process for tests.
 */
import { FormatRegistry, isExtractedName, textFormatOf } from '../../core/formats/registry';
import type { DocumentMeta, ExtractedDocument, FormatLimits, FormatReader, OcrEngine, ReadContext } from '../../core/formats/types';
import { decodeText, looksBinary } from '../../core/text/text';
import { DocxReader } from './docx';
import { EmailReader, MboxReader } from './email';
import { HtmlReader } from './html';
import { ImageReader } from './image';
import { PdfReader } from './pdf';

/** One document read from a file: key '' is the file itself, '#report.pdf' an attachment, '#message-2#a.pdf' deeper. */
export interface ExtractedEntry {
  readonly key: string;
  readonly doc: ExtractedDocument;
}

export const READERS: readonly FormatReader[] = [new PdfReader(), new HtmlReader(), new DocxReader(), new EmailReader(), new MboxReader(), new ImageReader()];
const registry = new FormatRegistry(READERS);

export interface ReadAllOptions {
  readonly limits: FormatLimits;
  readonly ocr?: OcrEngine;
  readonly signal?: AbortSignal;
  readonly onProgress?: (fraction: number, message: string) => void;
}

const MAX_DEPTH = 3;

/** Read a file (and what it embeds). Never throws for bad input: a failing reader gives a skipped entry with its error. */
export async function readAll(name: string, bytes: Uint8Array, options: ReadAllOptions): Promise<ExtractedEntry[]> {
  const out: ExtractedEntry[] = [];
  await readInto(out, '', name, bytes, options, 0, undefined);
  return out;
}

async function readInto(out: ExtractedEntry[], key: string, name: string, bytes: Uint8Array, o: ReadAllOptions, depth: number, inherited: DocumentMeta | undefined): Promise<void> {
  const doc = await readOne(name, bytes, o, key === '');
  const { embedded, ...rest } = doc;
  out.push({ key, doc: inherited ? { ...rest, meta: { ...inherited, ...rest.meta } } : rest });
  if (!embedded?.length) return;
  if (depth >= MAX_DEPTH) return;
  for (const e of embedded) {
    if (o.signal?.aborted) return;
    await readInto(out, `${key}#${e.key}`, e.name.includes('.') || !doc.container ? e.name : `${e.name}.eml`, e.bytes, o, depth + 1, e.meta);
  }
}

/**
 * The bytes of a file embedded in another (an e-mail's attachment, a message of a mailbox):
 * `key` as in ExtractedEntry ('#report.pdf', '#message-2#a.pdf'). Undefined when it is not there.
 * Reads only the containers on the way (no OCR).
 */
export async function embeddedBytes(name: string, bytes: Uint8Array, key: string, options: ReadAllOptions): Promise<Uint8Array | undefined> {
  const parts = key.split('#').slice(1);
  let cur = { name, bytes };
  for (const part of parts.slice(0, MAX_DEPTH)) {
    if (options.signal?.aborted) return undefined;
    const doc = await readOne(cur.name, cur.bytes, { ...options, ocr: undefined }, cur.name === name);
    const e = doc.embedded?.find((x) => x.key === part);
    if (!e) return undefined;
    cur = { name: e.name.includes('.') || !doc.container ? e.name : `${e.name}.eml`, bytes: e.bytes };
  }
  return parts.length && parts.length <= MAX_DEPTH ? cur.bytes : undefined;
}

async function readOne(name: string, bytes: Uint8Array, o: ReadAllOptions, top: boolean): Promise<ExtractedDocument> {
  if (bytes.byteLength > o.limits.maxFileBytes) {
    return { format: textFormatOf(name), text: '', meta: {}, problems: [{ severity: 'error', message: `the file is ${Math.round(bytes.byteLength / 1024 / 1024)} MB, more than the ${Math.round(o.limits.maxFileBytes / 1024 / 1024)} MB limit: skipped` }], skipped: true };
  }
  const reader = registry.readerFor(name);
  if (!reader) {
    // An attachment that is text (top-level text files are read by the host).
    if (!top && !isExtractedName(name)) {
      if (looksBinary(bytes)) return { format: textFormatOf(name), text: '', meta: {}, problems: [{ severity: 'warning', message: 'not a text file (binary content): skipped' }], skipped: true };
      return { format: textFormatOf(name), text: decodeText(bytes), meta: {}, problems: [] };
    }
    return { format: textFormatOf(name), text: '', meta: {}, problems: [{ severity: 'error', message: 'no reader for this kind of file' }], skipped: true };
  }
  const ctx: ReadContext = { name, limits: o.limits, signal: o.signal, onProgress: o.onProgress, ocr: o.ocr };
  try {
    return await reader.read(bytes, ctx);
  } catch (e) {
    if (o.signal?.aborted) throw e;
    return { format: reader.format, text: '', meta: {}, problems: [{ severity: 'error', message: `cannot be read (${e instanceof Error ? e.message : String(e)}): skipped` }], skipped: true };
  }
}
