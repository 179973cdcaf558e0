/** Activation: builds the core, registers the features, owns every disposable. */
import * as vscode from 'vscode';
import { CorpusIndex } from './core/index/corpus';
import { Config } from './config';
import { createLog } from './log';
import type { FeatureDeps } from './features/deps';
import { registerSourcesView } from './features/sourcesView';
import { registerCatalogEdits } from './features/catalogEdits';
import { registerEntitiesView, type EntitiesViewApi } from './features/entitiesView';
import { registerEntityHover } from './features/entityHover';
import { registerEntityNavigation } from './features/entityNavigation';
import { registerEntityStatusBar } from './features/entityStatusBar';
import { registerGoToSource } from './features/goToSource';
import { registerTagger } from './features/tagger';
import { WorkspaceCorpus } from './features/workspaceCorpus';
import { OverlayCorpus } from './core/index/overlay';
import { registerSharedIndex, sha256, type SharedIndex } from './features/sharedIndex';

/** What activate() returns (used by the integration tests). */
export interface SourceResearchApi {
  readonly corpus: CorpusIndex;
  readonly sources: WorkspaceCorpus;
  readonly entities: EntitiesViewApi;
  /** The shared team index (sourceResearch.index.database) and what the features read: local folder + shared index. */
  readonly shared: SharedIndex;
  readonly view: OverlayCorpus;
}

export function activate(context: vscode.ExtensionContext): SourceResearchApi {
  const log = createLog();
  const config = new Config();
  const corpus = new CorpusIndex();
  const sources = new WorkspaceCorpus(corpus, config, log);
  const view = new OverlayCorpus(corpus, sha256); // the local folder with the shared team index laid over it
  const deps: FeatureDeps = { context, corpus: view, writer: corpus, sources, config, log };
  const shared = registerSharedIndex(deps, view);
  const entities = registerEntitiesView(deps);
  context.subscriptions.push(
    log,
    config,
    sources,
    registerTagger(deps), // queued before the first index, so that index already uses the tagger
    registerSourcesView(deps),
    entities,
    registerEntityHover(deps),
    registerEntityNavigation(deps),
    registerGoToSource(deps),
    registerCatalogEdits(deps),
    registerEntityStatusBar(deps),
    shared.disposable,
    vscode.commands.registerCommand('sourceResearch.refresh', () => Promise.all([sources.reindex(), shared.shared.reload()])),
    vscode.commands.registerCommand('sourceResearch.showLog', () => log.show()),
  );
  void sources.start(); // in the background: activation never waits for indexing
  return { corpus, sources, entities, shared: shared.shared, view };
}

export function deactivate(): void {}
