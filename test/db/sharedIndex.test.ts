/**
 * The shared team index against a real PostgreSQL (a throwaway server on loopback, see
 * test/harness/postgres.ts): the CLI's index and query commands as a newsroom would run them.
 */
import * as assert from 'node:assert/strict';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { multiPagePdf } from '../fixtures/formats';
import { startPostgres, type TempPostgres } from '../harness/postgres';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');
const run = promisify(execFile);

interface ScanEntity {
  id: string;
  name: string;
  mentions: { path: string; start: number; end: number }[];
}

describe('shared team index on PostgreSQL', function () {
  this.timeout(120_000);
  let server: TempPostgres;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  const cliSync = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env });
  const scan = (folder: string): ScanEntity[] => (JSON.parse(execFileSync(process.execPath, [cli, 'scan', folder, '--json'], { encoding: 'utf8' })) as { entities: ScanEntity[] }).entities;
  const sql = async <T extends pg.QueryResultRow>(text: string): Promise<T[]> => {
    const c = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'sr', database: 'sr', password: server.password });
    await c.connect();
    try {
      return (await c.query<T>(text)).rows;
    } finally {
      await c.end();
    }
  };
  const counts = async () =>
    (
      await sql<{ d: number; e: number; m: number; p: number }>(
        `SELECT (SELECT count(*)::int FROM documents) d, (SELECT count(*)::int FROM entities) e, (SELECT count(*)::int FROM mentions) m, (SELECT count(*)::int FROM passages) p`,
      )
    )[0]!;

  before(async () => {
    server = await startPostgres();
    env = { ...process.env, PGPASSWORD: server.password };
    dir = mkdtempSync(path.join(tmpdir(), 'sr-db-'));
    cpSync(path.join(root, 'sources'), dir, { recursive: true });
  });

  after(() => {
    server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('indexes the sample corpus; an entity comes back exactly as scan --json gives it', () => {
    const r = cliSync('index', dir, '--db', server.url, '--json');
    assert.equal(r.status, 0, r.stderr);
    const stats = JSON.parse(r.stdout) as { documents: number; written: number; mentions: number };
    assert.equal(stats.documents, 2);
    assert.equal(stats.written, 2);
    const expected = scan(dir).find((e) => e.name === 'Khazar Ibrahim');
    assert.ok(expected);
    const q = cliSync('query', '--db', server.url, 'entity', 'Khazar Ibrahim', '--json');
    assert.equal(q.status, 0, q.stderr);
    assert.deepEqual(JSON.parse(q.stdout), { entity: expected });
    // By an alias, case-insensitively, too.
    const byAlias = JSON.parse(cliSync('query', '--db', server.url, 'entity', 'ibrahim', '--json').stdout) as { entity: { id: string } };
    assert.equal(byAlias.entity.id, expected.id);
  });

  it('finds a phrase: the passage holding it, best first, with its offsets in the document', () => {
    const q = cliSync('query', '--db', server.url, 'search', '"learning from the best"', '--json');
    assert.equal(q.status, 0, q.stderr);
    const { results } = JSON.parse(q.stdout) as { results: { path: string; start: number; end: number; text: string; score: number }[] };
    assert.ok(results.length >= 1);
    const top = results[0]!;
    assert.deepEqual(Object.keys(top), ['path', 'start', 'end', 'text', 'score']);
    assert.equal(top.path, 'ambassador-ibrahim-press-release.txt');
    assert.match(top.text, /learning from the best/);
    const text = readFileSync(path.join(dir, top.path), 'utf8').replace(/^\ufeff/, '');
    assert.equal(text.slice(top.start, top.end), top.text);
    for (let i = 1; i < results.length; i++) assert.ok(results[i - 1]!.score >= results[i]!.score);
    // Nothing found: exit 1 and no results.
    const none = cliSync('query', '--db', server.url, 'search', 'zyxwvut', '--json');
    assert.equal(none.status, 1);
    assert.deepEqual(JSON.parse(none.stdout), { results: [] });
  });

  it('indexing again writes nothing and duplicates nothing', async () => {
    const before = await counts();
    const r = cliSync('index', dir, '--db', server.url, '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { written: number; unchanged: number }).written, 0);
    assert.deepEqual(await counts(), before);
    const versions = await sql<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    assert.deepEqual(versions.map((v) => v.version), [1]);
  });

  it('writes a note changed in entities.yaml, though no document changed', async () => {
    const file = path.join(dir, 'entities.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Historic Mountain Jewish town', 'The Mountain Jewish town'));
    const r = cliSync('index', dir, '--db', server.url, '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { written: number }).written, 0);
    const [row] = await sql<{ note: string }>(`SELECT note FROM entities WHERE name = 'Krasnaya Sloboda'`);
    assert.match(row!.note, /^The Mountain Jewish town/);
  });

  it('two index runs at once leave a consistent index: every mention once, counts that add up, entities as scan gives them', async () => {
    // A third document and an edit, so both runs have work to do.
    writeFileSync(path.join(dir, 'note.txt'), 'Prime Minister Keir Starmer met Khazar Ibrahim in London on 5 June 2023.\n');
    const op = path.join(dir, 'azerbaijan-israel-op-ed.txt');
    writeFileSync(op, readFileSync(op, 'utf8') + '\nThe Azerbaijani embassy in Tel Aviv opened in 2023.\n');
    const runs = await Promise.all([0, 1].map(() => run(process.execPath, [cli, 'index', dir, '--db', server.url, '--json'], { env })));
    const written = runs.map((r) => (JSON.parse(r.stdout) as { written: number }).written).sort((a, b) => a - b);
    // One run wrote the changes; the other, queued behind it on the lock, found nothing left to write.
    assert.equal(written[0], 0);
    assert.ok(written[1]! >= 2, String(written));
    const entities = scan(dir);
    const total = entities.reduce((n, e) => n + e.mentions.length, 0);
    const [check] = await sql<{ m: number; distinct_m: number; sum_counts: number; orphans: number; d: number }>(`SELECT
        (SELECT count(*)::int FROM mentions) m,
        (SELECT count(DISTINCT (path, start, "end"))::int FROM mentions) distinct_m,
        (SELECT sum(mention_count)::int FROM entities) sum_counts,
        (SELECT count(*)::int FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id WHERE e.id IS NULL) orphans,
        (SELECT count(*)::int FROM documents) d`);
    assert.deepEqual(check, { m: total, distinct_m: total, sum_counts: total, orphans: 0, d: 3 });
    assert.equal((await counts()).e, entities.length);
    for (const name of ['Keir Starmer', 'Khazar Ibrahim']) {
      const expected = entities.find((e) => e.name === name);
      assert.ok(expected, name);
      assert.deepEqual(JSON.parse(cliSync('query', '--db', server.url, 'entity', name, '--json').stdout), { entity: expected });
    }
  });

  it('--prune removes the documents the folder no longer has, and the entities only they mentioned', async () => {
    rmSync(path.join(dir, 'note.txt'));
    const r = cliSync('index', dir, '--db', server.url, '--prune', '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { removed: number }).removed, 1);
    assert.equal((await counts()).d, 2);
    const q = cliSync('query', '--db', server.url, 'entity', 'Keir Starmer', '--json');
    assert.equal(q.status, 1);
    assert.deepEqual(JSON.parse(q.stdout), { entity: null });
  });

  it('indexes a PDF as scan reads it: the page of each mention and of each passage found', async () => {
    writeFileSync(path.join(dir, 'water-review.pdf'), await multiPagePdf());
    const r = cliSync('index', dir, '--db', server.url, '--no-ocr', '--json');
    assert.equal(r.status, 0, r.stderr);
    const scanned = (JSON.parse(execFileSync(process.execPath, [cli, 'scan', dir, '--json', '--no-ocr'], { encoding: 'utf8' })) as { entities: (ScanEntity & { mentions: { page?: number }[] })[] }).entities;
    const brandt = scanned.find((e) => e.name === 'Tomas Brandt');
    assert.ok(brandt, 'scan finds Tomas Brandt in the PDF');
    assert.equal(brandt.mentions[0]!.page, 2);
    assert.deepEqual(JSON.parse(cliSync('query', '--db', server.url, 'entity', 'Tomas Brandt', '--json').stdout), { entity: brandt });
    const { results } = JSON.parse(cliSync('query', '--db', server.url, 'search', 'Olga Petrova Geneva', '--json').stdout) as { results: { path: string; page?: number }[] };
    assert.equal(results[0]?.path, 'water-review.pdf');
    assert.equal(results[0]?.page, 3);
    rmSync(path.join(dir, 'water-review.pdf'));
    assert.equal(cliSync('index', dir, '--db', server.url, '--prune', '--no-ocr').status, 0);
  });

  it('says clearly what is wrong with a bad URL, an unreachable server, a refused login or an empty database', () => {
    const cases: { args: string[]; env?: NodeJS.ProcessEnv; code: number; message: RegExp }[] = [
      { args: ['query', '--db', 'http://example.com/x', 'entity', 'X'], code: 2, message: /not a PostgreSQL URL/ },
      { args: ['query', '--db', 'postgres://sr@127.0.0.1/', 'entity', 'X'], code: 2, message: /names no database/ },
      { args: ['query', 'entity', 'X'], code: 2, message: /needs --db/ },
      { args: ['query', '--db', `postgres://sr@127.0.0.1:${server.port + 1}/sr`, 'entity', 'X'], code: 3, message: /cannot reach the database server at postgres:\/\/sr@127\.0\.0\.1:\d+\/sr: connection refused/ },
      { args: ['query', '--db', server.url, 'entity', 'X'], env: { ...env, PGPASSWORD: 'wrong' }, code: 3, message: /refused the login: password authentication failed/ },
      { args: ['query', '--db', server.url.replace(/\/sr$/, '/postgres'), 'entity', 'X'], code: 4, message: /holds no shared index yet/ },
      { args: ['index', path.join(dir, 'missing'), '--db', server.url], code: 2, message: /is not a folder/ },
    ];
    for (const c of cases) {
      const r = spawnSync(process.execPath, [cli, ...c.args], { encoding: 'utf8', env: c.env ?? env });
      assert.equal(r.status, c.code, `${c.args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, c.message);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      assert.doesNotMatch(r.stderr, new RegExp(server.password), 'the password is never printed');
    }
  });
});
