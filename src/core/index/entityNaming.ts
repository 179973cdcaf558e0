/**
 * How an entity is typed, named and summarised from its names' statistics: the type from the votes
 * and context cues, the display name, the summary the views show, and their order.
 */
import { hasAcronym } from '../resolution/aliases';
import type { EntitySummary } from '../types';
import type { KeyStat } from './documentStore';
import type { EntityRec } from './resolver';

/**
 * The type of a name from its evidence: the recognisers' votes plus the context cues of its
 * mentions, and the share of the evidence the winning type has (its confidence).
 */
export function typeVotes(s: KeyStat): { best: number; confidence: number } {
  let best = 0;
  let total = 0;
  const v = s.types.map((x, i) => x + (s.cues[i] ?? 0));
  for (let i = 0; i < v.length; i++) {
    if (v[i]! > v[best]!) best = i;
    total += Math.max(0, v[i]!);
  }
  return { best, confidence: total > 0 ? Math.max(0, v[best]!) / total : 1 };
}

/** A name written all in capitals ("GINSBURG", "ENRON"), as headlines and e-mail headers do. */
export function shouting(f: string): boolean {
  return /\p{Lu}\p{Lu}/u.test(f) && !/\p{Ll}/u.test(f);
}

/** Do two names occur in a common document? (Iterates the smaller of the two.) */
export function shareDocument(a: KeyStat, b: KeyStat): boolean {
  const [small, large] = a.docs.size <= b.docs.size ? [a, b] : [b, a];
  for (const d of small.docs.keys()) if (large.docs.has(d)) return true;
  return false;
}

export function mostFrequent(forms: Map<string, number>): string {
  let best = '';
  let n = -1;
  for (const [f, c] of forms) {
    if (c > n) {
      best = f;
      n = c;
    }
  }
  return best;
}

/** The display name of an entity: the longest form that is not an acronym, else the most frequent. */
export function preferredName(forms: Map<string, number>): string {
  let best = '';
  let bestScore = -Infinity;
  for (const [f, c] of forms) {
    // (A leading "The" adds no word: "Labour Party" is named as it is written most, with or without it.)
    const words = f.split(' ').length - (/^the\s/i.test(f) ? 1 : 0);
    const score = (hasAcronym(f) ? 0 : shouting(f) ? 500 : 1000) + words * 100 + c;
    if (score > bestScore) {
      best = f;
      bestScore = score;
    }
  }
  return best;
}

export function summary(e: EntityRec): EntitySummary {
  return {
    id: e.id,
    name: e.name,
    type: e.type,
    aliases: [...e.aliases].sort((a, b) => a.localeCompare(b)),
    note: e.note,
    curated: e.curated,
    mentionCount: e.mentionCount,
    documentCount: e.documentCount,
    ...(e.typeConfidence < MIXED_TYPE ? { typeConfidence: Math.round(e.typeConfidence * 100) / 100 } : {}),
  };
}

/** Below this share of the type evidence, an entity is flagged as of mixed type. */
const MIXED_TYPE = 0.7;

const collator = new Intl.Collator('en');

export function byMentions(a: EntitySummary, b: EntitySummary): number {
  return b.mentionCount - a.mentionCount || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
