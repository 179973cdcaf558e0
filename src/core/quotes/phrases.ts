/**
 * The phrases around a quotation or a report that quote extraction reads (extract.ts): speech and
 * cognition cues ("said", "according to", "pointed out"), the noun phrase of a speaker before or
 * after a cue, what form a speaker takes (name, pronoun, role, unnamed source) and whether a phrase
 * is a plausible speaker at all.
 */
import type { Span } from '../types';
import { AUX_ADVERBS, cueLemma, INFINITIVE_CUES, NP_FORWARD_STOPS, NP_STOPS, ORG_ROLES, PERSON_ROLES, POSSESSIVE_PRONOUNS, PRONOUNS, UNNAMED_HEADS } from './lexicon';
import type { SpeakerForm } from './types';
import { possessive, type Word } from './words';

const isStop = (w: Word) => !w.cap && NP_STOPS.has(w.lower);
export const isAuxAdverb = (w: Word) => !w.punct && (AUX_ADVERBS.has(w.lower) || (/^\p{Ll}+ly$/u.test(w.text) && w.lower !== 'only'));
export const PREPOSITIONS = new Set(['with', 'during', 'at', 'in', 'on', 'after', 'before', 'for', 'from', 'by', 'as', 'a', 'an', 'to', 'under', 'over', 'since', 'when', 'while', 'if', 'although', 'though', 'because', 'despite', 'among', 'amid', 'like', 'unlike', 'of']);
const SUBORDINATORS = new Set(['while', 'when', 'if', 'although', 'though', 'because', 'as', 'since', 'after', 'before', 'whereas', 'unless']);
const LEADERS = new Set(['and', 'but', 'so', 'yet', 'then', 'still', 'now', 'meanwhile', 'also', 'in', 'on', 'at', 'after', 'during', 'before', 'since', 'while', 'though', 'although', 'when', 'with', 'for', 'from', 'by', 'as', 'under', 'over', 'despite', 'amid', 'later', 'earlier', 'last', 'this', 'that']);
const NOUN_MARKERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'this', 'these', 'those', 'our', 'my', 'your', 'whose', 'every', 'each', 'no', 'any', 'such', 'of', 'for', 'new', 'first', 'latest', 'same', 'public', 'official']);
/** Markers that are also nouns: "the official said". */
const NOUN_OR_ADJECTIVE = new Set(['official', 'public', 'first', 'latest', 'new']);
/** Cue forms that are never nouns. */
const PAST_ONLY = new Set(['said', 'told', 'says', 'tells', 'wrote', 'added', 'explained', 'argued', 'insisted', 'warned', 'announced', 'stated', 'claimed', 'noted', 'stressed', 'declared', 'confirmed', 'denied', 'acknowledged', 'admitted', 'suggested', 'thought', 'believed', 'testified']);
/** Adjectives of attitude after "to be": cues of a belief or a feeling. */
const ATTITUDES = new Set(['frustrated', 'afraid', 'sure', 'convinced', 'confident', 'worried', 'concerned', 'optimistic', 'skeptical', 'sceptical', 'hopeful', 'certain', 'aware', 'glad', 'happy', 'thrilled', 'angry', 'upset', 'unhappy', 'pleased', 'disappointed', 'furious', 'adamant', 'unaware', 'doubtful', 'fearful', 'critical', 'supportive', 'opposed', 'eager', 'reluctant', 'unwilling', 'willing', 'determined', 'committed', 'proud', 'ashamed', 'outraged', 'alarmed', 'nervous', 'anxious', 'excited', 'dismayed', 'troubled', 'uneasy', 'wary', 'suspicious', 'unsure', 'uncertain', 'divided', 'split', 'undecided', 'open']);
const PRONOUN_OBJECTS = new Set(['him', 'her', 'them', 'us', 'me', 'you', 'reporters', 'supporters']);
export const DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'another', 'this', 'that', 'these', 'those', 'some', 'several', 'two', 'three', 'many', 'one', 'other', 'most', 'few', 'top', 'senior']);

const PARTICLES = new Set(['out', 'on', 'to', 'against', 'off', 'after', 'into', 'back', 'down', 'aside', 'in']);

/** A cue at word k: a speech or cognition verb, or "according to". */
export interface Cue {
  readonly k: number;
  /** A stance verb ("criticized", "called for"): reported speech only, never the frame of a quotation. */
  readonly stance?: boolean;
  /** Last word of the cue (k+1 for "according to", "pointed out"). */
  readonly kEnd: number;
  readonly lemma: string;
  readonly speech: boolean;
}

