/**
 * Nominal cues: a noun of saying or believing that carries the words itself ("his insistence that
 * …", "Mr. Lee's claim that …", "her promise to …", "the senator's criticism of …"). The speaker is
 * the possessive before the noun, when there is one ("his", "Mr. Lee's", "the agency's").
 */
import type { Span } from '../types';
import { POSSESSIVE_PRONOUNS } from './lexicon';
import { possessive, trimEnd, type Word } from './words';

/** Nouns whose "that" clause is the words reported ("the claim that …"), with or without a possessive. */
const THAT_NOUNS = new Set([
  'claim', 'claims', 'assertion', 'assertions', 'insistence', 'suggestion', 'contention', 'belief', 'argument', 'warning',
  'warnings', 'allegation', 'allegations', 'accusation', 'accusations', 'charge', 'charges', 'statement', 'announcement',
  'assurance', 'assurances', 'prediction', 'admission', 'denial', 'complaint', 'complaints', 'observation', 'insinuation',
  'declaration', 'acknowledgment', 'acknowledgement', 'conclusion', 'finding', 'findings', 'view', 'boast', 'promise', 'pledge',
  'fear', 'fears', 'hope', 'hopes', 'concern', 'concerns', 'notion', 'remark', 'comments', 'comment', 'suspicion', 'conviction',
  'recommendation', 'demand', 'threat', 'report', 'reports', 'revelation', 'message', 'idea', 'theory', 'reminder', 'explanation',
]);

/** Nouns whose infinitive is the intention reported ("her promise to …"): with a possessive only. */
const TO_NOUNS = new Set([
  'promise', 'promises', 'pledge', 'pledges', 'vow', 'call', 'calls', 'demand', 'demands', 'plan', 'plans', 'decision',
  'refusal', 'threat', 'threats', 'proposal', 'offer', 'push', 'bid', 'intention', 'request', 'plea', 'vows', 'commitment',
]);

/** Nouns of stance whose object is what they are about ("his criticism of …"): with a possessive only. */
const STANCE_NOUNS: ReadonlyMap<string, string> = new Map([
  ['criticism', 'of'], ['criticisms', 'of'], ['praise', 'for'], ['endorsement', 'of'], ['support', 'for'], ['opposition', 'to'],
  ['condemnation', 'of'], ['defense', 'of'], ['defence', 'of'], ['attack', 'on'], ['attacks', 'on'], ['rejection', 'of'],
  ['dismissal', 'of'], ['embrace', 'of'], ['description', 'of'], ['characterization', 'of'], ['denunciation', 'of'],
  ['questions', 'about'], ['doubts', 'about'], ['views', 'on'], ['position', 'on'], ['stance', 'on'], ['comments', 'about'],
  ['remarks', 'about'], ['warnings', 'about'], ['complaints', 'about'], ['concerns', 'about'],
]);

/** After "that", a verb shows a relative clause ("the claim that was made"), not the words reported. */
const VERBISH = /^(is|was|were|are|has|have|had|will|would|could|can|should|may|might|must|did|does|do|seems|seemed|appears|made|came|led|drew|got|gets)$/;

export interface NominalCue {
  readonly cue: Span;
  readonly content: Span;
  readonly speaker?: Span;
}

/** The speaker before a nominal cue at k: a possessive ("his", "Mr. Lee's"), adjectives between ("his recent claim"). */
function possessor(ws: readonly Word[], k: number): Span | undefined {
  let j = k - 1;
  while (j >= 0 && j > k - 4 && !ws[j]!.punct && !ws[j]!.cap && !POSSESSIVE_PRONOUNS.has(ws[j]!.lower) && !possessive(ws[j]!) && /^\p{Ll}+$/u.test(ws[j]!.text) && !/^(the|a|an|this|that|these|those|of|and|or|to|in|on|for)$/.test(ws[j]!.lower)) j--;
  const w = ws[j];
  if (!w || w.punct) return undefined;
  if (POSSESSIVE_PRONOUNS.has(w.lower)) return { start: w.start, end: w.end };
  if (!possessive(w)) return undefined;
  // "Mr. Lee's", "the agency's", "Sen. Ann Wu's": the name or the noun phrase owning the cue.
  let a = j;
  while (a - 1 >= 0 && a > j - 5 && !ws[a - 1]!.punct && (ws[a - 1]!.cap || /^(the|former|top|state|federal)$/.test(ws[a - 1]!.lower)) && !POSSESSIVE_PRONOUNS.has(ws[a - 1]!.lower)) a--;
  // A sentence opening "Critics say Mr. Lee's …" keeps "Mr. Lee".
  if (!ws[a]!.cap && ws[a]!.lower !== 'the') return undefined;
  return { start: ws[a]!.start, end: w.end - 2 };
}

