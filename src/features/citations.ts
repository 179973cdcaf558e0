/**
 * Copy Citation: the citation of a source (Sources view, Explorer, editor tab) or of a passage
 * (Entities view, the editor at the cursor), with its page, as plain text, Markdown, BibTeX or
 * CSL-JSON (core/citation). The format is picked from a list that previews each one (the last used
 * first), or passed as the second argument. Resolves with the text copied.
 */
import * as vscode from 'vscode';
import { escapeThemeIcons } from '../core/text/sanitize';
import { CITATION_FORMATS, citationOf, formatCitation, type Citation, type CitationFormat } from '../core/citation';
import type { FileFacts } from '../core/citation/citation';
import type { Corpus, DocumentInfo } from '../core/index/api';
import { formFeedPage } from '../core/sources/pages';
import type { FeatureDeps } from './deps';
import { toOffset } from './ranges';
import { describeSource } from './sourcesView';
import type { WorkspaceCorpus } from './workspaceCorpus';

const LAST_FORMAT_KEY = 'sourceResearch.citation.lastFormat';

/** What the format readers know of each document (their FormatStore): format, file metadata, page map. */
export interface FileFactsSource {
  get(docId: string): FileFacts | undefined;
  pageAt(docId: string, offset: number): number | undefined;
}

/** The 1-based page of an offset of a corpus document: the format's page map, else form feeds in a text. */
export function pageAt(corpus: Corpus, docId: string, offset: number, facts?: FileFactsSource): number | undefined {
  const paged = facts?.pageAt(docId, offset);
  if (paged !== undefined) return paged;
  const text = corpus.text(docId);
  return text === undefined ? undefined : formFeedPage(text, offset);
}

/** The citation of a document, or of a span of it (the page of its start, and of its end when it runs on). */
export function citeDocument(corpus: Corpus, doc: DocumentInfo, span?: { start: number; end: number }, facts?: FileFactsSource): Citation {
  const file = facts?.get(doc.id) ?? {};
  if (!span) return citationOf(doc, {}, file);
  const page = pageAt(corpus, doc.id, span.start, facts);
  const endPage = page === undefined ? undefined : pageAt(corpus, doc.id, Math.max(span.start, span.end - 1), facts);
  return citationOf(doc, { page, endPage }, file);
}

/** What a command argument points at: a document, and a span of it for a passage. */
export function citationTarget(corpus: Corpus, sources: WorkspaceCorpus, arg: unknown): { doc: DocumentInfo; span?: { start: number; end: number } } | undefined {
  const info = (id: string | undefined) => (id === undefined ? undefined : corpus.documentInfo(id));
  if (typeof arg === 'string') {
    const doc = info(arg);
    return doc && { doc };
  }
  if (arg instanceof vscode.Uri) {
    const doc = info(sources.docIdOf(arg));
    if (!doc) return undefined;
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document.uri.toString() === arg.toString()) return { doc, span: cursorSpan(editor) };
    return { doc };
  }
  if (arg && typeof arg === 'object') {
    const o = arg as { kind?: unknown; id?: unknown; docId?: unknown; start?: unknown; end?: unknown; passage?: unknown };
    if (typeof o.docId === 'string') {
      const doc = info(o.docId);
      if (!doc) return undefined;
      if (typeof o.start === 'number' && typeof o.end === 'number') return { doc, span: { start: o.start, end: o.end } };
      return { doc };
    }
    if (typeof o.id === 'string' && o.kind === undefined) {
      const doc = info(o.id);
      if (doc) return { doc };
    }
  }
  const editor = vscode.window.activeTextEditor;
  const doc = editor && info(sources.docIdOf(editor.document.uri));
  return doc && editor ? { doc, span: cursorSpan(editor) } : undefined;
}

function cursorSpan(editor: vscode.TextEditor): { start: number; end: number } {
  const sel = editor.selection;
  return { start: toOffset(editor.document, sel.start), end: toOffset(editor.document, sel.end) };
}

export function isCitationFormat(v: unknown): v is CitationFormat {
  return typeof v === 'string' && CITATION_FORMATS.some((f) => f.format === v);
}

export function registerCitations(deps: FeatureDeps, facts?: FileFactsSource): vscode.Disposable {
  const { corpus, sources, context, log } = deps;

  const pickFormat = async (c: Citation): Promise<CitationFormat | undefined> => {
    const last = context.globalState.get<string>(LAST_FORMAT_KEY);
    const ordered = [...CITATION_FORMATS].sort((a, b) => Number(b.format === last) - Number(a.format === last));
    const items = await Promise.all(
      ordered.map(async (f) => {
        const preview = await formatCitation(c, f.format).catch(() => '');
        return { label: f.label, description: f.format === last ? 'last used' : undefined, detail: escapeThemeIcons(preview.replace(/\s+/g, ' ').slice(0, 200)), format: f.format };
      }),
    );
    const picked = await vscode.window.showQuickPick(items, { title: escapeThemeIcons(`Copy Citation: ${c.source.title}`), placeHolder: 'Pick a format', matchOnDetail: false });
    if (picked) await context.globalState.update(LAST_FORMAT_KEY, picked.format);
    return picked?.format;
  };

  const copyCitation = async (arg?: unknown, format?: unknown): Promise<string | undefined> => {
    let target = citationTarget(corpus, sources, arg);
    if (!target) {
      const docs = corpus.documents();
      if (!docs.length) {
        void vscode.window.showInformationMessage('Source Research: there are no sources to cite yet.');
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(
        docs.map((d) => ({ label: escapeThemeIcons(d.label ?? d.title), description: escapeThemeIcons(describeSource(d)), detail: escapeThemeIcons(d.id), doc: d })),
        { title: 'Copy Citation: pick a source', matchOnDescription: true, matchOnDetail: true },
      );
      if (!picked) return undefined;
      target = { doc: picked.doc };
    }
    const c = citeDocument(corpus, target.doc, target.span, facts);
    const f = isCitationFormat(format) ? format : await pickFormat(c);
    if (!f) return undefined;
    try {
      const text = await formatCitation(c, f);
      await vscode.env.clipboard.writeText(text);
      void vscode.window.setStatusBarMessage(escapeThemeIcons(`Source Research: copied the citation of ${target.doc.label ?? target.doc.title}`), 4000);
      return text;
    } catch (e) {
      log.error('Copy Citation failed:', e instanceof Error ? (e.stack ?? e.message) : String(e));
      void vscode.window.showErrorMessage(`Source Research: could not format the citation (${e instanceof Error ? e.message : String(e)}).`);
      return undefined;
    }
  };

  return vscode.commands.registerCommand('sourceResearch.copyCitation', copyCitation);
}
