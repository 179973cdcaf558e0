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
import { registerQuotesView, type QuotesViewApi } from './features/quotesView';
import { registerDraftCheck, type DraftCheckApi } from './features/draftCheck';
import { QuoteIndex } from './core/quotes/quoteIndex';
import { ClaimLedger } from './core/claims/ledger';
import { DraftChecker } from './core/drafts/check';

/** What activate() returns (used by the integration tests). */
export interface SourceResearchApi {
  readonly corpus: CorpusIndex;
  readonly sources: WorkspaceCorpus;
  readonly entities: EntitiesViewApi;
  readonly quotes: QuotesViewApi;
  readonly drafts: DraftCheckApi;
}

export function activate(context: vscode.ExtensionContext): SourceResearchApi {
  const log = createLog();
  const config = new Config();
  const corpus = new CorpusIndex();
  const sources = new WorkspaceCorpus(corpus, config, log);
  const quoteIndex = new QuoteIndex(corpus);
  const claims = new ClaimLedger(corpus);
  const deps: FeatureDeps = { context, corpus, writer: corpus, sources, config, log, quotes: quoteIndex };
  const entities = registerEntitiesView(deps);
  const quoteDeps = { ...deps, quotes: quoteIndex, claims, checker: new DraftChecker(corpus, quoteIndex, () => corpus.currentPipeline()) };
  const quotes = registerQuotesView(quoteDeps);
  const drafts = registerDraftCheck(quoteDeps);
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
    quotes,
    drafts,
    vscode.commands.registerCommand('sourceResearch.refresh', () => sources.reindex()),
    vscode.commands.registerCommand('sourceResearch.showLog', () => log.show()),
  );
  void sources.start(); // in the background: activation never waits for indexing
  return { corpus, sources, entities, quotes, drafts };
}

export function deactivate(): void {}
