/**
 * The CLI's research commands:
 *
 *   source-research search <folder> QUERY… [--json] [--limit N] [--no-tagger]
 *   source-research export <folder> --format csv|json|md [--entity NAME]… [--out PATH] [--no-tagger]
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Corpus } from '../core/index/api';
import type { CandidateSource } from '../core/index/corpus';
import { csvFiles } from '../core/export/csv';
import { dossier } from '../core/export/dossier';
import { QuoteIndex } from '../core/quotes/quoteIndex';
import { DEFAULT_NETWORK_TYPES } from '../core/network/cooccurrence';
import { createDefaultPipeline } from '../core/recognisers/pipeline';
import { TaggerRecogniser } from '../core/recognisers/tagger';
import { resolveEntity } from '../core/search/resolve';
import { SearchIndex, type PassageHit } from '../core/search/searchIndex';
import { escapeControlChars } from '../core/text/sanitize';
import { LineIndex } from '../core/text/text';
import type { EntitySummary } from '../core/types';
import type { FormatStore } from '../core/formats/store';
import type { ExtractionService } from './formats/service';
import { loadFolder } from './folder';
import { loadTagger } from './tagger';

export const RESEARCH_USAGE = `  source-research search <folder> QUERY [--json] [--limit N] [--no-tagger]
      Passages matching QUERY, best first: words, "exact phrases", prefix*, -exclude,
      entity:"Name", type:person, source:TEXT, kind:"press release", from:2020 to:2023-06.
      --json prints {"results":[{"path","start","end","text","score","page"?}]}.

  source-research export <folder> --format csv|json|md [--entity NAME]... [--out PATH] [--no-tagger]
      csv:  entities.csv and mentions.csv into the folder PATH (default: the current folder)
      json: the index as scan --json (to PATH, or standard output)
      md:   a dossier of the entities (default: all but dates and quantities) with citations
`;

export interface ResearchDeps {
  /** The scan --json document (cli.ts toJson). */
  toJson(index: Corpus, texts: Map<string, string>, formats?: FormatStore): object;
  /** Reads PDF, HTML, Word, e-mail and image sources (cli.ts's, with --cache and --no-ocr applied). */
  extractor?: ExtractionService;
}

interface Parsed {
  positional: string[];
  flags: Map<string, string[]>;
}

const VALUE_FLAGS = new Set(['--format', '--entity', '--out', '--limit']);
const BOOL_FLAGS = new Set(['--json', '--no-tagger']);

function parseArgs(argv: string[]): Parsed | string {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      if (VALUE_FLAGS.has(name)) {
        const v = inline ?? argv[++i];
        if (v === undefined) return `${name} needs a value`;
        flags.set(name, [...(flags.get(name) ?? []), v]);
      } else if (BOOL_FLAGS.has(name)) flags.set(name, ['']);
      else return `unknown option ${name}`;
    } else positional.push(a);
  }
  return { positional, flags };
}

async function load(folder: string, noTagger: boolean, err: (s: string) => void, extractor?: ExtractionService) {
  let pipeline: CandidateSource | undefined;
  if (!noTagger) {
    try {
      pipeline = createDefaultPipeline({ tagger: new TaggerRecogniser(await loadTagger()) });
    } catch (e) {
      err(`source-research: the entity tagger could not be loaded (${e instanceof Error ? e.message : String(e)}); using the rule recognisers only\n`);
    }
  }
  const loaded = await loadFolder(folder, { ...(pipeline ? { pipeline } : {}), ...(extractor ? { extractor } : {}) });
  const line = (l: string) => err(escapeControlChars(l) + '\n');
  for (const w of loaded.warnings) line(`${w.file}: warning: ${w.message}`);
  for (const [f, how] of loaded.encodings) line(`${f}: note: ${how}`);
  for (const p of loaded.problems) line(`${p.file}:${p.line + 1}:${p.character + 1}: ${p.severity}: ${p.message}`);
  return loaded;
}

