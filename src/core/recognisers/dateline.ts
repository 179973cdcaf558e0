import type { Candidate, PreparedDocument, Recogniser } from '../types';
import { gazetteer } from './gazetteer';
import { MONTHS, NOT_NAME_START, WEEKDAYS } from './lexicon';
import { PRIORITY } from './priority';

/**
 * The place of a news dateline, at the start of a line: "PRAGUE 1996-12-06", "NEW YORK 1996-08-30",
 * "LONDON, Dec 6 (Reuters) -", "Washington, 6 December 2023 —", "BEIJING (AP) —". What stands
 * there is where the story was filed: a place, whatever the words (the tagger reads "NEW YORK" in
 * capitals as the baseball team as often as the city).
 */
const PLACE = String.raw`(\p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*){0,3})`;
const MONTH = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?`;
const DATELINE = new RegExp(
  String.raw`^[ \t]*${PLACE}(?:,? \d{4}-\d{2}-\d{2}\b|,? (?:${MONTH} \d{1,2}|\d{1,2} ${MONTH})\b|,? \((?:Reuters|AP|AFP|UPI|dpa|Xinhua|Bloomberg)\)\s*[-—–])`,
  'gmu',
);

export class DatelineRecogniser implements Recogniser {
  readonly id = 'dateline';
  readonly priority = PRIORITY.byline;

  recognise(doc: PreparedDocument): Candidate[] {
    const out: Candidate[] = [];
    const places = gazetteer().places;
    for (const p of doc.prose) {
      const text = doc.text.slice(p.start, p.end);
      DATELINE.lastIndex = 0;
      for (let m = DATELINE.exec(text); m; m = DATELINE.exec(text)) {
        const name = m[1]!;
        const first = name.split(' ')[0]!.toLowerCase();
        // "On May 5 …", "Friday, May 5": a sentence, not a dateline.
        if (NOT_NAME_START.has(first) || MONTHS.includes(first) || WEEKDAYS.includes(first)) continue;
        const start = p.start + m.index + m[0].indexOf(name);
        const end = start + name.length;
        const known = places.longestAt(doc.tokens, firstTokenAt(doc, start));
        const attrs = known && known.start === start && known.end === end ? { canonical: known.value.canonical } : undefined;
        out.push({ start, end, type: 'place', name: doc.text.slice(start, end), source: this.id, priority: this.priority, ...(attrs ? { attrs } : {}) });
      }
    }
    return out;
  }
}

/** Index of the first token starting at or after offset. */
function firstTokenAt(doc: PreparedDocument, offset: number): number {
  let lo = 0;
  let hi = doc.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (doc.tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
