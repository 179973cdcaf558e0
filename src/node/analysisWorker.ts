/** Worker thread of the analysis pool (analysisPool.ts): builds the pipeline once, then analyses batches of documents on request. */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { CandidateSource } from '../core/index/api';
import { analyseDocument } from '../core/index/analysis';
import { createDefaultPipeline } from '../core/recognisers/pipeline';
import { TaggerRecogniser } from '../core/recognisers/tagger';
import { Tagger } from '../core/tagger';
import type { PipelineSpec, WorkerSpec } from './analysisPool';
import { lowerPriority } from './threadPriority';
import { packReplies, type FromWorker, type Reply, type ToWorker, type WireTask } from './wireFormat';

function pipelineOf(spec: PipelineSpec): CandidateSource {
  if (!spec.modelPath) return createDefaultPipeline();
  const bytes = readFileSync(spec.modelPath);
  return createDefaultPipeline({ tagger: new TaggerRecogniser(Tagger.load(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))) });
}

lowerPriority((workerData as WorkerSpec).nice);

let pipeline: CandidateSource | undefined;
let loadError: string | undefined;
try {
  pipeline = pipelineOf(workerData as PipelineSpec);
} catch (e) {
  loadError = `the pipeline could not be built: ${e instanceof Error ? e.message : String(e)}`;
}

/** Parts of the next long text (wireFormat.ts). */
let parts: string[] = [];

function analyse(p: CandidateSource, tasks: readonly WireTask[]): Reply[] {
  return tasks.map((t) => {
    let text = t.text;
    if (t.inParts) {
      text = parts.join('');
      parts = [];
    }
    try {
      return { r: analyseDocument(t.docId, text, t.meta, p) };
    } catch (e) {
      return { e: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
  });
}

parentPort!.on('message', (m: ToWorker) => {
  if ('part' in m) {
    parts.push(m.part);
    return;
  }
  if (!pipeline) {
    parentPort!.postMessage({ seq: m.seq, error: loadError } satisfies FromWorker);
    return;
  }
  let packed: Uint8Array[];
  try {
    packed = packReplies(analyse(pipeline, m.tasks));
  } catch (e) {
    parentPort!.postMessage({ seq: m.seq, error: e instanceof Error ? e.message : String(e) } satisfies FromWorker);
    return;
  }
  parentPort!.postMessage({ seq: m.seq, packed } satisfies FromWorker, packed.map((b) => b.buffer as ArrayBuffer));
});
