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
import { registerNameHighlight, type NameHighlighter } from './features/nameHighlight';
import { registerCitations } from './features/citations';
import { registerSourceRoles } from './features/sourceRoles';
import { registerSourcesFolder } from './features/sourcesFolder';
import { WorkspaceCorpus } from './features/workspaceCorpus';
import { SearchIndex } from './core/search/searchIndex';
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
  readonly highlighter: NameHighlighter;
  readonly formats: FormatDocuments;
  readonly showInPdf: ShowInPdf;
  readonly search: SearchIndex;
}

export function activate(context: vscode.ExtensionContext): SourceResearchApi {
  const log = createLog();
  const config = new Config();
  const corpus = new CorpusIndex();
  const formats = new FormatDocuments(corpus, log, context.globalStorageUri);
  corpus.useFileTitles((id) => formats.store.get(id)?.meta.title);
  const sources = new WorkspaceCorpus(corpus, config, log, formats);
  const quoteIndex = new QuoteIndex(corpus);
  const claims = new ClaimLedger(corpus);
  const deps: FeatureDeps = { context, corpus, writer: corpus, sources, config, log, formats, quotes: quoteIndex };
  const entities = registerEntitiesView(deps);
  const search = new SearchIndex(corpus, { quotes: quoteIndex, pageOf: (id, offset) => formats.store.pageAt(id, offset) });
  const locator = new EntityLocator(corpus, sources);
  const highlighter = registerNameHighlight(deps);
  const pdf = registerShowInPdf(deps);
  const quoteDeps = { ...deps, quotes: quoteIndex, claims, checker: new DraftChecker(corpus, quoteIndex, () => corpus.currentPipeline()) };
  const quotes = registerQuotesView(quoteDeps);
  const drafts = registerDraftCheck(quoteDeps);
  context.subscriptions.push(
    log,
    config,
    registerFormatDocuments(formats),
    pdf.disposable,
    sources,
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
    registerCitations(deps),
    quotes,
    drafts,
    vscode.commands.registerCommand('sourceResearch.refresh', () => sources.reindex()),
    vscode.commands.registerCommand('sourceResearch.showLog', () => log.show()),
  );
  void sources.start(); // in the background: activation never waits for indexing
  return { corpus, sources, entities, formats, showInPdf: pdf.showInPdf, highlighter, search, quotes, drafts };
}

export function deactivate(): void {}
