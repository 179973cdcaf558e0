/**
 * The shared team index as the editor holds it: a read-only snapshot of documents, resolved
 * entities and their ranked mentions, loaded from PostgreSQL (src/node/db/reader.ts). Pure data
 * and lookups; the overlay (overlay.ts) merges it with the local folder's index.
 */
import type { NameMatcher } from '../text/matcher';
import { mostMentionedMatcher } from './nameOwners';
import { foldKey } from '../text/text';
import type { EntitySummary, Mention, SourceMeta, Span } from '../types';
import { lyingWithin } from '../text/firstStartingAt';

export interface RemoteDocument {
  /** Path in the shared index (relative to the folder that was indexed). */
  readonly id: string;
  readonly contentHash: string;
  readonly title: string;
  readonly chars: number;
  readonly meta?: SourceMeta;
  /** Undefined when the snapshot skipped it (the same text is in the local folder). */
  readonly text?: string;
}

export interface RemoteSnapshot {
  readonly documents: readonly RemoteDocument[];
  /** Counts over the whole shared index. */
  readonly entities: readonly EntitySummary[];
  /** Every mention; mentions of one entity in rank order. */
  readonly mentions: readonly Mention[];
}

export class RemoteIndex {
  readonly documents = new Map<string, RemoteDocument>();
  readonly entities = new Map<string, EntitySummary>();
  private readonly byEntity = new Map<string, Mention[]>();
  private readonly byDoc = new Map<string, Mention[]>();
  private matcher: NameMatcher<string> | undefined;

  constructor(snapshot: RemoteSnapshot) {
    for (const d of snapshot.documents) this.documents.set(d.id, d);
    for (const e of snapshot.entities) this.entities.set(e.id, e);
    for (const m of snapshot.mentions) {
      if (!this.entities.has(m.entityId) || !this.documents.has(m.docId)) continue;
      push(this.byEntity, m.entityId, m);
      push(this.byDoc, m.docId, m);
    }
    for (const list of this.byDoc.values()) list.sort((a, b) => a.start - b.start);
  }

  /** Mentions of an entity, in the shared index's rank order. */
  mentionsOf(entityId: string): readonly Mention[] {
    return this.byEntity.get(entityId) ?? [];
  }

  /** Mentions in a document, in document order (those lying within a span when given). */
  mentionsIn(docId: string, within?: Span): readonly Mention[] {
    const all = this.byDoc.get(docId) ?? [];
    return within ? lyingWithin(all, within) : all;
  }

  /** The names and aliases of the shared entities (a form of several entities goes to the most mentioned). */
  names(): NameMatcher<string> {
    this.matcher ??= mostMentionedMatcher((offer) => {
      for (const e of this.entities.values()) {
        offer(e.name, e.id, e.mentionCount + 1);
        for (const a of e.aliases) offer(a, e.id, e.mentionCount);
      }
    });
    return this.matcher;
  }
}

/** How well a name or alias matches a query typed in a picker: 4 prefix, 3 word prefix, 2 substring, 0 none. */
export function formScore(form: string, query: string): number {
  const f = foldKey(form);
  const q = foldKey(query);
  if (!q) return 1;
  if (f.startsWith(q)) return 4;
  if (f.split(/[\s-]+/).some((w) => w.startsWith(q))) return 3;
  return f.includes(q) ? 2 : 0;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
