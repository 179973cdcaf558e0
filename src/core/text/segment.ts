/**
 * Paragraphs and sentences of running text, with UTF-16 offsets into the original text.
 *
 * Paragraphs. A block is a run of non-blank lines (blank-line separated; markdown.ts gives its own
 * blocks). A block is split further at a line break when the line break is meaningful:
 *   - the block is not hard-wrapped (some line is longer than 120 characters, as in text pasted
 *     from the web with one paragraph per line) and the next line does not start in lower case;
 *   - all lines are short (< 40 characters: a byline, an address, a list of names);
 *   - a headline: the line has no closing punctuation, the next line starts with a capital and
 *     the line is clearly shorter than the block's wrap width (< 60% of its longest line).
 * Any other line break inside a block is a soft wrap: it never ends a sentence by itself.
 *
 * Sentences. Intl.Segmenter('en', {granularity: 'sentence'}) proposes the breaks, within a
 * paragraph. Then:
 *   - a break caused only by a line break (no . ! ? … before it) is removed (soft wrap);
 *   - after a word ending in "." the break is removed when the word is an abbreviation and the
 *     sentence plausibly goes on. The next word is "plausibly the same sentence" when it starts with
 *     a digit or lower case, or is capitalised but not a typical sentence opener (The, He, However,
 *     In, ... see STARTERS). By kind of abbreviation:
 *       titles (Dr. Mr. Mrs. Ms. Prof. Gen. St. Sen. Gov. Rev. Capt. ...): joined before any word or number;
 *       e.g. i.e. vs. cf. viz. approx. ca.: always joined;
 *       No. Nos. Vol. Art. p. pp. ch. sec. fig.: joined before a number ("No. 10"; "No. We" ends);
 *       months (Jan. Feb. ... Sept. ... Dec.): joined before a number ("Jan. 5"; "Ant and Dec. Natalie" ends);
 *       dotted acronyms (U.S. U.N. U.K. E.U. D.C.): joined before a plausible continuation, so
 *         "Ambassador to the U.S. Khazar Ibrahim in conversation" is one sentence while
 *         "He moved to the U.S. The move was hard." is two (judgement call: "to the U.S. Congress
 *         passed" stays joined, right or wrong; news style rarely ends a sentence on "U.S.");
 *       initials (one capital letter: "J. R. Smith", "George W. Bush"): joined before a capitalised
 *         non-opener word;
 *       Inc. Ltd. Co. Corp. Bros. Jr. Sr. etc. a.m. p.m. (often the real end of a sentence): joined
 *         only before lower case or a digit ("MCI Inc. Former WorldCom chief" ends).
 *     Titles and months count only in title case ("Dr.", "Dec."): "the FT. But" and "with MS. Final" end.
 *   - the segmenter does not break before a number ("they receive. 17% of readers"); such breaks
 *     are added, subject to the same abbreviation rules ("No. 10" stays whole).
 */
import type { Sentence, Span } from '../types';

/** Lines longer than this mean the block is not hard-wrapped. */
const UNWRAPPED_LINE = 120;
/** Blocks whose lines are all shorter than this are line-oriented (bylines, addresses). */
const SHORT_LINES = 40;
/** A headline is a line shorter than this fraction of the block's longest line. */
const HEADLINE_FRACTION = 0.6;

