import { isCapitalised } from '../text/tokenize';
import type { PreparedDocument, Token } from '../types';
import { NOT_NAME_START, ORG_HEADS } from './lexicon';

/** Helpers over the tokens of a prepared document, shared by the rule recognisers. */

export function lower(t: Token | undefined): string {
  return t ? t.text.toLowerCase() : '';
}

/** A word that starts with a capital letter (or is a dotted capital abbreviation like "U.S."). */
export function isCap(t: Token | undefined): boolean {
  return t !== undefined && t.kind === 'word' && isCapitalised(t.text);
}

/** Name particles allowed inside a name, never at its edges ("Osama bin Laden", "Ludwig van Beethoven"). */
const PARTICLES = new Set(['bin', 'bint', 'ibn', 'al', 'el', 'de', 'da', 'di', 'del', 'della', 'van', 'von', 'der', 'den', 'du', 'le', 'la', 'dos', 'das', 'ben']);

/** True when tokens i and j are in the same sentence of the document. */
export function sameSentence(doc: PreparedDocument, i: number, j: number): boolean {
  return doc.tokenSentence[i] === doc.tokenSentence[j];
}

/**
 * The run of capitalised name tokens from token i: up to `max` tokens, particles allowed inside,
 * stopping at punctuation, possessives, lower-case words, the next sentence, or where `stop` says.
 * Returns the end index (exclusive); i when there is no name.
 */
export function nameRun(doc: PreparedDocument, i: number, max = 4, stop?: (k: number) => boolean): number {
  const toks = doc.tokens;
  let j = i;
  let last = i;
  let n = 0;
  while (j < toks.length && n < max) {
    const t = toks[j]!;
    if (j > i && !sameSentence(doc, i, j)) break;
    if (stop?.(j)) break;
    if (isCap(t) && !ORG_HEADS.has(t.text.toLowerCase())) {
      j++;
      n++;
      last = j;
      continue;
    }
    if (j > i && t.kind === 'word' && PARTICLES.has(t.text) && isCap(toks[j + 1])) {
      j++;
      continue;
    }
    break;
  }
  if (last > i && NOT_NAME_START.has(lower(toks[i]))) return i;
  return last;
}
