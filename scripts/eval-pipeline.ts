/**
 * npm run eval:pipeline -- <file> [--model path]   (CoNLL-2003 .txt, Universal NER .iob2 or WNUT-17 .conll)
 *
 * Scores the whole recogniser pipeline (rules, tagger and their precedence), not the tagger alone:
 * each CoNLL document is written out as plain text (tokens joined by spaces, a sentence a line),
 * read back the way the extension reads a source (our tokenizer and sentence splitter), and the
 * person / organisation / place mentions are compared with the gold spans (exact character spans,
 * MISC left out). Prints precision, recall and F1 for:
 *   - the tagger alone, on our tokens (merged as the tagger was trained: taggerTokens.ts) and sentences;
 *   - the tagger recogniser (with its clean-up rules);
 *   - the full pipeline, and its 30 most frequent errors.
 * --skip, --without and --errors N choose clean-up rules and recognisers to leave out and how many errors to list.
 * With --ablate it prints instead the full pipeline's micro F1 with each clean-up rule of the tagger
 * recogniser, each rule recogniser and the document-level echoes left out in turn (a positive
 * difference means the pipeline is better without it).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CandidateSource } from '../src/core/index/api';
import { prepareDocument } from '../src/core/text/document';
import { createDefaultPipeline, Pipeline } from '../src/core/recognisers/pipeline';
import { CLEANUP_RULES, TaggerRecogniser } from '../src/core/recognisers/tagger';
import { taggerSentences } from '../src/core/recognisers/taggerTokens';
import { detectFormat, parseCorpus } from '../src/core/tagger/readers';
import { KINDS } from '../src/core/tagger/labels';
import type { Candidate, PreparedDocument } from '../src/core/types';
import { loadTagger } from '../src/node/tagger';

const TYPE: Readonly<Record<string, string>> = { person: 'PER', organization: 'ORG', place: 'LOC' };
const KIND_TYPE: Readonly<Record<string, Candidate['type']>> = { PER: 'person', ORG: 'organization', LOC: 'place' };

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function f1(c: Counts): string {
  const p = c.tp / (c.tp + c.fp || 1);
  const r = c.tp / (c.tp + c.fn || 1);
  const f = p + r > 0 ? (2 * p * r) / (p + r) : 0;
  return `P ${(100 * p).toFixed(2)}  R ${(100 * r).toFixed(2)}  F1 ${(100 * f).toFixed(2)}`;
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: npm run eval:pipeline -- <conll-file>\n');
    process.exitCode = 2;
    return;
  }
  const text = readFileSync(path.resolve(file), 'utf8');
  const docs = parseCorpus(text, detectFormat(file, text));
  const mi = process.argv.indexOf('--model');
  const tagger = await loadTagger(mi > 0 ? path.resolve(process.argv[mi + 1] ?? '') : undefined);
  const raw: CandidateSource = {
    run: (d: PreparedDocument) => {
      const sentences = taggerSentences(d);
      const out: Candidate[] = [];
      tagger.tag(sentences.map((x) => x.words)).forEach((spans, si) => {
        const starts = sentences[si]!.starts;
        for (const s of spans) {
          const type = KIND_TYPE[s.type];
          if (!type) continue;
          const start = d.tokens[starts[s.startToken]!]!.start;
          const end = d.tokens[starts[s.endToken]! - 1]!.end;
          out.push({ start, end, type, name: d.text.slice(start, end), source: 'tagger', priority: 0 });
        }
      });
      return out;
    },
  };
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? (process.argv[i + 1] ?? '') : undefined;
  };
  // --skip rule,rule (tagger clean-up rules), --without id,id (recognisers; "echo" for rule 3), --errors N
  const skip = new Set((arg('--skip') ?? '').split(',').filter(Boolean)) as Set<(typeof CLEANUP_RULES)[number]>;
  const without = new Set((arg('--without') ?? '').split(',').filter(Boolean));
  const nErrors = Number(arg('--errors') ?? 30);
  const recogniser = new TaggerRecogniser(tagger, { skip });
  const chosen = createDefaultPipeline({ tagger: recogniser });
  const variants: [string, CandidateSource][] = [
    ['tagger alone, on our tokens and sentences', raw],
    ['tagger recogniser (with its clean-up rules)', { run: (d) => recogniser.recognise(d) }],
    ['full pipeline (rules, tagger, precedence)', new Pipeline(chosen.recognisers.filter((r) => !without.has(r.id)), !without.has('echo'))],
  ];
  if (process.argv.includes('--ablate')) {
    const base = score(docs, createDefaultPipeline({ tagger: recogniser })).all;
    console.log(`full pipeline   ${f1(base)}`);
    const full = createDefaultPipeline({ tagger: recogniser });
    const runs: [string, CandidateSource][] = [
      ...CLEANUP_RULES.map((r): [string, CandidateSource] => [`tagger rule ${r}`, createDefaultPipeline({ tagger: new TaggerRecogniser(tagger, { skip: new Set([r]) }) })]),
      ...full.recognisers.filter((r) => r !== recogniser).map((r): [string, CandidateSource] => [`recogniser ${r.id}`, new Pipeline(full.recognisers.filter((x) => x !== r))]),
      ['echoes (rule 3)', new Pipeline(full.recognisers, false)],
    ];
    for (const [label, source] of runs) {
      const c = score(docs, source).all;
      console.log(`without ${label.padEnd(32)} ${f1(c)}  (${(100 * (fOf(c) - fOf(base))).toFixed(2)})`);
    }
    return;
  }
  for (const [label, source] of variants) {
    const { byType, all, errors } = score(docs, source);
    console.log(`\n${label}`);
    for (const t of ['PER', 'ORG', 'LOC']) console.log(`  ${t}                  ${f1(byType.get(t) ?? { tp: 0, fp: 0, fn: 0 })}`);
    console.log(`  micro PER/ORG/LOC    ${f1(all)}`);
    if (source === variants[2]![1]) {
      console.log('\n  most frequent errors:');
      for (const [k, n] of [...errors].sort((a, b) => b[1] - a[1]).slice(0, nErrors)) console.log(`  ${String(n).padStart(4)}  ${k}`);
    }
  }
}

function fOf(c: Counts): number {
  const p = c.tp / (c.tp + c.fp || 1);
  const r = c.tp / (c.tp + c.fn || 1);
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

/** Exact-span scores of one candidate source over the documents, and its errors by form. */
function score(docs: ReturnType<typeof parseCorpus>, source: CandidateSource): { byType: Map<string, Counts>; all: Counts; errors: Map<string, number> } {
  const byType = new Map<string, Counts>();
  const all: Counts = { tp: 0, fp: 0, fn: 0 };
  const errors = new Map<string, number>();
  const count = (type: string, k: keyof Counts) => {
    let c = byType.get(type);
    if (!c) byType.set(type, (c = { tp: 0, fp: 0, fn: 0 }));
    c[k]++;
    all[k]++;
  };
  for (const d of docs) {
    let text = '';
    const gold = new Set<string>();
    for (const s of d.sentences) {
      const offsets = s.tokens.map((t) => {
        const o = text.length;
        text += t + ' ';
        return o;
      });
      for (const sp of s.spans) {
        const kind = KINDS[sp.type]!;
        if (kind === 'MISC') continue;
        gold.add(`${offsets[sp.start]}:${offsets[sp.end - 1]! + s.tokens[sp.end - 1]!.length}:${kind}`);
      }
      text = text.slice(0, -1) + '\n';
    }
    const pred = new Set<string>();
    for (const c of source.run(prepareDocument('doc.txt', text, 'text'), {})) {
      const t = TYPE[c.type];
      if (t) pred.add(`${c.start}:${c.end}:${t}`);
    }
    const note = (key: string, what: string) => {
      const [a, b, t] = key.split(':');
      const k = `${what} ${t} ${text.slice(Number(a), Number(b))}`;
      errors.set(k, (errors.get(k) ?? 0) + 1);
    };
    for (const g of gold) {
      if (pred.has(g)) count(g.split(':')[2]!, 'tp');
      else {
        count(g.split(':')[2]!, 'fn');
        note(g, 'missed');
      }
    }
    for (const x of pred) {
      if (gold.has(x)) continue;
      count(x.split(':')[2]!, 'fp');
      note(x, 'wrong ');
    }
  }
  return { byType, all, errors };
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
});
