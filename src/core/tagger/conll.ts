import { KINDS, type LabelSpan } from './labels';

/** A CoNLL-2003 document: sentences of tokens with their gold entity spans. */
export interface ConllSentence {
  tokens: string[];
  spans: LabelSpan[];
}
export interface ConllDocument {
  sentences: ConllSentence[];
}

/**
 * Parse CoNLL-2003 text (`word POS chunk NER` per line, blank line between sentences,
 * `-DOCSTART-` between documents). Tags may be IOB1 or IOB2: an entity starts at B-X, or at I-X
 * that does not continue an entity of type X.
 */
export function parseConll(text: string): ConllDocument[] {
  const docs: ConllDocument[] = [];
  let doc: ConllDocument | null = null;
  let toks: string[] = [];
  let tags: string[] = [];
  const flush = () => {
    if (toks.length === 0) return;
    if (!doc) {
      doc = { sentences: [] };
      docs.push(doc);
    }
    doc.sentences.push({ tokens: toks, spans: tagsToSpans(tags) });
    toks = [];
    tags = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') {
      flush();
      continue;
    }
    const cols = line.split(/\s+/);
    if (cols[0] === '-DOCSTART-') {
      flush();
      doc = { sentences: [] };
      docs.push(doc);
      continue;
    }
    toks.push(cols[0]!);
    tags.push(cols[cols.length - 1]!);
  }
  flush();
  return docs.filter((d) => d.sentences.length > 0);
}

export function tagsToSpans(tags: readonly string[]): LabelSpan[] {
  const out: LabelSpan[] = [];
  let start = -1;
  let type = -1;
  for (let i = 0; i <= tags.length; i++) {
    const tag = i < tags.length ? tags[i]! : 'O';
    const prefix = tag[0];
    const t = tag === 'O' ? -1 : KINDS.indexOf(tag.slice(2) as (typeof KINDS)[number]);
    const begins = t >= 0 && (prefix === 'B' || prefix === 'S' || prefix === 'U' || t !== type || start < 0);
    if (start >= 0 && (t < 0 || begins)) {
      out.push({ start, end: i, type });
      start = -1;
      type = -1;
    }
    if (t >= 0 && start < 0) {
      start = i;
      type = t;
    }
    if (start >= 0 && (prefix === 'E' || prefix === 'L' || prefix === 'S' || prefix === 'U')) {
      out.push({ start, end: i + 1, type });
      start = -1;
      type = -1;
    }
  }
  return out;
}

/** Exact-span counts, per type and untyped. */
export class SpanScore {
  tp = [0, 0, 0, 0];
  fp = [0, 0, 0, 0];
  fn = [0, 0, 0, 0];
  utp = 0;
  ufp = 0;
  ufn = 0;

  add(gold: readonly LabelSpan[], pred: readonly LabelSpan[]): void {
    const g = new Map<string, number>();
    for (const s of gold) g.set(`${s.start}:${s.end}`, s.type);
    const seen = new Set<string>();
    for (const s of pred) {
      const k = `${s.start}:${s.end}`;
      const gt = g.get(k);
      if (gt === undefined) {
        this.fp[s.type]!++;
        this.ufp++;
        continue;
      }
      seen.add(k);
      this.utp++;
      if (gt === s.type) this.tp[s.type]!++;
      else {
        this.fp[s.type]!++;
        this.fn[gt]!++;
      }
    }
    for (const s of gold) {
      if (!seen.has(`${s.start}:${s.end}`)) {
        this.fn[s.type]!++;
        this.ufn++;
      }
    }
  }

  static prf(tp: number, fp: number, fn: number): { p: number; r: number; f: number } {
    const p = tp + fp > 0 ? tp / (tp + fp) : 0;
    const r = tp + fn > 0 ? tp / (tp + fn) : 0;
    return { p, r, f: p + r > 0 ? (2 * p * r) / (p + r) : 0 };
  }

  type(t: number) {
    return SpanScore.prf(this.tp[t]!, this.fp[t]!, this.fn[t]!);
  }

  /** Micro average over the given types (default PER, ORG, LOC). */
  micro(types: readonly number[] = [0, 1, 2]) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const t of types) {
      tp += this.tp[t]!;
      fp += this.fp[t]!;
      fn += this.fn[t]!;
    }
    return SpanScore.prf(tp, fp, fn);
  }

  untyped() {
    return SpanScore.prf(this.utp, this.ufp, this.ufn);
  }

  report(): string {
    const pct = (x: number) => (100 * x).toFixed(2).padStart(6);
    const line = (name: string, s: { p: number; r: number; f: number }, n?: number) =>
      `${name.padEnd(22)} P ${pct(s.p)}  R ${pct(s.r)}  F1 ${pct(s.f)}${n !== undefined ? `  (gold ${n})` : ''}`;
    const out: string[] = [];
    for (let t = 0; t < 4; t++) out.push(line(KINDS[t]!, this.type(t), this.tp[t]! + this.fn[t]!));
    out.push(line('micro PER/ORG/LOC', this.micro()));
    out.push(line('micro all four', this.micro([0, 1, 2, 3])));
    out.push(line('untyped spans', this.untyped()));
    return out.join('\n');
  }
}
