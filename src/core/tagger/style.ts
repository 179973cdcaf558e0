import { combine } from './hash';

/**
 * The style of a document, inferred from its own tokens in one linear pass (never from where it
 * came from), for the domain-adaptation features of Daumé (2007), "Frustratingly easy domain
 * adaptation": each feature also fires in a copy conjoined with the style, so the model learns
 * what holds everywhere and what holds in one style only.
 *
 * - 0 edited (newswire-like): sentence starts capitalised, no first or second person, few
 *   handles or hashtags, or a dateline ("LONDON 1996-08-30").
 * - 1 informal (web text, e-mail, social posts): lower-case sentence starts, first or second
 *   person, @handles, #hashtags, short lines.
 */
export const NUM_STYLES = 2;

const FIRST_SECOND = new Set(['i', 'me', 'my', "i'm", 'we', 'our', 'us', 'you', 'your', "'m", 'u', 'im', 'lol']);

export interface StyleStats {
  sentences: number;
  tokens: number;
  lowerStarts: number;
  person: number;
  social: number;
  dateline: boolean;
}

export function styleStats(sentences: readonly (readonly string[])[]): StyleStats {
  let tokens = 0;
  let lowerStarts = 0;
  let person = 0;
  let social = 0;
  let dateline = false;
  let counted = 0;
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si]!;
    tokens += s.length;
    let first = true;
    for (let k = 0; k < s.length; k++) {
      const w = s[k]!;
      const c = w.charCodeAt(0);
      if (first && /\p{L}/u.test(w[0]!)) {
        first = false;
        counted++;
        if (w[0] !== w[0]!.toUpperCase()) lowerStarts++;
      }
      if (c === 64 || c === 35) social++;
      else if (w.length <= 4 && FIRST_SECOND.has(w.toLowerCase())) person++;
      if (si < 3 && k > 0 && /^\d{4}-\d\d-\d\d$/.test(w) && /^[A-Z]{2,}$/.test(s[k - 1]!.replace(/[^A-Za-z]/g, '') ) && s[k-1] === s[k-1]!.toUpperCase()) dateline = true;
    }
  }
  return { sentences: counted, tokens, lowerStarts, person, social, dateline };
}

/** The style class of a document (see above). */
export function documentStyle(sentences: readonly (readonly string[])[]): number {
  const st = styleStats(sentences);
  if (st.dateline) return 0;
  if (st.tokens === 0) return 0;
  const informal = st.lowerStarts * 2 >= st.sentences && st.sentences > 0 ? 1 : 0;
  if (informal || st.person > 0 || st.social > 0) return 1;
  return 0;
}

/** Id of feature `k` conjoined with style `s`. Never 0. */
export function styleKey(k: number, s: number): number {
  const h = combine(k, 0x57f1e000 + s);
  return h === 0 ? 1 : h;
}
