import type { Candidate, PreparedDocument, Recogniser } from '../types';
import { gazetteer } from './gazetteer';
import { NAME_ABBREVIATIONS, NOT_NAME_START, ORG_HEADS, ORG_JOINERS } from './lexicon';
import { PRIORITY } from './priority';
import { titleTokens } from './titled';
import { headingSentences, isCap, lower, sameSentence } from './tokens';

/** Heads that end a company's name and never take a complement ("Kia Motor Corp of South Korea" is Kia Motor Corp). */
const SUFFIXES: ReadonlySet<string> = new Set(['inc', 'inc.', 'corp', 'corp.', 'ltd', 'ltd.', 'llc', 'plc', 'co.', 'company', 'corporation', 'holdings']);

/**
 * Organisations:
 * - a capitalised sequence that ends in an organisational head ("Knesset Foreign Affairs and
 *   Defense Committee", "Technion Cybersecurity Center", "Jerusalem Post"), or that starts with
 *   one and goes on with "of" ("Ministry of Foreign Affairs", "Bank of England");
 * - a capitalised sequence followed by an acronym in parentheses ("Trans-Anatolian (TANAP)"):
 *   both are mentions, and the acronym is an alias of the long form.
 */
export class OrganizationRecogniser implements Recogniser {
  readonly id = 'organization';
  readonly priority = PRIORITY.organization;

  recognise(doc: PreparedDocument): Candidate[] {
    const toks = doc.tokens;
    const titles = titleTokens(doc);
    const headings = headingSentences(doc);
    const out: Candidate[] = [];
    const places = gazetteer().places;
    const emit = (from: number, to: number, attrs?: Candidate['attrs']) => {
      // A known place that ends like an organisation ("West Bank") is a place.
      const place = places.longestAt(toks, from, to);
      if (place && place.tokens === to - from) return;
      const start = toks[from]!.start;
      const end = toks[to - 1]!.end;
      out.push({ start, end, type: 'organization', name: doc.text.slice(start, end), source: this.id, priority: this.priority, attrs });
    };
    /** Walk left from token i (exclusive) over capitalised words and joiners. */
    const leftEdge = (i: number): number => {
      let k = i;
      while (k - 1 >= 0 && sameSentence(doc, i, k - 1)) {
        const t = toks[k - 1]!;
        if (titles[k - 1]) break;
        // A modifier ends the name: "UK-based TCI Fund" is TCI Fund.
        if (/-\p{Ll}+$/u.test(t.text)) break;
        if (isCap(t)) {
          k--;
          continue;
        }
        // Joiners only between parts of one name: "Foreign Affairs and Defense Committee", "League of
        // Women Voters Fund"; not after a company's suffix ("Johnson Controls Inc and Lear Corp") and
        // "of" only after a head ("Joel Naroff of First Union" is a person and a bank).
        const before = lower(toks[k - 2]);
        const joins = t.text === 'and' || t.text === '&' ? !SUFFIXES.has(before) : ORG_HEADS.has(before) && !SUFFIXES.has(before);
        if (ORG_JOINERS.has(t.text) && joins && k - 2 >= 0 && isCap(toks[k - 2]) && !titles[k - 2] && sameSentence(doc, i, k - 2)) {
          k -= 2;
          continue;
        }
        break;
      }
      // Never start with a joiner or a sentence opener ("The", "Under").
      while (k < i && (ORG_JOINERS.has(toks[k]!.text) || NOT_NAME_START.has(lower(toks[k])))) k++;
      return k;
    };

    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      if (isCap(t) && ORG_HEADS.has(t.text.toLowerCase()) && !titles[i] && !headings[doc.tokenSentence[i]!]) {
        const from = leftEdge(i);
        let to = i + 1;
        // "Ministry of Foreign Affairs", "Council of the European Union".
        if ((lower(toks[to]) === 'of' || lower(toks[to]) === 'for') && !SUFFIXES.has(lower(t)) && sameSentence(doc, i, to + 1)) {
          let k = to + 1;
          if (lower(toks[k]) === 'the') k++;
          let e = k;
          while (e < toks.length && sameSentence(doc, i, e) && !titles[e]) {
            if (isCap(toks[e])) e++;
            else if (ORG_JOINERS.has(toks[e]!.text) && isCap(toks[e + 1])) e++;
            else break;
          }
          while (e > k && ORG_JOINERS.has(toks[e - 1]!.text)) e--;
          if (e > k) to = e;
        }
        if (to - from < 2) continue;
        // "Norwest Corp.": the full stop of the abbreviation is part of the name.
        if (toks[to]?.text === '.' && toks[to]!.start === toks[to - 1]!.end && NAME_ABBREVIATIONS.test(toks[to - 1]!.text)) to++;
        emit(from, to);
        continue;
      }
      // "Trans-Anatolian (TANAP)"
      if (t.text === '(' && /^[A-Z][A-Z&]{1,7}$/.test(toks[i + 1]?.text ?? '') && toks[i + 2]?.text === ')' && i > 0) {
        const acr = toks[i + 1]!.text;
        const from = leftEdge(i);
        if (from < i && toks[from]!.text[0]!.toUpperCase() === acr[0]) {
          const longForm = doc.text.slice(toks[from]!.start, toks[i - 1]!.end);
          emit(from, i, { acronym: acr });
          emit(i + 1, i + 2, { longForm });
        }
      }
    }
    return out;
  }
}
