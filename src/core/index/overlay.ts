/**
 * The local folder's index with the shared team index laid over it, read-only. The local folder
 * always wins: a shared document with the same path or the same text (content hash) as a local
 * one is hidden, so nothing is counted twice. Entities are matched by id (`type:key`, the same on
 * both sides): a shared entity adds the mentions of the shared-only documents to the local one,
 * and an entity only the shared index knows appears as it is there. Without a shared index every
 * call goes straight to the local index. Every member of Corpus is forwarded (the optional ones too:
 * a feature must see no difference without a shared index).
 */
import { entitiesOfMentions, type Corpus, type DocumentEntity, type DocumentInfo, type NameHit, type Passage, type TypeCount } from './api';
import { formScore, RemoteIndex } from './remote';
import { ENTITY_TYPES, type Candidate, type EntitySummary, type Mention, type PreparedDocument, type Span } from '../types';

interface Merged {
  readonly key: string;
  /** Shared documents shown (not shadowed by the local folder). */
  readonly docs: Map<string, DocumentInfo & { text: string }>;
  readonly entities: Map<string, EntitySummary>;
  readonly sorted: EntitySummary[];
  /** Visible shared mentions by entity, in rank order. */
  readonly mentions: Map<string, Mention[]>;
}

const collator = new Intl.Collator('en', { sensitivity: 'base' });

export class OverlayCorpus implements Corpus {
  private remote: RemoteIndex | undefined;
  private generation = 0;
  private merged: Merged | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly hashes = new Map<string, { text: string; hash: string }>();

  /** hashOf: the content hash the shared index uses (sha256 hex of the text). */
  constructor(
    private readonly local: Corpus,
    private readonly hashOf: (text: string) => string,
  ) {}

  /** Replace (or, with undefined, drop) the shared index. */
  setRemote(remote: RemoteIndex | undefined): void {
    if (!remote && !this.remote) return;
    this.remote = remote;
    this.generation++;
    this.merged = undefined;
    for (const l of [...this.listeners]) l();
  }

  get shared(): RemoteIndex | undefined {
    return this.remote;
  }

  get version(): number {
    return this.local.version + this.generation;
  }

  onDidChange(listener: () => void): { dispose(): void } {
    const sub = this.local.onDidChange(listener);
    this.listeners.add(listener);
    return {
      dispose: () => {
        sub.dispose();
        this.listeners.delete(listener);
      },
    };
  }

  /** True when the document comes from the shared index (and is not in the local folder). */
  isShared(docId: string): boolean {
    return !!this.view()?.docs.has(docId);
  }

  private localHashes(): Set<string> {
    const out = new Set<string>();
    const seen = new Set<string>();
    for (const d of this.local.documents()) {
      const text = this.local.text(d.id) ?? '';
      let c = this.hashes.get(d.id);
      if (!c || c.text !== text) this.hashes.set(d.id, (c = { text, hash: this.hashOf(text) }));
      out.add(c.hash);
      seen.add(d.id);
    }
    for (const id of [...this.hashes.keys()]) if (!seen.has(id)) this.hashes.delete(id);
    return out;
  }

