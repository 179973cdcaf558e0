/**
 * The co-occurrence network: entities are nodes (sized by mentions), two entities are linked when
 * they are mentioned in the same sentence (or paragraph), the edge weighted by how many they share.
 */
import type { Corpus } from '../index/api';
import type { EntityType, Span } from '../types';

export type CooccurrenceUnit = 'sentence' | 'paragraph';

export interface NetworkNode {
  readonly id: string;
  readonly name: string;
  readonly type: EntityType;
  readonly mentions: number;
}

export interface SharedPassage extends Span {
  readonly docId: string;
}

export interface NetworkEdge {
  /** `${source}|${target}` with source < target. */
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** Number of passages shared. */
  readonly weight: number;
  readonly passages: readonly SharedPassage[];
}

export interface Network {
  readonly nodes: NetworkNode[];
  readonly edges: NetworkEdge[];
}

export interface NetworkOptions {
  readonly unit?: CooccurrenceUnit;
  /** Entity types kept (default: all but dates and quantities). */
  readonly types?: readonly EntityType[];
  readonly minWeight?: number;
}

export const DEFAULT_NETWORK_TYPES: readonly EntityType[] = ['person', 'organization', 'place', 'group'];

export function cooccurrence(corpus: Corpus, options: NetworkOptions = {}): Network {
  const types = new Set(options.types ?? DEFAULT_NETWORK_TYPES);
  const minWeight = options.minWeight ?? 1;
  const unit = options.unit ?? 'sentence';
  const edges = new Map<string, { source: string; target: string; passages: SharedPassage[] }>();
  for (const d of corpus.documents()) {
    const units = new Map<number, { span: Span; ids: Set<string> }>();
    const paragraphs = unit === 'paragraph' ? ((corpus.layout ? corpus.layout(d.id) : corpus.prepared(d.id))?.paragraphs ?? []) : [];
    const paragraphOf = (start: number): Span | undefined => {
      let lo = 0;
      let hi = paragraphs.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const p = paragraphs[mid]!;
        if (start < p.start) hi = mid - 1;
        else if (start >= p.end) lo = mid + 1;
        else return p;
      }
      return undefined;
    };
    for (const m of corpus.mentionsIn(d.id)) {
      if (!types.has(m.type)) continue;
      const span = unit === 'paragraph' ? (paragraphOf(m.passage.start) ?? m.passage) : m.passage;
      let u = units.get(span.start);
      if (!u) units.set(span.start, (u = { span: { start: span.start, end: span.end }, ids: new Set() }));
      u.ids.add(m.entityId);
    }
    for (const u of units.values()) {
      if (u.ids.size < 2) continue;
      const ids = [...u.ids].sort();
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
          const id = `${ids[i]}|${ids[j]}`;
          let e = edges.get(id);
          if (!e) edges.set(id, (e = { source: ids[i]!, target: ids[j]!, passages: [] }));
          e.passages.push({ docId: d.id, start: u.span.start, end: u.span.end });
        }
      }
    }
  }
  const outEdges: NetworkEdge[] = [];
  for (const [id, e] of edges) if (e.passages.length >= minWeight) outEdges.push({ id, source: e.source, target: e.target, weight: e.passages.length, passages: e.passages });
  outEdges.sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id));
  const nodes: NetworkNode[] = corpus
    .entities()
    .filter((e) => types.has(e.type))
    .map((e) => ({ id: e.id, name: e.name, type: e.type, mentions: e.mentionCount }));
  return { nodes, edges: outEdges };
}

/** The entity, its neighbours and the edges among them. */
export function neighbourhood(net: Network, entityId: string): Network {
  const keep = new Set([entityId]);
  for (const e of net.edges) {
    if (e.source === entityId) keep.add(e.target);
    if (e.target === entityId) keep.add(e.source);
  }
  return { nodes: net.nodes.filter((n) => keep.has(n.id)), edges: net.edges.filter((e) => keep.has(e.source) && keep.has(e.target)) };
}

/** Nodes linked by at least one edge, plus the ones asked for (an entity alone still shows). */
export function connected(net: Network, keepIds: readonly string[] = []): Network {
  const keep = new Set(keepIds);
  for (const e of net.edges) {
    keep.add(e.source);
    keep.add(e.target);
  }
  return { nodes: net.nodes.filter((n) => keep.has(n.id)), edges: net.edges };
}
