/**
 * What the mentions of a document depend on besides the document itself: the entity each of its
 * names resolves to, with that entity's id, type, name and aliases. Features that derive something
 * from a document's mentions (quotes tied to speakers, claims tied to entities) keep it while the
 * stamp stays the same, and so do not redo every document after each change to the index.
 */
import type { DocState } from './documentStore';
import type { EntityRec, EntityResolver } from './resolver';

type Entry = readonly [id: string, type: string, name: string, aliases: ReadonlySet<string>] | undefined;

export interface MentionStamp {
  readonly doc: DocState;
  readonly entries: readonly Entry[];
}

export function stampOf(doc: DocState, resolver: EntityResolver): MentionStamp {
  const seen = new Map<EntityRec, Entry>();
  const entries: Entry[] = [];
  for (const key of doc.byKey.keys()) {
    const rec = resolver.entityOfKey(key);
    if (!rec) {
      entries.push(undefined);
      continue;
    }
    let e = seen.get(rec);
    if (!e) seen.set(rec, (e = [rec.id, rec.type, rec.name, new Set(rec.aliases)]));
    entries.push(e);
  }
  return { doc, entries };
}

export function sameStamp(a: MentionStamp, b: MentionStamp): boolean {
  if (a.doc !== b.doc || a.entries.length !== b.entries.length) return false;
  for (let i = 0; i < a.entries.length; i++) {
    const x = a.entries[i];
    const y = b.entries[i];
    if (x === y) continue;
    if (!x || !y || x[0] !== y[0] || x[1] !== y[1] || x[2] !== y[2] || x[3].size !== y[3].size) return false;
    for (const alias of x[3]) if (!y[3].has(alias)) return false;
  }
  return true;
}
