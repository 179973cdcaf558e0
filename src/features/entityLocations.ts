/**
 * Shared by the entity features: which entity is at a position of any document (a source, or the
 * user's own notes), where a mention is in the workspace, opening a mention, picking an entity.
 */
import * as vscode from 'vscode';
import type { Corpus } from '../core/index/api';
import { countsLabel, TYPE_ICON, TYPE_SINGULAR } from '../core/index/entityText';
import type { LineIndex } from '../core/text/text';
import { escapeThemeIcons } from '../core/text/sanitize';
import type { EntitySummary, Mention, Span } from '../core/types';
import { lineIndex, rangeInDocument, toOffset, toRange } from './ranges';
import type { WorkspaceCorpus } from './workspaceCorpus';

/** URI scheme of the read-only documents that only the shared team index holds. */
export const SHARED_SCHEME = 'source-research-shared';

/** The text documents the entity providers serve: plain text and Markdown, on disk or untitled. */
export const ENTITY_DOCUMENTS: vscode.DocumentSelector = [
  { language: 'plaintext', scheme: 'file' },
  { language: 'markdown', scheme: 'file' },
  { language: 'plaintext', scheme: 'untitled' },
  { language: 'markdown', scheme: 'untitled' },
  // The read-only text views of PDFs, web pages, Word files and e-mails (formatDocuments.ts).
  { scheme: 'source-research' },
  // Read-only documents of the shared team index (sharedIndex.ts).
  { scheme: SHARED_SCHEME },
];

/** A mention as command arguments carry it: ids and offsets only. */
export interface MentionRef {
  readonly docId: string;
  readonly start: number;
  readonly end: number;
}

/** The entity found at a position, and where its name is in that document. */
export interface EntityHit {
  readonly entity: EntitySummary;
  /** The span of the name in the document asked about. */
  readonly span: Span;
  /** Set when the document is a corpus source and the name is one of its mentions. */
  readonly mention?: Mention;
}

export class EntityLocator {
  private readonly indexes = new Map<string, { text: string; index: LineIndex }>();
  /** Whether a document's buffer was the index text, at a version of the buffer (a large buffer's text is not made again for each hover). */
  private readonly current = new WeakMap<vscode.TextDocument, { version: number; text: string; same: boolean }>();

  constructor(
    private readonly corpus: Corpus,
    private readonly sources: WorkspaceCorpus,
  ) {}

  /** The corpus document id of an editor document, when it is an indexed source whose index text is current. */
  corpusDocId(document: vscode.TextDocument): string | undefined {
    const id = this.sources.docIdOf(document.uri);
    if (id === undefined) return undefined;
    const text = this.corpus.text(id);
    if (text === undefined) return undefined;
    const seen = this.current.get(document);
    if (seen && seen.version === document.version && seen.text === text) return seen.same ? id : undefined;
    const current = document.getText();
    const same = text.length === current.length && text === current;
    this.current.set(document, { version: document.version, text, same });
    return same ? id : undefined;
  }

  /** The corpus document id of an indexed source, current or not (its index text may lag its buffer). */
  sourceDocId(document: vscode.TextDocument): string | undefined {
    const id = this.sources.docIdOf(document.uri);
    return id !== undefined && this.corpus.text(id) !== undefined ? id : undefined;
  }

  /** The entity at a position: a mention of a source, else any known name or alias (notes, drafts, stale sources). */
  entityAt(document: vscode.TextDocument, position: vscode.Position): EntityHit | undefined {
    const docId = this.corpusDocId(document);
    if (docId !== undefined) {
      const m = this.corpus.mentionAt(docId, toOffset(document, position));
      const e = m && this.corpus.entity(m.entityId);
      if (m && e) return { entity: e, span: { start: m.start, end: m.end }, mention: m };
    }
    if (position.line >= document.lineCount) return undefined;
    const line = document.lineAt(position.line);
    const hit = this.corpus.nameAt(line.text, position.character);
    const e = hit && this.corpus.entity(hit.entityId);
    if (!hit || !e) return undefined;
    const base = document.offsetAt(line.range.start);
    return { entity: e, span: { start: base + hit.start, end: base + hit.end } };
  }

  /**
   * entityAt for a provider that can wait: outside a current source the known names are looked up,
   * and after a change of a large index they are first made ready without pausing the host.
   */
  async entityAtWhenReady(document: vscode.TextDocument, position: vscode.Position): Promise<EntityHit | undefined> {
    if (this.corpusDocId(document) === undefined) await this.corpus.namesSettled?.();
    return this.entityAt(document, position);
  }

