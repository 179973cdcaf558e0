import { foldKey } from '../text/text';
import type { Candidate, PreparedDocument, Recogniser, Span } from '../types';
import { gazetteer } from './gazetteer';
import { NOT_NAME_START, ORG_HEADS } from './lexicon';
import { PRIORITY } from './priority';

/**
 * E-mail as it reads: header lines ("From: Kenneth Lay <ken.lay@enron.com>", "To:", "Cc:"), the
 * signature block after a "--" line, and contact lines ("Tel:", "Fax:"). The people named in From,
 * To and Cc and the name that opens a signature are people; the header words ("From", "Subject",
 * "Sent"), e-mail addresses and web addresses are no names at all (vetoed for the rules and the
 * tagger below this recogniser).
 */
const HEADER = /^[ \t]*(From|To|Cc|CC|Bcc|BCC|Reply-To|Sent|Date|Subject|Attachments|Tel|Phone|Mobile|Cell|Fax|E-?mail|Web)[ \t]*:/gmu;
const PEOPLE_FIELDS = new Set(['from', 'to', 'cc', 'bcc', 'reply-to']);
const ADDRESS = /<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?|\b(?:https?:\/\/|www\.)\S+/gu;
/** A display name: two to four capitalised words (initials allowed), nothing else on its stretch. */
const NAME = /^\p{Lu}[\p{L}'’.-]*(?: \p{Lu}[\p{L}'’.-]*){1,3}$/u;
const SIGNATURE = /^-- ?$/mu;

export class MessageRecogniser implements Recogniser {
  readonly id = 'message';
  readonly priority = PRIORITY.byline;
  private readonly blocked = new WeakMap<PreparedDocument, Span[]>();

  vetoes(doc: PreparedDocument): readonly Span[] {
    return this.blocked.get(doc) ?? [];
  }

  recognise(doc: PreparedDocument): Candidate[] {
    const text = doc.text;
    const out: Candidate[] = [];
    const blocked: Span[] = [];
    this.blocked.set(doc, blocked);
    if (!text.includes(':') && !text.includes('@') && !text.includes('--')) return out;
    const places = gazetteer().places;
    const person = (start: number, end: number) => {
      const name = text.slice(start, end);
      if (!NAME.test(name)) return;
      const words = name.split(' ');
      if (words.some((w) => ORG_HEADS.has(w.toLowerCase())) || NOT_NAME_START.has(words[0]!.toLowerCase())) return;
      const tokens = doc.tokens.filter((t) => t.start >= start && t.end <= end);
      const p = places.longestAt(tokens, 0);
      if (p && p.start === start && p.end === end) return;
      out.push({ start, end, type: 'person', name, source: this.id, priority: this.priority });
    };
    HEADER.lastIndex = 0;
    for (let m = HEADER.exec(text); m; m = HEADER.exec(text)) {
      const word = m[1]!;
      const ws = m.index + m[0].indexOf(word);
      blocked.push({ start: ws, end: ws + word.length });
      if (!PEOPLE_FIELDS.has(word.toLowerCase())) continue;
      const lineEnd = text.indexOf('\n', m.index + m[0].length);
      const valueStart = m.index + m[0].length;
      const value = text.slice(valueStart, lineEnd < 0 ? text.length : lineEnd);
      // "Kenneth Lay <ken.lay@enron.com>, "Jeff Skilling" <jeff@enron.com>; Sherron Watkins"
      let at = 0;
      for (const part of value.split(/[,;]/)) {
        const partStart = valueStart + at;
        at += part.length + 1;
        const bare = part.replace(/<[^>]*>/g, '').replace(/["“”]/g, ' ');
        const lead = bare.length - bare.trimStart().length;
        const name = bare.trim();
        if (!name || name.includes('@')) continue;
        const start = text.indexOf(name.split(' ')[0]!, partStart + Math.max(0, lead - 1));
        if (start < 0) continue;
        const end = start + name.length;
        if (text.slice(start, end) === name) person(start, end);
      }
    }
    // The first line of a signature block is its writer's name.
    SIGNATURE.lastIndex = 0;
    const sig = SIGNATURE.exec(text);
    if (sig) {
      const lineStart = text.indexOf('\n', sig.index) + 1;
      if (lineStart > 0) {
        const lineEnd = text.indexOf('\n', lineStart);
        const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
        const name = line.trim();
        if (name) {
          const start = lineStart + line.indexOf(name);
          person(start, start + name.length);
        }
      }
    }
    if (text.includes('@') || text.includes('www.') || text.includes('://')) {
      ADDRESS.lastIndex = 0;
      for (let m = ADDRESS.exec(text); m; m = ADDRESS.exec(text)) blocked.push({ start: m.index, end: m.index + m[0].length });
    }
    return out;
  }
}

/**
 * Quoted replies ("> …" lines) repeat what another message said: a name quoted there that the
 * message also names in its own lines is not counted again (the quoted mention is dropped); a name
 * only the quoted lines hold is still found.
 */
export function dropQuotedRepeats(doc: PreparedDocument, cands: Candidate[]): Candidate[] {
  const text = doc.text;
  if (!/^[ \t]*>/mu.test(text)) return cands;
  const quoted = (c: Candidate) => {
    const lineStart = text.lastIndexOf('\n', c.start - 1) + 1;
    return /^[ \t]*>/u.test(text.slice(lineStart, c.start + 1));
  };
  const own = new Set<string>();
  const isQuoted = cands.map((c) => quoted(c));
  cands.forEach((c, i) => {
    if (!isQuoted[i]) own.add(`${c.type}\u0000${foldKey(c.name)}`);
  });
  return cands.filter((c, i) => !isQuoted[i] || !own.has(`${c.type}\u0000${foldKey(c.name)}`));
}
