/** Worker thread of the analysis pool (analysisPool.ts): builds the pipeline once, then analyses documents on request. */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { CandidateSource } from '../core/index/api';
import { analyseDocument } from '../core/index/analysis';
import { createDefaultPipeline } from '../core/recognisers/pipeline';
import { TaggerRecogniser } from '../core/recognisers/tagger';
import { Tagger } from '../core/tagger';
import type { FromWorker, PipelineSpec, ToWorker } from './analysisPool';
import type { DocumentResult } from '../core/index/analysis';
import { splitResult, type ResultPart } from './resultParts';

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

/** The parts of a large result still to send, for the task being answered. */
let sending: { seq: number; parts: ResultPart[]; rest: DocumentResult } | undefined;

function sendNext(): void {
  if (!sending) return;
  const part = sending.parts.shift();
  if (part) return parentPort!.postMessage({ seq: sending.seq, part } satisfies FromWorker);
  parentPort!.postMessage({ seq: sending.seq, result: sending.rest } satisfies FromWorker);
  sending = undefined;
}

parentPort!.on('message', (m: ToWorker) => {
  if ('ack' in m) {
    if (sending?.seq === m.seq) sendNext();
    return;
  }
  let reply: FromWorker;
  if (!pipeline) reply = { seq: m.seq, error: loadError };
  else {
    try {
      const { parts, rest } = splitResult(analyseDocument(m.docId, m.text, m.meta, pipeline));
      if (parts.length) {
        sending = { seq: m.seq, parts, rest };
        return sendNext();
      }
      reply = { seq: m.seq, result: rest };
    } catch (e) {
      reply = { seq: m.seq, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
  }
  parentPort!.postMessage(reply);
});
