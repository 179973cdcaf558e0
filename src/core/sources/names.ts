/**
 * Titles and labels of the documents of an index, computed once per index version: each document's
 * title (titles.ts) and, where two documents show the same title, the folder that tells them apart
 * (labels.ts). Used by the index's documentInfo().
 */
import type { SourceMeta } from '../types';
import { distinguishingFolders, withFolder } from './labels';
import { documentTitle, type DocumentTitle } from './titles';

export interface DocumentName extends DocumentTitle {
  /** The title, with the distinguishing folder when another document has the same title. */
  readonly label: string;
  /** That folder, when needed. */
  readonly folder?: string;
}

export interface NamedDocument {
  readonly id: string;
  readonly text: string;
  readonly meta?: SourceMeta;
  /** The title the file's own metadata gives, if any. */
  readonly fileTitle?: string;
}

export class SourceNames {
  private version = -1;
  private names = new Map<string, DocumentName>();
  /** Titles by id, reused while the text and metadata are the same objects. */
  private readonly titles = new Map<string, { text: string; meta?: SourceMeta; fileTitle?: string; title: DocumentTitle }>();

  constructor(private readonly all: () => Iterable<NamedDocument>) {}

  /** The name of a document at an index version (everything is recomputed when the version moved). */
  get(id: string, version: number): DocumentName | undefined {
    if (version !== this.version) this.rebuild(version);
    return this.names.get(id);
  }

  private rebuild(version: number): void {
    const titles: { id: string; name: string; title: DocumentTitle }[] = [];
    const seen = new Set<string>();
    for (const d of this.all()) {
      seen.add(d.id);
      let t = this.titles.get(d.id);
      if (!t || t.text !== d.text || t.meta !== d.meta || t.fileTitle !== d.fileTitle) {
        t = { text: d.text, meta: d.meta, fileTitle: d.fileTitle, title: documentTitle(d.id, d.text, d.meta, d.fileTitle) };
        this.titles.set(d.id, t);
      }
      titles.push({ id: d.id, name: t.title.title, title: t.title });
    }
    for (const id of [...this.titles.keys()]) if (!seen.has(id)) this.titles.delete(id);
    const folders = distinguishingFolders(titles);
    this.names = new Map(
      titles.map(({ id, title }) => {
        const folder = folders.get(id);
        return [id, { ...title, label: withFolder(title.title, folder), folder }] as const;
      }),
    );
    this.version = version;
  }
}
