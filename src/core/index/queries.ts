/**
 * The query side of the corpus index: mentions, passages, names in arbitrary text and entity search,
 * answered from the document store and the resolved entities. Caches (mentions per entity, the name
 * matcher) are dropped on every change by the index.
 */
import { passageQuality } from '../resolution/passages';
import type { DocumentEntity, NameHit, Passage } from './api';
import type { NameMatcher } from '../text/matcher';
import { NameOwners } from './nameOwners';
import { KnownNames } from './knownNames';
import { keyAt } from './documentChange';
import { firstStartingAt } from '../text/firstStartingAt';
import { foldKey } from '../text/text';
import type { EntitySummary, Mention, PreparedDocument, Span } from '../types';
import type { DocState, DocumentStore } from './documentStore';
import type { EntityRec, EntityResolver } from './resolver';

export class CorpusQueries {
  private readonly names: KnownNames;
  private mentionCache = new Map<string, Mention[]>();
  /** Passage quality by document and span, shared by the entities (see rankMentions). */
  private quality = new Map<string, number>();

  /** `yieldToHost`: namesSettled() makes a large name matcher again in slices (KnownNames). */
  constructor(
    private readonly store: DocumentStore,
    private readonly resolver: EntityResolver,
    yieldToHost?: () => Promise<void>,
    sliceMs?: number,
  ) {
    this.names = new KnownNames(() => this.makingMatcher(), yieldToHost, sliceMs);
  }

  /** Forget what was computed for the previous state. */
  clear(): void {
    this.mentionCache.clear();
    if (this.quality.size) this.quality = new Map();
    this.names.clear();
  }

  /** Resolves when findNames and nameAt answer at once (a large corpus's matcher made in slices meanwhile). */
  namesSettled(): Promise<boolean> {
    return this.names.settled();
  }

  mentionsOf(entityId: string): Mention[] {
    const cached = this.mentionCache.get(entityId);
    if (cached) return cached;
    const rec = this.resolver.entityById(entityId);
    if (!rec) return [];
    const perDoc = new Map<string, Mention[]>();
    for (const k of rec.keys) {
      const s = this.store.stat(k);
      if (!s) continue;
      for (const docId of s.docs.keys()) {
        const d = this.store.get(docId)!;
        const list = perDoc.get(docId) ?? [];
        for (const i of d.byKey.get(k) ?? []) list.push(toMention(d, i, rec));
        perDoc.set(docId, list);
      }
    }
    const ranked = rankMentions(rec.name, perDoc, (m) => this.store.get(m.docId)!.text.slice(m.passage.start, m.passage.end), this.quality);
    this.mentionCache.set(entityId, ranked);
    return ranked;
  }

  passagesOf(entityId: string): Passage[] {
    return this.mentionsOf(entityId).map((m) => ({ mention: m, span: m.passage, text: this.store.get(m.docId)!.text.slice(m.passage.start, m.passage.end) }));
  }

  mentionsIn(docId: string, within?: Span): Mention[] {
    const d = this.store.get(docId);
    if (!d) return [];
    const out: Mention[] = [];
    const end = within ? within.end : Infinity;
    for (let i = within ? firstStartingAt(d.cands, within.start) : 0; i < d.cands.length && d.cands[i]!.start < end; i++) {
      if (d.cands[i]!.end > end) continue;
      const rec = this.resolver.entityOfKey(keyAt(d, i));
      if (rec) out.push(toMention(d, i, rec));
    }
    return out;
  }

  /** From the document's names by key: a few thousand keys where there may be a million names. */
  entitiesIn(docId: string): DocumentEntity[] {
    const d = this.store.get(docId);
    if (!d) return [];
    const by = new Map<string, { entityId: string; first: Span; count: number; at: number }>();
    for (const [key, at] of d.byKey) {
      const rec = this.resolver.entityOfKey(key);
      if (!rec) continue;
      const e = by.get(rec.id);
      if (!e) by.set(rec.id, { entityId: rec.id, first: spanOf(d, at[0]!), count: at.length, at: at[0]! });
      else {
        e.count += at.length;
        if (at[0]! < e.at) {
          e.at = at[0]!;
          e.first = spanOf(d, at[0]!);
        }
      }
    }
    return [...by.values()].sort((a, b) => a.at - b.at).map(({ entityId, first, count }) => ({ entityId, first, count }));
  }

  mentionAt(docId: string, offset: number): Mention | undefined {
    const d = this.store.get(docId);
    if (!d) return undefined;
    // The last candidate starting at or before offset (offsets are whole code units).
    const found = firstStartingAt(d.cands, offset + 1) - 1;
    if (found < 0) return undefined;
    if (offset > d.cands[found]!.end) return undefined;
    const rec = this.resolver.entityOfKey(keyAt(d, found));
    return rec ? toMention(d, found, rec) : undefined;
  }

  findNames(text: string): NameHit[] {
    return this.nameMatcher()
      .matchText(text)
      .map((h) => ({ start: h.start, end: h.end, entityId: h.value, text: text.slice(h.start, h.end) }));
  }

  nameAt(text: string, offset: number): NameHit | undefined {
    // Look only at the line around the offset: hovers in long drafts stay cheap.
    let s = offset;
    let e = offset;
    let n = 0;
    while (s > 0 && text.charCodeAt(s - 1) !== 10 && n++ < 400) s--;
    n = 0;
    while (e < text.length && text.charCodeAt(e) !== 10 && n++ < 400) e++;
    for (const h of this.nameMatcher().matchText(text, s, e)) {
      if (h.start <= offset && offset <= h.end) return { start: h.start, end: h.end, entityId: h.value, text: text.slice(h.start, h.end) };
    }
    return undefined;
  }

