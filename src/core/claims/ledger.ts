/**
 * The claims ledger: every claim of the corpus, and the disagreements — the same measure about the
 * same entities given different values by different sources.
 */
import type { Corpus } from '../index/api';
import type { SpeechSource } from '../quotes/speech';
import { extractClaims, tieClaims, type Claim, type ClaimSpan } from './extract';

export interface Disagreement {
  readonly measure: string;
  readonly unit: string;
  readonly entityIds: readonly string[];
  /** The claims, at least two documents and two values among them. */
  readonly claims: readonly Claim[];
}

/** Claims about the same measure of the same entities, in the same unit. */
export function measureKey(c: Pick<Claim, 'measure' | 'unit' | 'entityIds'>): string {
  return `${c.measure}\u0000${c.unit}\u0000${c.entityIds.join('\u0001')}`;
}

export function disagreements(claims: readonly Claim[]): Disagreement[] {
  const groups = new Map<string, Claim[]>();
  for (const c of claims) {
    if (c.entityIds.length === 0) continue;
    const k = measureKey(c);
    const list = groups.get(k);
    if (list) list.push(c);
    else groups.set(k, [c]);
  }
  const out: Disagreement[] = [];
  for (const cs of groups.values()) {
    const docs = new Set(cs.map((c) => c.docId));
    const values = new Set(cs.map((c) => c.value));
    if (docs.size < 2 || values.size < 2) continue;
    out.push({ measure: cs[0]!.measure, unit: cs[0]!.unit, entityIds: cs[0]!.entityIds, claims: cs });
  }
  return out.sort((a, b) => a.measure.localeCompare(b.measure));
}

export class ClaimLedger {
  private readonly spans = new Map<string, { text: string; spans: readonly ClaimSpan[] }>();
  private version = -1;
  private all_: Claim[] = [];
  private disagreements_: Disagreement[] | undefined;
  private byDoc: Map<string, Claim[]> | undefined;
  /** Each document's claims as last tied to entities, and what they were tied from. */
  private readonly tied = new Map<string, { text: string; spans: readonly ClaimSpan[]; stamp: unknown; claims: Claim[] }>();

  constructor(private readonly corpus: Corpus & SpeechSource) {}

  private resolve(): void {
    if (this.version === this.corpus.version) return;
    const all: Claim[] = [];
    const live = new Set<string>();
    for (const d of this.corpus.documents()) {
      live.add(d.id);
      const text = this.corpus.text(d.id) ?? '';
      const kept = this.corpus.speechOf?.(d.id);
      let cached = kept ? { text, spans: kept.claims } : this.spans.get(d.id);
      if (!cached || cached.text !== text) {
        const doc = this.corpus.prepared(d.id);
        cached = { text, spans: doc ? extractClaims(doc) : [] };
        this.spans.set(d.id, cached);
      }
      if (!cached.spans.length) continue;
      // A document whose text, claims and mentions (with their entities' names) are as before keeps its claims.
      const prev = this.tied.get(d.id);
      let claims: Claim[];
      if (prev && prev.text === text && prev.spans === cached.spans && this.corpus.mentionsUnchanged?.(d.id, prev.stamp)) claims = prev.claims;
      else {
        claims = tieClaims(d.id, text, cached.spans, this.corpus.mentionsIn(d.id));
        this.tied.set(d.id, { text, spans: cached.spans, stamp: this.corpus.mentionStamp?.(d.id), claims });
      }
      for (const c of claims) all.push(c);
    }
    for (const id of [...this.spans.keys()]) if (!live.has(id)) this.spans.delete(id);
    for (const id of [...this.tied.keys()]) if (!live.has(id)) this.tied.delete(id);
    this.all_ = all;
    this.byDoc = undefined;
    this.disagreements_ = undefined;
    this.version = this.corpus.version;
  }

  all(): Claim[] {
    this.resolve();
    return this.all_;
  }

  claimsIn(docId: string): Claim[] {
    this.resolve();
    if (!this.byDoc) {
      this.byDoc = new Map();
      for (const c of this.all_) {
        const list = this.byDoc.get(c.docId);
        if (list) list.push(c);
        else this.byDoc.set(c.docId, [c]);
      }
    }
    return [...(this.byDoc.get(docId) ?? [])];
  }

  disagreements(): Disagreement[] {
    this.resolve();
    return (this.disagreements_ ??= disagreements(this.all_));
  }

  /** The claim at an offset of a corpus document. */
  claimAt(docId: string, offset: number): Claim | undefined {
    return this.claimsIn(docId).find((c) => c.start <= offset && offset <= c.end);
  }

  /** What other sources say of the same measure. */
  othersOf(claim: Claim): Claim[] {
    const k = measureKey(claim);
    return this.all().filter((c) => c !== claim && measureKey(c) === k);
  }
}