export function isSpaceCode(c: number): boolean {
  return (
    c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 11 || c === 160 ||
    (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff || c === 0x1680
  );
}

/**
 * Blank-line separated blocks of a plain text, each as its lines (content without surrounding
 * whitespace or line break). Lines of only whitespace are blank.
 */
export function textBlocks(text: string): Span[][] {
  const blocks: Span[][] = [];
  let cur: Span[] | undefined;
  const n = text.length;
  let ls = 0;
  while (ls <= n) {
    let le = ls;
    while (le < n) {
      const c = text.charCodeAt(le);
      if (c === 10 || c === 13) break;
      le++;
    }
    let s = ls;
    while (s < le && isSpaceCode(text.charCodeAt(s))) s++;
    let e = le;
    while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
    if (e > s) {
      if (!cur) blocks.push((cur = []));
      cur.push({ start: s, end: e });
    } else cur = undefined;
    if (le >= n) break;
    ls = le + (text.charCodeAt(le) === 13 && text.charCodeAt(le + 1) === 10 ? 2 : 1);
  }
  return blocks;
}

/** Terminal punctuation at the end of [.., end): . ! ? … possibly followed by closing quotes/brackets. */
function endsWithTerminal(text: string, start: number, end: number): boolean {
  let i = end - 1;
  while (i >= start && isCloser(text.charCodeAt(i))) i--;
  if (i < start) return false;
  const c = text.charCodeAt(i);
  return c === 46 || c === 33 || c === 63 || c === 0x2026 || c === 0x203c || c === 0x3002;
}

function isCloser(c: number): boolean {
  // " ' ) ] } ” ’ » *  _
  return c === 34 || c === 39 || c === 41 || c === 93 || c === 125 || c === 0x201d || c === 0x2019 || c === 0xbb || c === 42 || c === 95;
}

function isLowerAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 97 && c <= 122) return true;
  if (c < 128) return false;
  const ch = String.fromCodePoint(text.codePointAt(i)!);
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

function isUpperAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  const ch = String.fromCodePoint(text.codePointAt(i)!);
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** Characters after which a line is certainly continued on the next one. */
function isContinuation(c: number): boolean {
  // , ; : - – — ( / & +
  return c === 44 || c === 59 || c === 58 || c === 45 || c === 0x2013 || c === 0x2014 || c === 40 || c === 47 || c === 38 || c === 43;
}

/**
 * Split a block (its lines, in order) into paragraphs at meaningful line breaks (see the header).
 * Pushes the paragraphs to `out`.
 */
export function blockParagraphs(text: string, lines: readonly Span[], out: Span[]): void {
  if (lines.length === 0) return;
  if (lines.length === 1) {
    out.push({ start: lines[0]!.start, end: lines[0]!.end });
    return;
  }
  let longest = 0;
  for (const l of lines) longest = Math.max(longest, l.end - l.start);
  const unwrapped = longest > UNWRAPPED_LINE;
  const short = longest < SHORT_LINES;
  let start = lines[0]!.start;
  for (let i = 0; i + 1 < lines.length; i++) {
    const a = lines[i]!;
    const b = lines[i + 1]!;
    let split: boolean;
    if (isLowerAt(text, b.start)) split = false;
    else if (unwrapped || short) split = true;
    else if (endsWithTerminal(text, a.start, a.end) || isContinuation(text.charCodeAt(a.end - 1))) split = false;
    else split = isUpperAt(text, b.start) && a.end - a.start < HEADLINE_FRACTION * longest;
    if (split) {
      out.push({ start, end: a.end });
      start = b.start;
    }
  }
  out.push({ start, end: lines[lines.length - 1]!.end });
}

let segmenter: Intl.Segmenter | undefined;

/**
 * Intl.Segmenter's cost grows with the square of the text it is given (V8 re-reads the rest of the
 * text for every segment), so it is given windows of at most WINDOW characters. A window ends just
 * after a line break when there is one in its second half: the sentence rules (UAX #29) always break
 * after a line break and never look across one, so the breaks are exactly those of one pass. A line
 * longer than that is cut anywhere; the breaks of its last MARGIN characters are dropped and the next
 * window starts at the last break kept (the rules only look a few characters around a break).
 */
const WINDOW = 16384;
const MARGIN = 1024;

