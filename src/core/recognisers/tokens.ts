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

const headingCache = new WeakMap<PreparedDocument, Uint8Array>();

/**
 * Sentences written as headings: two or more words and every one of them capitalised, function
 * words included ("MITCHELL DEFEATS BAILEY IN FRONT OF …", "Thanks For The Prompt Service"). There
 * capitals say nothing about names, so the rules that read them (an organisation's head noun) stay
 * out and the tagger alone reads the line. Indexed by sentence.
 */
export function headingSentences(doc: PreparedDocument): Uint8Array {
  let marks = headingCache.get(doc);
  if (marks) return marks;
  marks = new Uint8Array(doc.sentences.length);
  const words = new Int32Array(doc.sentences.length);
  const lower = new Uint8Array(doc.sentences.length);
  doc.tokens.forEach((t, i) => {
    if (t.kind !== 'word' || !/^\p{L}/u.test(t.text)) return;
    const s = doc.tokenSentence[i]!;
    words[s]!++;
    if (!isCapitalised(t.text)) lower[s] = 1;
  });
  for (let s = 0; s < marks.length; s++) marks[s] = words[s]! >= 2 && !lower[s] ? 1 : 0;
  headingCache.set(doc, marks);
  return marks;
}

const casualCache = new WeakMap<PreparedDocument, boolean>();

/**
 * A document whose capitals are not to be trusted (chat, social posts, hasty e-mail): the pronoun
 * "I" written "i", a quarter or more of its sentences starting in lower case, or too short to tell
 * (two sentences or fewer). There a name
 * written in lower case is still a name, and a word written both ways is not thereby a common word.
 */
export function casualCasing(doc: PreparedDocument): boolean {
  const cached = casualCache.get(doc);
  if (cached !== undefined) return cached;
  let starts = 0;
  let lowerStarts = 0;
  let casual = false;
  let prev = -1;
  for (let i = 0; i < doc.tokens.length && !casual; i++) {
    const t = doc.tokens[i]!;
    if (t.kind === 'word' && t.text === 'i') casual = true;
    const s = doc.tokenSentence[i]!;
    if (s !== prev && t.kind === 'word' && /^\p{L}/u.test(t.text)) {
      prev = s;
      starts++;
      if (!isCapitalised(t.text)) lowerStarts++;
    }
  }
  // Two sentences or fewer (a post, a line) are too little to know how the writer uses capitals.
  casual ||= starts < 3 || lowerStarts * 4 >= starts;
  casualCache.set(doc, casual);
  return casual;
}
