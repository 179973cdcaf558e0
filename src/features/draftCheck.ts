/**
 * Drafts checked against the sources, in the editor. A draft is an open text or Markdown document
 * that is not a source (files under drafts/ and notes/ never are). Its diagnostics come from the
 * core's DraftChecker (the same as `source-research check`); a quick fix restores the source's
 * words of an altered quotation. Hovers: inside a quotation (of a source: its speaker and source;
 * of a draft: the source passage and speaker it was found in), and on a figure of a source (what
 * other sources say of the same measure).
 */
import * as vscode from 'vscode';
import type { ClaimLedger } from '../core/claims/ledger';
import type { DraftChecker, DraftCheck, DraftDiagnostic } from '../core/drafts/check';
import { escapeMarkdown, sourceLabel } from '../core/index/entityText';
import type { QuoteIndex } from '../core/quotes/quoteIndex';
import { formatOf, type DocumentFormat } from '../core/text/document';
import { LineIndex } from '../core/text/text';
import type { FeatureDeps } from './deps';
import { commandLink } from './entityHover';
import { ENTITY_DOCUMENTS } from './entityLocations';
import { oneLine, quoteHoverLines, speakerName } from './quoteText';
import { documentLength, toOffset, toRange } from './ranges';

const DEBOUNCE_MS = 400;
/** A hover or quick fix on a draft longer than this waits for its check rather than checking it on the spot. */
const CHECK_AT_ONCE_MAX = 100_000;
const yieldNow = () => new Promise<void>((r) => setImmediate(r));
const SEVERITY: Record<DraftDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

export type DraftDeps = FeatureDeps & { quotes: QuoteIndex; claims: ClaimLedger; checker: DraftChecker };

