/**
 * Highlight of known names: in every visible source and draft (plain text and Markdown), the names
 * of the people, organisations, places and groups the index knows are underlined in a colour per
 * type. In a source, the mentions the index found; elsewhere (notes, drafts, a source edited since
 * it was indexed), every known name or alias written there. `sourceResearch.highlight.enabled`
 * turns it off (and on) at once. A very large document is highlighted around what its editors show
 * (and again as they scroll), so a keystroke there never waits for a whole-file pass.
 */
import * as vscode from 'vscode';
import type { Corpus } from '../core/index/api';
import type { EntityType, Span } from '../core/types';
import type { Config } from '../config';
import type { FeatureDeps } from './deps';
import { ENTITY_DOCUMENTS, EntityLocator } from './entityLocations';
import { documentLength, toRange } from './ranges';

const HIGHLIGHTED: readonly EntityType[] = ['person', 'organization', 'place', 'group'];
const COLOUR: Record<string, string> = { person: 'charts.blue', organization: 'charts.orange', place: 'charts.green', group: 'charts.purple' };
/** Wait this long after typing before highlighting again. */
const DEBOUNCE_MS = 250;
/** Documents longer than this (UTF-16 code units) are highlighted around their visible ranges only. */
export const WINDOWED_ABOVE = 200_000;
/** How far beyond the visible ranges a windowed document is highlighted. */
const WINDOW_MARGIN = 20_000;

export class NameHighlighter implements vscode.Disposable {
  private readonly types = new Map<EntityType, vscode.TextEditorDecorationType>();
  private readonly subs: vscode.Disposable[] = [];
  /** What each document shows now, by URI (for the tests, and to clear what is no longer wanted). */
  private readonly shown = new Map<string, Map<EntityType, Span[]>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    private readonly corpus: Corpus,
    private readonly locator: EntityLocator,
    private readonly config: Config,
  ) {
    for (const t of HIGHLIGHTED) {
      this.types.set(
        t,
        vscode.window.createTextEditorDecorationType({
          borderStyle: 'none none dotted none',
          borderWidth: '0 0 1px 0',
          borderColor: new vscode.ThemeColor(COLOUR[t]!),
          rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
        }),
      );
    }
    const soon = () => this.schedule();
    this.subs.push(
      vscode.window.onDidChangeVisibleTextEditors(soon),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (vscode.window.visibleTextEditors.some((ed) => ed.document === e.document)) soon();
      }),
      corpus.onDidChange(soon),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        if (documentLength(e.textEditor.document) > WINDOWED_ABOVE) soon();
      }),
      config.onDidChange(() => this.refresh()),
    );
    this.refresh();
  }

  /** The highlighted spans of a document, by type (empty when the highlight is off). */
  highlights(uri: vscode.Uri): ReadonlyMap<EntityType, readonly Span[]> {
    return this.shown.get(uri.toString()) ?? new Map();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A large index's names are made ready in slices first (drafts and edited sources are matched against them).
      const run = () => {
        if (!this.timer && !this.disposed) this.refresh();
      };
      void (this.corpus.namesSettled?.() ?? Promise.resolve()).then(run, run);
    }, DEBOUNCE_MS);
  }

  /** Decorate every visible editor again (or clear them all when the setting is off). */
  refresh(): void {
    const on = this.config.highlightEnabled;
    this.shown.clear();
    for (const editor of vscode.window.visibleTextEditors) {
      const doc = editor.document;
      const spans = on && vscode.languages.match(ENTITY_DOCUMENTS, doc) > 0 ? this.spansOf(doc, windowOf(editor)) : new Map<EntityType, Span[]>();
      if (on) this.shown.set(doc.uri.toString(), spans);
      for (const [t, deco] of this.types) editor.setDecorations(deco, (spans.get(t) ?? []).map((s) => toRange(doc, s)));
    }
  }

  /** The highlighted spans of a document, within a window of it when given. */
  private spansOf(doc: vscode.TextDocument, window: Span | undefined): Map<EntityType, Span[]> {
    const out = new Map<EntityType, Span[]>();
    const add = (type: EntityType, span: Span) => {
      if (!HIGHLIGHTED.includes(type)) return;
      if (window && (span.start < window.start || span.end > window.end)) return;
      const list = out.get(type) ?? [];
      list.push(span);
      out.set(type, list);
    };
    const docId = this.locator.corpusDocId(doc);
    if (docId !== undefined) {
      for (const m of this.corpus.mentionsIn(docId, window)) {
        const e = this.corpus.entity(m.entityId);
        if (e) add(e.type, m);
      }
    } else {
      const from = window?.start ?? 0;
      const text = window ? doc.getText(toRange(doc, window)) : doc.getText();
      for (const hit of this.corpus.findNames(text)) {
        const e = this.corpus.entity(hit.entityId);
        if (e) add(e.type, { start: hit.start + from, end: hit.end + from });
      }
    }
    return out;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subs) s.dispose();
    for (const d of this.types.values()) d.dispose();
  }
}

/** The part of a very large document to highlight: its visible ranges and a margin around them (undefined: all of it). */
function windowOf(editor: vscode.TextEditor): Span | undefined {
  const doc = editor.document;
  const length = documentLength(doc);
  if (length <= WINDOWED_ABOVE || editor.visibleRanges.length === 0) return undefined;
  let start = length;
  let end = 0;
  for (const r of editor.visibleRanges) {
    start = Math.min(start, doc.offsetAt(r.start));
    end = Math.max(end, doc.offsetAt(r.end));
  }
  return { start: Math.max(0, start - WINDOW_MARGIN), end: Math.min(length, end + WINDOW_MARGIN) };
}

export function registerNameHighlight(deps: FeatureDeps, locator = new EntityLocator(deps.corpus, deps.sources)): NameHighlighter {
  return new NameHighlighter(deps.corpus, locator, deps.config);
}
