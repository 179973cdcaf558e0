/**
 * The shared-index commands of the CLI:
 *
 *   source-research index <folder> --db URL [--prune] [--no-tagger] [--cache DIR] [--no-ocr] [--json]
 *   source-research query --db URL entity NAME [--json]
 *   source-research query --db URL search TEXT [--limit N] [--json]
 *
 * Exit codes: 0 done; 1 nothing found (query); 2 usage error or bad URL; 3 server unreachable or
 * login refused; 4 the database holds no shared index / a newer schema; 5 other database error.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { CandidateSource } from '../../core/index/api';
import { createDefaultPipeline } from '../../core/recognisers/pipeline';
import { TaggerRecogniser } from '../../core/recognisers/tagger';
import { escapeControlChars } from '../../core/text/sanitize';
import { loadFolder } from '../folder';
import { documentFormatJson } from '../formats/cli';
import type { ExtractionService } from '../formats/service';
import { loadTagger } from '../tagger';
import { connect, DbError, EXIT_CODES, parseDbUrl, describeError } from './connect';
import { checkSchema, migrate } from './migrations';
import { findEntity, searchPassages } from './reader';
import { quotesJson } from '../quotesJson';
import { rowsOf, writeRows, type QuoteRow } from './writer';

export const DB_USAGE = `Usage: source-research index <folder> --db URL [--prune] [--no-tagger] [--cache DIR] [--no-ocr] [--json]
       source-research query --db URL entity NAME [--json]
       source-research query --db URL search TEXT [--limit N] [--json]

The shared team index on PostgreSQL. URL: postgres://user@host:port/database (the password from
PGPASSWORD or ~/.pgpass, not in the URL). index writes the folder's documents, entities, mentions
and passages (only what changed since the last run); query answers from the shared index.

  --prune       index: remove the documents the folder no longer has
  --cache DIR   index: keep what was read from PDFs, web pages, Word files, e-mails and images in DIR
  --no-ocr      index: do not OCR scanned pages and images
  --limit N     search: at most N passages (default 20)

Exit codes: 0 done, 1 nothing found, 2 usage or bad URL, 3 server unreachable or login refused,
4 no shared index in that database (or a newer schema), 5 other database error.
`;

interface Parsed {
  positional: string[];
  db?: string;
  limit?: number;
  flags: Set<string>;
}

const BOOLEAN_FLAGS = new Set(['--json', '--prune', '--no-tagger', '--help']);

function parse(argv: string[]): Parsed | string {
  const out: Parsed = { positional: [], flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
    if (name === '--db' || name === '--limit') {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') return `${name} needs a value`;
      if (name === '--db') out.db = v;
      else {
        const n = Number(v);
        if (!Number.isInteger(n) || n <= 0 || n > 10000) return `--limit must be a whole number from 1 to 10000`;
        out.limit = n;
      }
    } else if (a.startsWith('--')) {
      if (!BOOLEAN_FLAGS.has(a)) return `unknown option ${a}`;
      out.flags.add(a);
    } else out.positional.push(a);
  }
  return out;
}

function fail(message: string, code: number): number {
  process.stderr.write(`source-research: ${message}\n`);
  return code;
}

/** Run `index` or `query`. Never throws: every failure is a message on stderr and an exit code. */
export async function dbMain(argv: string[], extractor?: ExtractionService): Promise<number> {
  const p = parse(argv);
  if (typeof p === 'string') return fail(`${p}\n\n${DB_USAGE}`, 2);
  if (p.flags.has('--help')) {
    process.stdout.write(DB_USAGE);
    return 0;
  }
  if (!p.db) return fail(`${p.positional[0] ?? 'index'} needs --db postgres://user@host:port/database\n\n${DB_USAGE}`, 2);
  try {
    parseDbUrl(p.db);
    if (p.positional[0] === 'index') return await runIndex(p, extractor);
    if (p.positional[0] === 'query') return await runQuery(p);
    return fail(`unknown command '${p.positional.join(' ')}'\n\n${DB_USAGE}`, 2);
  } catch (e) {
    const err = e instanceof DbError ? e : describeError(e, p.db);
    return fail(err.message, EXIT_CODES[err.kind]);
  }
}