/** Start offsets (> 0) of the segments Intl.Segmenter proposes for text[start, end). */
function segmenterBreaks(text: string, start: number, end: number): number[] {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  const out: number[] = [];
  let s = start;
  while (s < end) {
    let e = end;
    let cut = false;
    if (end - s > WINDOW) {
      const lf = text.lastIndexOf('\n', s + WINDOW - 1);
      if (lf >= s + WINDOW / 2) e = lf + 1;
      else {
        e = s + WINDOW;
        cut = true;
      }
    }
    const sub = s === 0 && e === text.length ? text : text.slice(s, e);
    const first = out.length;
    // containing() is faster than the iterator (no result objects beyond the segment data).
    const segs = segmenter.segment(sub);
    for (let i = 0; i < sub.length; ) {
      const seg = segs.containing(i)!;
      i = seg.index + seg.segment.length;
      if (i < sub.length) out.push(s + i);
    }
    if (e >= end) break;
    if (!cut) {
      out.push(e);
      s = e;
      continue;
    }
    while (out.length > first && out[out.length - 1]! > e - MARGIN) out.pop();
    s = out.length > first ? out[out.length - 1]! : e;
  }
  // The segmenter does not break before a sentence that starts with a number ("they receive. 17% of
  // readers", 'he said. "2005 will'): propose those breaks too (joinAt still keeps "No. 10" together).
  const extra: number[] = [];
  const re = DIGIT_START_RE;
  re.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && m.index < end) {
    const b = m.index + m[0].length;
    if (b < end) extra.push(b);
  }
  return extra.length === 0 ? out : mergeSorted(out, extra);
}

const DIGIT_START_RE = /[.!?]["'”’)\]]*[ \t]+(?=["“‘(]?\p{N})/gu;

function mergeSorted(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (out.length === 0 || out[out.length - 1] !== x) out.push(x);
  }
  return out;
}

const TITLES = new Set(
  ('mr mrs ms mx dr prof gen lt col maj capt cpt cmdr adm sgt cpl pvt gov sen rep rev fr hon pres supt insp det ' +
    'st ste mt ft messrs mme mlle mssrs rt amb brig atty').split(' '),
);
const ALWAYS = new Set('e.g i.e vs v cf viz approx ca c.f w.r.t incl esp'.split(' '));
const NUMBERED = new Set('no nos vol vols art arts p pp ch chap sec fig figs op para ed eds tel'.split(' '));
const MONTHS = new Set('jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '));
const SUFFIXES = new Set('inc ltd co corp bros jr sr etc a.m p.m dept est assn intl govt mfg plc llc'.split(' '));

/** Capitalised words that typically open a sentence; after an abbreviation they mean a new sentence. */
const STARTERS = new Set(
  (
    'the a an this that these those there here it its he she they we i you his her their our my your ' +
    'but and or so yet nor for then thus hence also however meanwhile moreover furthermore nevertheless nonetheless ' +
    'still instead indeed in on at by from with without after before during since until when while where if ' +
    'although though because as once unless whether what which who whom whose why how all some many most ' +
    'several few both each every no not one two three four five six seven eight nine ten ' +
    'to of into over under about against between through among according despite ' +
    'last next earlier later now today yesterday tomorrow recently currently finally first second ' +
    'is was are were has have had do does did will would can could should may might must ' +
    'yes no such other another more less much' +
    ' officials police critics analysts experts sources'
  ).split(' '),
);

const WORD_RE = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’]*/uy;

function wordAt(text: string, i: number, end: number): string | undefined {
  WORD_RE.lastIndex = i;
  const m = WORD_RE.exec(text);
  if (!m) return undefined;
  return m[0].length <= end - i ? m[0] : m[0].slice(0, end - i);
}

