import { FNV_OFFSET, FNV_PRIME } from './hash';
import { C_ALLCAP, C_CAP, C_LOWER, C_MIXED, C_NUM, C_PUNCT } from './templates';

/**
 * Per-token values (TokenTable, struct of arrays) and the one pass over a token's characters that
 * fills its row (analyse): the hashes of the word, its lower-cased form, its shape, prefixes and
 * suffixes up to 4, its length, capitalisation class and character flags. Curly quotes, dashes and
 * the like are normalised to the ASCII forms of the CoNLL-2003 text inside the hash (normChar), so
 * the model sees "’s" and "'s" as the same token.
 */

/** Map typographic characters to the ASCII the CoNLL-2003 text uses. */
export function normChar(c: number): number {
  if (c < 128) return c;
  switch (c) {
    case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x2032: case 0x02bc:
      return 39; // '
    case 0x201c: case 0x201d: case 0x201e: case 0x201f: case 0x2033: case 0xab: case 0xbb:
      return 34; // "
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
      return 45; // -
    case 0x2026:
      return 46; // .
    case 0xa0:
      return 32;
    default:
      return c;
  }
}

/** Lower-case form of a code unit, digits mapped to '0'; -1 in `kind` slot via return of class. */
function lowerCode(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c >= 48 && c <= 57) return 48;
  if (c < 128) return c;
  const ch = String.fromCharCode(c);
  const l = ch.toLowerCase();
  return l.length === 1 ? l.charCodeAt(0) : c;
}

/** Per-token values, struct of arrays. */
export class TokenTable {
  n = 0;
  wH: Int32Array;
  lH: Int32Array;
  shH: Int32Array;
  pre: Int32Array; // 4 per token
  suf: Int32Array; // 4 per token
  len: Uint16Array;
  cap: Uint8Array;
  flags: Uint8Array;
  initial: Uint8Array;
  sentCase: Uint8Array;
  gaz: Uint16Array;
  xgaz: Uint16Array;
  doc: Uint8Array;
  constructor(cap = 1024) {
    this.wH = new Int32Array(cap);
    this.lH = new Int32Array(cap);
    this.shH = new Int32Array(cap);
    this.pre = new Int32Array(cap * 4);
    this.suf = new Int32Array(cap * 4);
    this.len = new Uint16Array(cap);
    this.cap = new Uint8Array(cap);
    this.flags = new Uint8Array(cap);
    this.initial = new Uint8Array(cap);
    this.sentCase = new Uint8Array(cap);
    this.gaz = new Uint16Array(cap);
    this.xgaz = new Uint16Array(cap);
    this.doc = new Uint8Array(cap);
  }
  reserve(n: number): void {
    if (n <= this.wH.length) return;
    let c = this.wH.length;
    while (c < n) c *= 2;
    const t = new TokenTable(c);
    Object.assign(this, t);
  }
}

const F_DIGIT = 1;
const F_HYPHEN = 2;
const F_DOT = 4;
const F_APOS = 8;
const F_AMP = 16;

/** Hash one token into row i of the table. */
export function analyse(s: string, i: number, T: TokenTable): void {
  let wh = FNV_OFFSET;
  let lh = FNV_OFFSET;
  let sh = FNV_OFFSET;
  let lastShape = -1;
  let upper = 0;
  let lower = 0;
  let digit = 0;
  let flags = 0;
  let firstLetterUpper = -1;
  const len = s.length;
  const p4 = i * 4;
  for (let j = 0; j < len; j++) {
    const c = normChar(s.charCodeAt(j));
    wh = Math.imul(wh ^ c, FNV_PRIME);
    let lc = c;
    let sc: number;
    if (c >= 65 && c <= 90) {
      lc = c + 32;
      sc = 88;
      upper++;
      if (firstLetterUpper < 0) firstLetterUpper = 1;
    } else if (c >= 97 && c <= 122) {
      sc = 120;
      lower++;
      if (firstLetterUpper < 0) firstLetterUpper = 0;
    } else if (c >= 48 && c <= 57) {
      lc = 48;
      sc = 100;
      digit++;
      flags |= F_DIGIT;
    } else if (c < 128) {
      sc = c;
      if (c === 45) flags |= F_HYPHEN;
      else if (c === 46) flags |= F_DOT;
      else if (c === 39) flags |= F_APOS;
      else if (c === 38) flags |= F_AMP;
    } else {
      const ch = String.fromCharCode(c);
      const l = ch.toLowerCase();
      const u = ch.toUpperCase();
      if (l !== u) {
        if (ch === u) {
          lc = l.length === 1 ? l.charCodeAt(0) : c;
          sc = 88;
          upper++;
          if (firstLetterUpper < 0) firstLetterUpper = 1;
        } else {
          sc = 120;
          lower++;
          if (firstLetterUpper < 0) firstLetterUpper = 0;
        }
      } else sc = c;
    }
    lh = Math.imul(lh ^ lc, FNV_PRIME);
    if (j < 4) T.pre[p4 + j] = lh;
    if (sc !== lastShape) {
      sh = Math.imul(sh ^ sc, FNV_PRIME);
      lastShape = sc;
    }
  }
  for (let j = len; j < 4; j++) T.pre[p4 + j] = 0;
  // Suffixes, hashed from the end.
  let rh = FNV_OFFSET ^ 0x5f;
  for (let k = 0; k < 4; k++) {
    const j = len - 1 - k;
    if (j < 0) {
      T.suf[p4 + k] = 0;
      continue;
    }
    rh = Math.imul(rh ^ lowerCode(normChar(s.charCodeAt(j))), FNV_PRIME);
    T.suf[p4 + k] = rh;
  }
  const letters = upper + lower;
  const c0 = s.charCodeAt(0);
  let cap: number;
  if (letters === 0) cap = digit > 0 ? C_NUM : C_PUNCT;
  else if (c0 >= 48 && c0 <= 57) cap = C_NUM; // "1860s", "3M"
  else if (firstLetterUpper === 1) cap = upper === letters && letters > 1 ? C_ALLCAP : C_CAP;
  else cap = upper > 0 ? C_MIXED : C_LOWER;
  T.wH[i] = wh | 0;
  T.lH[i] = lh | 0;
  T.shH[i] = sh | 0;
  T.len[i] = len > 65535 ? 65535 : len;
  T.cap[i] = cap;
  T.flags[i] = flags;
}
