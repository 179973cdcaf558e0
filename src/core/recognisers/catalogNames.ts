import type { Catalog } from '../catalog/catalog';
import { NameMatcher } from '../text/matcher';
import type { Candidate, EntityType, PreparedDocument, Recogniser } from '../types';

export const CATALOG_PRIORITY = 100;

/**
 * Finds every curated name and alias of entities.yaml in a document, wherever it occurs, even
 * where no other recogniser fires. Entries without a type (and no type override) are not searched
 * for: their names still join the curated entity when another recogniser finds them.
 */
export class CatalogRecogniser implements Recogniser {
  readonly id = 'catalog';
  readonly priority = CATALOG_PRIORITY;
  private readonly matcher = new NameMatcher<{ name: string; type: EntityType }>();

  constructor(catalog: Catalog) {
    const overrides = new Map(Object.entries(catalog.types).map(([k, v]) => [k.toLowerCase(), v] as const));
    for (const e of catalog.entities) {
      const type = e.type ?? overrides.get(e.name.toLowerCase());
      if (!type) continue;
      for (const form of [e.name, ...e.aliases]) this.matcher.add(form, { name: e.name, type });
    }
  }

  get empty(): boolean {
    return this.matcher.size === 0;
  }

  recognise(doc: PreparedDocument): Candidate[] {
    if (this.matcher.size === 0) return [];
    return this.matcher.matchTokens(doc.tokens).map((h) => ({
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