/** `{"results":[…]}` as the search command prints it (the PostgreSQL search prints the same shape). */
export function searchJson(hits: readonly PassageHit[]): { results: { path: string; start: number; end: number; text: string; score: number; page?: number }[] } {
  return {
    results: hits.map((h) => ({ path: h.docId, start: h.start, end: h.end, text: h.text, score: Math.round(h.score * 1000) / 1000, ...(h.page !== undefined ? { page: h.page } : {}) })),
  };
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Readable results: grouped by source, the matches in [brackets]. */
export function searchText(corpus: Corpus, hits: readonly PassageHit[], total: number): string {
  const out: string[] = [`${total} passage${total === 1 ? '' : 's'}${hits.length < total ? ` (showing ${hits.length})` : ''}`];
  const groups = new Map<string, PassageHit[]>();
  for (const h of hits) groups.set(h.docId, [...(groups.get(h.docId) ?? []), h]);
  for (const [docId, hs] of groups) {
    const text = corpus.text(docId) ?? '';
    const li = new LineIndex(text);
    out.push('', `${corpus.documentInfo(docId)?.title ?? docId}  (${docId})`);
    for (const h of hs) {
      let s = '';
      let at = h.start;
      for (const m of h.highlights) {
        s += text.slice(at, m.start) + '[' + text.slice(m.start, m.end) + ']';
        at = m.end;
      }
      s += text.slice(at, h.end);
      out.push(`  ${docId}:${li.positionAt(h.start).line + 1}  ${oneLine(s)}`);
    }
  }
  // Titles, paths and passages come from the documents: no control character reaches the terminal.
  return out.map(escapeControlChars).join('\n');
}

export async function runResearch(argv: string[], deps: ResearchDeps, io = { out: (s: string) => void process.stdout.write(s), err: (s: string) => void process.stderr.write(s) }): Promise<number> {
  const parsed = parseArgs(argv);
  const usage = (msg: string) => {
    io.err(`source-research: ${msg}\n\nUsage:\n${RESEARCH_USAGE}`);
    return 2;
  };
  if (typeof parsed === 'string') return usage(parsed);
  const [command, folderArg, ...rest] = parsed.positional;
  if (!folderArg) return usage(`${command} needs a folder`);
  const folder = path.resolve(folderArg);
  if (!(await stat(folder).catch(() => undefined))?.isDirectory()) {
    io.err(`source-research: ${folderArg} is not a folder\n`);
    return 2;
  }
  const flag = (n: string) => parsed.flags.get(n);
  if (command === 'search') {
    const q = rest.join(' ').trim();
    if (!q) return usage('search needs a QUERY');
    const limit = flag('--limit') ? Number(flag('--limit')![0]) : 50;
    if (!Number.isInteger(limit) || limit < 1) return usage('--limit needs a positive whole number');
    const { index, formats } = await load(folder, !!flag('--no-tagger'), io.err, deps.extractor);
    const search = new SearchIndex(index, { quotes: new QuoteIndex(index), pageOf: (id, offset) => formats.pageAt(id, offset) });
    const r = search.search(q, { limit });
    for (const p of r.problems) io.err(escapeControlChars(`source-research: ${p}`) + '\n');
    io.out((flag('--json') ? JSON.stringify(searchJson(r.results), null, 2) : searchText(index, r.results, r.total)) + '\n');
    return 0;
  }
  if (command !== 'export') return usage(`unknown command '${command}'`);
  if (rest.length) return usage(`unexpected argument '${rest[0]}'`);
  const format = flag('--format')?.[0] ?? (flag('--json') ? 'json' : undefined);
  if (format !== 'csv' && format !== 'json' && format !== 'md') return usage('--format must be csv, json or md');
  const { index, texts, formats } = await load(folder, !!flag('--no-tagger'), io.err, deps.extractor);
  const pageOf = (id: string, offset: number) => formats.pageAt(id, offset);
  const names = flag('--entity') ?? [];
  const picked: EntitySummary[] = [];
  for (const n of names) {
    const e = resolveEntity(index, n);
    if (!e) {
      io.err(`source-research: no entity named '${n}' in ${folderArg}\n`);
      return 1;
    }
    if (!picked.some((p) => p.id === e.id)) picked.push(e);
  }
  const outPath = flag('--out')?.[0];
  if (format === 'csv') {
    const dir = path.resolve(outPath ?? '.');
    await mkdir(dir, { recursive: true });
    const files = csvFiles(index, names.length ? picked : index.entities(), { pageOf });
    for (const [name, body] of Object.entries(files)) {
      await writeFile(path.join(dir, name), body, 'utf8');
      io.err(`wrote ${path.join(dir, name)}\n`);
    }
    return 0;
  }
  let body: string;
  if (format === 'json') {
    const all = deps.toJson(index, texts, formats) as { entities: { id: string }[] };
    const keep = new Set(picked.map((p) => p.id));
    body = JSON.stringify(names.length ? { ...all, entities: all.entities.filter((e) => keep.has(e.id)) } : all, null, 2) + '\n';
  } else {
    const entities = names.length ? picked : index.entities().filter((e) => DEFAULT_NETWORK_TYPES.includes(e.type));
    body = dossier(index, entities, { pageOf, fileFacts: (id) => formats.get(id), quotes: new QuoteIndex(index) });
  }
  if (outPath) {
    await mkdir(path.dirname(path.resolve(outPath)), { recursive: true });
    await writeFile(path.resolve(outPath), body, 'utf8');
    io.err(`wrote ${path.resolve(outPath)}\n`);
  } else io.out(body);
  return 0;
}
