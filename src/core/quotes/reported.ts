/**
 * Reported speech in one sentence, read from its cue (phrases.ts): "X said (that) …", "…, X said.",
 * "…, said X.", "according to X, …", ", adding that …", "X wants to …"; and the subject opening a
 * clause, which speaks for a cue that has no subject of its own.
 */
import type { Span } from '../types';
import { INFINITIVE_CUES, isParticiple, ORG_ROLES, PERSON_ROLES, PRONOUNS, UNNAMED_HEADS } from './lexicon';
import { CONNECTIVES, cueAt, DETERMINERS, isShare, isAuxAdverb, npAfter, plausible, PREPOSITIONS, progressive, speakerForm, subjectBefore, TIME_WORDS, type Cue } from './phrases';
import { possessive, trimEnd, wordCount, words, type Word } from './words';

export interface Unit extends Span {
  readonly paragraph: number;
}

/** The subject opening a clause ("The ambassador conveyed …, affirming that …"). */
export function clauseSubject(text: string, from: number, to: number): Span | undefined {
  let ws = words(text, from, to);
  // "But he …", "And the senator …": the connective opening the sentence is not its subject.
  let c = 0;
  while (c < ws.length && c < 3 && (CONNECTIVES.has(ws[c]!.lower) || ws[c]!.text === ',')) c++;
  // "But on Tuesday, he …", "Earlier Wednesday, Schilling …", "Asked about the vote, Ms. Ruiz …": an opening phrase up to a comma.
  const w0 = ws[c];
  if (w0 && (c > 0 || PREPOSITIONS.has(w0.lower) || TIME_WORDS.test(w0.lower) || /^\p{Lu}\p{Ll}+(ed|ing)$/u.test(w0.text))) {
    let e = c;
    while (e < ws.length && e < c + 10 && ws[e]!.text !== ',' && !/^[.;:!?]$/.test(ws[e]!.text)) e++;
    if (ws[e]?.text === ',' && e > c && (c === 0 || !ws[c]!.cap || PREPOSITIONS.has(ws[c]!.lower) || TIME_WORDS.test(ws[c]!.lower))) c = e + 1;
  }
  if (c > 0) ws = ws.slice(c);
  if (c > 0 && ws[0] && PRONOUNS.get(ws[0].lower) !== undefined && PRONOUNS.get(ws[0].lower) !== 'relative') return { start: ws[0].start, end: ws[0].end };
  let j = 0;
  if (ws[0] && PREPOSITIONS.has(ws[0].lower) && ws[0].lower !== 'a' && ws[0].lower !== 'an') return undefined;
  const nounish = (w: Word) => PERSON_ROLES.has(w.lower) || ORG_ROLES.has(w.lower) || UNNAMED_HEADS.has(w.lower);
  while (j < ws.length && !ws[j]!.punct && (ws[j]!.cap || DETERMINERS.has(ws[j]!.lower) || possessive(ws[j]!) || nounish(ws[j]!)) && j < 6) j++;
  if (j === 0) return undefined;
  const s = { start: ws[0]!.start, end: ws[j - 1]!.end };
  const t = text.slice(s.start, s.end);
  const form = speakerForm(t);
  return form === 'name' || form === 'role' || form === 'pronoun' ? s : undefined;
}

/** "said Tuesday": a day or a month is not a speaker. */

const PREPOSITION_TAIL = /^(in|on|at|during|after|before|when|while|to|about|of|with|from|last|this|earlier|later|yesterday|today|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|recently|afterward|afterwards|as|via|through|by|outside|inside|under|over|for)$/;

/**
 * "Reid caucused in Nevada on Saturday and says he voted …", "She greeted supporters and told them
 * that …": a second verb after "and" shares the subject opening the clause (a name, a role, a pronoun).
 */
