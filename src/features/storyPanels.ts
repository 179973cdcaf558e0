/**
 * The Timeline and the co-occurrence Network: one webview panel each (opened for the whole corpus,
 * or from an entity's context menu), fed by message, updated when the index changes, their view
 * state kept by the webview (getState/setState) across hide and show.
 */
import * as vscode from 'vscode';
import { cooccurrence, type CooccurrenceUnit, type Network } from '../core/network/cooccurrence';
import type { FeatureDeps } from './deps';
import { entityFromArg, pickEntity, type EntityLocator } from './entityLocations';
import { webviewHtml, webviewOptions, type WebviewScript } from './webviewHtml';
import type { FromNetwork, FromTimeline, ToNetwork, ToTimeline } from '../webview/protocol';
import { networkData, timelineData } from './storyData';

const TYPE_OPTIONS = `<option value="">All types</option><option value="person">People</option><option value="organization">Organisations</option><option value="place">Places</option><option value="group">Groups</option>`;

const TIMELINE_BODY = `
<div class="toolbar">
  <label>Entity <input id="entity" type="text" list="entities" placeholder="Any entity" spellcheck="false"></label>
  <datalist id="entities"></datalist>
  <label>Mentions <select id="type">${TYPE_OPTIONS}</select></label>
  <label>Source <select id="source"></select></label>
  <button id="clear" class="icon-button" type="button" title="Clear the filters">Clear</button>
  <span class="spacer"></span>
  <span id="count" class="muted" role="status"></span>
  <button id="fit" class="icon-button" type="button" title="Show every item">Fit</button>
</div>
<div class="main"><div id="timeline" class="canvas"></div><aside id="side" class="side"></aside></div>
`;

const TYPE_BOXES = (['person', 'organization', 'place', 'group', 'date', 'quantity'] as const)
  .map((t, i) => `<label><input type="checkbox" data-type="${t}"${i < 4 ? ' checked' : ''}> ${{ person: 'People', organization: 'Organisations', place: 'Places', group: 'Groups', date: 'Dates', quantity: 'Quantities' }[t]}</label>`)
  .join('');

const NETWORK_BODY = `
<div class="toolbar">
  <label>Neighbourhood of <input id="focus" type="text" list="entities" placeholder="All entities" spellcheck="false"></label>
  <datalist id="entities"></datalist>
  <button id="clear" class="icon-button" type="button" title="Show all entities">Clear</button>
  ${TYPE_BOXES}
  <label>Min. shared <input id="min-weight" class="narrow" type="number" min="0" step="1"></label>
  <label>Shared <select id="unit"><option value="sentence">sentences</option><option value="paragraph">paragraphs</option></select></label>
  <span class="spacer"></span>
  <span id="count" class="muted" role="status"></span>
  <button id="relayout" class="icon-button" type="button" title="Lay the graph out again">Re-layout</button>
  <button id="fit" class="icon-button" type="button" title="Fit the graph">Fit</button>
</div>
<div class="main"><div id="graph" class="canvas"></div><aside id="side" class="side"></aside></div>
`;

/** A singleton webview panel that follows the index. */
abstract class StoryPanel<In, Out extends { type: string }> implements vscode.Disposable {
  protected panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private pendingFocus: string | undefined | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stale = false;
  private readonly sub: { dispose(): void };

  constructor(
    protected readonly deps: FeatureDeps,
    protected readonly locator: EntityLocator,
    private readonly script: WebviewScript,
    private readonly title: string,
    private readonly body: string,
  ) {
    this.sub = deps.corpus.onDidChange(() => {
      if (!this.panel) return;
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (this.panel?.visible && this.ready) this.sendData();
        else this.stale = true;
      }, 400);
    });
  }

  protected abstract data(): Out;
  protected abstract onMessage(m: In): void | Promise<void>;

  /** Open (or bring forward) the panel; with an entity id, focus it. */
  show(entityId?: string): void {
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(this.viewType, this.title, vscode.ViewColumn.Active, webviewOptions(this.deps.context.extensionUri));
      this.attach(panel);
    } else this.panel.reveal();
    if (entityId !== undefined) {
      if (this.ready) this.post({ type: 'focus', entityId } as unknown as Out);
      else this.pendingFocus = entityId;
    }
  }

  /** A panel VS Code kept from the last session: the page starts over and reads its own state back. */
  restore(panel: vscode.WebviewPanel): void {
    if (this.panel && this.panel !== panel) {
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(this.deps.context.extensionUri);
    this.attach(panel);
  }

  get viewType(): string {
    return `sourceResearch.${this.script}`;
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.ready = false;
    panel.iconPath = vscode.Uri.joinPath(this.deps.context.extensionUri, 'media', 'source-research.svg');
    panel.webview.html = webviewHtml(panel.webview, this.deps.context.extensionUri, this.script, this.title, this.body, { css: this.script === 'timeline' });
    panel.webview.onDidReceiveMessage((m: In & { type: string }) => {
      if (m.type === 'ready') {
        this.ready = true;
        this.stale = false;
        void this.onMessage(m);
        this.sendData();
        if (this.pendingFocus !== null) this.post({ type: 'focus', entityId: this.pendingFocus } as unknown as Out);
        this.pendingFocus = null;
      } else void this.onMessage(m);
    });
    panel.onDidChangeViewState(() => {
      // A hidden webview is unloaded; shown again, its page starts over (state from getState) and says 'ready'.
      if (!panel.visible) this.ready = false;
    });
    panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
    this.panel = panel;
  }

  private sendData(): void {
    this.post(this.data());
  }

  protected post(msg: Out): void {
    void this.panel?.webview.postMessage(msg);
  }

  protected validRef(m: { docId?: unknown; start?: unknown; end?: unknown }): m is { docId: string; start: number; end: number } {
    return typeof m.docId === 'string' && Number.isInteger(m.start) && Number.isInteger(m.end);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.sub.dispose();
    this.panel?.dispose();
  }
}

