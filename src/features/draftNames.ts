/**
 * Names in the user's own writing (drafts, notes, any text that is not a source) that no source
 * mentions. The recognisers read the document (once per version, cached); a name they find where no
 * known entity is, is "not found in any source". Used by the hover; the quotes checker can use it too.
 */
import * as vscode from 'vscode';
import type { Corpus } from '../core/index/api';
import { escapeMarkdown, TYPE_ICON, TYPE_SINGULAR } from '../core/index/entityText';
import { draftReasonLabel } from '../core/sources/sourceSet';
import type { Candidate, EntityType, Span } from '../core/types';
import { toOffset } from './ranges';
import type { WorkspaceCorpus } from './workspaceCorpus';

/** The types a draft's unknown name is reported for (dates and figures are not names). */
const NAME_TYPES: ReadonlySet<EntityType> = new Set(['person', 'organization', 'place', 'group']);

export interface UnknownName extends Span {
  readonly name: string;
  readonly type: EntityType;
}

export class DraftNames {
  private readonly cache = new Map<string, { version: number; corpus: number; names: UnknownName[] }>();

  constructor(
    private readonly corpus: Corpus,
    private readonly sources: WorkspaceCorpus,
  ) {}

  /** Is the document the user's own writing (not an indexed source)? */
  isOwnWriting(document: vscode.TextDocument): boolean {
    return this.sources.docIdOf(document.uri) === undefined;
  }

  /** The names the recognisers find in a document of the user's that the index does not know. */
  unknownNames(document: vscode.TextDocument): UnknownName[] {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version && hit.corpus === this.corpus.version) return hit.names;
    const text = document.getText();
    const id = document.uri.scheme === 'file' ? this.sources.idOfUri(document.uri) : document.languageId === 'markdown' ? 'untitled.md' : 'untitled.txt';
    let cands: Candidate[] = [];
    try {
      cands = this.corpus.recognise?.(id, text) ?? [];
    } catch {
      cands = [];
    }
    const known = this.corpus.findNames(text);
    const names = cands
      .filter((c) => NAME_TYPES.has(c.type) && !known.some((k) => k.start < c.end && c.start < k.end))
      .map((c) => ({ start: c.start, end: c.end, name: c.name, type: c.type }));
    this.cache.set(key, { version: document.version, corpus: this.corpus.version, names });
    if (this.cache.size > 50) this.cache.delete(this.cache.keys().next().value!);
    return names;
  }

  /** The unknown name at a position of a document of the user's, if any. */
  unknownAt(document: vscode.TextDocument, position: vscode.Position): UnknownName | undefined {
    if (!this.isOwnWriting(document)) return undefined;
    const offset = toOffset(document, position);
    return this.unknownNames(document).find((n) => n.start <= offset && offset <= n.end);
  }

  /** The hover card of an unknown name (escaped; no links). */
  markdown(document: vscode.TextDocument, name: UnknownName): vscode.MarkdownString {
    const md = new vscode.MarkdownString('', true);
    md.isTrusted = false;
    md.supportHtml = false;
    md.appendMarkdown(`$(${TYPE_ICON[name.type]}) **${escapeMarkdown(name.name)}** · ${TYPE_SINGULAR[name.type]}\n\n`);
    md.appendMarkdown(`$(warning) Not found in any source.\n\n`);
    const reason = document.uri.scheme === 'file' ? this.sources.draftReason(document.uri) : undefined;
    if (reason) md.appendMarkdown(`*This file is a draft (${escapeMarkdown(draftReasonLabel(reason))}): nothing in it counts as a source.*`);
    return md;
  }
}