  /** Positions in a corpus document as the index knows its text. */
  private index(docId: string): LineIndex | undefined {
    const text = this.corpus.text(docId);
    if (text === undefined) return undefined;
    const cached = this.indexes.get(docId);
    if (cached && cached.text === text) return cached.index;
    const index = lineIndex(text);
    this.indexes.set(docId, { text, index });
    if (this.indexes.size > 200) this.indexes.delete(this.indexes.keys().next().value!);
    return index;
  }

  /** The range of a span of a corpus document. */
  range(docId: string, span: Span): vscode.Range | undefined {
    const index = this.index(docId);
    return index && toRange(index, span);
  }

  uri(docId: string): vscode.Uri | undefined {
    return this.sources.uriOf(docId);
  }

  /** Where a mention is. */
  location(m: MentionRef): vscode.Location | undefined {
    const uri = this.uri(m.docId);
    const range = this.range(m.docId, m);
    return uri && range ? new vscode.Location(uri, range) : undefined;
  }

  /** A definition-style link to a mention: the passage as target, the mention selected. */
  link(m: Mention, origin?: vscode.Range): vscode.LocationLink | undefined {
    const uri = this.uri(m.docId);
    const sel = this.range(m.docId, m);
    const passage = this.range(m.docId, m.passage);
    if (!uri || !sel || !passage) return undefined;
    return { originSelectionRange: origin, targetUri: uri, targetRange: passage.union(sel), targetSelectionRange: sel };
  }

  /** Open a corpus document with a mention selected and revealed in the centre. */
  async open(m: MentionRef, options: { preview?: boolean; preserveFocus?: boolean; viewColumn?: vscode.ViewColumn } = {}): Promise<vscode.TextEditor | undefined> {
    const uri = this.uri(m.docId);
    if (!uri) {
      void vscode.window.showWarningMessage('Source Research: that source is no longer in the workspace.');
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    const range = rangeInDocument(doc, this.corpus.text(m.docId), m);
    const editor = await vscode.window.showTextDocument(doc, {
      selection: range,
      preview: options.preview ?? true,
      preserveFocus: options.preserveFocus ?? false,
      viewColumn: options.viewColumn,
    });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
    return editor;
  }
}

/** A quick pick item for an entity: type icon, counts, aliases (matched on too). */
export interface EntityPickItem extends vscode.QuickPickItem {
  readonly entity: EntitySummary;
}

export function entityPickItem(e: EntitySummary): EntityPickItem {
  return {
    // Names come from the sources: a `$(…)` in them shows as written, not as an icon.
    label: `$(${TYPE_ICON[e.type]}) ${escapeThemeIcons(e.name)}`,
    description: `${TYPE_SINGULAR[e.type]} · ${countsLabel(e)}`,
    detail: e.aliases.length ? escapeThemeIcons(`Also: ${e.aliases.join(', ')}`) : undefined,
    entity: e,
  };
}

/** Pick an entity (fuzzy on names and aliases). */
export async function pickEntity(
  corpus: Corpus,
  options: { title: string; placeHolder?: string; exclude?: string; prefer?: EntitySummary['type'] },
): Promise<EntitySummary | undefined> {
  let all = corpus.entities().filter((e) => e.id !== options.exclude);
  if (options.prefer) all = [...all.filter((e) => e.type === options.prefer), ...all.filter((e) => e.type !== options.prefer)];
  if (!all.length) {
    void vscode.window.showInformationMessage('Source Research: no entities found in the sources yet.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(all.map(entityPickItem), {
    title: escapeThemeIcons(options.title),
    placeHolder: options.placeHolder ?? 'Type a name or alias',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.entity;
}

/**
 * The entity a command is about: a tree element or an id (from menus and links), else the entity
 * under the cursor of the active editor.
 */
export function entityFromArg(corpus: Corpus, locator: EntityLocator, arg: unknown): EntitySummary | undefined {
  if (typeof arg === 'string') return corpus.entity(arg);
  if (arg && typeof arg === 'object' && typeof (arg as { entityId?: unknown }).entityId === 'string') {
    return corpus.entity((arg as { entityId: string }).entityId);
  }
  if (arg instanceof vscode.Uri || arg === undefined || arg === null || typeof arg === 'object') {
    const editor = vscode.window.activeTextEditor;
    if (editor) return locator.entityAt(editor.document, editor.selection.active)?.entity;
  }
  return undefined;
}