  private view(): Merged | undefined {
    const remote = this.remote;
    if (!remote) return undefined;
    const key = `${this.local.version}:${this.generation}`;
    if (this.merged?.key === key) return this.merged;
    const hashes = this.localHashes();
    const docs = new Map<string, DocumentInfo & { text: string }>();
    for (const d of remote.documents.values()) {
      if (d.text === undefined || hashes.has(d.contentHash) || this.local.documentInfo(d.id)) continue;
      docs.set(d.id, { id: d.id, title: d.title, chars: d.chars, meta: d.meta, text: d.text });
    }
    const entities = new Map<string, EntitySummary>();
    for (const e of this.local.entities()) entities.set(e.id, e);
    const mentions = new Map<string, Mention[]>();
    for (const e of remote.entities.values()) {
      const ms = remote.mentionsOf(e.id).filter((m) => docs.has(m.docId));
      if (ms.length === 0) continue;
      mentions.set(e.id, ms);
      const sharedDocs = new Set(ms.map((m) => m.docId)).size;
      const mine = entities.get(e.id);
      if (mine) {
        const aliases = [...new Set([...mine.aliases, ...e.aliases, ...(e.name !== mine.name ? [e.name] : [])])].filter((a) => a !== mine.name);
        entities.set(e.id, { ...mine, aliases: aliases.sort((a, b) => a.localeCompare(b)), mentionCount: mine.mentionCount + ms.length, documentCount: mine.documentCount + sharedDocs });
      } else {
        entities.set(e.id, { ...e, mentionCount: ms.length, documentCount: sharedDocs });
      }
    }
    const sorted = [...entities.values()].sort((a, b) => b.mentionCount - a.mentionCount || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return (this.merged = { key, docs, entities, sorted, mentions });
  }

  documents(): DocumentInfo[] {
    const v = this.view();
    const local = this.local.documents();
    if (!v) return local;
    return [...local, ...[...v.docs.values()].map(info)].sort((a, b) => a.id.localeCompare(b.id));
  }

  documentInfo(docId: string): DocumentInfo | undefined {
    const d = this.view()?.docs.get(docId);
    return d ? info(d) : this.local.documentInfo(docId);
  }

  text(docId: string): string | undefined {
    return this.view()?.docs.get(docId)?.text ?? this.local.text(docId);
  }

  prepared(docId: string): PreparedDocument | undefined {
    return this.local.prepared(docId);
  }

  layout(docId: string): Pick<PreparedDocument, 'text' | 'paragraphs' | 'sentences'> | undefined {
    return this.local.layout ? this.local.layout(docId) : this.local.prepared(docId);
  }

  /** The local recognisers on any text (e.g. a draft), when the local index offers them. */
  recognise(docId: string, text: string): Candidate[] {
    return this.local.recognise?.(docId, text) ?? [];
  }

  entities(): EntitySummary[] {
    const v = this.view();
    return v ? [...v.sorted] : this.local.entities();
  }

  entity(entityId: string): EntitySummary | undefined {
    const v = this.view();
    return v ? v.entities.get(entityId) : this.local.entity(entityId);
  }

  typeCounts(): TypeCount[] {
    const v = this.view();
    if (!v) return this.local.typeCounts();
    const out = ENTITY_TYPES.map((type) => ({ type, entities: 0, mentions: 0 }));
    for (const e of v.sorted) {
      const tc = out[ENTITY_TYPES.indexOf(e.type)]!;
      tc.entities++;
      tc.mentions += e.mentionCount;
    }
    return out;
  }

  mentionsOf(entityId: string): Mention[] {
    const shared = this.view()?.mentions.get(entityId);
    const local = this.local.mentionsOf(entityId);
    return shared ? [...local, ...shared] : local;
  }

  passagesOf(entityId: string): Passage[] {
    const v = this.view();
    if (!v) return this.local.passagesOf(entityId);
    const shared = (v.mentions.get(entityId) ?? []).map((m) => ({ mention: m, span: m.passage, text: v.docs.get(m.docId)!.text.slice(m.passage.start, m.passage.end) }));
    return [...this.local.passagesOf(entityId), ...shared];
  }

  mentionsIn(docId: string, within?: Span): Mention[] {
    const v = this.view();
    if (v?.docs.has(docId)) return this.remote!.mentionsIn(docId, within).filter((m) => v.entities.has(m.entityId));
    return this.local.mentionsIn(docId, within);
  }

  entitiesIn(docId: string): DocumentEntity[] {
    return this.view()?.docs.has(docId) ? entitiesOfMentions(this.mentionsIn(docId)) : this.local.entitiesIn(docId);
  }

  mentionAt(docId: string, offset: number): Mention | undefined {
    const v = this.view();
    if (!v?.docs.has(docId)) return this.local.mentionAt(docId, offset);
    return this.remote!.mentionsIn(docId).find((m) => m.start <= offset && offset <= m.end);
  }

  namesSettled(): Promise<void> {
    return this.local.namesSettled?.() ?? Promise.resolve();
  }

  findNames(text: string): NameHit[] {
    const local = this.local.findNames(text);
    const v = this.view();
    if (!v) return local;
    const shared = this.remote!
      .names()
      .matchText(text)
      .filter((h) => v.entities.has(h.value) && !local.some((l) => l.start < h.end && h.start < l.end))
      .map((h) => ({ start: h.start, end: h.end, entityId: h.value, text: text.slice(h.start, h.end) }));
    return shared.length ? [...local, ...shared].sort((a, b) => a.start - b.start) : local;
  }

  nameAt(text: string, offset: number): NameHit | undefined {
    const local = this.local.nameAt(text, offset);
    const v = this.view();
    if (local || !v) return local;
    for (const h of this.remote!.names().matchText(text)) {
      if (h.start <= offset && offset <= h.end && v.entities.has(h.value)) return { start: h.start, end: h.end, entityId: h.value, text: text.slice(h.start, h.end) };
    }
    return undefined;
  }

  search(query: string, limit = 50): EntitySummary[] {
    const v = this.view();
    const local = this.local.search(query, limit);
    if (!v) return local;
    const seen = new Set(local.map((e) => e.id));
    const out = local.map((e) => v.entities.get(e.id) ?? e);
    const extra: { e: EntitySummary; s: number }[] = [];
    for (const id of v.mentions.keys()) {
      if (seen.has(id)) continue;
      const e = v.entities.get(id)!;
      const s = Math.max(...[e.name, ...e.aliases].map((f) => formScore(f, query)));
      if (s > 0) extra.push({ e, s });
    }
    extra.sort((a, b) => b.s - a.s || b.e.mentionCount - a.e.mentionCount || collator.compare(a.e.name, b.e.name));
    return [...out, ...extra.map((x) => x.e)].slice(0, limit);
  }
}

function info(d: DocumentInfo): DocumentInfo {
  return { id: d.id, title: d.title, chars: d.chars, meta: d.meta };
}