export function cueAt(ws: readonly Word[], k: number): Cue | undefined {
  const w = ws[k]!;
  if (w.punct) return undefined;
  const next = ws[k + 1];
  if (w.lower === 'according' && next?.lower === 'to') return { k, kEnd: k + 1, lemma: 'according to', speech: true };
  // Attitudes: "voters were frustrated that …", "she was sure Trump would win".
  if (ATTITUDES.has(w.lower) && k > 0 && /^(is|are|was|were|am|been|be|seem|seems|seemed|remain|remains|remained|feel|feels|felt)$/.test(ws[k - 1]!.lower)) {
    return { k, kEnd: k, lemma: 'be ' + w.lower, speech: false, stance: true };
  }
  // Two-word cues: "pointed out", "went on".
  if (next && PARTICLES.has(next.lower) && !(w.cap && k > 0 && !ws[k - 1]!.punct)) {
    const two = cueLemma(`${w.lower} ${next.lower}`);
    if (two) return { k, kEnd: k + 1, lemma: two.lemma, speech: true, stance: two.stance };
  }
  // "As Ms. Lee put it, …", "…, as the mayor put it.": the manner of saying stands for the cue.
  if ((w.lower === 'put' || w.lower === 'puts') && next?.lower === 'it' && ws.slice(Math.max(0, k - 9), k).some((x) => x.lower === 'as')) return { k, kEnd: k + 1, lemma: 'put it', speech: true };
  const c = cueLemma(w.lower);
  if (!c) return undefined;
  // "Said Musayev" is a name; "Lindsey Graham Says Trump …", a headline, holds a cue.
  if (w.cap && k > 0 && !ws[k - 1]!.punct && !(ws[k - 1]!.cap && /^(says|tells|warns|claims|admits|insists|vows|urges|slams)$/.test(w.lower))) return undefined;
  const prev = ws[k - 1];
  // A noun, not a verb: "the plan", "his claim", "a report", "an official report" — but "the official
  // said", "a public official told": a form that is only ever a verb follows a noun ("official") there.
  if (prev && !prev.punct && NOUN_MARKERS.has(prev.lower) && !(NOUN_OR_ADJECTIVE.has(prev.lower) && PAST_ONLY.has(w.lower))) return undefined;
  // "a primary contest", "a simple question", "the annual report": a base form after a determiner and a
  // singular word is a noun ("the senators criticize", "the official report" aside, which other rules read).
  const prev2 = ws[k - 2];
  if (prev && prev2 && w.lower === c.lemma && !prev.punct && !prev.cap && /^(a|an|the|this|that|his|her|their|its|our|my|your|every|each|one)$/.test(prev2.lower) && !/s$/.test(prev.lower) && !PERSON_ROLES.has(prev.lower) && !ORG_ROLES.has(prev.lower) && !UNNAMED_HEADS.has(prev.lower)) return undefined;
  // "several battleground states could be decisive", "Republican support was solid", "the climate rules
  // is likely …": a cue word before an auxiliary is a noun, the subject of that verb.
  // (But "what scientists think is necessary", "what Trump says is true": a subject before it makes it a verb.)
  const subjectFirst = prev !== undefined && !prev.punct && (PRONOUNS.has(prev.lower) || UNNAMED_HEADS.has(prev.lower) || (prev.cap && w.lower !== c.lemma));
  if (next && !subjectFirst && !/(ed|ing)$/.test(w.lower) && !PAST_ONLY.has(w.lower) && /^(is|was|are|were|will|would|could|can|may|might|must|should|has|have|had)$/.test(next.lower)) return undefined;
  // "Ms. Ortiz’s promise": a noun after a possessive (but "she’s promised": a contraction).
  if (prev && possessive(prev) && !PRONOUNS.has(prev.lower.slice(0, -2)) && !PAST_ONLY.has(w.lower) && !/(ed|ing)$/.test(w.lower)) return undefined;
  // Passives and infinitives are not attributions: "was told", "said to be", "is expected to".
  // (A form in -ing after "is" is the progressive: "Trump is telling voters that …".)
  if (prev && /^(was|were|is|are|be|been|being|am)$/.test(prev.lower) && c.lemma !== 'continue' && !/ing$/.test(w.lower)) return undefined;
  // "said to be", "expected to win": an infinitive; "said by": a passive. "said to reporters" is a cue.
  const after2 = ws[k + 2];
  if (next?.lower === 'by' && (c.lemma === 'say' || c.lemma === 'report' || c.lemma === 'write')) return undefined;
  if (next?.lower === 'to' && !INFINITIVE_CUES.has(c.lemma) && after2 && !after2.cap && !after2.punct && !DETERMINERS.has(after2.lower) && !PRONOUN_OBJECTS.has(after2.lower) && !UNNAMED_HEADS.has(after2.lower) && !/s$/.test(after2.lower)) return undefined;
  if (next && (next.lower === 'out') && (c.lemma === 'point')) return { k, kEnd: k + 1, lemma: 'point out', speech: true };
  if (c.lemma === 'go') return next?.lower === 'on' ? { k, kEnd: k + 1, lemma: 'go on', speech: true } : undefined;
  if (c.lemma === 'call' && (next?.lower === 'for' || next?.lower === 'on')) return { k, kEnd: k + 1, lemma: 'call ' + next.lower, speech: true, stance: true };
  return { k, kEnd: k, lemma: c.lemma, speech: c.speech, stance: c.stance };
}

