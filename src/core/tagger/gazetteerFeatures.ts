import { combine, IntMap } from './hash';
import { C_ALLCAP, C_CAP, C_MIXED, C_NUM } from './templates';
import { analyse, TokenTable } from './tokenTable';

/**
 * Gazetteers: token sequences hashed over their lower-cased forms, and the marking of their matches
 * in a sentence (per token, a bit per type and BILU position) that the gazetteer features read.
 */

/**
 * A gazetteer: token sequences (hashed over their lower-cased forms) to a bit mask of types
 * (bit t = KINDS[t]). Only the hashes are stored.
 */
export class Gazetteer {
  readonly map: IntMap;
  maxLen = 0;

  /** `entries`: how many entries to make room for at once (a model being loaded knows). */
  constructor(entries = 0) {
    this.map = new IntMap(tableBits(entries));
  }
  static seqSeed = 0x2f1b3c4d;

  add(tokens: readonly string[], type: number): void {
    if (tokens.length === 0) return;
    let h = Gazetteer.seqSeed;
    const T = new TokenTable(Math.max(1, tokens.length));
    for (let k = 0; k < tokens.length; k++) {
      analyse(tokens[k]!, k, T);
      h = combine(h, T.lH[k]!);
      const bit = k === tokens.length - 1 ? 1 << type : GAZ_PREFIX;
      this.map.set(h, this.map.get(h, 0) | bit);
    }
    if (tokens.length > this.maxLen) this.maxLen = tokens.length;
  }
}

/** Bits of an IntMap that holds `entries` without growing (at least 12). */
export function tableBits(entries: number): number {
  let b = 12;
  while (1 << b < entries * 2 + 2) b++;
  return b;
}

/** Mask bit of a gazetteer entry that is the start of a longer entry. */
export const GAZ_PREFIX = 16;

function nameEdge(cap: number): boolean {
  return cap === C_CAP || cap === C_ALLCAP || cap === C_MIXED || cap === C_NUM;
}

/** Mark gazetteer matches of sentence [a, b) into `out` (per token: bit 4*type + BILU position). */
export function markGazetteer(T: TokenTable, a: number, b: number, g: Gazetteer, out: Uint16Array): void {
  const maxLen = g.maxLen;
  const map = g.map;
  for (let i = a; i < b; i++) {
    if (!nameEdge(T.cap[i]!)) continue;
    let h = Gazetteer.seqSeed;
    for (let k = 0; k < maxLen && i + k < b; k++) {
      const j = i + k;
      h = combine(h, T.lH[j]!);
      const m = map.get(h, 0);
      if (m === 0) break;
      if ((m & 15) !== 0 && nameEdge(T.cap[j]!)) markMatch(m, i, j, out);
      if ((m & GAZ_PREFIX) === 0) break;
    }
  }
}

function markMatch(m: number, i: number, j: number, out: Uint16Array): void {
  for (let t = 0; t < 4; t++) {
    if ((m & (1 << t)) === 0) continue;
    if (i === j) out[i]! |= 1 << (4 * t + 3);
    else {
      out[i]! |= 1 << (4 * t);
      for (let q = i + 1; q < j; q++) out[q]! |= 1 << (4 * t + 1);
      out[j]! |= 1 << (4 * t + 2);
    }
  }
}
