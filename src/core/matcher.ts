import { foldKey } from './text';
import { tokenize } from './tokenize';
import type { Span, Token } from './types';

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

export class NameMatcher<T> {
  private readonly root: TrieNode<T> = {};
  private size_ = 0;

  get size(): number {
    return this.size_;
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
    for (let j = i; j < to && node?.next; j++) {
      const tok: Token = tokens[j]!;
      if (tok.kind === 'punct' && tok.text !== '&') break;
      node = node.next.get(tokenKey(tok.text));
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