/** The subject before a cue: words back to a clause boundary ("Ambassador Ibrahim", "a source", "he"). */
export function subjectBefore(ws: readonly Word[], k: number, min: number): Span | undefined {
  let j = k - 1;
  while (j >= min && (isAuxAdverb(ws[j]!) || /^(is|are|was|were|am)$/.test(ws[j]!.lower))) j--;
  // "Trump on Friday endorsed", "the council last week said": a time between the subject and its cue.
  const t = timeBack(ws, j, min);
  if (t < j) {
    j = t;
    while (j >= min && isAuxAdverb(ws[j]!)) j--;
  }
  // "Six in 10 say", "75 percent of Democrats said", "nearly half said": the share of a poll speaks.
  const share = shareBack(ws, j, min);
  if (share) return share;
  // "she laughed and said", "he paused and added": the first verb shares the subject.
  if (j - 1 >= min && ws[j]!.lower === 'and' && /^\p{Ll}+(ed|d)$/u.test(ws[j - 1]!.text)) {
    j -= 2;
    while (j >= min && isAuxAdverb(ws[j]!)) j--;
  }
  // "He’s claiming", "she’s said": the contraction, not a possessive.
  if (j >= min && possessive(ws[j]!) && PRONOUNS.has(ws[j]!.lower.slice(0, -2))) return { start: ws[j]!.start, end: ws[j]!.end - 2 };
  // "Merrill, who said …", "officials who said …": the speaker is the one the relative clause is about.
  // (As a pronoun stands for its antecedent, the speaker is "who"; resolve.ts ties it to the name before it.)
  if (j > min && (ws[j]!.lower === 'who' || ws[j]!.lower === 'which')) return { start: ws[j]!.start, end: ws[j]!.end };
  // "X, the ambassador, said": the speaker is X, before the appositive.
  if (j >= min && ws[j]!.text === ',') {
    let c = j - 1;
    while (c >= min && c > j - 16 && ws[c]!.text !== ',' && !/^[.;:!?“”"]$/.test(ws[c]!.text)) c--;
    if (c >= min && ws[c]!.text === ',' && c < j - 1) {
      const s = npBack(ws, c - 1, min);
      if (s) return s;
    }
    return undefined;
  }
  const np = npBack(ws, j, min);
  // "a source close to him", "people familiar with the talks", "officials with knowledge of the plan": the source before its tie.
  if (np) {
    let t = j;
    while (t >= min && ws[t]!.start >= np.start) t--;
    const w = ws[t]?.lower;
    const tie = (w === 'to' && ws[t - 1]?.lower === 'close') || (w === 'with' && ws[t - 1]?.lower === 'familiar') ? t - 1 : w === 'with' && ws[t + 1]?.lower === 'knowledge' ? t : -1;
    if (tie > min && UNNAMED_HEADS.has(ws[tie - 1]!.lower)) {
      const head = npBack(ws, tie - 1, min);
      if (head) return { start: head.start, end: np.end };
    }
  }
  // "A CNN/ORC poll of South Carolina released on Tuesday showed …", "A survey by the group in March found …":
  // a document or a poll speaks through the words that follow its head.
  if (!np || TIME_WORDS.test(ws[j]!.lower) || /^\d/.test(ws[j]!.text) || possessive(ws[j]!)) {
    for (let h = j; h >= min && h > j - 14 && !/^[.;:!?“”"()]$/.test(ws[h]!.text); h--) {
      if (!DOCUMENT_HEADS.has(ws[h]!.lower) || ws[h]!.cap) continue;
      // Only its modifiers stand between it and the cue ("a similar message when asked" has a clause).
      if (ws.slice(h + 1, j + 1).some((w) => !w.cap && NP_STOPS.has(w.lower) && !/^(by|in|on|from|with|to|over|about|during)$/.test(w.lower))) break;
      const head = npBack(ws, h, min);
      if (!head || !(/^(the|a|an|another|one|new|this|that|these|those|recent|latest)$/.test(text0(ws, head)) || ws.find((w) => w.start === head.start)!.cap)) continue;
      // Its modifiers up to a participle or a time ("of South Carolina", not "released on Tuesday").
      let e = h;
      for (let x = h + 1; x < k; x++) {
        const w = ws[x]!;
        if (isAuxAdverb(w) || /^\p{Ll}+(ed|ing)$/u.test(w.text) || TIME_WORDS.test(w.lower) || /^\d/.test(w.text) || (TIME_OPENERS.test(w.lower) && ws[x + 1] !== undefined && (TIME_WORDS.test(ws[x + 1]!.lower) || /^\d/.test(ws[x + 1]!.text)))) break;
        e = x;
      }
      return { start: head.start, end: ws[e]!.end };
    }
  }
  return np;
}

/** Nouns of documents and polls that speak ("a poll … found", "a memo … shows"). */
const DOCUMENT_HEADS = new Set(['poll', 'polls', 'survey', 'surveys', 'study', 'studies', 'report', 'reports', 'analysis', 'review', 'audit', 'inquiry', 'investigation', 'memo', 'letter', 'email', 'emails', 'document', 'documents', 'records', 'data', 'figures', 'statement', 'polling', 'research', 'census', 'filing', 'filings', 'complaint', 'lawsuit', 'indictment', 'ruling', 'order', 'opinion', 'testimony', 'transcript', 'video', 'footage', 'ad', 'advertisement', 'book', 'article', 'editorial', 'post', 'tweet', 'message']);

/** The first word of a span, lower-cased. */
const text0 = (ws: readonly Word[], s: Span) => ws.find((w) => w.start === s.start)!.lower;

const TIME_HEADS = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|week|weekend|month|year|night|morning|afternoon|evening|day|spring|summer|fall|autumn|winter|1[89]\d\d|20\d\d)$/;
const TIME_OPENERS = /^(on|last|this|earlier|late|early|next|in)$/;
const TIME_PARTS = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|night|morning|afternoon|evening|the|this|last|earlier|late|early)$/;

/** The word before a time phrase that ends at j ("on Friday", "last week", "earlier this month"), else j. */
function timeBack(ws: readonly Word[], j: number, min: number): number {
  if (j < min || !TIME_HEADS.test(ws[j]!.lower)) return j;
  let a = j;
  while (a - 1 >= min && a > j - 4 && !ws[a - 1]!.punct && (TIME_PARTS.test(ws[a - 1]!.lower) || TIME_OPENERS.test(ws[a - 1]!.lower))) {
    a--;
    if (ws[a]!.lower === 'on' || ws[a]!.lower === 'in') break;
  }
  // A bare "week" or "night" is no time phrase ("the night said" is not one); a day is ("Trump Friday said").
  if (a === j && !/^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight)$/.test(ws[j]!.lower)) return j;
  // A year needs its preposition ("who in 2010 said"; "the 2016 campaign said" holds none).
  if (/^\d/.test(ws[j]!.lower) && (ws[a]!.lower !== 'in' || a - 1 < min || !(ws[a - 1]!.cap || PRONOUNS.has(ws[a - 1]!.lower)))) return j;
  // ("Sen. Bernie Sanders (I-Vt.) on Saturday criticized": a parenthesis may close the name.)
  return a - 1 >= min && (!ws[a - 1]!.punct || ws[a - 1]!.text === ')') ? a - 1 : j;
}

