/**
 * Alias rules: how mentions become entities. Each rule is small and readable:
 *
 * 1. Keys. A name's key folds case and diacritics and drops the dots of acronyms ("U.S." = "US"),
 *    a trailing possessive and surrounding quotes ("Netanyahu's" = "Netanyahu"), and a leading
 *    "The" ("The Labour Party" = "Labour Party").
 * 2. Curated names win. A name or alias from entities.yaml maps to its curated entity.
 * 3. Short forms of people. A person's name of k tokens joins the one longer person name whose
 *    last k tokens it equals: first among the names of the same document, else among the corpus.
 *    Two or more fits: it stays on its own ("ambiguous short forms stay unmerged").
 * 4. Acronyms. A name holding an acronym ("U.N. Security Council", "US") joins the one longer
 *    organisation or place of the same type whose initials spell it out ("United Nations Security
 *    Council") and that is written out in a document where the acronym is (so "GM" does not become
 *    the Gulf of Mexico because both spell G-M somewhere in the corpus).
 *    A recogniser may also state the long form outright ("Trans-Anatolian (TANAP)").
 * 5. Dates and quantities are keyed by their normalised value ("June 5" = "5 June").
 */
import { foldKey } from '../text/text';
import type { EntityType } from '../types';

const POSSESSIVE = /(?:['’]s|['’])$/i;
const EDGE_PUNCT = /^[\s"'“”‘’«»()[\]]+|[\s"'“”‘’«»()[\],.;:!?]+$/g;

/**
 * A small memo for the pure functions below: the same names come back in every document of a
 * corpus ("US", "Mr Blair"), and computing their keys is most of the cost of indexing a mention.
 */
function memo(fn: (s: string) => string, limit = 50_000): (s: string) => string {
  let cache = new Map<string, string>();
  return (s: string) => {
    let v = cache.get(s);
    if (v === undefined) {
      v = fn(s);
      if (cache.size >= limit) cache = new Map();
      cache.set(s, v);
    }
    return v;
  };
}

/** Strip possessive and edge punctuation; collapse white space. */
export const cleanSurface = memo(cleanSurfaceUncached);

function cleanSurfaceUncached(name: string): string {
  const collapsed = name.replace(/\s+/g, ' ');
  // A dotted abbreviation keeps its last full stop ("U.S.").
  if (/(?:^|\s)(?:\p{L}\.){2,}$/u.test(collapsed)) return collapsed.replace(/^[\s"'“”‘’«»()[\]]+/, '');
  let n = collapsed.replace(EDGE_PUNCT, '');
  if (POSSESSIVE.test(n) && n.length > 2) n = n.replace(POSSESSIVE, '');
  return n.replace(EDGE_PUNCT, '');
}

const DOTTED = /^(?:\p{L}\.)+\p{L}?\.?$/u;

/** A name's key (rule 1). */
export const nameKey = memo(nameKeyUncached);

function nameKeyUncached(name: string): string {
  const key = foldKey(cleanSurface(name))
    .split(' ')
    .map((w) => (DOTTED.test(w) ? w.replace(/\./g, '') : w))
    .join(' ');
  // "The Labour Party" (opening a sentence, or as the tagger reads "The Hague") is the Labour Party.
  return key.startsWith('the ') && key.length > 4 ? key.slice(4) : key;
}

export function words(name: string): string[] {
  return cleanSurface(name).split(/[\s]+/).filter(Boolean);
}

const FUNCTION_WORDS = new Set(['of', 'and', 'the', 'for', 'in', 'on', 'de', 'du', 'la', 'von', 'van', '&']);

function isAcronymWord(w: string): boolean {
  const letters = w.replace(/\./g, '');
  return letters.length >= 2 && letters.length <= 6 && /^\p{Lu}+$/u.test(letters);
}

/** Does the name hold an acronym token (rule 4)? */
export function hasAcronym(name: string): boolean {
  return words(name).some(isAcronymWord);
}

/**
 * Every form of a long name with one run of two or more of its capitalised words collapsed to
 * initials: "United Nations Security Council" -> "UN Security Council", "UNSC", "United NSC", ...
 * Function words inside a run are skipped ("United States of America" -> "USA").
 */
export function acronymVariants(name: string): string[] {
  const ws = words(name);
  if (ws.length < 2 || ws.length > 8) return [];
  const out: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    if (!/^\p{Lu}/u.test(ws[i]!)) continue;
    let initials = ws[i]![0]!;
    let count = 1;
    for (let j = i + 1; j < ws.length; j++) {
      const w = ws[j]!;
      if (FUNCTION_WORDS.has(w.toLowerCase())) continue;
      if (!/^\p{Lu}/u.test(w)) break;
      initials += w[0]!;
      count++;
      if (count >= 2) out.push(nameKey([...ws.slice(0, i), initials, ...ws.slice(j + 1)].join(' ')));
    }
  }
  return out;
}

/** Key of a date or quantity by its normalised value (rule 5), else by its name. */
export function valueKey(type: EntityType, name: string, value: string | undefined): string {
  return value ? `${type}=${foldKey(value)}` : nameKey(name);
}

/**
 * Rule 3: the one longer person name (among `fullNames`, keys) whose last tokens equal the short name.
 * `byLastWord` indexes the full names by their last word key.
 */
export function personFit(shortKey: string, byLastWord: ReadonlyMap<string, readonly string[]>): string | undefined {
  const fits = personFits(shortKey, byLastWord);
  return fits.length === 1 ? fits[0] : undefined;
}

/** Every longer person name (among `byLastWord`'s keys) whose last tokens equal the short name. */
export function personFits(shortKey: string, byLastWord: ReadonlyMap<string, readonly string[]>): string[] {
  const sw = shortKey.split(' ');
  const last = sw[sw.length - 1]!;
  return (byLastWord.get(last) ?? []).filter((full) => {
    if (full === shortKey) return false;
    const fw = full.split(' ');
    if (fw.length <= sw.length) return false;
    for (let k = 1; k <= sw.length; k++) if (fw[fw.length - k] !== sw[sw.length - k]) return false;
    return true;
  });
}

export function indexByLastWord(keys: Iterable<string>): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const k of keys) {
    const sp = k.lastIndexOf(' ');
    if (sp < 0) continue;
    const last = k.slice(sp + 1);
    const list = m.get(last);
    if (list) list.push(k);
    else m.set(last, [k]);
  }
  return m;
}