/** Should the segmenter's break between [.., eA) and [sB, ..) be removed? `pEnd` is the paragraph end. */
function joinAt(text: string, from: number, eA: number, sB: number, pEnd: number): boolean {
  // Soft wrap: a break that only comes from a line break.
  let hasBreak = false;
  for (let i = eA; i < sB; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      hasBreak = true;
      break;
    }
  }
  if (hasBreak && !endsWithTerminal(text, from, eA)) return true;

  // Abbreviations: the sentence ends in a word followed by ".".
  let p = eA - 1;
  while (p >= from && isCloser(text.charCodeAt(p)) && text.charCodeAt(p) !== 46) p--;
  if (p < from || text.charCodeAt(p) !== 46) return false;
  if (p < eA - 1) return false; // "... U.S.)" or '... end."' : the closer ends the sentence.
  let ws = p;
  while (ws > from && !isSpaceCode(text.charCodeAt(ws - 1))) ws--;
  // Strip opening punctuation: ( [ " ' “ ‘
  while (ws < p) {
    const c = text.charCodeAt(ws);
    if (c === 40 || c === 91 || c === 34 || c === 39 || c === 0x201c || c === 0x2018) ws++;
    else break;
  }
  if (ws >= p) return false;
  const raw = text.slice(ws, p); // without the final "."
  if (raw.length > 12) return false;
  const w = raw.toLowerCase();

  const nextIsDigit = isDigitAt(text, sB);
  const nextIsLower = isLowerAt(text, sB);
  const nextIsUpper = isUpperAt(text, sB);
  const next = nextIsUpper ? wordAt(text, sB, pEnd) : undefined;
  const nextOpener = next !== undefined && STARTERS.has(next.toLowerCase());

  // Titles and months are written "Dr", "Dec": "FT." and "MS." are acronyms, "DEC." a company.
  const titleCase = TITLE_CASE_RE.test(raw);
  if (TITLES.has(w) && titleCase) return nextIsUpper || nextIsDigit;
  if (ALWAYS.has(w)) return true;
  if (NUMBERED.has(w)) return nextIsDigit;
  if (nextIsLower || nextIsDigit) {
    // The segmenter breaks before digits ("Jan. 5") and sometimes before lower case after quotes.
    return (MONTHS.has(w) && titleCase) || SUFFIXES.has(w) || isDotted(raw) || isInitial(raw);
  }
  if (!nextIsUpper || nextOpener) return false;
  if (isInitial(raw)) return true;
  return isDotted(raw) && !SUFFIXES.has(w);
}

const TITLE_CASE_RE = /^\p{Lu}\p{Ll}*$/u;

/** "U.S", "U.N", "a.m", "Ph.D": letters with inner dots (the final dot already removed). */
function isDotted(raw: string): boolean {
  return raw.length >= 3 && raw.includes('.') && /^(?:\p{L}{1,3}\.)+\p{L}{1,3}$/u.test(raw);
}

/** One capital letter: "J" of "J. R. Smith". */
function isInitial(raw: string): boolean {
  return raw.length === 1 ? isUpperAt(raw, 0) : raw.length === 2 && /^\p{Lu}$/u.test(raw);
}

/**
 * Sentences of the given paragraphs (sorted, disjoint). `clip`, when given, trims each sentence to
 * lie within these spans (markdown prose), dropping sentences with no prose.
 */
export function segmentSentences(text: string, paragraphs: readonly Span[], clip?: readonly Span[]): Sentence[] {
  const out: Sentence[] = [];
  if (paragraphs.length === 0) return out;
  // One segmenter pass over the stretch that holds the paragraphs.
  const breaks = segmenterBreaks(text, paragraphs[0]!.start, paragraphs[paragraphs.length - 1]!.end);
  let bi = 0;
  for (let pi = 0; pi < paragraphs.length; pi++) {
    const para = paragraphs[pi]!;
    while (bi < breaks.length && breaks[bi]! <= para.start) bi++;
    let cs = para.start;
    while (bi < breaks.length && breaks[bi]! < para.end) {
      const b = breaks[bi++]!;
      let eA = b;
      while (eA > cs && isSpaceCode(text.charCodeAt(eA - 1))) eA--;
      let sB = b;
      while (sB < para.end && isSpaceCode(text.charCodeAt(sB))) sB++;
      if (eA <= cs || sB >= para.end) continue;
      if (joinAt(text, cs, eA, sB, para.end)) continue;
      emit(out, text, cs, eA, pi, clip);
      cs = sB;
    }
    let e = para.end;
    while (e > cs && isSpaceCode(text.charCodeAt(e - 1))) e--;
    emit(out, text, cs, e, pi, clip);
  }
  return out;
}

function emit(out: Sentence[], text: string, start: number, end: number, paragraph: number, clip?: readonly Span[]): void {
  let s = start;
  let e = end;
  if (clip) {
    // First clip span that ends after s, last one that starts before e.
    let lo = 0;
    let hi = clip.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (clip[mid]!.end <= s) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= clip.length || clip[lo]!.start >= e) return;
    let j = lo;
    while (j + 1 < clip.length && clip[j + 1]!.start < e) j++;
    s = Math.max(s, clip[lo]!.start);
    e = Math.min(e, clip[j]!.end);
    while (s < e && isSpaceCode(text.charCodeAt(s))) s++;
    while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
  }
  if (e > s) out.push({ start: s, end: e, paragraph });
}
