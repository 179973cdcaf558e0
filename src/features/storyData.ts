/** The data messages of the Timeline and the Network webviews, from the index (no editor needed). */
import type { Corpus } from '../core/index/api';
import type { CooccurrenceUnit, Network } from '../core/network/cooccurrence';
import { itemInterval, timelineItems } from '../core/timeline/timeline';
import type { EntityMsg, SourceMsg, ToNetwork, ToTimeline } from '../webview/protocol';

export function entitiesMsg(corpus: Corpus): EntityMsg[] {
  return corpus.entities().map((e) => ({ id: e.id, name: e.name, type: e.type, mentions: e.mentionCount }));
}

export function sourcesMsg(corpus: Corpus): SourceMsg[] {
  return corpus.documents().map((d) => ({ id: d.id, title: d.title, ...(d.meta?.date ? { date: d.meta.date } : {}) }));
}

export function timelineData(corpus: Corpus): ToTimeline {
  const items = timelineItems(corpus).map((i) => {
    const iv = itemInterval(i);
    return {
      id: i.id,
      docId: i.docId,
      start: i.start,
      end: i.end,
      label: i.label,
      dateEntityId: i.dateEntityId,
      ...(i.date ? { date: i.date } : {}),
      ...(i.partial ? { partial: i.partial } : {}),
      precision: i.precision,
      ...(iv ? { from: iv[0], to: iv[1] } : {}),
      passage: i.passage.text,
      entityIds: i.entityIds,
      types: i.types,
    };
  });
  return { type: 'data', items, sources: sourcesMsg(corpus), entities: entitiesMsg(corpus).filter((e) => e.type !== 'quantity') };
}

export function networkData(net: Network, unit: CooccurrenceUnit): ToNetwork {
  return {
    type: 'data',
    nodes: net.nodes.map((n) => ({ id: n.id, name: n.name, type: n.type, mentions: n.mentions })),
    edges: net.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, weight: e.weight })),
    unit,
  };
}
