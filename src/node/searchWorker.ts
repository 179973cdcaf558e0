/**
 * The editor's search worker (searchClient.ts): the passages of the corpus and their MiniSearch
 * indexes, on a thread of their own at background priority. They are most of the memory a large
 * corpus takes (a 60 MB source: about 700 MB), and reading a changed large source into them is
 * tens of seconds of work: here neither the garbage collector nor that work pauses the editor.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PassageQueries } from '../core/search/passageQuery';
import { PassageStore, type PassageSource } from '../core/search/passageStore';
import type { Span } from '../core/types';
import type { FromSearchWorker, SearchWorkerData, ToSearchWorker } from './searchProtocol';
import { lowerPriority } from './threadPriority';

lowerPriority((workerData as SearchWorkerData | undefined)?.nice);

const docs = new Map<string, { readonly text: string; readonly sentences: Int32Array }>();
/** Parts of texts still coming. */
const parts = new Map<string, string[]>();

function* spans(pairs: Int32Array): Generator<Span> {
  for (let i = 0; i + 1 < pairs.length; i += 2) yield { start: pairs[i]!, end: pairs[i + 1]! };
}

const source: PassageSource = {
  documentIds: () => [...docs.keys()],
  text: (id) => docs.get(id)?.text,
  sentences: (id) => {
    const d = docs.get(id);
    return d && spans(d.sentences);
  },
};
const store: PassageStore = new PassageStore(source, () => queries.changed());
const queries = new PassageQueries(store);

const post = (m: FromSearchWorker) => parentPort!.postMessage(m);
const pause = () => new Promise<void>((r) => setImmediate(r));

/** Requests waiting for the passages to be in step. */
let waiting: number[] = [];
let changed = false;
let reading = false;

/** Read the changed documents in slices (messages are answered between them), then answer who waits. */
async function readChanges(): Promise<void> {
  if (reading) return;
  reading = true;
  try {
    while (changed) {
      changed = false;
      await store.syncInSlices(pause, 20);
    }
  } finally {
    reading = false;
  }
  for (const n of waiting) post({ t: 'synced', n });
  waiting = [];
}

function changedDoc(): void {
  changed = true;
  store.markDirty();
  void readChanges().catch(failed(0));
}

const failed = (n: number) => (e: unknown) => post({ t: 'failed', n, message: e instanceof Error ? (e.stack ?? e.message) : String(e) });

parentPort!.on('message', (m: ToSearchWorker) => {
  try {
    switch (m.t) {
      case 'part': {
        const list = m.first ? [] : (parts.get(m.id) ?? []);
        list.push(m.text);
        parts.set(m.id, list);
        break;
      }
      case 'doc':
        docs.set(m.id, { text: (parts.get(m.id) ?? []).join(''), sentences: m.sentences });
        parts.delete(m.id);
        changedDoc();
        break;
      case 'drop':
        docs.delete(m.id);
        parts.delete(m.id);
        changedDoc();
        break;
      case 'sync':
        if (reading || changed) waiting.push(m.n);
        else post({ t: 'synced', n: m.n });
        break;
      case 'query':
        store.sync();
        post({ t: 'found', n: m.n, found: queries.run(m.query) });
        break;
    }
  } catch (e) {
    failed('n' in m ? m.n : 0)(e);
  }
});
