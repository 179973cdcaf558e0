/**
 * npm run eval:quotes -- <polnear-split-folder> [--errors N] [--direct-errors N]
 *
 * Scores quote extraction on PolNeAR (brat standoff: attributions/<article>_<annotator>.ann against
 * text/<article>.txt; offsets in code points). Every annotation file is scored against its text.
 *   - content: a predicted attribution matches a gold one when their content spans overlap; the
 *     matching is one-to-one (greedy, largest overlap first); precision, recall and F1 over all
 *     attributions and over direct quotes alone (gold: content that opens and closes with a quote
 *     mark; predicted: kind "direct").
 *   - speaker: a matched pair whose predicted speaker span overlaps the gold Source span counts;
 *     precision over predictions with a speaker, recall over gold attributions with a Source.
 * The two halves of a split quote (one cue) are one attribution, as in the annotation.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { extractQuotes } from '../src/core/quotes/extract';
import type { QuoteSpan } from '../src/core/quotes/types';
import { prepareDocument } from '../src/core/text/document';
import type { Span } from '../src/core/types';

interface Attr {
  content: Span[];
  source: Span[];
  text: string;
  direct: boolean;
  speakerText?: string;
  cueText?: string;
}

interface Counts {
  tp: number;
  pred: number;
  gold: number;
}

const zero = (): Counts => ({ tp: 0, pred: 0, gold: 0 });

function prf(c: Counts): string {
  const p = c.tp / (c.pred || 1);
  const r = c.tp / (c.gold || 1);
  const f = p + r > 0 ? (2 * p * r) / (p + r) : 0;
  return `P ${(100 * p).toFixed(1).padStart(5)}  R ${(100 * r).toFixed(1).padStart(5)}  F1 ${(100 * f).toFixed(1).padStart(5)}  (${c.tp} of ${c.pred} predicted, ${c.gold} gold)`;
}

/** Code point offset → UTF-16 offset. */
function cpMap(text: string): number[] {
  const map: number[] = [];
  let u = 0;
  for (const ch of text) {
    map.push(u);
    u += ch.length;
  }
  map.push(u);
  return map;
}

