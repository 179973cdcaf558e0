import { foldedKeys, NameMatcher } from '../text/matcher';
import type { Candidate, PreparedDocument, Recogniser, Span } from '../types';
import { gazetteer } from './gazetteer';
import { LOWERCASE_TITLES, ORG_HEADS, ORG_JOINERS, TITLES } from './lexicon';
import { PRIORITY } from './priority';
import { isCap, lower, nameRun, sameSentence } from './tokens';

/**
 * Titled names: "President Ilham Aliyev", "Prime minister of Israel Benjamin Netanyahu",
 * "Ambassador to the U.S. Khazar Ibrahim", "MK Yuli Edelstein", "Deputy CEO Maayan Hoffman".
 * The person is the name after the title; the title (with its "of Israel" complement) is kept as
 * the mention's `title` attribute, never as part of the name.
 */

let titleMatcher: NameMatcher<boolean> | undefined;

/** Titles as written ("Prime Minister") and with only the first word capitalised ("Prime minister"). */
function titles(): NameMatcher<boolean> {
  if (titleMatcher) return titleMatcher;
  const m = new NameMatcher<boolean>();
  for (const t of TITLES) {
    m.add(t, true);
    const parts = t.split(' ');
    if (parts.length > 1) m.add([parts[0], ...parts.slice(1).map((p) => (/^[A-Z][a-z]/.test(p) ? p.toLowerCase() : p))].join(' '), true);
  }
  for (const t of LOWERCASE_TITLES) m.add(t, false);
  titleMatcher = m;
  return m;
}

export interface TitleMatch {
  /** Token range of the title itself. */
  readonly from: number;
  readonly to: number;
  /** True when written capitalised ("President", not "president"). */
  readonly capitalised: boolean;
}

/** The title that starts at token i, if any. */
export function titleAt(doc: PreparedDocument, i: number): TitleMatch | undefined {
  const m = titles();
  const key = foldedKeys(doc.tokens)[i];
  if (key === undefined || !m.startsWith(key)) return undefined;
  const h = m.longestAt(doc.tokens, i);
  if (!h) return undefined;
  const capitalised = isCap(doc.tokens[i]);
  if (!capitalised && !LOWERCASE_TITLES.has(doc.text.slice(h.start, h.end).toLowerCase())) return undefined;
  let to = i + h.tokens;
  // An abbreviated title keeps its full stop ("Dr." is "Dr" + ".").
  const dot = doc.tokens[to];
  if (dot?.text === '.' && dot.start === doc.tokens[to - 1]!.end) to++;
  return { from: i, to, capitalised };
}

const COMPLEMENT = new Set(['of', 'to', 'for']);

/** Where the complement of a title ends ("of Israel", "to the U.S."), or -1 when there is none. */
function complementEnd(doc: PreparedDocument, j: number): number {
  const toks = doc.tokens;
  if (!COMPLEMENT.has(lower(toks[j]))) return -1;
  let k = j + 1;
  if (lower(toks[k]) === 'the') k++;
  if (!isCap(toks[k]) || !sameSentence(doc, j, k)) return -1;
  // The capitalised run after "of", with joiners between capitalised words.
  let end = k;
  let lastHead = -1;
  while (end < toks.length && sameSentence(doc, k, end)) {
    const t = toks[end]!;
    if (isCap(t) && !(end > k && titleAt(doc, end))) {
      if (ORG_HEADS.has(t.text.toLowerCase())) lastHead = end;
      end++;
    } else if (ORG_JOINERS.has(t.text) && isCap(toks[end + 1])) end++;
    else break;
  }
  // An organisation ("of the Knesset Foreign Affairs and Defense Committee"): the name must follow it.
  if (lastHead >= 0) return lastHead + 1;
  const place = gazetteer().places.longestAt(toks, k);
  const runLen = end - k;
  if (place && place.tokens < runLen) return k + place.tokens;
  // "of Defence Benny Gantz": the last two words are the name.
  if (runLen >= 3) return end - 2;
  return end; // the whole run is the complement; no name follows within it
}

export class TitledNameRecogniser implements Recogniser {
  readonly id = 'titled';
  readonly priority = PRIORITY.titled;

  recognise(doc: PreparedDocument): Candidate[] {
    const out: Candidate[] = [];
    const toks = doc.tokens;
    const keys = foldedKeys(toks);
    const m = titles();
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      if (t.kind !== 'word' || !m.startsWith(keys[i]!)) continue;
      const title = titleAt(doc, i);
      if (!title) continue;
      let j = title.to;
      const ce = complementEnd(doc, j);
      if (ce >= 0) j = ce;
      if (j >= toks.length || !sameSentence(doc, i, j) || titleAt(doc, j)) continue;
      const end = nameRun(doc, j, 4, (k) => k > j && titleAt(doc, k) !== undefined);
      if (end === j) continue;
      if (!title.capitalised && end - j < 2) continue;
      const next = toks[end];
      // A run that goes on as an organisation name is not a person ("President Bush Foundation").
      if (next && isCap(next) && ORG_HEADS.has(next.text.toLowerCase()) && sameSentence(doc, j, end)) continue;
      const start = toks[j]!.start;
      const stop = toks[end - 1]!.end;
      const titleSpan: Span = { start: t.start, end: toks[j - 1]!.end };
      out.push({
        start,
        end: stop,
        type: 'person',
        name: doc.text.slice(start, stop),
        source: this.id,
        priority: this.priority,
        attrs: { title: doc.text.slice(titleSpan.start, titleSpan.end).replace(/\s+/g, ' ') },
      });
      i = end - 1;
    }
    return out;
  }
}

/** Token ranges that are titles (so other recognisers do not read "Member of Parliament" as an organisation). */
const titleCache = new WeakMap<PreparedDocument, Uint8Array>();

export function titleTokens(doc: PreparedDocument): Uint8Array {
  const cached = titleCache.get(doc);
  if (cached) return cached;
  const marks = new Uint8Array(doc.tokens.length);
  const keys = foldedKeys(doc.tokens);
  const m = titles();
  for (let i = 0; i < doc.tokens.length; i++) {
    if (!m.startsWith(keys[i]!) || !isCap(doc.tokens[i])) continue;
    const t = titleAt(doc, i);
    if (!t) continue;
    for (let k = t.from; k < t.to; k++) marks[k] = 1;
    i = t.to - 1;
  }
  titleCache.set(doc, marks);
  return marks;
}