async function runIndex(p: Parsed, extractor?: ExtractionService): Promise<number> {
  if (p.positional.length !== 2) return fail(`index takes one folder\n\n${DB_USAGE}`, 2);
  const folder = path.resolve(p.positional[1]!);
  const st = await stat(folder).catch(() => undefined);
  if (!st?.isDirectory()) return fail(`${p.positional[1]} is not a folder`, 2);
  const t0 = performance.now();
  // Connect and migrate before the (longer) local indexing: a wrong URL fails at once.
  const client = await connect(p.db!, { applicationName: 'source-research index' });
  try {
    await migrate(client);
    let pipeline: CandidateSource | undefined;
    if (!p.flags.has('--no-tagger')) {
      try {
        pipeline = createDefaultPipeline({ tagger: new TaggerRecogniser(await loadTagger()) });
      } catch (e) {
        process.stderr.write(`source-research: the entity tagger could not be loaded (${e instanceof Error ? e.message : String(e)}); using the rule recognisers only\n`);
      }
    }
    // The folder is read exactly as scan reads it (PDFs, web pages, Word files, e-mails, images too).
    const loaded = await loadFolder(folder, { ...(pipeline ? { pipeline } : {}), ...(extractor ? { extractor } : {}) });
    const err = (line: string) => process.stderr.write(escapeControlChars(line) + '\n');
    for (const w of loaded.warnings) err(`${w.file}: warning: ${w.message}`);
    for (const [f, how] of loaded.encodings) err(`${f}: note: ${how}`);
    for (const pr of loaded.problems) err(`${pr.file}:${pr.line + 1}:${pr.character + 1}: ${pr.severity}: ${pr.message}`);
    const t1 = performance.now();
    const quotes = new Map<string, QuoteRow[]>();
    for (const q of quotesJson(loaded.index)) {
      const row: QuoteRow = { path: q.path, start: q.start, end: q.end, text: q.text, kind: q.kind, cue: q.cue.text, speaker: q.speaker ? JSON.stringify(q.speaker) : null };
      const list = quotes.get(q.path);
      if (list) list.push(row);
      else quotes.set(q.path, [row]);
    }
    const rows = rowsOf(loaded.index, {
      quotesOf: (f) => quotes.get(f) ?? [],
      bytesOf: (f) => Buffer.byteLength(loaded.texts.get(f) ?? ''),
      pageAt: (f, offset) => loaded.formats.pageAt(f, offset),
      formatOf: (f) => {
        const d = loaded.index.documentInfo(f);
        return d && documentFormatJson(d, loaded.formats);
      },
    });
    const stats = await writeRows(client, rows, { prune: p.flags.has('--prune') });
    const t2 = performance.now();
    const summary = { ...stats, bytes: loaded.bytes, indexMs: Math.round(t1 - t0), writeMs: Math.round(t2 - t1) };
    if (p.flags.has('--json')) process.stdout.write(JSON.stringify(summary) + '\n');
    else {
      process.stdout.write(
        `${stats.documents} document${stats.documents === 1 ? '' : 's'}: ${stats.written} written, ${stats.unchanged} unchanged${stats.removed ? `, ${stats.removed} removed` : ''}; ` +
          `${stats.entities} entities, ${stats.mentions} mentions and ${stats.passages} passages written to ${parseDbUrl(p.db!).display} ` +
          `(${((t2 - t0) / 1000).toFixed(1)} s)\n`,
      );
    }
    return 0;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function runQuery(p: Parsed): Promise<number> {
  const [, what, ...rest] = p.positional;
  const text = rest.join(' ').trim();
  if ((what !== 'entity' && what !== 'search') || !text) return fail(`query needs 'entity NAME' or 'search TEXT'\n\n${DB_USAGE}`, 2);
  const client = await connect(p.db!, { applicationName: 'source-research query' });
  try {
    await checkSchema(client);
    if (what === 'entity') {
      const entity = await findEntity(client, text);
      if (p.flags.has('--json')) process.stdout.write(JSON.stringify({ entity: entity ?? null }, null, 2) + '\n');
      else if (entity) {
        // Names, paths and passages come from the documents: no control character reaches the terminal.
        process.stdout.write(escapeControlChars(`${entity.name} (${entity.type})${entity.aliases.length ? `  aka ${entity.aliases.join(', ')}` : ''}`) + '\n');
        for (const m of entity.mentions) process.stdout.write(escapeControlChars(`  ${m.path}:${m.line + 1}:${m.character + 1}  ${m.text}`) + '\n');
      }
      if (!entity) process.stderr.write(`source-research: no entity named '${text}' in the shared index\n`);
      return entity ? 0 : 1;
    }
    const results = await searchPassages(client, text, p.limit ?? 20);
    if (p.flags.has('--json')) process.stdout.write(JSON.stringify({ results }, null, 2) + '\n');
    else for (const r of results) process.stdout.write(escapeControlChars(`${r.path}:${r.start}  ${r.text.replace(/\s+/g, ' ').trim()}  (${r.score})`) + '\n');
    return results.length ? 0 : 1;
  } finally {
    await client.end().catch(() => undefined);
  }
}