const SHARE = /(?:^| )((?:(?:about|nearly|almost|roughly|only|just|some|over|under|around) |(?:more|fewer|less) than )?(?:(?:\d+|one|two|three|four|five|six|seven|eight|nine) (?:in|out of|of) (?:10|ten)|\d+(?:\.\d+)? ?(?:percent|per cent|%)|half|a third|a quarter|two-thirds|three-quarters|a majority|the majority|most|a plurality)(?: of(?: [^ ]+){1,4})?)$/;

/** A share of a poll ending at word j ("Six in 10", "75 percent of Democrats", "nearly half"). */
export function shareBack(ws: readonly Word[], j: number, min: number): Span | undefined {
  if (j < min || (ws[j]!.punct && ws[j]!.text !== '%')) return undefined;
  let a = j;
  while (a - 1 >= min && a > j - 9 && (!ws[a - 1]!.punct || ws[a - 1]!.text === '%')) a--;
  const parts = ws.slice(a, j + 1).map((w) => w.lower);
  const m = SHARE.exec(parts.join(' ').replace(/ %/g, '%'));
  if (!m) return undefined;
  const n = m[1]!.replace(/(\d)%/g, '$1 %').split(' ').length;
  const first = j + 1 - n;
  return first >= a ? { start: ws[first]!.start, end: ws[j]!.end } : undefined;
}

