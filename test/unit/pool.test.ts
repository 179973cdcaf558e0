import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyseDocument, type DocumentResult } from '../../src/core/index/analysis';
import { createDefaultPipeline } from '../../src/core/recognisers/pipeline';
import { AnalysisPool, BACKGROUND_NICE } from '../../src/node/analysisPool';
import { CorpusIndex } from '../../src/core/index/corpus';
import { DiskCache } from '../../src/node/cache';
import { DocumentIndexer } from '../../src/node/indexer';
import { workerFile } from '../../src/node/folder';
import { analysisKey } from '../../src/node/ingest';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');
/** Without undefined fields (the wire formats differ in keeping them). */
const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));
/** Nice value of each thread of this process (field 19 of /proc/self/task/N/stat). */
const nices = () =>
  readdirSync('/proc/self/task').map((t) => {
    const stat = readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
const backgroundThreads = () => nices().filter((n) => n === BACKGROUND_NICE).length;
const scan = (args: string[]) => execFileSync(process.execPath, [cli, 'scan', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });

describe('per-document work in workers, and the persistent cache', function () {
  this.timeout(60000);
  let tmp: string;
  beforeEach(() => (tmp = mkdtempSync(path.join(tmpdir(), 'sr-pool-'))));
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('a worker gives the same result as this thread', async () => {
    const text = 'President Ilham Aliyev met officials of the World Bank in Baku on 3 March 2023.\n\nThey discussed 40% of the budget.\n';
    const pool = new AnalysisPool(await workerFile(), {}, 2);
    try {
      const results = await Promise.all([pool.analyse({ docId: 'a.txt', text }), pool.analyse({ docId: 'b.md', text: `# Title\n\n${text}` })]);
      assert.deepEqual(plain(results[0]), plain(analyseDocument('a.txt', text, undefined, createDefaultPipeline())));
      assert.ok(results[1]!.candidates.some((c) => c.name === 'Ilham Aliyev'));
      assert.equal(results[1]!.format, 'markdown');
    } finally {
      await pool.close();
    }
  });

  it('background workers run below the priority of the thread that started them (Linux), and give the same results', async function () {
    if (process.platform !== 'linux') this.skip();
    const before = backgroundThreads();
    const text = 'Dr Kofi Annan spoke in Accra on 3 March 2023.\n';
    const pool = new AnalysisPool(await workerFile(), {}, 2, BACKGROUND_NICE);
    try {
      const results = await Promise.all([pool.analyse({ docId: 'a.txt', text }), pool.analyse({ docId: 'b.txt', text })]);
      assert.deepEqual(plain(results[0]), plain(analyseDocument('a.txt', text, undefined, createDefaultPipeline())));
      assert.equal(backgroundThreads() - before, 2, 'two worker threads at the background priority');
      assert.equal(nices()[0], 0, 'the main thread keeps its priority');
    } finally {
      await pool.close();
    }
  });

  it('a cache-warm start runs no worker; warmUp() starts them afterwards', async function () {
    if (process.platform !== 'linux') this.skip();
    const docs = [
      ['a.txt', 'President Ilham Aliyev met officials of the World Bank in Baku.\n'],
      ['b.txt', 'Dr Kofi Annan spoke in Accra on 3 March 2023.\n'],
    ] as const;
    const until = async (what: string, cond: () => boolean) => {
      const deadline = Date.now() + 10_000;
      while (!cond() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.ok(cond(), what);
    };
    const before = backgroundThreads();
    const options = { workerFile: await workerFile(), cacheDir: tmp, jobs: 2, background: true };
    const first = new DocumentIndexer(new CorpusIndex(), options);
    const cold = await first.analyse(docs);
    await first.flush();
    first.dispose();
    await until('the first workers gone', () => backgroundThreads() === before);
    const second = new DocumentIndexer(new CorpusIndex(), options);
    try {
      const warm = await second.analyse(docs);
      assert.equal(second.lastStats?.fromCache, 2);
      assert.deepEqual(plain(warm.map((a) => a.result)), plain(cold.map((a) => a.result)));
      assert.equal(backgroundThreads(), before, 'no worker started');
      second.warmUp(0);
      await until('the two workers started by warmUp()', () => backgroundThreads() - before === 2);
    } finally {
      second.dispose();
    }
  });

  it('many documents at once come back each with its own result (in batches, several per worker)', async () => {
    const names = ['Maria Gonzalez', 'Ilham Aliyev', 'Kofi Annan', 'Angela Merkel', 'Nelson Mandela'];
    const docs = Array.from({ length: 150 }, (_, i) => ({ docId: `d${i}.txt`, text: `Dr ${names[i % names.length]} visited Lisbon on ${1 + (i % 28)} March 2023.\n`.repeat(1 + (i % 7)) }));
    const pool = new AnalysisPool(await workerFile(), {}, 2);
    try {
      const results = await Promise.all(docs.map((d) => pool.analyse(d)));
      results.forEach((r, i) => {
        assert.deepEqual(plain(r), plain(analyseDocument(docs[i]!.docId, docs[i]!.text, undefined, createDefaultPipeline())), docs[i]!.docId);
        assert.ok(r.candidates.some((c) => c.name === names[i % names.length]));
      });
      assert.equal(pool.pending, 0);
      // One more document alone, after the burst (the live-edit path).
      const one = await pool.analyse({ docId: 'late.md', text: '# Notes\n\nDr Kofi Annan spoke in Accra.\n' });
      assert.equal(one.format, 'markdown');
      assert.ok(one.candidates.some((c) => c.name === 'Kofi Annan'));
    } finally {
      await pool.close();
    }
  });

  it('a large result (sent in slices, taken in over several turns) is the same as this thread\'s', async () => {
    const text = 'Dr Maria Gonzalez met Kofi Annan in Lisbon on 3 March 2023. “We agree,” she said. Officials said 40% of the loans were late.\n\n'.repeat(2500);
    const pool = new AnalysisPool(await workerFile(), {}, 1);
    try {
      const local = analyseDocument('big.txt', text, undefined, createDefaultPipeline());
      assert.ok(local.candidates.length > 8000 && local.speech!.quotes.length > 0);
      const [r, small] = await Promise.all([pool.analyse({ docId: 'big.txt', text }), pool.analyse({ docId: 'small.txt', text: 'Dr Kofi Annan spoke in Accra.\n' })]);
      assert.deepEqual(plain(r), plain(local));
      assert.ok(small.candidates.some((c) => c.name === 'Kofi Annan'));
    } finally {
      await pool.close();
    }
  });

  it('long texts (sent ahead in parts) reach the worker whole and each with its own task, two at once to one worker', async () => {
    const line = (who: string) => `Dr ${who} met officials in Lisbon on 3 March 2023, and the talks went on.\n\n`;
    const a = line('Maria Gonzalez').repeat(13_000) + 'Kofi Annan closed the meeting.\n';
    const b = line('Angela Merkel').repeat(14_000);
    assert.ok(a.length > 1 << 20 && b.length > 1 << 20, 'each longer than a part');
    const pool = new AnalysisPool(await workerFile(), {}, 1);
    try {
      const [ra, small, rb] = await Promise.all([pool.analyse({ docId: 'a.txt', text: a }), pool.analyse({ docId: 'small.txt', text: 'Dr Kofi Annan spoke in Accra.\n' }), pool.analyse({ docId: 'b.txt', text: b })]);
      assert.deepEqual(plain(ra), plain(analyseDocument('a.txt', a, undefined, createDefaultPipeline())));
      const names = (r: DocumentResult) => new Set(r.candidates.map((c) => c.name));
      assert.ok(names(rb).has('Angela Merkel') && !names(rb).has('Maria Gonzalez') && !names(rb).has('Kofi Annan'));
      assert.equal(rb.sentences.at(-1)!.end, b.trimEnd().length);
      assert.ok(names(small).has('Kofi Annan'));
    } finally {
      await pool.close();
    }
  });

  it('keeps values by key on disk, and misses on another key or a damaged entry', async () => {
    const cache = new DiskCache<DocumentResult>(tmp, 'documents');
    const r = analyseDocument('a.txt', 'Dr Maria Gonzalez visited Lisbon.', undefined, createDefaultPipeline());
    const key = analysisKey('a.txt', 'Dr Maria Gonzalez visited Lisbon.', undefined, 'rules');
    await cache.set(key, r);
    assert.deepEqual(plain(await new DiskCache<DocumentResult>(tmp, 'documents').get(key)), plain(r));
    assert.equal(await cache.get(analysisKey('a.txt', 'Dr Maria Gonzalez visited Lisbon!', undefined, 'rules')), undefined, 'another text');
    assert.equal(await cache.get(analysisKey('a.txt', 'Dr Maria Gonzalez visited Lisbon.', undefined, 'tagger-0123')), undefined, 'another model');
    assert.equal(await cache.get(analysisKey('a.txt', 'Dr Maria Gonzalez visited Lisbon.', { date: '2020-01-01' }, 'rules')), undefined, 'another document date');
    assert.equal(analysisKey('a.txt', 'x', undefined, 'rules'), analysisKey('elsewhere/b.txt', 'x', { title: 'A title' }, 'rules'), 'a moved or retitled file hits');
    const dir = path.join(tmp, 'documents');
    const sub = readdirSync(dir)[0]!;
    writeFileSync(path.join(dir, sub, readdirSync(path.join(dir, sub))[0]!), 'not msgpack');
    assert.equal(await cache.get(key), undefined);
  });

  it('scan gives the same JSON with --jobs 1, --jobs 2 and a cold or warm --cache', () => {
    const sources = path.join(root, 'sources');
    const one = scan([sources, '--json', '--jobs', '1']);
    assert.equal(scan([sources, '--json', '--jobs=2']), one);
    const cache = path.join(tmp, 'cache');
    assert.equal(scan([sources, '--json', '--cache', cache]), one);
    assert.ok(readdirSync(path.join(cache, 'documents')).length > 0, 'the cache was written');
    assert.equal(scan([sources, '--json', '--cache', cache]), one);
  });

  it('scan --cache re-reads only what changed', () => {
    const folder = path.join(tmp, 'corpus');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'a.txt'), 'President Ilham Aliyev spoke in Baku.\n');
    writeFileSync(path.join(folder, 'b.txt'), 'Dr Maria Gonzalez visited Lisbon.\n');
    const cache = path.join(tmp, 'cache');
    scan([folder, '--json', '--cache', cache, '--no-tagger']);
    const count = () => readdirSync(path.join(cache, 'documents')).reduce((n, d) => n + readdirSync(path.join(cache, 'documents', d)).length, 0);
    assert.equal(count(), 2);
    writeFileSync(path.join(folder, 'b.txt'), 'Dr Maria Gonzalez visited Oslo.\n');
    const out = JSON.parse(scan([folder, '--json', '--cache', cache, '--no-tagger'])) as { entities: { name: string }[] };
    assert.equal(count(), 3, 'one new entry, for the changed file');
    assert.ok(out.entities.some((e) => e.name === 'Oslo'));
    assert.ok(!out.entities.some((e) => e.name === 'Lisbon'));
  });

  it('scan rejects a bad --jobs', () => {
    assert.throws(() => execFileSync(process.execPath, [cli, 'scan', root, '--jobs', 'many'], { stdio: 'pipe' }), /--jobs must be a whole number/);
  });
});
