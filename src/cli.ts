/**
 * source-research: the core from the command line.
 *
 *   source-research scan <folder> [--json] [--no-tagger]
 *   source-research search|export … (src/node/researchCli.ts)
 *   source-research scan <folder> [--json] [--no-tagger] [--cache DIR] [--no-ocr]
 *   source-research text <file> [--cache DIR] [--no-ocr]
 *   source-research check <draft> <folder> [--no-tagger] [--cache DIR] [--no-ocr]
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Corpus } from './core/index/api';
import { LineIndex } from './core/text/text';
import type { EntityType } from './core/types';
import { ENTITY_TYPES } from './core/types';
import type { CandidateSource } from './core/index/corpus';
import { TYPE_PLURAL } from './core/index/entityText';
import { createDefaultPipeline } from './core/recognisers/pipeline';
import { TaggerRecogniser } from './core/recognisers/tagger';
import { loadFolder } from './node/folder';
import { escapeControlChars } from './core/text/sanitize';
import { loadTagger } from './node/tagger';
import { RESEARCH_USAGE, runResearch } from './node/researchCli';
import { checkCommand, claimsJson, quotesJson, type ClaimJson, type DisagreementJson, type QuoteJson } from './node/quotesJson';
import type { FormatStore } from './core/formats/store';
import { documentFormatJson, parseFormatFlags, printText, type DocumentFormatJson } from './node/formats/cli';

const USAGE = `Usage: source-research scan <folder> [--json] [--no-tagger] [--cache DIR] [--no-ocr]
       source-research text <file> [--cache DIR] [--no-ocr]
       source-research check <draft> <folder> [--no-tagger] [--cache DIR] [--no-ocr]

scan: finds the people, organisations, places, groups, dates and quantities in the source documents of
<folder> (.txt, .md, .pdf, .html, .docx, .eml, .mbox, .png, .jpg, .tif, with its sources.yaml and
entities.yaml), and prints them with the passages that support them.
text: prints a document's text exactly as it is indexed (mention offsets index into it); an attachment
or a message of a mailbox is named <file>#<name>, as scan --json lists it.

  --json        print {"documents":[...],"entities":[...],"quotes":[...],"claims":[...],"disagreements":[...]}
                instead of a readable tree
  --no-tagger   use the rule recognisers only, without the trained entity tagger
  --cache DIR   keep what was read from PDFs, web pages, Word files, e-mails and images in DIR,
                by content: an unchanged file is not read again
  --no-ocr      do not OCR scanned pages and images

check: looks up every quotation of <draft> in the sources of <folder> (drafts/ and notes/ are not
sources) and prints file:line:col: severity: message; exits 1 when there are warnings.

Files that cannot be read (permissions, removed during the scan, paths too long, link loops) and
binary files are skipped with a warning on stderr; every other document is indexed. Symbolic links
are followed. Exit status: 0 when the folder was scanned (even with skipped files), 2 for a usage
error or a <folder> that is not a folder, 1 for an unexpected failure.

${RESEARCH_USAGE}`;

export interface ScanJson {
  documents: ({ path: string; title: string; chars: number } & DocumentFormatJson)[];
  entities: {
    id: string;
    name: string;
    type: EntityType;
    aliases: string[];
    mentions: { path: string; start: number; end: number; line: number; character: number; text: string; passage: { start: number; end: number }; page?: number }[];
  }[];
  quotes: QuoteJson[];
  claims: ClaimJson[];
  disagreements: DisagreementJson[];
}

export function toJson(index: Corpus, texts: Map<string, string>, formats?: FormatStore): ScanJson {
  const lines = new Map<string, LineIndex>();
  const lineIndex = (id: string) => {
    let li = lines.get(id);
    if (!li) lines.set(id, (li = new LineIndex(texts.get(id) ?? '')));
    return li;
  };
  return {
    documents: index.documents().map((d) => ({ path: d.id, title: d.title, chars: d.chars, ...documentFormatJson(d, formats) })),
    entities: index.entities().map((e) => ({
      id: e.id,
      name: e.name,
      type: e.type,
      aliases: [...e.aliases],
      mentions: index
        .mentionsOf(e.id)
        .slice()
        .sort((a, b) => a.docId.localeCompare(b.docId) || a.start - b.start)
        .map((m) => {
          const pos = lineIndex(m.docId).positionAt(m.start);
          const page = formats?.pageAt(m.docId, m.start);
          return { path: m.docId, start: m.start, end: m.end, line: pos.line, character: pos.character, text: m.text, passage: { start: m.passage.start, end: m.passage.end }, ...(page ? { page } : {}) };
        }),
    })),
    quotes: quotesJson(index),
    ...claimsJson(index),
  };
}

function oneLine(s: string, max = 110): string {
  // Only the start is shown: a passage can be a whole 4 MB line.
  const t = (s.length > max * 4 ? s.slice(0, max * 4) : s).replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

export function toTree(index: Corpus, texts: Map<string, string>, formats?: FormatStore): string {
  const out: string[] = [];
  const lines = new Map<string, LineIndex>();
  const lineIndex = (id: string) => {
    let li = lines.get(id);
    if (!li) lines.set(id, (li = new LineIndex(texts.get(id) ?? '')));
    return li;
  };
  const docs = index.documents();
  out.push(`${docs.length} document${docs.length === 1 ? '' : 's'}`);
  const all = index.entities();
  for (const type of ENTITY_TYPES) {
    const es = all.filter((e) => e.type === type);
    if (es.length === 0) continue;
    out.push('', `${TYPE_PLURAL[type]} (${es.length})`);
    for (const e of es) {
      const aka = e.aliases.length ? `  aka ${e.aliases.join(', ')}` : '';
      out.push(`  ${e.name}  ${e.mentionCount} mention${e.mentionCount === 1 ? '' : 's'} · ${e.documentCount} source${e.documentCount === 1 ? '' : 's'}${aka}`);
      for (const p of index.passagesOf(e.id)) {
        const line = lineIndex(p.mention.docId).positionAt(p.mention.start).line + 1;
        const page = formats?.pageAt(p.mention.docId, p.mention.start);
        out.push(`    ${p.mention.docId}:${line}${page ? ` (p. ${page})` : ''}  ${oneLine(p.text)}`);
      }
    }
  }
  // Names, file names and passages come from the documents: no control character reaches the terminal.
  return out.map(escapeControlChars).join('\n');
}

export async function main(argv0: string[]): Promise<number> {
  const { argv, extractor, error } = parseFormatFlags(argv0);
  if (error) {
    process.stderr.write(`source-research: ${error}\n\n${USAGE}`);
    return 2;
  }
  try {
    return await run(argv, extractor);
  } finally {
    await extractor.dispose();
  }
}

async function run(argv: string[], extractor: import('./node/formats/service').ExtractionService): Promise<number> {
  const args = argv.filter((a) => !a.startsWith('--'));
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  if (flags.has('--help') || args.length === 0) {
    process.stdout.write(USAGE);
    return args.length === 0 && !flags.has('--help') ? 2 : 0;
  }
  if (args[0] === 'search' || args[0] === 'export') return runResearch(argv, { toJson, extractor });
  if (args[0] === 'text' && args.length === 2 && flags.size === 0) return printText(args[1]!, extractor);
  const unknown = [...flags].filter((f) => f !== '--json' && f !== '--no-tagger');
  const isCheck = args[0] === 'check' && args.length === 3 && !flags.has('--json') && unknown.length === 0;
  if (!isCheck && (args[0] !== 'scan' || args.length !== 2 || unknown.length)) {
    process.stderr.write(`source-research: ${unknown.length ? `unknown option ${unknown[0]}` : `unknown command '${args.join(' ')}'`}\n\n${USAGE}`);
    return 2;
  }
  const folder = path.resolve(args[isCheck ? 2 : 1]!);
  const st = await stat(folder).catch(() => undefined);
  if (!st?.isDirectory()) {
    process.stderr.write(`source-research: ${args[isCheck ? 2 : 1]} is not a folder\n`);
    return 2;
  }
  let pipeline: CandidateSource | undefined;
  if (!flags.has('--no-tagger')) {
    try {
      pipeline = createDefaultPipeline({ tagger: new TaggerRecogniser(await loadTagger()) });
    } catch (e) {
      process.stderr.write(`source-research: the entity tagger could not be loaded (${e instanceof Error ? e.message : String(e)}); using the rule recognisers only\n`);
    }
  }
  if (isCheck) {
    const draft = await stat(args[1]!).catch(() => undefined);
    if (!draft?.isFile()) {
      process.stderr.write(`source-research: ${args[1]} is not a file\n`);
      return 2;
    }
    return checkCommand(args[1]!, folder, { ...(pipeline ? { pipeline } : {}), extractor }, (line) => process.stdout.write(line + '\n'));
  }
  const { index, texts, problems, warnings, encodings, formats } = await loadFolder(folder, { ...(pipeline ? { pipeline } : {}), extractor });
  const err = (line: string) => process.stderr.write(escapeControlChars(line) + '\n');
  for (const w of warnings) err(`${w.file}: warning: ${w.message}`);
  for (const [f, how] of encodings) err(`${f}: note: ${how}`);
  for (const p of problems) err(`${p.file}:${p.line + 1}:${p.character + 1}: ${p.severity}: ${p.message}`);
  process.stdout.write((flags.has('--json') ? JSON.stringify(toJson(index, texts, formats), null, 2) : toTree(index, texts, formats)) + '\n');
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      process.stderr.write(`source-research: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
