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
  /** Each document's claims as last tied to entities, and what they were tied from. */
  private readonly tied = new Map<string, { text: string; spans: readonly ClaimSpan[]; stamp: unknown; claims: Claim[] }>();

  constructor(private readonly corpus: Corpus & SpeechSource) {}

  /** One document's claim spans (the analysis keeps them; else extracted once per text). */
  private spansOfDoc(docId: string): { text: string; spans: readonly ClaimSpan[] } | undefined {
    const text = this.corpus.text(docId);
    if (text === undefined) return undefined;
    const kept = this.corpus.speechOf?.(docId);
    let cached = kept ? { text, spans: kept.claims } : this.spans.get(docId);
    if (!cached || cached.text !== text) {
      const doc = this.corpus.prepared(docId);
      cached = { text, spans: doc ? extractClaims(doc) : [] };
      this.spans.set(docId, cached);
    }
    return cached;
  }

  /** The claims of a document as last tied, if its text, claims and mentions have not changed since. */
  private tiedOf(docId: string, cached: { text: string; spans: readonly ClaimSpan[] }): Claim[] | undefined {
    const prev = this.tied.get(docId);
    return prev && prev.text === cached.text && prev.spans === cached.spans && this.corpus.mentionsUnchanged?.(docId, prev.stamp) ? prev.claims : undefined;
  }

  /** One document's claims, tied to entities again only when its text, claims or mentions changed. */
  private claimsOfDoc(docId: string): Claim[] {
    const cached = this.spansOfDoc(docId);
    if (!cached?.spans.length) return [];
    const kept = this.tiedOf(docId, cached);
    if (kept) return kept;
    const claims = tieClaims(docId, cached.text, cached.spans, this.corpus.mentionsIn(docId));
    this.tied.set(docId, { text: cached.text, spans: cached.spans, stamp: this.corpus.mentionStamp?.(docId), claims });
    return claims;
  }

  private resolve(): void {
    if (this.version === this.corpus.version) return;
    const all: Claim[] = [];
    const live = new Set<string>();
    for (const d of this.corpus.documents()) {
      live.add(d.id);
      for (const c of this.claimsOfDoc(d.id)) all.push(c);
    }
    for (const id of [...this.spans.keys()]) if (!live.has(id)) this.spans.delete(id);
    for (const id of [...this.tied.keys()]) if (!live.has(id)) this.tied.delete(id);
    this.all_ = all;
    this.disagreements_ = undefined;
    this.version = this.corpus.version;
  }

  all(): Claim[] {
    this.resolve();
    return this.all_;
  }

  /** One document's claims: only that document is tied again (a hover never waits for a large source elsewhere). */
  claimsIn(docId: string): Claim[] {
    return [...this.claimsOfDoc(docId)];
  }

  disagreements(): Disagreement[] {
    this.resolve();
    return (this.disagreements_ ??= disagreements(this.all_));
  }

  /**
   * The claim at an offset of a corpus document. Only the claims there are tied to entities when the
   * document's are not tied already (a hover in a large source just re-indexed ties one sentence, not thousands).
   */
  claimAt(docId: string, offset: number): Claim | undefined {
    const cached = this.spansOfDoc(docId);
    if (!cached?.spans.length) return undefined;
    const at = (c: ClaimSpan) => c.start <= offset && offset <= c.end;
    const kept = this.tiedOf(docId, cached);
    if (kept) return kept.find(at);
    const here = cached.spans.filter(at);
    if (!here.length) return undefined;
    const within = { start: Math.min(...here.map((c) => c.passage.start)), end: Math.max(...here.map((c) => c.passage.end)) };
    return tieClaims(docId, cached.text, here, this.corpus.mentionsIn(docId, within))[0];
  }

  /** What other sources say of the same measure. */
  othersOf(claim: Claim): Claim[] {
    const k = measureKey(claim);
    return this.all().filter((c) => c !== claim && measureKey(c) === k);
  }
}