  search(query: string, all: readonly EntitySummary[], limit = 50): EntitySummary[] {
    const q = foldKey(query);
    if (!q) return all.slice(0, limit);
    const scored: { e: EntitySummary; score: number }[] = [];
    for (const e of all) {
      let best = 0;
      for (const form of [e.name, ...e.aliases]) {
        const f = foldKey(form);
        let s = 0;
        if (f.startsWith(q)) s = 4;
        else if (f.split(/[\s-]+/).some((w) => w.startsWith(q))) s = 3;
        else if (f.includes(q)) s = 2;
        else if (isSubsequence(q, f)) s = 1;
        if (s > best) best = s;
      }
      if (best > 0) scored.push({ e, score: best });
    }
    scored.sort((a, b) => b.score - a.score || b.e.mentionCount - a.e.mentionCount || a.e.name.localeCompare(b.e.name));
    return scored.slice(0, limit).map((x) => x.e);
  }

  private nameMatcher(): NameMatcher<string> {
    return this.names.matcher();
  }

  /** A form known for several entities goes to the one with most mentions of it. */
  private *makingMatcher(): Generator<void, NameMatcher<string>> {
    const owners = new NameOwners();
    const offer = owners.offer;
    let n = 0;
    for (const rec of this.resolver.allEntities()) {
      if (++n % 256 === 0) yield;
      if (rec.mentionCount === 0 && !rec.curated) continue;
      offer(rec.name, rec.id, rec.mentionCount + 1);
      for (const a of rec.aliases) offer(a, rec.id, rec.mentionCount);
      for (const k of rec.keys) {
        const st = this.store.stat(k);
        if (st) for (const [f, c] of st.forms) offer(f, rec.id, c);
      }
    }
    return yield* owners.matcher();
  }
}

function spanOf(d: DocState, i: number): Span {
  const c = d.cands[i]!;
  return { start: c.start, end: c.end };
}

/** Candidate `i` of a document as a mention of its entity. */
function toMention(d: DocState, i: number, rec: EntityRec): Mention {
  const c = d.cands[i]!;
  return {
    docId: d.id,
    entityId: rec.id,
    start: c.start,
    end: c.end,
    text: d.text.slice(c.start, c.end),
    type: rec.type,
    passage: sentenceOf(d.prepared, c),
    attrs: c.attrs,
  };
}

function sentenceOf(doc: PreparedDocument, span: Span): Span {
  const ss = doc.sentences;
  let lo = 0;
  let hi = ss.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = ss[mid]!;
    if (s.end <= span.start) lo = mid + 1;
    else if (s.start > span.start) hi = mid - 1;
    else return { start: s.start, end: Math.max(s.end, span.end) };
  }
  return { start: span.start, end: span.end };
}

function isSubsequence(q: string, s: string): boolean {
  let i = 0;
  for (let j = 0; j < s.length && i < q.length; j++) if (s[j] === q[i]) i++;
  return i === q.length;
}

/**
 * Rank an entity's mentions: the first full-name mention first; then one mention from each other
 * source (a spread across sources, most-mentioning sources first); then the rest in document order.
 * With `passageOf`, a mention whose passage is a whole prose sentence is chosen before one in a
 * dateline, a headline or a line in capitals (resolution/passages.ts), for the first place and for
 * each source's.
 */
export function rankMentions(name: string, perDoc: Map<string, Mention[]>, passageOf?: (m: Mention) => string, quality = new Map<string, number>()): Mention[] {
  // By passage, not by mention: a passage can hold thousands of mentions (a 4 MB line), and its quality reads all of it.
  // `quality` may be shared by the entities of one state of the corpus (a sentence holds several names).
  const q = (m: Mention) => {
    if (!passageOf) return 0;
    const key = `${m.docId}\u0000${m.passage.start}:${m.passage.end}`;
    let v = quality.get(key);
    if (v === undefined) quality.set(key, (v = passageQuality(passageOf(m))));
    return v;
  };
  /** The first of `ms` (in document order) of the best passage quality. */
  const bestOf = (ms: Mention[]) => {
    let best: Mention | undefined;
    for (const m of ms) if (!best || q(m) > q(best)) best = m;
    return best;
  };
  const fullKey = foldKey(name);
  const folded = new Map<Mention, string>();
  const fold = (m: Mention) => {
    let f = folded.get(m);
    if (f === undefined) folded.set(m, (f = foldKey(m.text)));
    return f;
  };
  const docs = [...perDoc.entries()].map(([id, ms]) => {
    ms.sort((a, b) => a.start - b.start);
    return { id, ms, full: ms.some((m) => fold(m) === fullKey) };
  });
  docs.sort((a, b) => Number(b.full) - Number(a.full) || b.ms.length - a.ms.length || a.id.localeCompare(b.id));
  const out: Mention[] = [];
  const used = new Set<Mention>();
  const first = docs[0] ? (bestOf(docs[0].ms.filter((m) => fold(m) === fullKey)) ?? bestOf(docs[0].ms)) : undefined;
  if (first) {
    out.push(first);
    used.add(first);
  }
  for (const d of docs) {
    const m = bestOf(d.ms.filter((x) => !used.has(x)));
    if (m && d.id !== first?.docId) {
      out.push(m);
      used.add(m);
    }
  }
  for (const d of docs) {
    for (const m of d.ms) {
      if (!used.has(m)) {
        out.push(m);
        used.add(m);
      }
    }
  }
  return out;
}
