/**
 * Writing a folder's index into the shared index. The folder is indexed locally first (exactly as
 * `scan` does); then, in one transaction under an advisory lock, every document whose text or
 * results changed is replaced (documents, mentions, passages, quotes) and the entities are upserted
 * and recounted. A document whose content hash and result hash are unchanged is not touched, so a
 * second run writes nothing. Two writers at once queue on the lock; readers always see the last
 * committed run, never half of one.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Corpus } from '../../core/index/api';
import { LineIndex } from '../../core/text/text';
import { LOCK_WRITE, NOTIFY_CHANNEL } from './migrations';

export interface DocumentRow {
  path: string;
  contentHash: string;
  resultHash: string;
  title: string;
  chars: number;
  bytes: number;
  meta: string | null;
  format: string | null;
  text: string;
}

export interface MentionRow {
  path: string;
  start: number;
  end: number;
  entityId: string;
  rank: number;
  text: string;
  type: string;
  line: number;
  character: number;
  passageStart: number;
  passageEnd: number;
  page: number | null;
  attrs: string | null;
}

export interface PassageRow {
  path: string;
  start: number;
  end: number;
  text: string;
  page: number | null;
}

export interface QuoteRow {
  path: string;
  start: number;
  end: number;
  text: string;
  kind: string;
  cue: string | null;
  speaker: string | null;
}

export interface EntityRow {
  id: string;
  name: string;
  type: string;
  aliases: string[];
  curated: boolean;
  note: string | null;
}

/** What one run writes: every row, grouped by document. */
export interface IndexRows {
  documents: DocumentRow[];
  entities: EntityRow[];
  mentions: Map<string, MentionRow[]>;
  passages: Map<string, PassageRow[]>;
  quotes: Map<string, QuoteRow[]>;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export interface RowSources {
  /** A document's size on disk. */
  bytesOf?: (path: string) => number;
  /** The page of an offset in a paginated document (PDF). */
  pageAt?: (path: string, offset: number) => number | undefined;
  /** A document's format fields as scan --json gives them. */
  formatOf?: (path: string) => object | undefined;
  /** The quotations found in a document, when the index finds them (the quotes table stays empty otherwise). */
  quotesOf?: (path: string) => QuoteRow[];
}

/** The rows of a locally built index. */
export function rowsOf(index: Corpus, sources: RowSources = {}): IndexRows {
  const { bytesOf, pageAt, formatOf, quotesOf } = sources;
  const mentions = new Map<string, MentionRow[]>();
  const lines = new Map<string, LineIndex>();
  const entities: EntityRow[] = [];
  for (const e of index.entities()) {
    entities.push({ id: e.id, name: e.name, type: e.type, aliases: [...e.aliases], curated: e.curated, note: e.note ?? null });
    index.mentionsOf(e.id).forEach((m, rank) => {
      let li = lines.get(m.docId);
      if (!li) lines.set(m.docId, (li = new LineIndex(index.text(m.docId) ?? '')));
      const pos = li.positionAt(m.start);
      let list = mentions.get(m.docId);
      if (!list) mentions.set(m.docId, (list = []));
      list.push({
        path: m.docId,
        start: m.start,
        end: m.end,
        entityId: m.entityId,
        rank,
        text: m.text,
        type: m.type,
        line: pos.line,
        character: pos.character,
        passageStart: m.passage.start,
        passageEnd: m.passage.end,
        page: pageAt?.(m.docId, m.start) ?? null,
        attrs: m.attrs && Object.keys(m.attrs).length ? JSON.stringify(m.attrs) : null,
      });
    });
  }
  const documents: DocumentRow[] = [];
  const passages = new Map<string, PassageRow[]>();
  const quotes = new Map<string, QuoteRow[]>();
  for (const d of index.documents()) {
    const text = index.text(d.id) ?? '';
    const ms = (mentions.get(d.id) ?? []).sort((a, b) => a.start - b.start || a.end - b.end);
    const ps: PassageRow[] = [];
    for (const s of (index.layout ? index.layout(d.id) : index.prepared(d.id))?.sentences ?? []) {
      const t = text.slice(s.start, s.end);
      if (t.trim()) ps.push({ path: d.id, start: s.start, end: s.end, text: t, page: pageAt?.(d.id, s.start) ?? null });
    }
    passages.set(d.id, ps);
    const qs = quotesOf?.(d.id) ?? [];
    quotes.set(d.id, qs);
    const meta = d.meta && Object.keys(d.meta).length ? JSON.stringify(d.meta) : null;
    const f = formatOf?.(d.id);
    const format = f ? JSON.stringify(f) : null;
    const result = createHash('sha256');
    result.update(JSON.stringify([d.title, meta, format]));
    for (const m of ms) result.update(JSON.stringify([m.start, m.end, m.entityId, m.rank, m.type, m.passageStart, m.passageEnd, m.page, m.attrs]));
    for (const p of ps) if (p.page !== null) result.update(JSON.stringify(['p', p.start, p.page]));
    for (const q of qs) result.update(JSON.stringify(['q', q.start, q.end, q.kind, q.cue, q.speaker]));
    documents.push({ path: d.id, contentHash: sha256(text), resultHash: result.digest('hex'), title: d.title, chars: d.chars, bytes: bytesOf?.(d.id) ?? text.length, meta, format, text });
  }
  return { documents, entities, mentions, passages, quotes };
}

export interface WriteOptions {
  /** Remove the documents of the shared index that are not in this run. */
  prune?: boolean;
}

export interface WriteStats {
  documents: number;
  written: number;
  unchanged: number;
  removed: number;
  entities: number;
  mentions: number;
  passages: number;
}

/** Rows per INSERT … SELECT FROM unnest(…) statement. */
const CHUNK = 5000;

/** Insert rows in chunks; returns the number of rows inserted or updated. */
async function insertChunks<T>(client: pg.Client, rows: T[], sql: string, columns: ((r: T) => unknown)[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    n += (await client.query(sql, columns.map((col) => part.map(col)))).rowCount ?? 0;
  }
  return n;
}

/** Write one run into the shared index (the schema must be migrated). */
export async function writeRows(client: pg.Client, rows: IndexRows, options: WriteOptions = {}): Promise<WriteStats> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_WRITE]);
    const paths = rows.documents.map((d) => d.path);
    const existing = new Map(
      (await client.query<{ path: string; content_hash: string; result_hash: string }>('SELECT path, content_hash, result_hash FROM documents WHERE path = ANY($1::text[])', [paths])).rows.map(
        (r) => [r.path, r],
      ),
    );
    const changed = rows.documents.filter((d) => {
      const old = existing.get(d.path);
      return !old || old.content_hash !== d.contentHash || old.result_hash !== d.resultHash;
    });

    let removed = 0;
    if (options.prune) {
      const r = await client.query('DELETE FROM documents WHERE NOT (path = ANY($1::text[]))', [paths]);
      removed = r.rowCount ?? 0;
    }
    // Entities first (mentions reference them); a row is only rewritten when it differs, so a run
    // that changed nothing writes nothing, and a note changed in entities.yaml alone is still written.
    const entitiesWritten = await insertChunks(
      client,
      rows.entities,
      `INSERT INTO entities (id, name, type, aliases, forms, curated, note)
       SELECT u.id, u.name, u.type, a.aliases, ARRAY(SELECT lower(f) FROM unnest(u.name || a.aliases) f), u.curated, u.note
       FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::boolean[], $6::text[]) AS u(id, name, type, aliases_json, curated, note)
       CROSS JOIN LATERAL (SELECT ARRAY(SELECT jsonb_array_elements_text(u.aliases_json)) AS aliases) a
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, aliases = EXCLUDED.aliases, forms = EXCLUDED.forms,
         curated = EXCLUDED.curated, note = EXCLUDED.note
       WHERE (entities.name, entities.type, entities.aliases, entities.curated, entities.note)
         IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.type, EXCLUDED.aliases, EXCLUDED.curated, EXCLUDED.note)`,
      [(e) => e.id, (e) => e.name, (e) => e.type, (e) => JSON.stringify(e.aliases), (e) => e.curated, (e) => e.note],
    );
    if (changed.length > 0 || removed > 0 || entitiesWritten > 0) {
      // Replacing a document replaces its mentions, passages and quotes (ON DELETE CASCADE).
      await client.query('DELETE FROM documents WHERE path = ANY($1::text[])', [changed.map((d) => d.path)]);
      await insertChunks(
        client,
        changed,
        `INSERT INTO documents (path, content_hash, result_hash, title, chars, bytes, meta, format, text)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::jsonb[], $8::jsonb[], $9::text[])`,
        [(d) => d.path, (d) => d.contentHash, (d) => d.resultHash, (d) => d.title, (d) => d.chars, (d) => d.bytes, (d) => d.meta, (d) => d.format, (d) => d.text],
      );
      const flat = <T>(m: Map<string, T[]>) => changed.flatMap((d) => m.get(d.path) ?? []);
      await insertChunks(
        client,
        flat(rows.mentions),
        `INSERT INTO mentions (path, start, "end", entity_id, rank, text, type, line, "character", passage_start, passage_end, page, attrs)
         SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::int[], $6::text[], $7::text[], $8::int[], $9::int[], $10::int[], $11::int[], $12::int[], $13::jsonb[])`,
        [(m) => m.path, (m) => m.start, (m) => m.end, (m) => m.entityId, (m) => m.rank, (m) => m.text, (m) => m.type, (m) => m.line, (m) => m.character, (m) => m.passageStart, (m) => m.passageEnd, (m) => m.page, (m) => m.attrs],
      );
      await insertChunks(
        client,
        flat(rows.passages),
        `INSERT INTO passages (path, start, "end", text, page) SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::int[])`,
        [(p) => p.path, (p) => p.start, (p) => p.end, (p) => p.text, (p) => p.page],
      );
      await insertChunks(
        client,
        flat(rows.quotes),
        `INSERT INTO quotes (path, start, "end", text, kind, cue, speaker) SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::jsonb[])`,
        [(q) => q.path, (q) => q.start, (q) => q.end, (q) => q.text, (q) => q.kind, (q) => q.cue, (q) => q.speaker],
      );
      // Counts over the whole shared index; entities no document mentions any more go.
      await client.query(`UPDATE entities e SET mention_count = s.n, document_count = s.d
        FROM (SELECT e2.id, count(m.entity_id)::int AS n, count(DISTINCT m.path)::int AS d
              FROM entities e2 LEFT JOIN mentions m ON m.entity_id = e2.id GROUP BY e2.id) s
        WHERE s.id = e.id AND (e.mention_count, e.document_count) IS DISTINCT FROM (s.n, s.d)`);
      await client.query('DELETE FROM entities WHERE mention_count = 0');
      await client.query(`SELECT pg_notify($1, $2)`, [NOTIFY_CHANNEL, String(changed.length + removed)]);
    }
    await client.query('COMMIT');
    let mentions = 0;
    let passages = 0;
    for (const d of changed) {
      mentions += rows.mentions.get(d.path)?.length ?? 0;
      passages += rows.passages.get(d.path)?.length ?? 0;
    }
    // Merge the new passages into the full-text index now rather than at the next search (best
    // effort: autovacuum does it too, and a user without the right to may still write).
    if (passages > 0) await client.query(`SELECT gin_clean_pending_list('passages_tsv'::regclass)`).catch(() => undefined);
    return { documents: rows.documents.length, written: changed.length, unchanged: rows.documents.length - changed.length, removed, entities: rows.entities.length, mentions, passages };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
