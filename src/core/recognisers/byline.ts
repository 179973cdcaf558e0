import { NameMatcher } from '../text/matcher';
import type { Candidate, PreparedDocument, Recogniser } from '../types';
import { gazetteer } from './gazetteer';
import { PRIORITY } from './priority';
import { isCap, lower, nameRun } from './tokens';

/**
 * People named where a reader knows a name must stand:
 * - bylines and credits: "By Jane Doe", "Co-authors: Arye Gut, Israeli expert … and Said Musayev, …",
 *   "Credit: Marc Israel Sellem", "Photo: …", "Reporting by …";
 * - the document's own authors from sources.yaml, wherever their names occur in it.
 * A listed name is two to four capitalised words that are not a known place or group.
 */
const CUES = new Set(['by', 'author', 'authors', 'co-author', 'co-authors', 'credit', 'credits', 'photo', 'photograph', 'photos', 'image', 'picture', 'reporting', 'writer', 'writers', 'editor', 'edited', 'editing']);

export class BylineRecogniser implements Recogniser {
  readonly id = 'byline';
  readonly priority = PRIORITY.byline;

  recognise(doc: PreparedDocument): Candidate[] {
    const out: Candidate[] = [];
    const toks = doc.tokens;
    const places = gazetteer().places;
    const groups = gazetteer().groups;
    const emit = (from: number, to: number) => {
      const start = toks[from]!.start;
      const end = toks[to - 1]!.end;
      out.push({ start, end, type: 'person', name: doc.text.slice(start, end), source: this.id, priority: this.priority });
    };
    const isName = (from: number, to: number) => {
      if (to - from < 2) return false;
      const p = places.longestAt(toks, from);
      const g = groups.longestAt(toks, from);
      return !(p && p.tokens >= to - from) && !(g && g.tokens >= to - from);
    };
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      if (!isCap(t) || !CUES.has(t.text.toLowerCase())) continue;
      // "By Jane Doe" (no colon) only at the start of a paragraph; "Credit: …" anywhere.
      let j = i + 1;
      if (lower(toks[j]) === 'by') j++;
      const colon = toks[j]?.text === ':';
      if (colon) j++;
      else if (!(lower(t) === 'by' || lower(toks[i + 1]) === 'by') || !this.startsParagraph(doc, t.start)) continue;
      // The list runs to the end of the sentence or the line, whichever comes first.
      const sentenceEnd = doc.sentences[doc.tokenSentence[i]!]?.end ?? doc.text.length;
      const nl = doc.text.indexOf('\n', t.end);
      const paraEnd = nl >= 0 && nl < sentenceEnd ? nl : sentenceEnd;
      // The list: a name, then after each comma, "and" or "&", possibly another name.
      let k = j;
      let expectName = true;
      while (k < toks.length && toks[k]!.start < paraEnd) {
        if (expectName && isCap(toks[k])) {
          const end = nameRun(doc, k, 4);
          if (end > k && isName(k, end)) {
            emit(k, end);
            k = end;
            expectName = false;
            continue;
          }
        }
        const x = toks[k]!.text;
        expectName = x === ',' || x === 'and' || x === '&' || x === ';' || x === 'with';
        k++;
      }
      i = k - 1;
    }
    const authors = doc.meta?.authors ?? [];
    if (authors.length > 0) {
      const m = new NameMatcher<boolean>();
      for (const a of authors) m.add(a, true);
      for (const h of m.matchTokens(toks)) {
        out.push({ start: h.start, end: h.end, type: 'person', name: doc.text.slice(h.start, h.end), source: this.id, priority: this.priority });
      }
    }
    return out;
  }

  private startsParagraph(doc: PreparedDocument, offset: number): boolean {
    return doc.paragraphs.some((p) => p.start === offset || (p.start < offset && /^[\s>*#-]*$/.test(doc.text.slice(p.start, offset))));
  }
}
