/**
 * CSV export (RFC 4180 by csv-stringify, UTF-8 with a byte-order mark so spreadsheets read accents):
 * entities.csv (one row per entity) and mentions.csv (one row per mention, with its passage).
 */
import { stringify } from 'csv-stringify/sync';
import type { Corpus } from '../index/api';
import { LineIndex } from '../text/text';
import type { EntitySummary } from '../types';

export const BOM = '\uFEFF';

export const ENTITY_COLUMNS = ['id', 'name', 'type', 'aliases', 'mentions', 'sources', 'source titles', 'note'] as const;
export const MENTION_COLUMNS = ['entity', 'entity id', 'type', 'text', 'source title', 'path', 'date', 'page', 'line', 'start', 'end', 'passage'] as const;

export type Row = string[];

export interface ExportOptions {
  readonly pageOf?: (docId: string, offset: number) => number | undefined;
}

/** Passages are one line in a cell (line breaks become spaces). */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export function entityRows(corpus: Corpus, entities: readonly EntitySummary[]): Row[] {
  return entities.map((e) => {
    const docs = [...new Set(corpus.mentionsOf(e.id).map((m) => m.docId))].sort();
    return [
      e.id,
      e.name,
      e.type,
      e.aliases.join('; '),
      String(e.mentionCount),
      String(e.documentCount),
      docs.map((d) => corpus.documentInfo(d)?.title ?? d).join('; '),
      e.note ?? '',
    ];
  });
}

export function mentionRows(corpus: Corpus, entities: readonly EntitySummary[], options: ExportOptions = {}): Row[] {
  const lines = new Map<string, LineIndex>();
  const rows: Row[] = [];
  for (const e of entities) {
    const ms = [...corpus.mentionsOf(e.id)].sort((a, b) => a.docId.localeCompare(b.docId) || a.start - b.start);
    for (const m of ms) {
      const text = corpus.text(m.docId) ?? '';
      let li = lines.get(m.docId);
      if (!li) lines.set(m.docId, (li = new LineIndex(text)));
      const info = corpus.documentInfo(m.docId);
      const page = options.pageOf?.(m.docId, m.start);
      rows.push([
        e.name,
        e.id,
        e.type,
        m.text,
        info?.title ?? m.docId,
        m.docId,
        info?.meta?.date ?? '',
        page !== undefined ? String(page) : '',
        String(li.positionAt(m.start).line + 1),
        String(m.start),
        String(m.end),
        oneLine(text.slice(m.passage.start, m.passage.end)),
      ]);
    }
  }
  return rows;
}

/**
 * Source text is untrusted: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
 * read as a formula by spreadsheets (CSV injection), so csv-stringify prefixes it with `'`, which
 * spreadsheets show as text. Our own numbers are never negative, so they are not touched.
 */
export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  return BOM + stringify([columns as string[], ...rows], { record_delimiter: '\r\n', escape_formulas: true });
}

/** The two CSV files of an export, by file name. */
export function csvFiles(corpus: Corpus, entities: readonly EntitySummary[], options: ExportOptions = {}): { 'entities.csv': string; 'mentions.csv': string } {
  return {
    'entities.csv': toCsv(ENTITY_COLUMNS, entityRows(corpus, entities)),
    'mentions.csv': toCsv(MENTION_COLUMNS, mentionRows(corpus, entities, options)),
  };
}
