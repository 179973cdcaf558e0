/**
 * Reading the shared index: one entity as `scan --json` prints it, full-text search over the
 * passages (tsvector + GIN), and the snapshot the editor overlays on the local folder.
 */
import type pg from 'pg';
import type { EntityType, MentionAttrs, SourceMeta } from '../../core/types';
import type { RemoteSnapshot } from '../../core/index/remote';

/** An entity exactly as `scan --json` prints it. */
export interface EntityJson {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  mentions: { path: string; start: number; end: number; line: number; character: number; text: string; passage: { start: number; end: number }; page?: number }[];
}

/** One search hit: the passage (sentence) that matched, best first (the shape of `search --json`). */
export interface SearchResult {
  path: string;
  start: number;
  end: number;
  text: string;
  score: number;
  page?: number;
}

interface EntityRecord {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
}

/**
 * The entity a name designates: its id, else its name, else one of its aliases (case-insensitive);
 * among several, the exact-case name first, then the most mentioned.
 */
export async function findEntity(client: pg.Client, name: string): Promise<EntityJson | undefined> {
  const q = name.trim();
  const r = await client.query<EntityRecord>(
    `SELECT id, name, type, aliases FROM entities
     WHERE id = $1 OR forms @> ARRAY[lower($1)]
     ORDER BY (id = $1) DESC, (name = $1) DESC, (lower(name) = lower($1)) DESC, mention_count DESC, id
     LIMIT 1`,
    [q],
  );
  const e = r.rows[0];
  if (!e) return undefined;
  const ms = await client.query<{ path: string; start: number; end: number; line: number; character: number; text: string; passage_start: number; passage_end: number; page: number | null }>(
    `SELECT path, start, "end", line, "character", text, passage_start, passage_end, page FROM mentions WHERE entity_id = $1`,
    [e.id],
  );
  const mentions = ms.rows
    .sort((a, b) => a.path.localeCompare(b.path) || a.start - b.start)
    .map((m) => ({
      path: m.path,
      start: m.start,
      end: m.end,
      line: m.line,
      character: m.character,
      text: m.text,
      passage: { start: m.passage_start, end: m.passage_end },
      ...(m.page ? { page: m.page } : {}),
    }));
  return { id: e.id, name: e.name, type: e.type, aliases: e.aliases, mentions };
}

/**
 * Passages matching a query, best first. The query is read as a web search ("exact phrase",
 * or, -excluded); a passage that holds the query word for word ranks above one that only has its words.
 */
export async function searchPassages(client: pg.Client, query: string, limit = 20): Promise<SearchResult[]> {
  const phrase = query.replace(/["']/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
  const r = await client.query<{ path: string; start: number; end: number; text: string; page: number | null; score: number }>(
    `WITH q AS (SELECT websearch_to_tsquery('english', $1) AS q)
     SELECT p.path, p.start, p."end", p.text, p.page,
            (ts_rank_cd(p.tsv, q.q, 1) + CASE WHEN $2 <> '' AND strpos(lower(p.text), $2) > 0 THEN 1 ELSE 0 END)::float8 AS score
     FROM passages p, q
     WHERE p.tsv @@ q.q
     ORDER BY score DESC, p.path, p.start
     LIMIT $3`,
    [query, phrase, limit],
  );
  return r.rows.map((row) => {
    const hit: SearchResult = { path: row.path, start: row.start, end: row.end, text: row.text, score: Math.round(row.score * 10000) / 10000 };
    if (row.page !== null) hit.page = row.page;
    return hit;
  });
}

/** Everything the editor shows from the shared index, except documents it already has locally (by content hash). */
export async function loadSnapshot(client: pg.Client, options: { skipHashes?: ReadonlySet<string> } = {}): Promise<RemoteSnapshot> {
  // One repeatable-read transaction: the three reads see the same committed run.
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const docs = await client.query<{ path: string; content_hash: string; title: string; chars: number; meta: SourceMeta | null; text: string }>(
      'SELECT path, content_hash, title, chars, meta, text FROM documents ORDER BY path',
    );
    const entities = await client.query<{ id: string; name: string; type: EntityType; aliases: string[]; curated: boolean; note: string | null; mention_count: number; document_count: number }>(
      'SELECT id, name, type, aliases, curated, note, mention_count, document_count FROM entities',
    );
    const mentions = await client.query<{ path: string; start: number; end: number; entity_id: string; rank: number; text: string; type: EntityType; passage_start: number; passage_end: number; attrs: MentionAttrs | null }>(
      'SELECT path, start, "end", entity_id, rank, text, type, passage_start, passage_end, attrs FROM mentions ORDER BY entity_id, rank',
    );
    await client.query('COMMIT');
    return {
      documents: docs.rows.map((d) => ({ id: d.path, contentHash: d.content_hash, title: d.title, chars: d.chars, meta: d.meta ?? undefined, text: options.skipHashes?.has(d.content_hash) ? undefined : d.text })),
      entities: entities.rows.map((e) => ({ id: e.id, name: e.name, type: e.type, aliases: e.aliases, curated: e.curated, note: e.note ?? undefined, mentionCount: e.mention_count, documentCount: e.document_count })),
      mentions: mentions.rows.map((m) => ({
        docId: m.path,
        entityId: m.entity_id,
        start: m.start,
        end: m.end,
        text: m.text,
        type: m.type,
        passage: { start: m.passage_start, end: m.passage_end },
        ...(m.attrs ? { attrs: m.attrs } : {}),
      })),
    };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