function coordinated(text: string, ws: readonly Word[], k: number, u: Unit): Span | undefined {
  let j = k - 1;
  while (j >= 0 && isAuxAdverb(ws[j]!)) j--;
  if (j < 2 || ws[j]!.lower !== 'and' || ws[j]!.cap) return undefined;
  // "…, and said": a list of clauses; the subject opens the sentence all the same.
  const s = clauseSubject(text, u.start, ws[j]!.start);
  if (!s) return undefined;
  // The first verb stands between the subject and "and" ("Reid caucused … and says").
  const verb = ws.find((w) => w.start >= s.end && w.end <= ws[j]!.start && !w.punct && !w.cap);
  return verb ? s : undefined;
}

/**
 * A participle after the one it tells of: "with three in 10 saying …", "a super PAC backing Rubio",
 * "groups supporting Clinton", "with Trump calling it …" (read then as "X said", "X backs").
 */
function participleOfNoun(text: string, ws: readonly Word[], cue: Cue): boolean {
  const k = cue.k;
  const prev = ws[k - 1];
  if (!prev || prev.punct || prev.cap && k === 1) return false;
  const s = subjectBefore(ws, k, 0);
  if (!s || s.end !== prev.end) return false;
  const t = text.slice(s.start, s.end);
  if (!plausible(t) || PRONOUNS.has(t.toLowerCase())) return false;
  const first = ws.findIndex((w) => w.start === s.start);
  if (first > 0 && ws[first - 1]!.lower === 'with') return true;
  // Without "with", a verb of saying only ("officials saying …"): the object of a stance verb has no end to be found.
  if (!cue.speech || cue.stance) return false;
  const form = speakerForm(t);
  return form === 'name' || (form === 'unnamed' && UNNAMED_HEADS.has(t.toLowerCase().split(/\s+/).pop()!)) || isShare(t) || /\b(pac|pacs|group|groups|campaign|committee|organization|organisation)$/i.test(t);
}

/** "As Ms. Lee put it (in a statement), …" / "…, as the mayor put it.": the words on the other side of the frame. */
function asFrame(text: string, ws: readonly Word[], cue: Cue, endOfUnit: number): { content: Span; speaker?: Span } | undefined {
  const k = cue.k;
  // "as" opening the sentence, or after a comma; the speaker between it and the cue, with no mark between.
  let as = k - 1;
  while (as >= 0 && as > k - 12 && !ws[as]!.punct && ws[as]!.lower !== 'as') as--;
  if (as < 0 || ws[as]!.lower !== 'as' || as + 1 >= k) return undefined;
  let e = k - 1;
  while (e > as + 1 && isAuxAdverb(ws[e]!)) e--;
  const speaker = { start: ws[as + 1]!.start, end: ws[e]!.end };
  const t = text.slice(speaker.start, speaker.end);
  if (!plausible(t) && !/^(the|a|an|another|one|this|that)\b/i.test(t) && !/^\p{Lu}/u.test(t)) return undefined;
  if (as === 0 || (as === 1 && ws[0]!.punct)) {
    let c = cue.kEnd + 1;
    while (c < ws.length && c < cue.kEnd + 16 && ws[c]!.text !== ',' && ws[c]!.text !== ':') c++;
    const first = ws[c + 1];
    return ws[c] && first && wordsIn(ws, c + 1, 3) ? { content: { start: first.start, end: endOfUnit }, speaker } : undefined;
  }
  // "…, as the mayor put it." (the cue ends the sentence, or a short phrase of time or place does).
  if (ws[as - 1]!.text !== ',' || as < 3) return undefined;
  const after = ws[cue.kEnd + 1];
  if (after && after.text !== '.' && after.text !== ',' && !PREPOSITION_TAIL.test(after.lower)) return undefined;
  return { content: { start: ws[0]!.start, end: ws[as - 2]!.end }, speaker };
}

const PRONOUN_OBJECTS = /^(him|her|them|us|me|you|reporters|supporters|voters|viewers|investors|listeners|readers|members|followers|donors|the)$/;

/** Are there n words (not marks) among the n + 2 from word i? */
const wordsIn = (ws: readonly Word[], i: number, n: number) => ws.slice(i, i + n + 2).filter((w) => !w.punct).length >= n;

/**
 * "According to a poll of Iowa voters, …", "In addition, according to the department, …", "…, according
 * to X.", "A, according to X, B": the source runs to the next comma or the end of the sentence.
 */
