/**
 * Bytes of a text file → the text, whatever its encoding: the one function every reader of plain
 * text files calls (the CLI, the extension, the format readers for .txt-like files).
 *
 *   1. a byte-order mark decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE); the BOM is not part of the text;
 *   2. bytes that are valid UTF-8 are UTF-8 (ASCII included);
 *   3. UTF-16 without a BOM is recognised by its zero bytes in every other position;
 *   4. otherwise a maintained detector (chardet) names the legacy encoding (Latin-1, Windows-1252,
 *      KOI8-R, Shift JIS, …), decoded with iconv-lite; Windows-1252 when it cannot tell.
 *
 * A file is binary (not indexed) when, after that, it still has NUL bytes or many control
 * characters: a PDF or a Word file saved under a .txt name. Line endings are never changed; offsets
 * into `text` are UTF-16 code units, as everywhere in the core.
 */
import { isAscii } from 'node:buffer';
import { detect } from 'chardet';
import iconv from 'iconv-lite';

export interface DecodedText {
  readonly text: string;
  /** The encoding assumed, as iconv-lite names it ('utf-8', 'utf-16le', 'windows-1252', …). */
  readonly encoding: string;
  /** How it was decided: 'bom', 'valid UTF-8', 'zero bytes' (UTF-16 without BOM), 'detected' or 'fallback'. */
  readonly how: 'bom' | 'valid UTF-8' | 'zero bytes' | 'detected' | 'fallback';
  /** Set when the content is not text; `text` is then empty. */
  readonly binary?: string;
}

const BOMS: readonly (readonly [readonly number[], string])[] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe, 0x00, 0x00], 'utf-32le'],
  [[0x00, 0x00, 0xfe, 0xff], 'utf-32be'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

function bomOf(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  for (const [bom, encoding] of BOMS) {
    if (bytes.length >= bom.length && bom.every((b, i) => bytes[i] === b)) return { encoding, length: bom.length };
  }
  return undefined;
}

/** UTF-16 without a BOM: most odd (LE) or even (BE) bytes of the head are zero, and the others not. */
function utf16WithoutBom(bytes: Uint8Array): string | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const half = n / 2;
  if (zeroOdd > half * 0.6 && zeroEven < half * 0.05) return 'utf-16le';
  if (zeroEven > half * 0.6 && zeroOdd < half * 0.05) return 'utf-16be';
  return undefined;
}

/** The text of ASCII bytes. */
function asciiText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** The text of bytes that are valid UTF-8 (decoded once: a large file is not decoded twice), else undefined. */
function validUtf8(bytes: Uint8Array): string | undefined {
  // ASCII is UTF-8 and Latin-1 alike: Node decodes Latin-1 with a plain copy, and a large text
  // into memory of its own, outside the heap the garbage collector goes through.
  if (isAscii(bytes)) return asciiText(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The detector's guess, as an encoding iconv-lite can decode (undefined when none). */
function detected(bytes: Uint8Array): string | undefined {
  const sample = bytes.length > 65536 ? bytes.subarray(0, 65536) : bytes;
  let name = detect(sample);
  if (!name) return undefined;
  name = name.toLowerCase();
  if (name === 'utf-8' || name === 'ascii' || name.startsWith('utf-16') || name.startsWith('utf-32')) return undefined;
  // ISO-8859-1 text with bytes 0x80–0x9F is Windows-1252 (curly quotes, dashes), a superset for the rest.
  if (name === 'iso-8859-1') name = 'windows-1252';
  return iconv.encodingExists(name) ? name : undefined;
}

/** Control characters other than tab, line feed, vertical tab, form feed, carriage return and escape. */
function controlShare(text: string): number {
  const n = Math.min(text.length, 8192);
  if (n === 0) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13 && c !== 27) || c === 0xfffd) bad++;
  }
  return bad / n;
}

/** Decode the bytes of a text file (see the module comment). */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  return decodeWith(bytes, undefined);
}

/** Bytes decoded between two pauses (decodeInSlices). */
const DECODE_SLICE = 1 << 20;

/**
 * decodeBytes for a large file, without holding the thread for long: ASCII is copied at once (a
 * few milliseconds for 60 MB); other UTF-8 is decoded a megabyte at a time, `pause` awaited
 * between (60 MB in one go held the extension host for a sixth of a second). Anything else is
 * decoded as decodeBytes does.
 */
export async function decodeInSlices(bytes: Uint8Array, pause: () => Promise<void>): Promise<DecodedText> {
  if (bytes.length <= 4 * DECODE_SLICE || bomOf(bytes)) return decodeBytes(bytes);
  // ASCII (which no byte-order mark is): checked here once, not again in decodeBytes.
  if (isAscii(bytes)) return decodeWith(bytes, asciiText(bytes));
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const parts: string[] = [];
  try {
    for (let at = 0; at < bytes.length; at += DECODE_SLICE) {
      const end = Math.min(bytes.length, at + DECODE_SLICE);
      parts.push(decoder.decode(bytes.subarray(at, end), { stream: end < bytes.length }));
      await pause();
    }
  } catch {
    return decodeWith(bytes, undefined, false);
  }
  return decodeWith(bytes, parts.join(''));
}

/** decodeBytes, given the text when the bytes are known to be valid UTF-8 (`tryUtf8` false: known not to be). */
function decodeWith(bytes: Uint8Array, knownUtf8: string | undefined, tryUtf8 = true): DecodedText {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = knownUtf8 === undefined ? bomOf(buf) : undefined;
  let encoding: string;
  let how: DecodedText['how'];
  let body: Uint8Array = buf;
  let utf8: string | undefined = knownUtf8;
  if (utf8 !== undefined) {
    encoding = 'utf-8';
    how = 'valid UTF-8';
  } else if (bom) {
    encoding = bom.encoding;
    how = 'bom';
    body = buf.subarray(bom.length);
  } else if (tryUtf8 && (utf8 = validUtf8(buf)) !== undefined) {
    encoding = 'utf-8';
    how = 'valid UTF-8';
  } else {
    const u16 = utf16WithoutBom(buf);
    const guess = u16 ?? detected(buf);
    encoding = guess ?? 'windows-1252';
    how = u16 ? 'zero bytes' : guess ? 'detected' : 'fallback';
  }
  // Zero bytes in a single-byte or UTF-8 file: not text.
  if ((encoding === 'utf-8' || !encoding.startsWith('utf-')) && body.subarray(0, 8192).includes(0)) {
    return { text: '', encoding, how, binary: 'it has NUL bytes' };
  }
  const text = utf8 ?? (encoding === 'utf-8' ? new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(body) : iconv.decode(Buffer.from(body), encoding, { stripBOM: false }));
  if (controlShare(text) > 0.1) return { text: '', encoding, how, binary: 'it is mostly control characters' };
  return { text, encoding, how };
}

/** A sentence for the log: "ISO text decoded as windows-1252 (detected)". Undefined for plain UTF-8. */
export function describeEncoding(d: DecodedText): string | undefined {
  if (d.encoding === 'utf-8' && d.how !== 'bom') return undefined;
  const why = d.how === 'bom' ? 'byte-order mark' : d.how === 'zero bytes' ? 'UTF-16 without a byte-order mark' : d.how === 'detected' ? 'detected' : 'not UTF-8; the detector could not tell, assumed';
  return `read as ${d.encoding.toUpperCase()} (${why})`;
}