/** Is a phrase the share of a poll ("Six in 10", "75 percent of Democrats")? */
export const isShare = (t: string) => SHARE.test(t.toLowerCase().replace(/\s+/g, ' ').replace(/ %/g, '%'));

function npBack(ws: readonly Word[], end: number, min: number): Span | undefined {
  let j = end;
  let n = 0;
  while (j >= min) {
    const w = ws[j]!;
    if (w.text === ')') {
      // "Rep. Gwen Moore (D-Wis.)": a parenthesis inside the name.
      let o = j - 1;
      while (o >= min && o > j - 8 && ws[o]!.text !== '(') o--;
      if (o >= min && ws[o]!.text === '(') {
        j = o - 1;
        continue;
      }
      break;
    }
    if (w.punct && !(w.text === '-' || w.text === '&' || w.text === '.' || (w.text === '/' && ws[j - 1]?.end === w.start))) break;
    // A dash between spaces ("a favourite - others say") ends the phrase; "(D-Mich.)" holds one.
    if (w.text === '-' && j > min && ws[j - 1]!.end < w.start && ws[j + 1] !== undefined && w.end < ws[j + 1]!.start) break;
    if (!w.punct && (isStop(w) || /^\d/.test(w.text))) break;
    if (++n > 8) break;
    j--;
  }
  const first = j + 1;
  if (first > end) return undefined;
  let a = first;
  while (a <= end && ws[a]!.punct) a++;
  // A sentence opening with a phrase ("On Thursday Trump said", "And Donald Trump said"): the name follows it.
  if (a <= end && LEADERS.has(ws[a]!.lower)) {
    a++;
    const opened = a;
    if (PREPOSITIONS.has(ws[a - 1]!.lower)) {
      while (a <= end && (DETERMINERS.has(ws[a]!.lower) || !ws[a]!.cap)) a++;
      if (a <= end && /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december)$/.test(ws[a]!.lower)) a++;
    }
    // "While some friends say …", "When reporters asked …": a conjunction opens the clause, whose subject follows it.
    if (a > end && SUBORDINATORS.has(ws[opened - 1]!.lower)) a = opened;
  }
  if (a > end) return undefined;
  // "Graham’s remarks came": a possessive is not a speaker; nor is a clause holding a verb ("… held a").
  if (possessive(ws[end]!)) return undefined;
  for (let x = a + 1; x <= end; x++) if (!ws[x]!.cap && /^\p{Ll}+ed$/u.test(ws[x]!.text) && !/^(united|armed|retired|elected|named|noted|based|related|unnamed|detailed|surveyed|polled|interviewed|questioned|sampled|contacted|concerned|involved)$/.test(ws[x]!.lower)) a = x + 1;
  if (a > end) return undefined;
  return { start: ws[a]!.start, end: ws[end]!.end };
}

/** The name after a cue ("said Trump", "said Sen. Tim Kaine, D-Va."): capitalised words or a short phrase. */
export function npAfter(ws: readonly Word[], k: number, max: number): { span: Span; last: number } | undefined {
  let j = k;
  let n = 0;
  while (j < max) {
    const w = ws[j]!;
    if (w.punct && !(w.text === '.' && j > k && /\.$/.test(ws[j - 1]!.text) === false && false)) break;
    if (!w.cap && NP_FORWARD_STOPS.has(w.lower) && n > 0) break;
    if (!w.cap && n === 0 && !DETERMINERS.has(w.lower) && !PRONOUNS.has(w.lower) && !UNNAMED_HEADS.has(w.lower)) return undefined;
    if (++n > 7) break;
    j++;
  }
  if (j === k) return undefined;
  return { span: { start: ws[k]!.start, end: ws[j - 1]!.end }, last: j - 1 };
}

