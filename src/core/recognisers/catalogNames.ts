import type { Catalog } from '../catalog/catalog';
import { nameKey } from '../resolution/aliases';
import { NameMatcher } from '../text/matcher';
import type { Candidate, EntityType, PreparedDocument, Recogniser } from '../types';

export const CATALOG_PRIORITY = 100;

interface Curated {
  name: string;
  type: EntityType;
}

/**
 * Finds every curated name and alias of entities.yaml in a document, wherever it occurs, even
 * where no other recogniser fires. Entries without a type (and no type override) are not searched
 * for: their names still join the curated entity when another recogniser finds them.
 *
 * A scoped alias (`documents:`) is found only in its documents, and there it wins over any other
 * curated name at the same place; scopedKeys() tells the index which keys it claims there, so a
 * name another recogniser finds in those documents joins the scoped entity too.
 */
export class CatalogRecogniser implements Recogniser {
  readonly id = 'catalog';
  readonly priority = CATALOG_PRIORITY;
  private readonly matcher = new NameMatcher<Curated>();
  /** Document id → the scoped aliases that apply there. */
  private readonly scoped = new Map<string, NameMatcher<Curated>>();
  /** Document id → name key of a scoped alias → name key of its entity. */
  private readonly keysByDoc = new Map<string, Map<string, string>>();

  constructor(catalog: Catalog) {
    const overrides = new Map(Object.entries(catalog.types).map(([k, v]) => [k.toLowerCase(), v] as const));
    for (const e of catalog.entities) {
      const type = e.type ?? overrides.get(e.name.toLowerCase());
      for (const a of e.scopedAliases ?? []) {
        const target = nameKey(e.name);
        for (const d of a.documents) {
          let m = this.keysByDoc.get(d);
          if (!m) this.keysByDoc.set(d, (m = new Map()));
          const k = nameKey(a.name);
          // The first entity listing a scoped alias in a document keeps it there.
          if (!k || m.has(k)) continue;
          m.set(k, target);
          if (!type) continue;
          let sm = this.scoped.get(d);
          if (!sm) this.scoped.set(d, (sm = new NameMatcher()));
          sm.add(a.name, { name: e.name, type });
        }
      }
      if (!type) continue;
      for (const form of [e.name, ...e.aliases]) this.matcher.add(form, { name: e.name, type });
    }
  }

  get empty(): boolean {
    return this.matcher.size === 0 && this.keysByDoc.size === 0;
  }

  /** The name keys scoped aliases claim in a document (key → the name key of their entity). */
  scopedKeys(docId: string): ReadonlyMap<string, string> | undefined {
    return this.keysByDoc.get(docId);
  }

  recognise(doc: PreparedDocument): Candidate[] {
    if (this.empty) return [];
    const global = this.matcher.size === 0 ? [] : this.matcher.matchTokens(doc.tokens);
    const here = this.scoped.get(doc.id)?.matchTokens(doc.tokens) ?? [];
    const hits = here.length === 0 ? global : [...here, ...global.filter((g) => !here.some((h) => h.start < g.end && g.start < h.end))].sort((a, b) => a.start - b.start);
    return hits.map((h) => ({
      start: h.start,
      end: h.end,
      type: h.value.type,
      name: doc.text.slice(h.start, h.end),
      source: this.id,
      priority: this.priority,
      attrs: { catalogName: h.value.name },
    }));
  }
}
