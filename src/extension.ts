/** Activation: builds the core, registers the features, owns every disposable. */
import path from 'node:path';
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
import { registerNameHighlight, type NameHighlighter } from './features/nameHighlight';
import { registerCitations } from './features/citations';
import { registerSourceRoles } from './features/sourceRoles';
import { registerSourcesFolder } from './features/sourcesFolder';
import { WorkspaceCorpus } from './features/workspaceCorpus';
import { OverlayCorpus } from './core/index/overlay';
import { registerSharedIndex, sha256, type SharedIndex } from './features/sharedIndex';
import { DocumentIndexer } from './node/indexer';
import type { PassageSearch } from './core/search/searchPlan';
import { WorkerSearch } from './node/searchClient';
import { BACKGROUND_NICE } from './node/analysisPool';
import { EntityLocator } from './features/entityLocations';
import { registerSearch } from './features/searchView';
import { registerStoryPanels } from './features/storyPanels';
import { registerExport } from './features/exportResearch';
import { registerQuotesView, type QuotesViewApi } from './features/quotesView';
import { registerDraftCheck, type DraftCheckApi } from './features/draftCheck';
import { QuoteIndex } from './core/quotes/quoteIndex';
import { ClaimLedger } from './core/claims/ledger';
import { DraftChecker } from './core/drafts/check';
import { FormatDocuments, registerFormatDocuments } from './features/formatDocuments';
import { registerShowInPdf, type ShowInPdf } from './features/showInPdf';

/** What activate() returns (used by the integration tests). */
export interface SourceResearchApi {
  readonly corpus: CorpusIndex;
  readonly sources: WorkspaceCorpus;
  readonly entities: EntitiesViewApi;
  readonly quotes: QuotesViewApi;
  readonly drafts: DraftCheckApi;
  /** The shared team index (sourceResearch.index.database) and what the features read: local folder + shared index. */
  readonly shared: SharedIndex;
  readonly view: OverlayCorpus;
  readonly highlighter: NameHighlighter;
  readonly formats: FormatDocuments;
  readonly showInPdf: ShowInPdf;
  readonly search: PassageSearch;
}

export function activate(context: vscode.ExtensionContext): SourceResearchApi {
  const log = createLog();
  const config = new Config();
  // Pipeline or metadata changes are re-analysed in the worker pool, never on this thread.
  const corpus = new CorpusIndex({ analyseElsewhere: (ids) => sources.reanalyse(ids), yieldToHost: () => new Promise((r) => setImmediate(r)) });
  const indexer = new DocumentIndexer(corpus, {
    workerFile: path.join(context.extensionPath, 'dist', 'analysisWorker.js'),
    cacheDir: context.globalStorageUri.fsPath,
    background: true,
  });
  const formats = new FormatDocuments(corpus, log, context.globalStorageUri);
  corpus.useFileTitles((id) => formats.store.get(id)?.meta.title);
  corpus.useFileDates((id) => formats.store.get(id)?.meta.date);
  const sources: WorkspaceCorpus = new WorkspaceCorpus(corpus, config, log, indexer, formats);
  const quoteIndex = new QuoteIndex(corpus);
  const claims = new ClaimLedger(corpus);
  const view = new OverlayCorpus(corpus, sha256); // the local folder with the shared team index laid over it
  const deps: FeatureDeps = { context, corpus: view, writer: corpus, sources, indexer, config, log, formats, quotes: quoteIndex };
  const shared = registerSharedIndex(deps, view);
  const entities = registerEntitiesView(deps);
  // The passages and their full-text index in a worker thread (most of a large corpus's memory, off the host's heap).
  const search = new WorkerSearch(corpus, {
    workerFile: path.join(context.extensionPath, 'dist', 'searchWorker.js'),
    quotes: quoteIndex,
    pageOf: (id, offset) => formats.store.pageAt(id, offset),
    nice: BACKGROUND_NICE,
    log: (m) => log.warn(m),
  });
  const locator = new EntityLocator(corpus, sources);
  const highlighter = registerNameHighlight(deps);
  const pdf = registerShowInPdf(deps);
  const quoteDeps = { ...deps, quotes: quoteIndex, claims, checker: new DraftChecker(corpus, quoteIndex, () => corpus.currentPipeline(), (id, text) => indexer.readDraft(id, text)) };
  const quotes = registerQuotesView(quoteDeps);
  const drafts = registerDraftCheck(quoteDeps);
  context.subscriptions.push(
    log,
    config,
    registerFormatDocuments(formats),
    pdf.disposable,
    sources,
    indexer,
    registerTagger(deps), // queued before the first index, so that index already uses the tagger
    registerSourcesView(deps),
    entities,
    registerEntityHover(deps),
    registerEntityNavigation(deps),
    registerGoToSource(deps),
    registerCatalogEdits(deps),
    registerEntityStatusBar(deps),
    search,
    registerSearch(deps, search, locator),
    registerStoryPanels(deps, locator),
    registerExport(deps, locator),
    highlighter,
    registerSourceRoles(deps),
    registerSourcesFolder(deps),
    registerCitations(deps, formats.store),
    quotes,
    drafts,
    shared.disposable,
    vscode.commands.registerCommand('sourceResearch.refresh', () => Promise.all([sources.reindex(), shared.shared.reload()])),
    vscode.commands.registerCommand('sourceResearch.showLog', () => log.show()),
  );
  void sources.start(); // in the background: activation never waits for indexing
  return { corpus, sources, entities, formats, showInPdf: pdf.showInPdf, highlighter, search, quotes, drafts, shared: shared.shared, view };
}

export function deactivate(): void {}