export function speakerForm(text: string): SpeakerForm {
  const t = text.trim();
  const lower = t.toLowerCase();
  if (PRONOUNS.has(lower) || POSSESSIVE_PRONOUNS.has(lower)) return 'pronoun';
  if (isShare(t)) return 'unnamed';
  const ws = lower.split(/\s+/);
  const head = ws[ws.length - 1]!.replace(/[’']s$/, '');
  const capitals = t.split(/\s+/).slice(1).some((w) => /^\p{Lu}/u.test(w)) || (!DETERMINERS.has(ws[0]!) && /^\p{Lu}/u.test(t));
  if (!capitals && (DETERMINERS.has(ws[0]!) || ws.length === 1) && UNNAMED_HEADS.has(head) && !/^(the|this|that)$/.test(ws[0]!)) return 'unnamed';
  if (!capitals && /^(the|this|that)$/.test(ws[0]!)) {
    const rest = ws.slice(1).join(' ');
    if (PERSON_ROLES.has(head) || ORG_ROLES.has(head) || PERSON_ROLES.has(rest) || ORG_ROLES.has(rest)) return 'role';
    return 'unnamed';
  }
  if (!capitals) return 'unnamed';
  return 'name';
}

/** Is a span a plausible speaker: a name, a pronoun, a role, an unnamed source? */
export function plausible(text: string): boolean {
  const t = text.trim();
  if (!t || t.length > 80 || DETERMINERS.has(t.toLowerCase())) return false;
  if (isShare(t)) return true;
  // "In a", "On September", "At the Republican": a phrase of place or time, not a speaker.
  const first = t.split(/\s+/)[0]!.toLowerCase();
  if (PREPOSITIONS.has(first) && first !== 'a' && first !== 'an') return false;
  if (TIME_WORDS.test(t)) return false;
  const lower = t.toLowerCase();
  if (PRONOUNS.has(lower)) return lower !== 'you' && lower !== 'it' ? true : lower === 'it';
  // "However", "Instead", "Speaking", "It’s", "But the": a connective, a participle or a contraction opening the sentence.
  const firstWord = lower.split(/\s+/)[0]!;
  if (CONNECTIVES.has(firstWord) || /^(it|that|there|here|what)[’']s$/.test(firstWord)) return false;
  if (/^(speaking|standing|making|having|following|responding|asking|asked|talking|writing|addressing|referring|appearing|pressed|explaining|noting|adding|saying|citing|arguing|meanwhile|overall|together|separately|privately|publicly|instead)$/.test(firstWord)) return false;
  if (/^\p{Ll}/u.test(t)) {
    const first = lower.split(/\s+/)[0]!;
    const head = lower.split(/\s+/).pop()!;
    return DETERMINERS.has(first) || UNNAMED_HEADS.has(head) || PERSON_ROLES.has(head) || ORG_ROLES.has(head) || (UNNAMED_HEADS.has(first) && / (close to|familiar with|with knowledge of) /.test(lower));
  }
  return true;
}

/** Words opening a sentence that are never part of its subject. */
export const CONNECTIVES = new Set(['but', 'and', 'yet', 'so', 'then', 'now', 'still', 'instead', 'indeed', 'however', 'meanwhile', 'even', 'also', 'moreover', 'furthermore', 'nevertheless', 'nonetheless', 'regardless', 'likewise', 'similarly', 'thus', 'hence', 'besides', 'otherwise', 'ultimately', 'finally', 'later', 'earlier', 'last', 'next', 'first', 'second', 'third', 'or', 'nor', 'plus', 'again', 'too', 'there', 'here', 'perhaps', 'maybe']);

export const TIME_WORDS = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|january|february|march|april|may|june|july|august|september|october|november|december)\b/i;

/** A form in -ing after "is", "was", "he’s" (adverbs between: "is once again questioning"). */
export function progressive(ws: readonly Word[], k: number): boolean {
  let j = k - 1;
  while (j >= 0 && isAuxAdverb(ws[j]!)) j--;
  const w = ws[j];
  if (!w) return false;
  if (/^(is|are|was|were|am|been)$/.test(w.lower)) return true;
  return possessive(w) && PRONOUNS.has(w.lower.slice(0, -2));
}