function accordingTo(text: string, ws: readonly Word[], cue: Cue, endOfUnit: number): { content: Span; speaker?: Span } | undefined {
  const k = cue.k;
  let last = cue.kEnd;
  while (last + 1 < ws.length && last - cue.kEnd < 20 && !/^[,;:.!?()—–“”"]$/.test(ws[last + 1]!.text)) last++;
  if (last === cue.kEnd) return undefined;
  const speaker = { start: ws[cue.kEnd + 1]!.start, end: ws[last]!.end };
  const after = ws[last + 1];
  // (The few words before the cue only: a sentence is not read again for each cue in it.)
  const before = k > 6 ? undefined : ws.slice(0, k).filter((w) => !w.punct);
  const prev = ws[k - 1];
  // Opening the sentence, or after a connective ("In addition,", "But") or a colon.
  const opens = before !== undefined && (before.length === 0 || (before.length <= 3 && (prev?.text === ',' || !prev?.punct) && !before.some((w) => w.cap && w !== ws[0])));
  if (opens || prev?.text === ':') {
    if (after?.text !== ',') return undefined;
    const c = ws[last + 2];
    return c && wordsIn(ws, last + 2, 2) ? { content: { start: c.start, end: endOfUnit }, speaker } : undefined;
  }
  // "A, according to X, B": the words around the source.
  if (prev?.text === ',' && after?.text === ',' && wordsIn(ws, last + 2, 3)) {
    return { content: { start: ws[0]!.start, end: endOfUnit }, speaker };
  }
  // "…, according to X."
  let e = k - 1;
  while (e >= 0 && ws[e]!.punct) e--;
  if (e < 1) return undefined;
  return { content: { start: ws[0]!.start, end: ws[e]!.end }, speaker };
}

export function attribution(text: string, ws: readonly Word[], cue: Cue, u: Unit, lastSpeaker: Span | undefined): { content: Span; speaker?: Span } | undefined {
  const k = cue.k;
  const cueEnd = ws[cue.kEnd]!;
  const endOfUnit = trimEnd(text, u.end, cueEnd.end);
  if (cue.lemma === 'according to') return accordingTo(text, ws, cue, endOfUnit);
  if (cue.lemma === 'put it') return asFrame(text, ws, cue, endOfUnit);
  // "As The Times reported on Saturday, …", "…, as the report noted.": the frame of a clause outside it.
  if (cue.speech && !cue.stance && !isParticiple(ws[k]!.text)) {
    const framed = asFrame(text, ws, cue, endOfUnit);
    if (framed) return framed;
  }
  // Participles: ", adding that …", "after estimating that …" (not the progressive: "Trump is telling voters that …").
  if (isParticiple(ws[k]!.text) && !progressive(ws, k) && !participleOfNoun(text, ws, cue)) {
    const prev = ws[k - 1];
    const link = prev && (prev.text === ',' || /^(after|before|while|by|when|in)$/.test(prev.lower));
    if (!link) return undefined;
    let c = cue.kEnd + 1;
    // ", telling CNN that …", ", telling reporters the plan …": the one told, then the words.
    const told = c;
    if (/^(tell|inform|assure|remind|warn)$/.test(cue.lemma) && ws[c] && ws[c]!.lower !== 'that') {
      let t = c;
      while (t < ws.length && t < c + 6 && ws[t]!.lower !== 'that' && !ws[t]!.punct) t++;
      if (ws[t]?.lower === 'that') c = t;
      else if (ws[c]!.cap || PRONOUN_OBJECTS.test(ws[c]!.lower)) {
        if (ws[c]!.cap) while (c < ws.length && ws[c]!.cap) c++;
        else c++;
        const n = ws[c];
        if (!n || n.punct || !(PRONOUNS.has(n.lower) || DETERMINERS.has(n.lower) || n.cap)) return undefined;
      }
    }
    if (ws[c]?.lower === 'that') c++;
    else if (!cue.speech) return undefined;
    else if ((cue.lemma === 'tell' || cue.lemma === 'ask') && c === told) return undefined;
    const start = ws[c];
    if (!start) return undefined;
    const speaker = lastSpeaker ?? clauseSubject(text, u.start, ws[k]!.start);
    return speaker ? { content: { start: start.start, end: endOfUnit }, speaker } : undefined;
  }
  let c = cue.kEnd + 1;
  // "told reporters (that)", "told The Washington Post that"
  if (cue.lemma === 'tell' || cue.lemma === 'ask' || cue.lemma === 'inform' || cue.lemma === 'assure' || cue.lemma === 'warn' || cue.lemma === 'remind') {
    let t = c;
    while (t < ws.length && t < c + 7 && ws[t]!.lower !== 'that' && !ws[t]!.punct) t++;
    if (ws[t]?.lower === 'that') c = t + 1;
    else if (ws[c] && !ws[c]!.punct) {
      let t2 = c + 1;
      while (t2 < ws.length && ws[t2]!.cap) t2++;
      c = t2;
      if (ws[c]?.text === ',') c++;
    }
  }
  // "spoke of …", "talked about …": the preposition opens the content.
  if ((cue.lemma === 'speak' || cue.lemma === 'talk') && (ws[c]?.lower === 'about' || ws[c]?.lower === 'of')) c++;
  // "said on Sunday that", "said Friday that", "said in a statement that": a short adverbial before "that".
  if (ws[c] && ws[c]!.lower !== 'that' && PREPOSITION_TAIL.test(ws[c]!.lower)) {
    let t = c + 1;
    // ("says at a campaign stop in Toledo, Ohio, that …": commas may stand in the place.)
    while (t < ws.length && t < c + 12 && ws[t]!.lower !== 'that' && (!ws[t]!.punct || ws[t]!.text === ',')) t++;
    if (ws[t]?.lower === 'that') c = t;
    // "announced Sunday she will resign", "said on Monday the plan was dead": a time, then the clause.
    else if (cue.speech && !cue.stance) {
      let e = c;
      while (e < ws.length && e < c + 3 && /^(on|last|this|early|late|earlier|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|week|month|year|night|morning|afternoon|evening)$/.test(ws[e]!.lower)) e++;
      const n = ws[e];
      if (e > c && /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|week|month|year|night|morning|afternoon|evening)$/.test(ws[e - 1]!.lower) && n && !n.punct && (PRONOUNS.has(n.lower) || DETERMINERS.has(n.lower) || (n.cap && !TIME_WORDS.test(n.lower)))) c = e;
    }
  }
  const hasThat = ws[c]?.lower === 'that';
  if (hasThat) c++;
  while (ws[c] && (ws[c]!.text === ':' || ws[c]!.text === ',')) c++;
  const subject = subjectBefore(ws, k, 0) ?? coordinated(text, ws, k, u);
  const subjectText = subject ? text.slice(subject.start, subject.end) : '';
  const after = ws[c];
  // "X said (that) …": the content follows the cue.
  // A verb of thinking or finding takes a clause without "that" too ("Polls show Clinton leading",
  // "He believes the plan will fail"): a clause opens with a name, a pronoun or a determiner.
  const clauseOpens = after !== undefined && (after.cap || PRONOUNS.has(after.lower) || DETERMINERS.has(after.lower));
  // "wants to …", "agreed to …", "declined to comment": an intention reported with its infinitive.
  const infinitive = after?.lower === 'to' && INFINITIVE_CUES.has(cue.lemma);
  // "…, a Chinese official said, adding that …", "…, he said, wiping his face": a frame between commas, then a
  // participle, closes what came before (but "Trump, he said, is a fraud" goes on after it).
  const framedByCommas = ws[cue.kEnd + 1]?.text === ',' && /^\p{Ll}+ing$/u.test(ws[cue.kEnd + 2]?.text ?? '') && subject !== undefined && ws.some((x, i) => i > 0 && x.start === subject.start && ws[i - 1]!.text === ',');
  if (after && !framedByCommas && (infinitive || !PREPOSITION_TAIL.test(after.lower)) && after.text !== '.' && after.text !== ';' && (cue.speech || hasThat || clauseOpens || infinitive)) {
    if (subject && plausible(subjectText)) return { content: { start: after.start, end: endOfUnit }, speaker: subject };
    // "…, who repeatedly said that …" with no subject to be found: the words are reported all the same.
    if ((hasThat || subject) && cue.speech && !cue.stance) return { content: { start: after.start, end: endOfUnit } };
  }
  // "Marley Anderson, 21, a junior from Las Vegas, said she …": the name opening the sentence speaks.
  if (k > 1 && ws[k - 1]!.text === ',' && after && (hasThat || clauseOpens) && cue.speech && !cue.stance) {
    let e = 0;
    while (e < k && ws[e]!.cap && !ws[e]!.punct) e++;
    const name = e > 0 ? { start: ws[0]!.start, end: ws[e - 1]!.end } : undefined;
    if (name && e < k - 1 && ws[e]!.text === ',' && speakerForm(text.slice(name.start, name.end)) === 'name' && plausible(text.slice(name.start, name.end)) && wordCount(text, { start: after.start, end: endOfUnit }) >= 3) {
      return { content: { start: after.start, end: endOfUnit }, speaker: name };
    }
  }
  // "…, X said (in a statement)." / "…, said X.": the content is what comes before the comma.
  const afterCue = ws[cue.kEnd + 1];
  const tail = afterCue === undefined || afterCue.text === '.' || afterCue.text === ',' || afterCue.text === ';' || PREPOSITION_TAIL.test(afterCue.lower) || (cue.lemma === 'tell' && c > cue.kEnd + 1);
  let speaker: Span | undefined;
  let comma = -1;
  if (tail && subject) {
    const si = ws.findIndex((x) => x.start === subject.start);
    comma = si - 1;
    while (comma >= 0 && ws[comma]!.text !== ',' && ws[comma]!.text !== '—') {
      if (!isAuxAdverb(ws[comma]!) && !ws[comma]!.punct && comma < si - 6) break;
      comma--;
    }
    speaker = plausible(subjectText) ? subject : undefined;
  } else if (k > 0 && ws[k - 1]!.text === ',') {
    const np = npAfter(ws, cue.kEnd + 1, ws.length);
    // "…, said he." is inverted; "…, said she turned out …" is a clause, not a speaker.
    const clause = np !== undefined && np.last > cue.kEnd + 1 && PRONOUNS.has(ws[cue.kEnd + 1]!.lower);
    if (np && !clause && !TIME_WORDS.test(text.slice(np.span.start, np.span.end)) && (np.last + 1 >= ws.length || ws[np.last + 1]!.punct || PREPOSITION_TAIL.test(ws[np.last + 1]!.lower))) {
      speaker = np.span;
      comma = k - 1;
    }
  }
  if (!speaker || comma <= 0 || ws[comma]?.text === undefined || (ws[comma]!.text !== ',' && ws[comma]!.text !== '—')) return undefined;
  let e = comma - 1;
  while (e >= 0 && ws[e]!.punct) e--;
  if (e < 0) return undefined;
  return { content: { start: ws[0]!.start, end: ws[e]!.end }, speaker };
}


/**
 * Where the words reported from word `from` on give way to a second speaker ("some friends say A -
 * …, others say B", "X said A, while Y says B"): the index of the comma or dash before that speaker.
 */
export function nextSpeakerAt(text: string, ws: readonly Word[], from: number, to: number): number | undefined {
  for (let i = from + 1; i < to; i++) {
    if (!/^[,;—–-]$/.test(ws[i]!.text)) continue;
    let a = i + 1;
    if (ws[a] && /^(but|and|while|whereas|yet)$/.test(ws[a]!.lower)) a++;
    for (let k = a + 1; k < Math.min(to, a + 8); k++) {
      if (ws[k]!.punct) break;
      const cue = cueAt(ws, k);
      if (!cue || cue.lemma === 'according to') continue;
      const s = subjectBefore(ws, k, a);
      if (s && s.start === ws[a]!.start && plausible(text.slice(s.start, s.end))) return i;
      break;
    }
  }
  return undefined;
}
