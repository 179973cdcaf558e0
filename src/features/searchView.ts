/**
 * Search: the Search view (a webview view in the Source Research container: query box, results
 * grouped by source with the matches marked, click to open) and `Search Passages…` (a QuickPick
 * that previews each passage as you move). Both run on one PassageSearch that follows the index (in
 * the editor, its passages live in a worker thread: src/node/searchClient.ts).
 */
import * as vscode from 'vscode';
import { snippet, sourceLabel } from '../core/index/entityText';
import type { PassageHit, PassageSearch, SearchResponse } from '../core/search/searchPlan';
import type { FeatureDeps } from './deps';
import { entityFromArg, type EntityLocator } from './entityLocations';
import { plainLabel, webviewHtml, webviewOptions } from './webviewHtml';
import type { FromSearchView, SearchGroupMsg, ToSearchView } from '../webview/protocol';

export const SEARCH_VIEW_ID = 'sourceResearch.search';

const BODY = `
<div class="search-bar">
  <input id="q" type="search" spellcheck="false" aria-label="Search passages" placeholder="Search passages: words, &quot;a phrase&quot;, prefix*, entity:Name">
  <button id="help-toggle" class="icon-button" type="button" title="Query syntax" aria-label="Query syntax">?</button>
</div>
<div id="help" class="help" hidden>
  <div><code data-example="cyber security">cyber security</code> every word</div>
  <div><code data-example="&quot;learning from the best&quot;">"learning from the best"</code> the exact phrase</div>
  <div><code data-example="cyber*">cyber*</code> words starting with</div>
  <div><code data-example="embassy -Tehran">-Tehran</code> without the word</div>
  <div><code data-example="entity:&quot;Khazar Ibrahim&quot; entity:Israel">entity:"Khazar Ibrahim"</code> mentions the entity (repeat for and)</div>
  <div><code data-example="by:&quot;Khazar Ibrahim&quot; embassy">by:"Khazar Ibrahim"</code> inside quotes by a speaker</div>
  <div><code data-example="Azerbaijan type:person">type:person</code> mentions someone of that type</div>
  <div><code>source:op-ed</code> <code>kind:"press release"</code> <code>from:2020 to:2023-06</code> sources</div>
</div>
<div id="status" class="status" role="status" aria-live="polite"></div>
<div id="results" class="results" role="list"></div>
`;

/** Results as the view shows them: grouped by source, best group first, offsets relative to each passage. */
export function groupHits(hits: readonly PassageHit[], title: (docId: string) => string, line: (docId: string, offset: number) => number): SearchGroupMsg[] {
  const groups = new Map<string, { docId: string; title: string; hits: SearchGroupMsg['hits'][number][] }>();
  for (const h of hits) {
    let g = groups.get(h.docId);
    if (!g) groups.set(h.docId, (g = { docId: h.docId, title: title(h.docId), hits: [] }));
    g.hits.push({
      docId: h.docId,
      start: h.start,
      end: h.end,
      line: line(h.docId, h.start),
      text: h.text,
      marks: h.highlights.map((m) => [m.start - h.start, m.end - h.start] as const),
    });
  }
  return [...groups.values()];
}

class SearchViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private lastQuery = '';
  private pending: ReturnType<typeof setTimeout> | undefined;
  private readonly subs: vscode.Disposable[] = [];
  private queued: string | undefined;
  private ticket = 0;
  /** Syncs going on (the view shows "Indexing the sources…" while there are any). */
  private syncing = 0;

  constructor(
    private readonly deps: FeatureDeps,
    private readonly search: PassageSearch,
    private readonly locator: EntityLocator,
  ) {
    const sub = search.onDidChange(() => this.rerunSoon());
    this.subs.push({ dispose: () => sub.dispose() });
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = webviewOptions(this.deps.context.extensionUri);
    view.webview.html = webviewHtml(view.webview, this.deps.context.extensionUri, 'search', 'Search', BODY);
    this.subs.push(
      view.webview.onDidReceiveMessage((m: FromSearchView) => this.onMessage(m)),
      view.onDidChangeVisibility(() => this.catchUp()),
      view.onDidDispose(() => {
        if (this.view === view) this.view = undefined;
      }),
    );
    // The passages are read as soon as the view first shows, so that the first query finds them ready.
    this.catchUp();
  }

  private post(msg: ToSearchView): void {
    void this.view?.webview.postMessage(msg);
  }

  private onMessage(m: FromSearchView): void {
    if (m.type === 'ready') {
      if (this.syncing > 0) this.post({ type: 'indexing', indexing: true });
      if (this.queued !== undefined) {
        this.post({ type: 'setQuery', q: this.queued });
        this.queued = undefined;
      }
    } else if (m.type === 'query') this.query(m.q);
    else if (m.type === 'open' && typeof m.docId === 'string' && Number.isInteger(m.start) && Number.isInteger(m.end)) {
      void this.locator.open({ docId: m.docId, start: m.start, end: m.end }, { preview: m.preview });
    }
  }

  private rerunSoon(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.catchUp();
    }, 300);
  }

  /**
   * Bring the passages in step in the background, a slice at a time (a large changed source never
   * blocks the host), then run the query shown again. Only while the view shows: a hidden view
   * costs nothing, and catches up when it is shown.
   */
  private catchUp(): void {
    if (!this.view?.visible) return;
    if (this.lastQuery) this.query(this.lastQuery);
    else void this.synced();
  }

  /** The passages in step (the view says "Indexing the sources…" meanwhile). */
  private async synced(): Promise<void> {
    this.syncing++;
    this.post({ type: 'indexing', indexing: true });
    try {
      await this.search.catchUp();
    } catch (e) {
      this.deps.log.warn(`Search: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      if (--this.syncing === 0) this.post({ type: 'indexing', indexing: false });
    }
  }

  /** Run a query once the passages are in step; of queries typed meanwhile, the last one runs. */
  private query(q: string): void {
    this.lastQuery = q;
    const ticket = ++this.ticket;
    void this.run(q, ticket);
  }

  /** Run a query and show its results (unless another was typed meanwhile). */
  private async run(q: string, ticket: number): Promise<void> {
    const t0 = Date.now();
    this.syncing++;
    this.post({ type: 'indexing', indexing: true });
    let r: SearchResponse;
    try {
      r = await this.search.query(q, { limit: 300 });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.deps.log.warn(`Search: ${message}`);
      if (ticket === this.ticket) this.post({ type: 'results', q, total: 0, problems: [message], groups: [], ms: Date.now() - t0 });
      return;
    } finally {
      if (--this.syncing === 0) this.post({ type: 'indexing', indexing: false });
    }
    if (ticket !== this.ticket) return;
    const groups = groupHits(
      r.results,
      (d) => this.deps.corpus.documentInfo(d)?.title ?? d,
      (d, o) => (this.locator.range(d, { start: o, end: o })?.start.line ?? 0) + 1,
    );
    this.post({ type: 'results', q, total: r.total, problems: r.problems, groups, ms: Date.now() - t0 });
  }

  /** Show the view with a query in its box. */
  async show(q?: string): Promise<void> {
    await vscode.commands.executeCommand(`${SEARCH_VIEW_ID}.focus`);
    if (q === undefined) return;
    if (this.view) this.post({ type: 'setQuery', q });
    else this.queued = q;
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    for (const s of this.subs) s.dispose();
  }
}

interface HitItem extends vscode.QuickPickItem {
  readonly hit: PassageHit;
}

/** `Search Passages…`: type a query, move through the passages (each previewed), Enter opens one. */
export async function searchPassages(deps: FeatureDeps, search: PassageSearch, locator: EntityLocator, initial = ''): Promise<vscode.TextEditor | undefined> {
  const qp = vscode.window.createQuickPick<HitItem>();
  qp.title = 'Search Passages';
  qp.placeholder = 'Words, "a phrase", prefix*, -word, entity:Name, type:person, source:…, from:2020 to:2023';
  qp.matchOnDescription = false;
  qp.matchOnDetail = false;
  qp.value = initial;
  const original = vscode.window.activeTextEditor;
  const originalState = original && { document: original.document, selection: original.selection, viewColumn: original.viewColumn, visible: original.visibleRanges[0] };
  // The passages are brought in step a slice at a time first (busy meanwhile); of values typed meanwhile, the last one is searched.
  let ticket = 0;
  let hidden = false;
  const update = async () => {
    const mine = ++ticket;
    qp.busy = true;
    let r: SearchResponse;
    try {
      r = await search.query(qp.value, { limit: 100 });
    } catch (e) {
      if (mine !== ticket || hidden) return;
      qp.busy = false;
      qp.items = [];
      qp.title = `Search Passages: ${plainLabel(e instanceof Error ? e.message : String(e))}`;
      return;
    }
    if (mine !== ticket || hidden) return;
    qp.busy = false;
    qp.items = r.results.map((h) => {
      const first = h.highlights[0] ?? { start: h.start, end: h.start };
      const s = snippet(h.text, { start: first.start - h.start, end: first.end - h.start }, 120);
      const line = locator.range(h.docId, h)?.start.line;
      return {
        label: plainLabel(s.text),
        description: plainLabel(sourceLabel(deps.corpus.documentInfo(h.docId), h.docId)),
        detail: plainLabel(line !== undefined ? `${h.docId}:${line + 1}` : h.docId),
        alwaysShow: true,
        hit: h,
      };
    });
    const note = r.problems.length ? ` · ${r.problems.join('; ')}` : '';
    qp.title = qp.value.trim() ? `Search Passages: ${r.total} match${r.total === 1 ? '' : 'es'}${note}` : 'Search Passages';
  };
  void update();
  return new Promise((resolve) => {
    let accepted = false;
    let previewed = false;
    const subs: vscode.Disposable[] = [
      qp.onDidChangeValue(() => void update()),
      qp.onDidChangeActive((active) => {
        const item = active[0];
        if (!item) return;
        previewed = true;
        void locator.open(item.hit, { preview: true, preserveFocus: true });
      }),
      qp.onDidAccept(async () => {
        const item = qp.selectedItems[0] ?? qp.activeItems[0];
        if (!item) return;
        accepted = true;
        qp.hide();
        resolve(await locator.open(item.hit, { preview: false }));
      }),
      qp.onDidHide(async () => {
        hidden = true;
        for (const s of subs) s.dispose();
        qp.dispose();
        if (accepted) return;
        if (previewed && originalState && !originalState.document.isClosed) {
          const ed = await vscode.window.showTextDocument(originalState.document, { viewColumn: originalState.viewColumn, selection: originalState.selection });
          if (originalState.visible) ed.revealRange(originalState.visible, vscode.TextEditorRevealType.AtTop);
        }
        resolve(undefined);
      }),
    ];
    qp.show();
  });
}

export function registerSearch(deps: FeatureDeps, search: PassageSearch, locator: EntityLocator): vscode.Disposable {
  const provider = new SearchViewProvider(deps, search, locator);
  return vscode.Disposable.from(
    provider,
    vscode.window.registerWebviewViewProvider(SEARCH_VIEW_ID, provider),
    vscode.commands.registerCommand('sourceResearch.search', (q?: unknown) => provider.show(typeof q === 'string' ? q : undefined)),
    vscode.commands.registerCommand('sourceResearch.entity.searchPassages', (arg?: unknown) => {
      const e = entityFromArg(deps.corpus, locator, arg);
      return provider.show(e ? `entity:"${e.name.replace(/"/g, '')}" ` : undefined);
    }),
    vscode.commands.registerCommand('sourceResearch.searchPassages', (q?: unknown) => searchPassages(deps, search, locator, typeof q === 'string' ? q : '')),
  );
}