export class TimelinePanel extends StoryPanel<FromTimeline, ToTimeline> {
  constructor(deps: FeatureDeps, locator: EntityLocator) {
    super(deps, locator, 'timeline', 'Source Research: Timeline', TIMELINE_BODY);
  }
  protected data(): ToTimeline {
    return timelineData(this.deps.corpus);
  }
  protected onMessage(m: FromTimeline): void {
    if (m.type === 'open' && this.validRef(m)) void this.locator.open(m, { preview: false, viewColumn: vscode.ViewColumn.Beside });
  }
}

export class NetworkPanel extends StoryPanel<FromNetwork, ToNetwork> {
  private unit: CooccurrenceUnit = 'sentence';
  private net: { version: number; unit: CooccurrenceUnit; network: Network } | undefined;

  constructor(
    deps: FeatureDeps,
    locator: EntityLocator,
    private readonly reveal: (entityId: string) => Thenable<unknown>,
  ) {
    super(deps, locator, 'network', 'Source Research: Network', NETWORK_BODY);
  }
  private network(): Network {
    const corpus = this.deps.corpus;
    if (!this.net || this.net.version !== corpus.version || this.net.unit !== this.unit) {
      this.net = { version: corpus.version, unit: this.unit, network: cooccurrence(corpus, { unit: this.unit, types: ['person', 'organization', 'place', 'group', 'date', 'quantity'] }) };
    }
    return this.net.network;
  }
  protected data(): ToNetwork {
    return networkData(this.network(), this.unit);
  }
  protected onMessage(m: FromNetwork): void {
    if (m.type === 'ready') this.unit = m.unit === 'paragraph' ? 'paragraph' : 'sentence';
    else if (m.type === 'unit') {
      this.unit = m.unit === 'paragraph' ? 'paragraph' : 'sentence';
      this.post(this.data());
    } else if (m.type === 'node' && typeof m.entityId === 'string') void this.reveal(m.entityId);
    else if (m.type === 'open' && this.validRef(m)) void this.locator.open(m, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    else if (m.type === 'edge' && typeof m.edgeId === 'string') {
      const e = this.network().edges.find((x) => x.id === m.edgeId);
      if (!e) return;
      const corpus = this.deps.corpus;
      const name = (id: string) => corpus.entity(id)?.name ?? id;
      this.post({
        type: 'passages',
        edgeId: e.id,
        names: [name(e.source), name(e.target)],
        passages: e.passages.map((p) => ({
          docId: p.docId,
          start: p.start,
          end: p.end,
          title: corpus.documentInfo(p.docId)?.title ?? p.docId,
          line: (this.locator.range(p.docId, p)?.start.line ?? 0) + 1,
          text: (corpus.text(p.docId) ?? '').slice(p.start, p.end),
        })),
      });
    }
  }
}

export function registerStoryPanels(deps: FeatureDeps, locator: EntityLocator): vscode.Disposable {
  const timeline = new TimelinePanel(deps, locator);
  const network = new NetworkPanel(deps, locator, (id) => vscode.commands.executeCommand('sourceResearch.revealEntity', id));
  const entityOf = async (arg: unknown, title: string) => entityFromArg(deps.corpus, locator, arg) ?? (await pickEntity(deps.corpus, { title }));
  // Panels left open are brought back after a reload, their filters and layout with them.
  const serializer = (panel: TimelinePanel | NetworkPanel) =>
    vscode.window.registerWebviewPanelSerializer(panel.viewType, {
      deserializeWebviewPanel: async (webviewPanel) => panel.restore(webviewPanel),
    });
  return vscode.Disposable.from(
    timeline,
    network,
    serializer(timeline),
    serializer(network),
    vscode.commands.registerCommand('sourceResearch.showTimeline', () => timeline.show()),
    vscode.commands.registerCommand('sourceResearch.showNetwork', () => network.show()),
    vscode.commands.registerCommand('sourceResearch.entity.showOnTimeline', async (arg?: unknown) => {
      const e = await entityOf(arg, 'Show on Timeline: pick an entity');
      if (e) timeline.show(e.id);
    }),
    vscode.commands.registerCommand('sourceResearch.entity.showNetwork', async (arg?: unknown) => {
      const e = await entityOf(arg, 'Show Network Neighbourhood: pick an entity');
      if (e) network.show(e.id);
    }),
  );
}
