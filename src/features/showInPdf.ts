/**
 * Show in PDF: a webview that renders the page of a PDF passage with pdf.js (the bundled copy under
 * dist/pdfjs-web) and highlights the passage on it. The PDF's bytes are posted to the webview; it
 * loads nothing but our own scripts (strict CSP with a nonce, no remote content). Source text only
 * ever reaches it as data in a message, never as HTML.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Corpus } from '../core/index/api';
import type { FeatureDeps } from './deps';
import type { FormatDocuments } from './formatDocuments';

export const SHOW_IN_PDF = 'sourceResearch.showInPdf';

/** The request the webview gets: the page to render and the passage to highlight on it. */
export interface ShowInPdfMessage {
  readonly type: 'show';
  /** The PDF, base64 (typed arrays do not survive every webview transport). */
  readonly data: string;
  readonly page: number;
  /** Text to highlight (the passage), matched on the page ignoring spaces and hyphens. */
  readonly highlight: string;
  /** The name within it, highlighted more strongly. */
  readonly mention: string;
  readonly title: string;
}

export class ShowInPdf implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** Resolves when the webview's script listens (messages posted before that would be lost). */
  private ready: Promise<void> = Promise.resolve();
  /** What the webview last reported (the integration/UI tests read it): page shown and highlighted boxes. */
  lastRender: { page: number; highlights: number } | undefined;
  private readonly rendered = new vscode.EventEmitter<{ page: number; highlights: number }>();
  readonly onDidRender = this.rendered.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly corpus: Corpus,
    private readonly formats: FormatDocuments,
    private readonly log?: { warn(msg: string): void },
  ) {}

  /** Whether a passage of this document can be shown in its PDF (a PDF file, or a PDF attached to an e-mail). */
  canShow(docId: string): boolean {
    return this.formats.canShowInPdf(docId);
  }

  async show(docId: string, start: number, end: number): Promise<void> {
    const info = this.formats.store.get(docId);
    const text = this.corpus.text(docId);
    if (!info || !this.formats.canShowInPdf(docId) || text === undefined) {
      void vscode.window.showWarningMessage('Source Research: Show in PDF works on passages of a PDF in the workspace (a file, or an attachment of an e-mail).');
      return;
    }
    const page = this.formats.store.pageAt(docId, start) ?? 1;
    const passage = this.passageAround(docId, text, start, end);
    let data: Uint8Array | undefined;
    try {
      data = await this.formats.pdfBytesOf(docId);
    } catch (e) {
      this.log?.warn(`Show in PDF: ${docId}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!data) {
      void vscode.window.showWarningMessage(`Source Research: the PDF of ${docId} cannot be read any more (the file changed or was removed).`);
      return;
    }
    const panel = this.ensurePanel();
    await this.ready;
    panel.title = `${info.meta.title ?? docId.slice(docId.lastIndexOf('/') + 1)} · p. ${page}`;
    panel.reveal(vscode.ViewColumn.Beside, false);
    const msg: ShowInPdfMessage = { type: 'show', data: Buffer.from(data).toString('base64'), page, highlight: passage, mention: text.slice(start, end), title: panel.title };
    await panel.webview.postMessage(msg);
  }

  /** The sentence holding the mention (the corpus's passage), else the mention. */
  private passageAround(docId: string, text: string, start: number, end: number): string {
    const m = this.corpus.mentionsIn(docId).find((x) => x.start === start && x.end === end);
    const span = m?.passage ?? { start, end };
    return text.slice(span.start, span.end).slice(0, 2000);
  }

  private ensurePanel(): vscode.WebviewPanel {
    if (this.panel) return this.panel;
    const ext = this.context.extensionUri;
    const roots = [vscode.Uri.joinPath(ext, 'media'), vscode.Uri.joinPath(ext, 'dist', 'pdfjs-web'), vscode.Uri.joinPath(ext, 'dist', 'pdfjs', 'standard_fonts')];
    const panel = vscode.window.createWebviewPanel('sourceResearch.pdf', 'PDF', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, { enableScripts: true, localResourceRoots: roots, retainContextWhenHidden: true });
    const w = panel.webview;
    const nonce = randomBytes(16).toString('base64');
    const asset = (...p: string[]) => w.asWebviewUri(vscode.Uri.joinPath(ext, ...p)).toString();
    const csp = [
      "default-src 'none'",
      `img-src ${w.cspSource} blob: data:`,
      `script-src 'nonce-${nonce}' ${w.cspSource}`,
      `style-src ${w.cspSource}`,
      `font-src ${w.cspSource}`,
      `connect-src ${w.cspSource}`,
      `worker-src ${w.cspSource} blob:`,
    ].join('; ');
    w.html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${asset('media', 'showInPdf.css')}">
<title>PDF</title></head>
<body>
<div id="status" role="status">Loading…</div>
<div id="page"><canvas id="canvas"></canvas><div id="marks"></div></div>
<script nonce="${nonce}" type="module" src="${asset('media', 'showInPdf.js')}" data-pdfjs="${asset('dist', 'pdfjs-web', 'pdf.min.mjs')}" data-worker="${asset('dist', 'pdfjs-web', 'pdf.worker.min.mjs')}" data-fonts="${asset('dist', 'pdfjs', 'standard_fonts')}/"></script>
</body></html>`;
    let ready!: () => void;
    this.ready = new Promise<void>((r) => (ready = r));
    w.onDidReceiveMessage((m: { type?: string; page?: number; highlights?: number; message?: string }) => {
      if (m.type === 'ready') ready();
      else if (m.type === 'error') this.log?.warn(`Show in PDF: ${String(m.message).slice(0, 300)}`);
      else if (m.type === 'rendered' && typeof m.page === 'number' && typeof m.highlights === 'number') {
        this.lastRender = { page: m.page, highlights: m.highlights };
        this.rendered.fire(this.lastRender);
      }
    });
    panel.onDidDispose(() => (this.panel = undefined));
    this.panel = panel;
    return panel;
  }

  dispose(): void {
    this.panel?.dispose();
    this.rendered.dispose();
  }
}

export function registerShowInPdf(deps: FeatureDeps): { disposable: vscode.Disposable; showInPdf: ShowInPdf } {
  const showInPdf = new ShowInPdf(deps.context, deps.corpus, deps.formats, deps.log);
  const disposable = vscode.Disposable.from(
    showInPdf,
    vscode.commands.registerCommand(SHOW_IN_PDF, async (docId?: unknown, start?: unknown, end?: unknown) => {
      if (typeof docId === 'string' && typeof start === 'number' && typeof end === 'number') return showInPdf.show(docId, start, end);
      // From the palette or the editor: the passage under the cursor of a PDF's text view.
      const ed = vscode.window.activeTextEditor;
      const id = ed && deps.formats.docIdOf(ed.document.uri);
      if (!ed || !id) {
        void vscode.window.showInformationMessage('Source Research: open the text of a PDF source and put the cursor on a passage to show it in the PDF.');
        return;
      }
      const off = ed.document.offsetAt(ed.selection.active);
      const m = deps.corpus.mentionAt(id, off);
      const s = ed.document.offsetAt(ed.selection.start);
      const e = ed.document.offsetAt(ed.selection.end);
      return showInPdf.show(id, m ? m.start : s, m ? m.end : Math.max(e, s + 1));
    }),
  );
  return { disposable, showInPdf };
}
