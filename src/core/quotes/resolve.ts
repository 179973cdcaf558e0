/**
 * Speakers tied to entities, within one document:
 *   - a name ("Ambassador Ibrahim", "The Post"): the person or organisation mentioned in the speaker span;
 *   - a pronoun ("he stated"): the last person mentioned before the quote, outside quotations
 *     ("it" and "they": the last organisation);
 *   - a role ("the ambassador", "the ministry"): the last person whose title or name holds the role
 *     word (the last organisation whose name holds it), before the quote, else the first after it;
 *   - a chain (the second half of a split quote): the speaker of the quote it continues;
 *   - an unnamed source ("a source", "officials"): no entity, the words stay the speaker.
 */
import { firstStartingAt } from '../text/firstStartingAt';
import type { Mention } from '../types';
import { ORG_ROLES, PERSON_ROLES, POSSESSIVE_PRONOUNS, PRONOUNS } from './lexicon';
import type { Quote, QuoteSpan } from './types';

export interface EntityFacts {
  /** The entity's name and aliases, lower-cased, to match a role word against. */
  names(entityId: string): readonly string[];
}

const SPEAKER_TYPES = new Set(['person', 'organization']);

function roleWord(speaker: string): { word: string; person: boolean } | undefined {
  const ws = speaker.toLowerCase().replace(/[’']s$/, '').split(/\s+/).filter((w) => !/^(the|this|that|a|an)$/.test(w));
  for (let n = Math.min(2, ws.length); n >= 1; n--) {
    const w = ws.slice(ws.length - n).join(' ');
    if (PERSON_ROLES.has(w)) return { word: w, person: true };
    if (ORG_ROLES.has(w)) return { word: w, person: false };
  }
  return undefined;
}

/** How many speaker mentions back (or ahead) a pronoun or a role word may reach for its name. */
const REACH = 400;

export function resolveSpeakers(docId: string, text: string, spans: readonly QuoteSpan[], mentions: readonly Mention[], facts: EntityFacts): Quote[] {
  // Speakers are people and organisations mentioned outside quotations (the words of a quote name
  // the people it talks about, not its speaker).
  const quoted = spans.filter((q) => q.kind === 'direct').map((q) => q.content).sort((a, b) => a.start - b.start);
  const speakers: Mention[] = [];
  let qi = 0;
  for (const m of mentions) {
    if (!SPEAKER_TYPES.has(m.type)) continue;
    while (qi < quoted.length && quoted[qi]!.end <= m.start) qi++;
    const c = quoted[qi];
    const inside = c !== undefined && m.start >= c.start && m.end <= c.end;
    if (!inside) speakers.push(m);
  }
  const out: Quote[] = [];
  const byStart = new Map<number, string | undefined>();
  const roleFits = (m: Mention, role: { word: string; person: boolean }) => {
    if (role.person !== (m.type === 'person')) return false;
    if (role.person && m.attrs?.title && m.attrs.title.toLowerCase().includes(role.word)) return true;
    return facts.names(m.entityId).some((n) => n.includes(role.word));
  };
  const all = mentions.filter((m) => SPEAKER_TYPES.has(m.type));
  const firstMention = (at: number) => firstStartingAt(all, at);
  /** Index of the first speaker mention starting at or after an offset. */
  const firstFrom = (at: number) => firstStartingAt(speakers, at);
  // A pronoun or a role word refers to a name at most REACH speaker mentions away (this also keeps
  // a long transcript of "the spokesman said" linear: a role that fits no one stops there).
  const before = (at: number, ok: (m: Mention) => boolean) => {
    const from = firstFrom(at) - 1;
    for (let i = from; i >= 0 && from - i < REACH; i--) {
      const m = speakers[i]!;
      if (m.end <= at && ok(m)) return m.entityId;
    }
    return undefined;
  };
  const after = (at: number, ok: (m: Mention) => boolean) => {
    const from = firstFrom(at);
    for (let i = from; i < speakers.length && i - from < REACH; i++) if (ok(speakers[i]!)) return speakers[i]!.entityId;
    return undefined;
  };
  const sorted = [...spans].sort((a, b) => a.outer.start - b.outer.start);
  for (const q of sorted) {
    let entityId: string | undefined;
    const sp = q.speaker;
    const speakerText = sp ? text.slice(sp.start, sp.end) : undefined;
    if (q.continues !== undefined && byStart.has(q.continues)) entityId = byStart.get(q.continues);
    else if (sp && speakerText) {
      const lower = speakerText.trim().toLowerCase();
      const inside: Mention[] = [];
      for (let i = firstMention(sp.start - 200); i < all.length && all[i]!.start < sp.end; i++) if (all[i]!.end > sp.start) inside.push(all[i]!);
      const pronoun = PRONOUNS.get(lower) ?? POSSESSIVE_PRONOUNS.get(lower);
      if (inside.length) {
        // Prefer a person to the organisation in "a spokesman for the ministry"… unless the person is
        // only a possessive ("Clinton’s campaign said").
        const persons = inside.filter((m) => m.type === 'person' && !/[’']s$/.test(text.slice(m.end, m.end + 2)) && !/[’']s$/.test(m.text));
        entityId = (persons[persons.length - 1] ?? inside[inside.length - 1])!.entityId;
      } else if (pronoun === 'person') {
        const anchor = Math.min(sp.start, q.outer.start);
        entityId = before(anchor, (m) => m.type === 'person') ?? undefined;
      } else if (pronoun === 'relative') {
        // "Merrill, who said …": the name right before the relative pronoun.
        const m = speakers[firstFrom(sp.start) - 1];
        entityId = m && sp.start - m.end <= 3 ? m.entityId : undefined;
      } else if (pronoun === 'thing') {
        entityId = before(Math.min(sp.start, q.outer.start), (m) => m.type === 'organization');
      } else {
        const role = roleWord(speakerText);
        if (role && (q.speakerForm === 'role' || q.speakerForm === 'name')) {
          const anchor = Math.min(sp.start, q.outer.start);
          entityId = before(anchor, (m) => roleFits(m, role)) ?? after(sp.end, (m) => roleFits(m, role));
        }
      }
    }
    byStart.set(q.outer.start, entityId);
    out.push({
      ...q,
      docId,
      id: `${docId}#${q.content.start}`,
      text: text.slice(q.content.start, q.content.end),
      cueText: text.slice(q.cue.start, q.cue.end),
      speakerText,
      entityId,
    });
  }
  return out;
}
