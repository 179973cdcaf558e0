/**
 * npm run bench:db [folder] [--db URL] [--no-tagger]
 *
 * The shared team index on PostgreSQL: ingest MB/s (the folder indexed locally, then written in
 * one transaction), a second run that finds nothing to write, p50/p99 of entity queries and of
 * full-text passage searches, and the editor's snapshot load. Without --db it starts a throwaway
 * server on loopback (test/harness/postgres.ts) and stops it at the end. Default folder:
 * ../shared/data/news/bbc when present, else sources/.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CandidateSource } from '../src/core/index/api';
import { createDefaultPipeline } from '../src/core/recognisers/pipeline';
import { TaggerRecogniser } from '../src/core/recognisers/tagger';
import { RemoteIndex } from '../src/core/index/remote';
import { loadFolder } from '../src/node/folder';
import { loadTagger } from '../src/node/tagger';
import { connect, DbError } from '../src/node/db/connect';
import { migrate } from '../src/node/db/migrations';
import { findEntity, loadSnapshot, searchPassages } from '../src/node/db/reader';
import { rowsOf, writeRows } from '../src/node/db/writer';
import { findPostgresBin, startPostgres, type TempPostgres } from '../test/harness/postgres';
import { pct, seeded } from '../src/node/benchUtil';

const ms = (n: number) => `${n.toFixed(2)} ms`;

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const dbAt = argv.indexOf('--db');
  let url = dbAt >= 0 ? argv[dbAt + 1] : undefined;
  const positional = argv.filter((a, i) => !a.startsWith('--') && (dbAt < 0 || i !== dbAt + 1));
  const root = path.resolve(__dirname, '..', '..');
  const bbc = path.resolve(root, '..', 'shared', 'data', 'news', 'bbc');
  const folder = path.resolve(positional[0] ?? (existsSync(bbc) ? bbc : path.join(root, 'sources')));

  let server: TempPostgres | undefined;
  if (!url) {
    if (!findPostgresBin()) {
      process.stdout.write('bench:db: PostgreSQL is not installed (apt-get install postgresql): skipped\n');
      return 0;
    }
    server = await startPostgres();
    url = server.url;
  }
  try {
    const password = server?.password;
    const client = await connect(url, { password });
    await migrate(client);
    await client.query('TRUNCATE documents, entities, mentions, passages, quotes');

    let pipeline: CandidateSource | undefined;
    if (!argv.includes('--no-tagger')) pipeline = createDefaultPipeline({ tagger: new TaggerRecogniser(await loadTagger()) });
    process.stdout.write(`bench:db ${folder}\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}, PostgreSQL on loopback (${server ? 'throwaway server, fsync off' : url})\n`);

    const t0 = performance.now();
    const loaded = await loadFolder(folder, pipeline ? { pipeline } : {});
    loaded.index.entities();
    const t1 = performance.now();
    const sizes = new Map([...loaded.texts].map(([f, t]) => [f, Buffer.byteLength(t)] as const));
    // The write into an empty index, three times (the machine is shared): the first and the best.
    const writes: number[] = [];
    let rows = rowsOf(loaded.index, { bytesOf: (f) => sizes.get(f) ?? 0, pageAt: (f, o) => loaded.formats.pageAt(f, o) });
    let first = await writeRows(client, rows);
    writes.push(performance.now() - t1);
    for (let i = 0; i < 2; i++) {
      await client.query('TRUNCATE documents, entities, mentions, passages, quotes');
      const s = performance.now();
      rows = rowsOf(loaded.index, { bytesOf: (f) => sizes.get(f) ?? 0, pageAt: (f, o) => loaded.formats.pageAt(f, o) });
      first = await writeRows(client, rows);
      writes.push(performance.now() - s);
    }
    const mb = loaded.bytes / 1e6;
    const best = Math.min(...writes) / 1000;
    process.stdout.write(
      `documents ${first.documents} (${mb.toFixed(2)} MB): ${first.entities} entities, ${first.mentions} mentions, ${first.passages} passages\n` +
        `local index ${((t1 - t0) / 1000).toFixed(2)} s; write to PostgreSQL ${(writes[0]! / 1000).toFixed(2)} s first, ${best.toFixed(2)} s best of 3\n` +
        `ingest (write only) ${(mb / (writes[0]! / 1000)).toFixed(2)} MB/s first, ${(mb / best).toFixed(2)} MB/s best; ` +
        `end to end (index + first write) ${(mb / ((t1 - t0 + writes[0]!) / 1000)).toFixed(2)} MB/s\n`,
    );
    const t3 = performance.now();
    const again = await writeRows(client, rowsOf(loaded.index, { bytesOf: (f) => sizes.get(f) ?? 0, pageAt: (f, o) => loaded.formats.pageAt(f, o) }));
    process.stdout.write(`second run: ${again.written} written, ${again.unchanged} unchanged in ${((performance.now() - t3) / 1000).toFixed(2)} s\n`);
    await client.query('VACUUM ANALYZE');

    // Entity queries: names drawn across the frequency range, each as a user would type it.
    const rand = seeded(13);
    const all = loaded.index.entities();
    const names = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? all[Math.floor(rand() * Math.min(200, all.length))]! : all[Math.floor(rand() * all.length)]!).name);
    for (const n of names.slice(0, 20)) await findEntity(client, n); // warm up
    const entityMs: number[] = [];
    for (const n of names) {
      const s = performance.now();
      const e = await findEntity(client, n);
      entityMs.push(performance.now() - s);
      if (!e) throw new Error(`entity ${n} not found`);
    }
    process.stdout.write(`entity query (${names.length} names, mentions included): p50 ${ms(pct(entityMs, 50))}, p99 ${ms(pct(entityMs, 99))}\n`);

    // Searches: single words, two words and quoted phrases taken from the passages.
    const passages = [...rows.passages.values()].flat();
    const queries: string[] = [];
    while (queries.length < 200) {
      const words = passages[Math.floor(rand() * passages.length)]!.text.split(/\s+/).filter((w) => /^[A-Za-z]{4,}$/.test(w));
      if (words.length < 3) continue;
      const at = Math.floor(rand() * (words.length - 2));
      const k = queries.length % 3;
      queries.push(k === 0 ? words[at]! : k === 1 ? `${words[at]} ${words[at + 2]}` : `"${words.slice(at, at + 2).join(' ')}"`);
    }
    for (const q of queries.slice(0, 20)) await searchPassages(client, q);
    const searchMs: number[] = [];
    let hits = 0;
    for (const q of queries) {
      const s = performance.now();
      hits += (await searchPassages(client, q, 20)).length;
      searchMs.push(performance.now() - s);
    }
    process.stdout.write(`search (${queries.length} queries, top 20): p50 ${ms(pct(searchMs, 50))}, p99 ${ms(pct(searchMs, 99))}, ${(hits / queries.length).toFixed(1)} hits per query\n`);

    const t4 = performance.now();
    const snap = new RemoteIndex(await loadSnapshot(client));
    process.stdout.write(`editor snapshot load: ${snap.documents.size} documents, ${snap.entities.size} entities in ${((performance.now() - t4) / 1000).toFixed(2)} s\n`);
    const size = await client.query<{ s: string }>('SELECT pg_size_pretty(pg_database_size(current_database())) AS s');
    process.stdout.write(`database size ${size.rows[0]?.s}\n`);
    await client.end();
    return 0;
  } catch (e) {
    process.stderr.write(`bench:db: ${e instanceof DbError || e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    server?.stop();
  }
}

main().then((code) => process.exit(code));