/** Is a document a draft: a text or Markdown file of the workspace that is not an indexed source? */
export function isDraft(deps: Pick<FeatureDeps, 'sources'>, document: vscode.TextDocument): boolean {
  if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled' && document.uri.scheme !== 'vscode-remote') return false;
  if (document.languageId !== 'plaintext' && document.languageId !== 'markdown') return false;
  const rel = vscode.workspace.asRelativePath(document.uri, false).replace(/\\/g, '/');
  if (deps.sources.isDraft(document.uri) || /(^|\/)(drafts|notes)\//.test(rel)) return true;
  if (/(^|\/)(entities|sources)\.yaml$/.test(rel)) return false;
  return deps.sources.docIdOf(document.uri) === undefined;
}

/** What the checker reads of a draft: its workspace path, text and format. */
function draftInput(document: vscode.TextDocument): [string, string, DocumentFormat] {
  return [vscode.workspace.asRelativePath(document.uri, false), document.getText(), formatOf(document.fileName)];
}

export class DraftDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('sourceResearch.drafts');
  private readonly results = new Map<string, { version: number; corpusVersion: number; check: DraftCheck }>();
  /** The latest refresh of each draft (an older one that finishes later is dropped). */
  private readonly runs = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: DraftDeps) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      deps.corpus.onDidChange(() => this.recheckAll()),
    );
    this.recheckAll();
  }

  private recheckAll(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d);
  }

  private forget(uri: vscode.Uri): void {
    this.collection.delete(uri);
    this.results.delete(uri.toString());
    this.runs.delete(uri.toString());
  }

  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.refresh(document);
      }, DEBOUNCE_MS),
    );
  }

  /**
   * Check a draft off the typing path: the sources are folded for lookup a slice at a time first
   * (a large source changed or just indexed), then the check runs and its diagnostics are shown,
   * unless the draft changed or closed meanwhile (its own timer then runs again).
   */
  private async refresh(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed || !isDraft(this.deps, document)) {
      this.forget(document.uri);
      return;
    }
    const key = document.uri.toString();
    const run = (this.runs.get(key) ?? 0) + 1;
    this.runs.set(key, run);
    const version = document.version;
    const corpusVersion = this.deps.corpus.version;
    try {
      const check = await this.deps.checker.checkInSlices(...draftInput(document), yieldNow);
      if (document.isClosed || document.version !== version || this.runs.get(key) !== run) return;
      this.publish(document, check, corpusVersion);
    } catch (e) {
      this.deps.log.error(`Checking the draft ${key} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }

  /** Check a draft now (also used by the tests); undefined for a document that is not a draft. */
  check(document: vscode.TextDocument): DraftCheck | undefined {
    if (document.isClosed || !isDraft(this.deps, document)) {
      this.forget(document.uri);
      return undefined;
    }
    const cached = this.results.get(document.uri.toString());
    if (cached && cached.version === document.version && cached.corpusVersion === this.deps.corpus.version) return cached.check;
    const corpusVersion = this.deps.corpus.version;
    const check = this.deps.checker.check(...draftInput(document));
    this.publish(document, check, corpusVersion);
    return check;
  }

  private publish(document: vscode.TextDocument, check: DraftCheck, corpusVersion: number): void {
    this.results.set(document.uri.toString(), { version: document.version, corpusVersion, check });
    this.collection.set(
      document.uri,
      check.diagnostics.map((d) => {
        const diag = new vscode.Diagnostic(toRange(document, d), d.message, SEVERITY[d.severity]);
        diag.source = 'Source Research';
        diag.code = d.code;
        if (d.match) {
          const uri = this.deps.sources.uriOf(d.match.docId);
          const text = this.deps.corpus.text(d.match.docId);
          if (uri && text !== undefined) {
            diag.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(new LineIndex(text), d.match.span)), `Source: ${oneLine(d.match.text, 120)}`)];
          }
        }
        return diag;
      }),
    );
  }

  /**
   * The last check of a draft's current text (hover, quick fix). A check made before the sources last
   * changed still serves: the new one is on its way (recheckAll), and checking now would fold a large
   * changed source on this thread. A long draft just edited has none until its check (off this
   * thread) lands; a short one is checked at once.
   */
  resultOf(document: vscode.TextDocument): DraftCheck | undefined {
    const cached = this.results.get(document.uri.toString());
    if (cached && cached.version === document.version && !document.isClosed) return cached.check;
    if (documentLength(document) > CHECK_AT_ONCE_MAX) {
      if (!this.timers.has(document.uri.toString())) this.schedule(document);
      return undefined;
    }
    return this.check(document);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

/** The quick fix of an altered quotation: the source's words instead of the draft's. */
export class DraftCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];
  constructor(private readonly diagnostics: DraftDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, _ctx: vscode.CodeActionContext, token: vscode.CancellationToken): vscode.CodeAction[] {
    const check = this.diagnostics.resultOf(document);
    if (!check || token.isCancellationRequested) return [];
    const out: vscode.CodeAction[] = [];
    for (const d of check.diagnostics) {
      if (!d.fix) continue;
      const r = toRange(document, d);
      if (!r.intersection(range) && !r.contains(range)) continue;
      const action = new vscode.CodeAction(d.fix.title, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, toRange(document, d.fix.span), d.fix.newText);
      action.isPreferred = true;
      action.diagnostics = vscode.languages.getDiagnostics(document.uri).filter((x) => x.code === d.code && x.range.isEqual(r));
      out.push(action);
    }
    return out;
  }
}

/** Hover inside a quotation (sources and drafts) and on a figure of a source. */
export class QuoteHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly deps: DraftDeps,
    private readonly diagnostics: DraftDiagnostics,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Hover | undefined {
    if (!this.deps.config.hoverEnabled || token.isCancellationRequested) return undefined;
    const offset = toOffset(document, position);
    const md = new vscode.MarkdownString('', true);
    md.isTrusted = { enabledCommands: ['sourceResearch.openMention'] };
    md.supportHtml = false;
    const docId = this.deps.sources.docIdOf(document.uri);
    if (docId !== undefined) {
      const claim = this.deps.claims.claimAt(docId, offset);
      if (claim) {
        const others = this.deps.claims.othersOf(claim);
        md.appendMarkdown(`$(symbol-number) **${escapeMarkdown(claim.text)}** · ${escapeMarkdown(claim.measure)}\n\n`);
        if (others.length === 0) md.appendMarkdown('No other source gives this measure.');
        for (const o of others) {
          const text = this.deps.corpus.text(o.docId) ?? '';
          const differs = o.value !== claim.value ? ' · **differs**' : '';
          md.appendMarkdown(`> ${escapeMarkdown(oneLine(text.slice(o.passage.start, o.passage.end), 240))}\n>\n> — **${escapeMarkdown(o.text)}**${differs} · *${escapeMarkdown(sourceLabel(this.deps.corpus.documentInfo(o.docId), o.docId))}* · [Go to source](${commandLink('sourceResearch.openMention', [o.docId, o.start, o.end])})\n\n`);
        }
        return new vscode.Hover(md, toRange(document, claim));
      }
      const q = this.deps.quotes.quoteAt(docId, offset);
      if (!q) return undefined;
      md.appendMarkdown(`$(quote) Quote of **${escapeMarkdown(speakerName(this.deps.corpus, q))}**${q.speakerText && q.entityId ? ` (“${escapeMarkdown(oneLine(q.speakerText, 60))}”)` : ''} · cue *${escapeMarkdown(q.cueText)}* · *${escapeMarkdown(sourceLabel(this.deps.corpus.documentInfo(docId), docId))}*`);
      return new vscode.Hover(md, toRange(document, q.outer));
    }
    const check = this.diagnostics.resultOf(document);
    const dq = check?.quotes.find((q) => q.span.start <= offset && offset <= q.span.end);
    if (!dq || !dq.match) return undefined;
    const src = dq.match;
    const title = escapeMarkdown(sourceLabel(this.deps.corpus.documentInfo(src.docId), src.docId));
    md.appendMarkdown(dq.status === 'exact' ? `$(pass) Found word for word in *${title}*\n\n` : `$(warning) Differs from *${title}*\n\n`);
    if (src.quote) md.appendMarkdown(`${quoteHoverLines(this.deps.corpus, src.quote)}\n\n`);
    else md.appendMarkdown(`> ${escapeMarkdown(oneLine(src.text, 300))}\n\n`);
    md.appendMarkdown(`[Go to source](${commandLink('sourceResearch.openMention', [src.docId, src.span.start, src.span.end])} "Open the passage")`);
    return new vscode.Hover(md, toRange(document, dq.span));
  }
}

export interface DraftCheckApi extends vscode.Disposable {
  readonly diagnostics: DraftDiagnostics;
}

export function registerDraftCheck(deps: DraftDeps): DraftCheckApi {
  const diagnostics = new DraftDiagnostics(deps);
  const owned = vscode.Disposable.from(
    diagnostics,
    vscode.languages.registerCodeActionsProvider(ENTITY_DOCUMENTS, new DraftCodeActions(diagnostics), { providedCodeActionKinds: DraftCodeActions.kinds }),
    vscode.languages.registerHoverProvider(ENTITY_DOCUMENTS, new QuoteHoverProvider(deps, diagnostics)),
  );
  return { diagnostics, dispose: () => owned.dispose() };
}