/** The end of the words a nominal cue carries: the sentence, or a dash, a semicolon or a parenthesis before it. */
function contentEnd(text: string, ws: readonly Word[], from: number, unitEnd: number): number {
  for (let i = from; i < ws.length; i++) if (/^[;—–(]$/.test(ws[i]!.text)) return trimEnd(text, ws[i]!.start, ws[from]!.start);
  return trimEnd(text, unitEnd, ws[from]!.start);
}

/** A nominal cue at word k of a sentence, with the words it carries. */
export function nominalAt(text: string, ws: readonly Word[], k: number, unitEnd: number): NominalCue | undefined {
  const w = ws[k]!;
  if (w.punct || w.cap) return undefined;
  const next = ws[k + 1];
  if (!next) return undefined;
  const cue = { start: w.start, end: w.end };
  if (next.lower === 'that' && THAT_NOUNS.has(w.lower)) {
    const c = ws[k + 2];
    if (!c || c.punct || VERBISH.test(c.lower) || /^\p{Ll}+ed$/u.test(c.text)) return undefined;
    const speaker = possessor(ws, k);
    // Without an owner only a noun of saying stands alone ("the claim that …", "allegations that …").
    if (!speaker && !/^(claims?|allegations?|accusations?|assertions?|charges?|reports?|warnings?|fears?|belief|suggestion|notion|insistence|contention)$/.test(w.lower)) return undefined;
    // A clause of three words at least ("that he lied", not "that day").
    if (ws.slice(k + 2, k + 5).filter((x) => !x.punct).length < 3) return undefined;
    const end = contentEnd(text, ws, k + 2, unitEnd);
    return { cue, content: { start: c.start, end }, speaker };
  }
  if (next.lower === 'to' && TO_NOUNS.has(w.lower)) {
    const v = ws[k + 2];
    if (!v || v.punct || v.cap || !/^\p{Ll}+$/u.test(v.text) || /^(the|a|an|his|her|their|its|this|that|be)$/.test(v.lower)) return undefined;
    const speaker = possessor(ws, k);
    if (!speaker) return undefined;
    const end = contentEnd(text, ws, k + 1, unitEnd);
    return { cue, content: { start: next.start, end }, speaker };
  }
  const prep = STANCE_NOUNS.get(w.lower);
  if (prep && next.lower === prep) {
    const speaker = possessor(ws, k);
    if (!speaker) return undefined;
    // The object: up to a clause boundary ("his criticism of the plan, which …").
    let e = k + 2;
    while (e < ws.length && e < k + 14 && !ws[e]!.punct && !/^(which|who|that|and|but|as|while|because|when|was|is|were|are|has|had|have)$/.test(ws[e]!.lower)) e++;
    if (e === k + 2) return undefined;
    return { cue, content: { start: next.start, end: ws[e - 1]!.end }, speaker };
  }
  return undefined;
}

const POLL_HEADS = /^(polls?|surveys?|polling)$/;

/**
 * A poll as the source: "In a CBS News poll, she led Mr. Sanders 56 percent to 32 percent". The word
 * "in" is the cue, the poll the speaker (as "according to a poll").
 */
export function inPollAt(text: string, ws: readonly Word[], k: number, unitEnd: number): NominalCue | undefined {
  const w = ws[k]!;
  if (w.lower !== 'in') return undefined;
  let h = k + 1;
  while (h < ws.length && h < k + 12 && !ws[h]!.punct && !POLL_HEADS.test(ws[h]!.lower)) h++;
  const head = ws[h];
  if (!head || !POLL_HEADS.test(head.lower) || h === k + 1 && head.lower === 'polling') return undefined;
  // "in polls" or "in the latest Post-ABC poll": a determiner, names and adjectives, no verb between.
  for (let i = k + 1; i < h; i++) if (/^\p{Ll}+(ed|ing)$/u.test(ws[i]!.text) && ws[i]!.lower !== 'leading') return undefined;
  const speaker = { start: ws[k + 1]!.start, end: head.end };
  const cue = { start: w.start, end: w.end };
  const opens = k === 0 || (k <= 3 && ws.slice(0, k).every((x) => x.punct || /^(but|and|yet|so|still|meanwhile|also)$/.test(x.lower)));
  if (opens) {
    let e = h + 1;
    while (e < ws.length && e < h + 10 && ws[e]!.text !== ',') e++;
    const c = ws[e + 1];
    if (ws[e]?.text !== ',' || !c || ws.slice(e + 1, e + 5).filter((x) => !x.punct).length < 3) return undefined;
    // "In a poll, 60 percent said …": the share says it, the verb frames it.
    if (ws.slice(e + 1, e + 12).some((x) => /^(said|say|says|told|think|thought|believe|believed|agreed|agree)$/.test(x.lower))) return undefined;
    return { cue, content: { start: c.start, end: trimEnd(text, unitEnd, c.start) }, speaker };
  }
  // ("Trump has a lead in the polls": the clause before is the poll's finding too, but as often the writer's own.)
  return undefined;
}
