/** The quotes and claims of `scan --json`, and the `check` command of the CLI. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ClaimLedger } from '../core/claims/ledger';
import { DraftChecker, type DraftDiagnostic } from '../core/drafts/check';
import type { Corpus } from '../core/index/api';
import { QuoteIndex } from '../core/quotes/quoteIndex';
import { formatOf } from '../core/text/document';
import { decodeText, LineIndex } from '../core/text/text';
import { loadFolder } from './folder';

export interface QuoteJson {
  path: string;
  start: number;
  end: number;
  text: string;
  kind: 'direct' | 'indirect';
  cue: { start: number; end: number; text: string };
  speaker: { start: number; end: number; text: string; entityId: string | null } | null;
}

export interface ClaimJson {
  measure: string;
  value: number;
  unit: string;
  path: string;
  start: number;
  end: number;
  entityIds: string[];
}

export interface DisagreementJson {
  measure: string;
  unit: string;
  entityIds: string[];
  /** Indices into "claims". */
  claims: number[];
}

export function quotesJson(corpus: Corpus, quotes = new QuoteIndex(corpus)): QuoteJson[] {
  return quotes.all().map((q) => {
    const text = corpus.text(q.docId) ?? '';
    return {
      path: q.docId,
      start: q.content.start,
      end: q.content.end,
      text: q.text,
      kind: q.kind,
      cue: { start: q.cue.start, end: q.cue.end, text: q.cueText },
      speaker: q.speaker ? { start: q.speaker.start, end: q.speaker.end, text: text.slice(q.speaker.start, q.speaker.end), entityId: q.entityId ?? null } : null,
    };
  });
}

export function claimsJson(corpus: Corpus, ledger = new ClaimLedger(corpus)): { claims: ClaimJson[]; disagreements: DisagreementJson[] } {
  const all = ledger.all();
  const claims = all.map((c) => ({ measure: c.measure, value: c.value, unit: c.unit, path: c.docId, start: c.start, end: c.end, entityIds: [...c.entityIds] }));
  const disagreements = ledger.disagreements().map((d) => ({ measure: d.measure, unit: d.unit, entityIds: [...d.entityIds], claims: d.claims.map((c) => all.indexOf(c)) }));
  return { claims, disagreements };
}

/** `file:line:col: severity: message`, 1-based, one line. */
export function formatDiagnostic(file: string, lines: LineIndex, d: DraftDiagnostic): string {
  const p = lines.positionAt(d.start);
  return `${file}:${p.line + 1}:${p.character + 1}: ${d.severity}: ${d.message.replace(/\s*\n\s*/g, ' ')}`;
}

/** Is a path (relative to the folder, forward slashes) a draft or a note rather than a source? */
export function isDraftPath(rel: string): boolean {
  return /^(drafts|notes)\//.test(rel);
}

/** source-research check <draft> <folder>: the draft's diagnostics; 1 when there are warnings. */
export async function checkCommand(draftArg: string, folderArg: string, options: Parameters<typeof loadFolder>[1], out: (s: string) => void): Promise<number> {
  const folder = path.resolve(folderArg);
  const draftPath = path.resolve(draftArg);
  const draft = decodeText(await readFile(draftPath));
  const rel = path.relative(folder, draftPath).split(path.sep).join('/');
  const { index } = await loadFolder(folder, options);
  // The draft, and every other draft or note of the folder, are not sources.
  index.batch(() => {
    for (const d of index.documents()) if (d.id === rel || isDraftPath(d.id)) index.removeDocument(d.id);
  });
  const checker = new DraftChecker(index, new QuoteIndex(index), () => index.currentPipeline());
  const { diagnostics } = checker.check(rel.startsWith('..') ? draftPath : rel, draft, formatOf(draftPath));
  const lines = new LineIndex(draft);
  for (const d of diagnostics) out(formatDiagnostic(draftArg, lines, d));
  return diagnostics.some((d) => d.severity === 'warning') ? 1 : 0;
}
