import { foldKey } from './text';
import { tokenize } from './tokenize';
import type { Span, Token } from '../types';

/**
 * Finds known names in any text: a trie over the folded tokens of every name and alias.
 *
 * Matching folds case and diacritics, but keeps the shape a reader relies on: where the known form
 * of a token is capitalised, the text's token must be too, and an all-capitals acronym must be
 * all capitals in the text. So "US" does not match "us", "Turkey" does not match "turkey".
 */
export interface MatchHit<T> extends Span {
  readonly value: T;
  /** Number of tokens matched. */
  readonly tokens: number;
}

interface TrieNode<T> {
  next?: Map<string, TrieNode<T>>;
  /** Values ending here, with the shape of each token of the known form. */
  ends?: { value: T; shapes: Shape[] }[];
}

const enum Shape {
  Lower = 0,
  Capitalised = 1,
  Upper = 2,
}

function shapeOf(t: string): Shape {
  // Fast path for ASCII tokens (most of them).
  let upper = 0;
  let lowerCount = 0;
  let ascii = true;
  let first = -1;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c > 127) {
      ascii = false;
      break;
    }
    if (c >= 65 && c <= 90) {
      upper++;
      if (first < 0) first = 1;
    } else if (c >= 97 && c <= 122) {
      lowerCount++;
      if (first < 0) first = 0;
    }
  }
  if (ascii) {
    if (upper >= 2 && lowerCount === 0) return Shape.Upper;
    return first === 1 ? Shape.Capitalised : Shape.Lower;
  }
  const letters = t.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return Shape.Upper;
  const c = letters[0];
  if (c !== undefined && c !== c.toLowerCase()) return Shape.Capitalised;
  return Shape.Lower;
}

function fits(known: Shape, actual: Shape): boolean {
  if (known === Shape.Upper) return actual === Shape.Upper;
  if (known === Shape.Capitalised) return actual !== Shape.Lower;
  return true;
}

/** Folded form of one token for matching. Possessive tokens are never part of a name. */
export function tokenKey(t: string): string {
  return foldKey(t);
}

/**
 * The folded keys of a token array, computed once and shared by every matcher that reads the same
 * tokens (places, groups, titles, the catalog all look at each token of a document).
 */
const keyCache = new WeakMap<readonly Token[], string[]>();
export function foldedKeys(tokens: readonly Token[]): string[] {
  let keys = keyCache.get(tokens);
  if (!keys || keys.length !== tokens.length) {
    keys = tokens.map((t) => (t.kind === 'punct' ? t.text : tokenKey(t.text)));
    keyCache.set(tokens, keys);
  }
  return keys;
}

export class NameMatcher<T> {
  private readonly root: TrieNode<T> = {};
  private size_ = 0;

  get size(): number {
    return this.size_;
  }

  /** True when some known form starts with the token whose folded key this is (a cheap pre-check). */
  startsWith(key: string): boolean {
    return this.root.next?.has(key) ?? false;
  }

  /** Add a known form. Returns false when the form has no word tokens. */
  add(form: string, value: T): boolean {
    const toks = tokenize(form).filter((t) => t.kind !== 'punct' || t.text === '&');
    if (toks.length === 0) return false;
    let node = this.root;
    for (const t of toks) {
      const k = tokenKey(t.text);
      node.next ??= new Map();
      let child = node.next.get(k);
      if (!child) {
        child = {};
        node.next.set(k, child);
      }
      node = child;
    }
    node.ends ??= [];
    node.ends.push({ value, shapes: toks.map((t) => shapeOf(t.text)) });
    this.size_++;
    return true;
  }

  /** All non-overlapping longest matches in token order. */
  matchTokens(tokens: readonly Token[], from = 0, to = tokens.length): MatchHit<T>[] {
    const hits: MatchHit<T>[] = [];
    let i = from;
    while (i < to) {
      const hit = this.longestAt(tokens, i, to);
      if (hit) {
        hits.push(hit);
        i += hit.tokens;
      } else i++;
    }
    return hits;
  }

  /** The longest known form starting at token i. */
  longestAt(tokens: readonly Token[], i: number, to = tokens.length): MatchHit<T> | undefined {
    let node: TrieNode<T> | undefined = this.root;
    let best: MatchHit<T> | undefined;
    const keys = foldedKeys(tokens);
    for (let j = i; j < to && node?.next; j++) {
      const tok: Token = tokens[j]!;
      if (tok.kind === 'punct' && tok.text !== '&') break;
      node = node.next.get(keys[j]!);
      if (!node) break;
      if (node.ends) {
        const end = node.ends.find((e) => e.shapes.every((s, k) => fits(s, shapeOf(tokens[i + k]!.text))));
        if (end) best = { start: tokens[i]!.start, end: tok.end, value: end.value, tokens: j - i + 1 };
      }
    }
    return best;
  }

  /** Matches in a plain string. */
  matchText(text: string, start = 0, end = text.length): MatchHit<T>[] {
    return this.matchTokens(tokenize(text, start, end));
  }
}
