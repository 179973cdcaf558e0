import { foldKey } from '../text/text';
import type { Candidate, PreparedDocument, Token } from '../types';
import { PRIORITY } from './priority';

/**
 * Handles and hashtags as a reader of social posts reads them. The '@' or '#' is never part of a
 * name. A handle ("@BarackObama", "@bbc_news") is a mention of its owner, a person or an
 * organisation, named by the handle's words ("Barack Obama"): it keeps the type the tagger or a rule
 * gave it, or, when nothing did, takes the type of the person or organisation the same document
 * names in full. A hashtag names a topic: "#Brexit" or "#Syria" is no place, and a hashtag of
 * several words run together ("#FakeNews", "#NextToBlow") holds no name; a one-word hashtag read as a
 * person or an organisation ("#Colbert") stays one.
 */
export function readSocialText(doc: PreparedDocument, cands: readonly Candidate[]): Candidate[] {
  const text = doc.text;
  if (!text.includes('@') && !text.includes('#')) return cands as Candidate[];
  const marks = markers(doc);
  if (marks.size === 0) return cands as Candidate[];
  const out: Candidate[] = [];
  const covered = new Set<number>();
  const handles: Candidate[] = [];
  for (const c of cands) {
    const m = marks.get(c.start);
    if (!m) {
      out.push(c);
      continue;
    }
    covered.add(c.start);
    if (m.kind === '#') {
      if (c.type === 'place' || c.type === 'group' || c.end !== m.end || m.compound) continue;
      out.push(c);
      continue;
    }
    if (c.end !== m.end) {
      out.push(c);
      continue;
    }
    handles.push({ ...c, type: c.type === 'person' ? 'person' : 'organization', name: m.name });
  }
  // A handle takes the type of the person or organisation the document names in full, if any;
  // one nothing read becomes a mention of it too.
  const named = new Map<string, Candidate['type']>();
  for (const c of out) if (c.type === 'person' || c.type === 'organization') named.set(compact(c.name), c.type);
  for (const h of handles) out.push({ ...h, type: named.get(compact(h.name)) ?? h.type });
  for (const [start, m] of marks) {
    if (m.kind !== '@' || covered.has(start)) continue;
    const type = named.get(compact(m.name));
    if (type) out.push({ start, end: m.end, type, name: m.name, source: 'social', priority: PRIORITY.echo });
  }
  return out.sort((a, b) => a.start - b.start);
}

interface Marker {
  readonly kind: '@' | '#';
  readonly end: number;
  /** The handle's or hashtag's words ("BarackObama" -> "Barack Obama", "bbc_news" -> "bbc news"). */
  readonly name: string;
  /** Several words run together (CamelCase or underscores). */
  readonly compound: boolean;
}

/** Handles and hashtags by the start of their word: an '@' or '#' after a space (not an e-mail address, not "C#"), the word against it. */
function markers(doc: PreparedDocument): Map<number, Marker> {
  const out = new Map<number, Marker>();
  const toks: readonly Token[] = doc.tokens;
  const text = doc.text;
  for (let i = 0; i + 1 < toks.length; i++) {
    const t = toks[i]!;
    if (t.text !== '@' && t.text !== '#') continue;
    if (t.start > 0 && !/[\s([{"“'‘,;:]/u.test(text[t.start - 1]!)) continue;
    // The word and what the tokenizer split off it ("bbc_news" is "bbc", "_", "news").
    let j = i + 1;
    if (toks[j]!.start !== t.end || toks[j]!.kind === 'punct') continue;
    let end = toks[j]!.end;
    while (toks[j + 1] && toks[j + 1]!.start === end && (toks[j + 1]!.text === '_' || toks[j + 1]!.kind !== 'punct') && !/^['’][sS]$/.test(toks[j + 1]!.text)) end = toks[++j]!.end;
    const raw = text.slice(toks[i + 1]!.start, end);
    const words = raw
      .replace(/_+/g, ' ')
      .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
      .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
      .trim();
    out.set(toks[i + 1]!.start, { kind: t.text, end, name: words, compound: words.includes(' ') });
    i = j;
  }
  return out;
}

function compact(name: string): string {
  return foldKey(name).replace(/[^\p{L}\p{N}]/gu, '');
}
