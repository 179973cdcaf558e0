import * as vscode from 'vscode';
import { createDefaultPipeline } from '../core/recognisers/pipeline';
import { TaggerRecogniser } from '../core/recognisers/tagger';
import { Tagger } from '../core/tagger';
import type { FeatureDeps } from './deps';
import { modelId } from '../node/tagger';

/** Where the trained model sits in the extension (committed, packaged; rebuilt by `npm run train`). */
export const MODEL_PATH = ['models', 'ner-en.bin'] as const;

/**
 * The trained entity tagger: loaded lazily, once, in the indexing queue before the first index, and
 * plugged into the core's pipeline. `sourceResearch.tagger.enabled` switches it on and off (the
 * corpus is read again). When the model cannot be read, the rules carry on alone and the log says why.
 */
export function registerTagger(deps: FeatureDeps): vscode.Disposable {
  const { context, config, sources, writer, indexer, log } = deps;
  let tagger: Promise<Tagger | undefined> | undefined;
  let active: boolean | undefined;

  const load = (): Promise<Tagger | undefined> =>
    (tagger ??= (async () => {
      const t0 = Date.now();
      try {
        const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, ...MODEL_PATH));
        const t = Tagger.load(bytes);
        log.info(`Loaded the entity tagger (${(bytes.byteLength / 1e6).toFixed(1)} MB) in ${Date.now() - t0} ms.`);
        return t;
      } catch (e) {
        log.error(`The entity tagger could not be loaded; using the rule recognisers only: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
    })());

  const apply = (): Promise<void> =>
    sources.enqueue(async () => {
      const want = config.taggerEnabled;
      if (want === active) return;
      active = want;
      const t = want ? await load() : undefined;
      // The workers load the same model file; cached results are keyed by its hash.
      const modelPath = vscode.Uri.joinPath(context.extensionUri, ...MODEL_PATH).fsPath;
      indexer.usePipeline(t ? { modelPath } : {}, t ? await modelId(modelPath) : 'rules');
      writer.setPipeline(createDefaultPipeline(t ? { tagger: new TaggerRecogniser(t) } : {}));
    });

  void apply();
  return config.onDidChange(() => void apply());
}