function parseAnn(ann: string, text: string): Attr[] {
  const map = cpMap(text);
  const spans = new Map<string, { type: string; spans: Span[] }>();
  const out: Attr[] = [];
  for (const line of ann.split('\n')) {
    const cols = line.split('\t');
    if (cols[0]?.startsWith('T') && cols[1]) {
      const [type, ...rest] = cols[1].split(' ');
      const ss = rest.join(' ').split(';').map((p) => {
        const [a, b] = p.trim().split(' ').map(Number);
        return { start: map[a!] ?? a!, end: map[b!] ?? b! };
      });
      spans.set(cols[0], { type: type!, spans: ss });
    }
  }
  for (const line of ann.split('\n')) {
    const cols = line.split('\t');
    if (!cols[0]?.startsWith('E') || !cols[1]) continue;
    const roles = new Map<string, Span[]>();
    for (const part of cols[1].split(' ')) {
      const [role, id] = part.split(':');
      const t = id ? spans.get(id) : undefined;
      if (role && t) roles.set(role.replace(/\d+$/, ''), [...(roles.get(role) ?? []), ...t.spans]);
    }
    const content = (roles.get('Content') ?? []).sort((a, b) => a.start - b.start);
    if (content.length === 0) continue;
    const first = text.slice(content[0]!.start, content[0]!.end).trim().replace(/^(that|:)[\s,]*/i, '');
    const last = text.slice(content[content.length - 1]!.start, content[content.length - 1]!.end).trim();
    const direct = /^[“"‘']/.test(first) && /[”"’'][.,!?;:]?$/.test(last);
    const source = roles.get('Source') ?? [];
    const cue = roles.get('Cue') ?? [];
    out.push({ content, source, text: content.map((s) => text.slice(s.start, s.end)).join(' … '), direct, speakerText: source.map((s) => text.slice(s.start, s.end)).join(' '), cueText: cue.map((s) => text.slice(s.start, s.end)).join(' ') });
  }
  return out;
}

function predicted(qs: QuoteSpan[], text: string): Attr[] {
  const groups = new Map<number, QuoteSpan[]>();
  const order: number[] = [];
  qs.forEach((q, i) => {
    const rootQ = q.continues !== undefined ? qs.findIndex((x) => x.outer.start === q.continues) : -1;
    const root = rootQ >= 0 && sameParagraph(text, qs[rootQ]!, q) ? rootQ : i;
    if (!groups.has(root)) {
      groups.set(root, []);
      order.push(root);
    }
    groups.get(root)!.push(q);
  });
  return order.map((r) => {
    const g = groups.get(r)!;
    return {
      content: g.map((q) => q.outer),
      source: g[0]!.speaker ? [g[0]!.speaker] : [],
      text: g.map((q) => text.slice(q.outer.start, q.outer.end)).join(' … '),
      // As in the gold standard, a direct quote is one in quote marks (a transcript line is not counted as one).
      direct: g[0]!.kind === 'direct' && /^[“"‘'«]/.test(text.slice(g[0]!.outer.start, g[0]!.outer.start + 1)),
      speakerText: g[0]!.speaker ? text.slice(g[0]!.speaker.start, g[0]!.speaker.end) : undefined,
    };
  });
}

function sameParagraph(text: string, a: QuoteSpan, b: QuoteSpan): boolean {
  return !/\n\s*\n|\r\n\s*\r\n/.test(text.slice(a.outer.end, b.outer.start));
}

const overlap = (a: Span[], b: Span[]) => {
  let n = 0;
  for (const x of a) for (const y of b) n += Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
  return n;
};

function score(gold: Attr[], pred: Attr[], content: Counts, speaker: Counts, misses: string[], extras: string[], wrongSpeaker: string[]): void {
  content.gold += gold.length;
  content.pred += pred.length;
  speaker.gold += gold.filter((g) => g.source.length > 0).length;
  speaker.pred += pred.filter((p) => p.source.length > 0).length;
  const pairs: [number, number, number][] = [];
  gold.forEach((g, gi) => pred.forEach((p, pi) => {
    const o = overlap(g.content, p.content);
    if (o > 0) pairs.push([o, gi, pi]);
  }));
  pairs.sort((a, b) => b[0] - a[0]);
  const gUsed = new Set<number>();
  const pUsed = new Set<number>();
  for (const [, gi, pi] of pairs) {
    if (gUsed.has(gi) || pUsed.has(pi)) continue;
    gUsed.add(gi);
    pUsed.add(pi);
    content.tp++;
    const g = gold[gi]!;
    const p = pred[pi]!;
    if (g.source.length && p.source.length && overlap(g.source, p.source) > 0) speaker.tp++;
    else if (p.source.length || g.source.length) wrongSpeaker.push(`gold [${g.speakerText ?? ''}] predicted [${p.speakerText ?? ''}]  ${clip(p.text)}`);
  }
  gold.forEach((g, i) => !gUsed.has(i) && misses.push(`{${g.cueText ?? ''}} [${g.speakerText ?? ''}] ${clip(g.text)}`));
  pred.forEach((p, i) => !pUsed.has(i) && extras.push(`[${p.speakerText ?? ''}] ${clip(p.text)}`));
}

const clip = (s: string) => {
  const t = s.replace(/\s+/g, ' ');
  return t.length > 150 ? t.slice(0, 149) + '…' : t;
};

function main(): void {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'));
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : 0;
  };
  if (!dir || !existsSync(path.join(dir, 'attributions'))) {
    console.error('Usage: npm run eval:quotes -- <polnear split folder, with attributions/ and text/> [--errors N] [--direct-errors N]');
    process.exitCode = 2;
    return;
  }
  const all = { content: zero(), speaker: zero() };
  const dir_ = { content: zero(), speaker: zero() };
  const errs = { misses: [] as string[], extras: [] as string[], speaker: [] as string[] };
  const derrs = { misses: [] as string[], extras: [] as string[], speaker: [] as string[] };
  const files = readdirSync(path.join(dir, 'attributions')).filter((f) => f.endsWith('.ann')).sort();
  const cache = new Map<string, QuoteSpan[]>();
  let ms = 0;
  for (const f of files) {
    const article = f.replace(/_[^_]+\.ann$/, '');
    const text = readFileSync(path.join(dir, 'text', article + '.txt'), 'utf8');
    const gold = parseAnn(readFileSync(path.join(dir, 'attributions', f), 'utf8'), text);
    let qs = cache.get(article);
    if (!qs) {
      const t0 = performance.now();
      qs = extractQuotes(prepareDocument(article + '.txt', text, 'text'));
      ms += performance.now() - t0;
      cache.set(article, qs);
    }
    const pred = predicted(qs, text);
    score(gold, pred, all.content, all.speaker, errs.misses, errs.extras, errs.speaker);
    score(gold.filter((g) => g.direct), pred.filter((p) => p.direct), dir_.content, dir_.speaker, derrs.misses, derrs.extras, derrs.speaker);
  }
  console.log(`PolNeAR ${dir}: ${files.length} annotation files, ${cache.size} articles (extraction ${ms.toFixed(0)} ms)`);
  console.log(`direct quotes   content  ${prf(dir_.content)}`);
  console.log(`direct quotes   speaker  ${prf(dir_.speaker)}`);
  console.log(`all attributions content ${prf(all.content)}`);
  console.log(`all attributions speaker ${prf(all.speaker)}`);
  const show = (title: string, xs: string[], n: number) => {
    if (!n) return;
    console.log(`\n${title} (${xs.length}):`);
    for (const x of xs.slice(0, n)) console.log('  ' + x);
  };
  show('direct: missed', derrs.misses, opt('--direct-errors'));
  show('direct: extra', derrs.extras, opt('--direct-errors'));
  show('direct: wrong speaker', derrs.speaker, opt('--direct-errors'));
  show('all: missed', errs.misses, opt('--errors'));
  show('all: extra', errs.extras, opt('--errors'));
  show('all: wrong speaker', errs.speaker, opt('--errors'));
}

main();
