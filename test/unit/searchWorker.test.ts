import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CorpusIndex } from '../../src/core/index/corpus';
import { SearchIndex, type QuoteSource } from '../../src/core/search/searchIndex';
import { BACKGROUND_NICE } from '../../src/node/analysisPool';
import { loadFolder } from '../../src/node/folder';
import { WorkerSearch } from '../../src/node/searchClient';

const root = path.resolve(__dirname, '../../..');
const workerFile = path.join(root, 'dist/searchWorker.js');
const PRESS = 'ambassador-ibrahim-press-release.txt';
/** Nice value of each thread of this process (field 19 of /proc/self/task/N/stat). */
const nices = () =>
  readdirSync('/proc/self/task').map((t) => {
    const stat = readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
/** What a user sees of a response: the passages, their marks and pages, the count, the problems. */
const seen = (r: { results: readonly unknown[]; total: number; problems: readonly string[] }) => JSON.parse(JSON.stringify({ results: r.results, total: r.total, problems: r.problems }));

describe('the editor’s search, with its passages in a worker thread', function () {
  this.timeout(30000);
  let index: CorpusIndex;
  let here: SearchIndex;
  let worker: WorkerSearch;
  let quotes: QuoteSource;
  before(async () => {
    index = (await loadFolder(path.join(root, 'sources'))).index;
    const ibrahim = index.entities().find((e) => e.name === 'Khazar Ibrahim')!;
    const at = index.text(PRESS)!.indexOf('in diplomacy, we try');
    quotes = { quotesBy: (id) => (id === ibrahim.id ? [{ docId: PRESS, start: at, end: at + 60, speakerId: id }] : []) };
    const pageOf = (docId: string, offset: number) => (docId === PRESS ? 1 + Math.floor(offset / 1000) : undefined);
    here = new SearchIndex(index, { quotes, pageOf });
    worker = new WorkerSearch(index, { workerFile, quotes, pageOf, nice: BACKGROUND_NICE });
  });
  after(() => {
    here.dispose();
    worker.dispose();
  });

  it('answers every kind of query as the search beside the index does', async () => {
    const queries = [
      '"learning from the best"',
      'embassy',
      'embassy -Tehran',
      'diplom*',
      'Azerbaijan type:person',
      'Azerbaijan source:op-ed',
      'Azerbaijan kind:"press release"',
      'Azerbaijan from:2023-06 to:2023-06',
      'entity:"Khazar Ibrahim"',
      'entity:"Khazar Ibrahim" embassy',
      'by:"Khazar Ibrahim" embassy',
      'entity:"Nobody Atall"',
      'a*',
      'the',
      'zzzunknownword',
    ];
    for (const q of queries) assert.deepEqual(seen(await worker.query(q, { limit: 50 })), seen(here.search(q, { limit: 50 })), q);
    assert.ok((await worker.query('"learning from the best"')).results[0]!.page! >= 1, 'the page of a paged source');
  });

  it('runs at background priority, and follows the index: a changed document, a removed one', async () => {
    await worker.catchUp();
    assert.ok(nices().includes(BACKGROUND_NICE), 'a thread at the background nice value');
    const idx = new CorpusIndex();
    idx.upsertDocument('a.txt', 'The harbour was closed on Monday.');
    idx.upsertDocument('b.txt', 'Fishermen returned to the harbour at dawn.');
    const s = new WorkerSearch(idx, { workerFile });
    try {
      let changes = 0;
      s.onDidChange(() => changes++);
      assert.equal((await s.query('harbour')).results.length, 2);
      idx.upsertDocument('a.txt', 'The port was closed on Monday.');
      assert.equal(changes, 1);
      assert.deepEqual((await s.query('harbour')).results.map((h) => h.docId), ['b.txt']);
      assert.deepEqual((await s.query('port')).results.map((h) => h.docId), ['a.txt']);
      idx.removeDocument('b.txt');
      assert.equal((await s.query('harbour')).results.length, 0);
    } finally {
      s.dispose();
    }
  });

  it('sends a large source in parts and finds words on both sides of a part’s end', async () => {
    const idx = new CorpusIndex();
    const filler = 'Nothing of note happened in the village that week. '.repeat(25_000); // 1.3 M characters: two parts
    idx.upsertDocument('big.txt', `The quarrymen met early. ${filler}The lighthouse keeper spoke last.`);
    const s = new WorkerSearch(idx, { workerFile });
    try {
      const text = idx.text('big.txt')!;
      const [first] = (await s.query('quarrymen')).results;
      const [last] = (await s.query('"lighthouse keeper"')).results;
      assert.equal(text.slice(first!.start, first!.end), 'The quarrymen met early.');
      assert.equal(last!.text, 'The lighthouse keeper spoke last.');
      assert.equal(text.slice(last!.highlights[0]!.start, last!.highlights[0]!.end), 'lighthouse keeper');
    } finally {
      s.dispose();
    }
  });

  it('starts a stopped worker again on the next query, and tells why the one before failed', async () => {
    const idx = new CorpusIndex();
    idx.upsertDocument('a.txt', 'The harbour was closed on Monday.');
    const told: string[] = [];
    const s = new WorkerSearch(idx, { workerFile, log: (m) => told.push(m) });
    try {
      assert.equal((await s.query('harbour')).results.length, 1);
      await (s as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
      await new Promise((r) => setTimeout(r, 50));
      assert.match(told.join('\n'), /the search worker stopped/);
      assert.equal((await s.query('harbour')).results.length, 1);
    } finally {
      s.dispose();
    }
    await assert.rejects(s.query('harbour'), /closed/);
  });
});
