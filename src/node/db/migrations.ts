/**
 * The shared index's schema, as numbered migrations. Each runs once, in a transaction, under an
 * advisory lock (two first runs at once do not race), and is recorded in schema_migrations.
 * Never edit a migration that has shipped: add the next one.
 */
import type pg from 'pg';
import { DbError } from './connect';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Advisory lock keys (pg_advisory_xact_lock(bigint)): 0x5352 = "SR". */
export const LOCK_MIGRATE = 0x5352_0001;
export const LOCK_WRITE = 0x5352_0002;

/** The channel writers NOTIFY after each commit (payload: the number of documents changed). */
export const NOTIFY_CHANNEL = 'source_research_index';

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'documents, entities, mentions, passages, quotes',
    sql: `
CREATE TABLE documents (
  path          text PRIMARY KEY,
  content_hash  text NOT NULL,
  -- Hash of what the index found in this document (its mentions and their entities): a document
  -- whose text is unchanged may still need rewriting when another document changes how its names resolve.
  result_hash   text NOT NULL,
  title         text NOT NULL,
  chars         integer NOT NULL,
  bytes         integer NOT NULL,
  meta          jsonb,
  -- Format fields as scan --json gives them (format, authors, publisher, date, url, pages, parent).
  format        jsonb,
  text          text NOT NULL,
  indexed_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE entities (
  id              text PRIMARY KEY,
  name            text NOT NULL,
  type            text NOT NULL,
  aliases         text[] NOT NULL DEFAULT '{}',
  -- lower(name) and lower(alias) for lookups by any form.
  forms           text[] NOT NULL DEFAULT '{}',
  curated         boolean NOT NULL DEFAULT false,
  note            text,
  mention_count   integer NOT NULL DEFAULT 0,
  document_count  integer NOT NULL DEFAULT 0
);
CREATE INDEX entities_forms ON entities USING gin (forms);
CREATE INDEX entities_lower_name ON entities (lower(name));

CREATE TABLE mentions (
  path           text NOT NULL REFERENCES documents (path) ON DELETE CASCADE,
  start          integer NOT NULL,
  "end"          integer NOT NULL,
  entity_id      text NOT NULL REFERENCES entities (id),
  -- Position in the entity's ranked mentions (the full-name passage first, then a spread across sources).
  rank           integer NOT NULL,
  text           text NOT NULL,
  type           text NOT NULL,
  line           integer NOT NULL,
  "character"    integer NOT NULL,
  passage_start  integer NOT NULL,
  passage_end    integer NOT NULL,
  -- The page of a paginated source (PDF), else null.
  page           integer,
  attrs          jsonb,
  PRIMARY KEY (path, start, "end")
);
CREATE INDEX mentions_entity ON mentions (entity_id, rank);

CREATE TABLE passages (
  path   text NOT NULL REFERENCES documents (path) ON DELETE CASCADE,
  start  integer NOT NULL,
  "end"  integer NOT NULL,
  text   text NOT NULL,
  page   integer,
  tsv    tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
  PRIMARY KEY (path, start)
);
-- A large pending list: a run's new passages go into the index in one merge after the commit
-- (gin_clean_pending_list), three times cheaper than entry by entry.
CREATE INDEX passages_tsv ON passages USING gin (tsv) WITH (fastupdate = on, gin_pending_list_limit = 65536);

CREATE TABLE quotes (
  path     text NOT NULL REFERENCES documents (path) ON DELETE CASCADE,
  start    integer NOT NULL,
  "end"    integer NOT NULL,
  text     text NOT NULL,
  kind     text NOT NULL,
  cue      text,
  speaker  jsonb,
  PRIMARY KEY (path, start, "end")
);
`,
  },
];

/** The newest schema version this build knows. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Apply the migrations the database lacks. Returns the versions applied. */
export async function migrate(client: pg.Client): Promise<number[]> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_MIGRATE]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const newest = Math.max(0, ...done);
    if (newest > SCHEMA_VERSION) throw new DbError('schema', `the shared index has schema version ${newest}, newer than this Source Research knows (${SCHEMA_VERSION}): update Source Research`);
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** For readers: check that the database holds a shared index this build can read (without changing it). */
export async function checkSchema(client: pg.Client): Promise<void> {
  const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('schema_migrations')::text AS t`);
  if (!exists.rows[0]?.t) throw new DbError('schema', 'the database holds no shared index yet: run `source-research index <folder> --db …` first');
  const r = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  const v = r.rows[0]?.v ?? 0;
  if (v > SCHEMA_VERSION) throw new DbError('schema', `the shared index has schema version ${v}, newer than this Source Research knows (${SCHEMA_VERSION}): update Source Research`);
  if (v < SCHEMA_VERSION) throw new DbError('schema', `the shared index has schema version ${v}; run \`source-research index\` with this version once to upgrade it to ${SCHEMA_VERSION}`);
}
