/** Messages between the extension and its webviews (types only: both sides import them). */
import type { EntityType } from '../core/types';

/** A passage the webview shows and can ask to open. */
export interface PassageRef {
  readonly docId: string;
  readonly start: number;
  readonly end: number;
}

// ---- Search view
export interface SearchHitMsg extends PassageRef {
  readonly line: number;
  readonly text: string;
  /** Highlights relative to text. */
  readonly marks: readonly (readonly [number, number])[];
}
export interface SearchGroupMsg {
  readonly docId: string;
  readonly title: string;
  readonly hits: readonly SearchHitMsg[];
}
export type ToSearchView =
  | { readonly type: 'results'; readonly q: string; readonly total: number; readonly problems: readonly string[]; readonly groups: readonly SearchGroupMsg[]; readonly ms: number }
  | { readonly type: 'setQuery'; readonly q: string }
  | { readonly type: 'indexing'; readonly indexing: boolean };
export type FromSearchView =
  | { readonly type: 'ready' }
  | { readonly type: 'query'; readonly q: string }
  | ({ readonly type: 'open'; readonly preview: boolean } & PassageRef);

// ---- Timeline
export interface TimelineItemMsg extends PassageRef {
  readonly id: string;
  readonly label: string;
  readonly dateEntityId: string;
  readonly date?: string;
  readonly partial?: string;
  readonly precision: 'day' | 'month' | 'year';
  /** First and last day covered (dated items). */
  readonly from?: string;
  readonly to?: string;
  readonly passage: string;
  readonly entityIds: readonly string[];
  readonly types: readonly EntityType[];
}
export interface EntityMsg {
  readonly id: string;
  readonly name: string;
  readonly type: EntityType;
  readonly mentions: number;
}
export interface SourceMsg {
  readonly id: string;
  readonly title: string;
  readonly date?: string;
}
export type ToTimeline =
  | { readonly type: 'data'; readonly items: readonly TimelineItemMsg[]; readonly sources: readonly SourceMsg[]; readonly entities: readonly EntityMsg[] }
  | { readonly type: 'focus'; readonly entityId: string | undefined };
export type FromTimeline = { readonly type: 'ready' } | ({ readonly type: 'open' } & PassageRef);

// ---- Network
export interface EdgeMsg {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly weight: number;
}
export interface SharedPassageMsg extends PassageRef {
  readonly title: string;
  readonly line: number;
  readonly text: string;
}
export type ToNetwork =
  | { readonly type: 'data'; readonly nodes: readonly EntityMsg[]; readonly edges: readonly EdgeMsg[]; readonly unit: 'sentence' | 'paragraph' }
  | { readonly type: 'focus'; readonly entityId: string | undefined }
  | { readonly type: 'passages'; readonly edgeId: string; readonly names: readonly [string, string]; readonly passages: readonly SharedPassageMsg[] };
export type FromNetwork =
  | { readonly type: 'ready'; readonly unit: 'sentence' | 'paragraph' }
  | { readonly type: 'edge'; readonly edgeId: string }
  | { readonly type: 'node'; readonly entityId: string }
  | { readonly type: 'unit'; readonly unit: 'sentence' | 'paragraph' }
  | ({ readonly type: 'open' } & PassageRef);
