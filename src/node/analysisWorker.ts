/** Worker thread of the analysis pool (analysisPool.ts): builds the pipeline once, then analyses documents on request. */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { CandidateSource } from '../core/index/api';
import { analyseDocument } from '../core/index/analysis';
import { createDefaultPipeline } from '../core/recognisers/pipeline';
import { TaggerRecogniser } from '../core/recognisers/tagger';
import { Tagger } from '../core/tagger';
import type { FromWorker, PipelineSpec, ToWorker } from './analysisPool';

function pipelineOf(spec: PipelineSpec): CandidateSource {
  if (!spec.modelPath) return createDefaultPipeline();
  const bytes = readFileSync(spec.modelPath);
  return createDefaultPipeline({ tagger: new TaggerRecogniser(Tagger.load(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))) });
}

let pipeline: CandidateSource | undefined;
let loadError: string | undefined;
try {
  pipeline = pipelineOf(workerData as PipelineSpec);
} catch (e) {
  loadError = `the pipeline could not be built: ${e instanceof Error ? e.message : String(e)}`;
}

parentPort!.on('message', (m: ToWorker) => {
  let reply: FromWorker;
  if (!pipeline) reply = { seq: m.seq, error: loadError };
  else {
    try {
      reply = { seq: m.seq, result: analyseDocument(m.docId, m.text, m.meta, pipeline) };
    } catch (e) {
      reply = { seq: m.seq, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
  }
  parentPort!.postMessage(reply);
});
