/**
 * Which documents are sources (evidence) and which are drafts (the user's own writing, checked
 * against the sources but never counted as one). Paths are document ids: relative to the corpus
 * root (the workspace folder, or the folder the CLI scans), forward slashes.
 *
 * A file is a draft when
 *   - it is under a folder named `drafts` or `notes` (at any depth, any case), or
 *   - it is listed under `exclude:` in sources.yaml ("Not a Source"; paths relative to sources.yaml).
 * Everything else the sources folder holds is a source. Both hosts (the extension, the CLI) leave
 * drafts out of the index, so nothing in a draft is ever a mention or a passage; features that
 * check a draft against the sources (hovers, quotes) ask `isDraft`.
 */
import { parseSources } from '../catalog/sources';

/** Folders whose files are drafts, never sources. */
export const DRAFT_FOLDERS: readonly string[] = ['drafts', 'notes'];

/** Why a file is a draft. */
export type DraftReason = 'drafts-folder' | 'not-a-source';

const DRAFT_DIR = new RegExp(`(?:^|/)(?:${DRAFT_FOLDERS.join('|')})/`, 'i');

/** Is the file under a drafts/ or notes/ folder? */
export function inDraftFolder(docId: string): boolean {
  return DRAFT_DIR.test(docId);
}

/** The folder of a file id ("" at the root), with a trailing slash when not empty. */
export function folderOf(id: string): string {
  const i = id.lastIndexOf('/');
  return i < 0 ? '' : id.slice(0, i + 1);
}

/** Resolve "." and ".." in a forward-slash path. */
export function normalisePath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/** A document id as written relative to a sources.yaml (`yamlId` is the id of that file). */
export function relativeTo(yamlId: string, docId: string): string {
  const dir = folderOf(yamlId).split('/').filter(Boolean);
  const parts = docId.split('/');
  let i = 0;
  while (i < dir.length && i < parts.length - 1 && dir[i] === parts[i]) i++;
  return [...dir.slice(i).map(() => '..'), ...parts.slice(i)].join('/');
}

export class SourceSet {
  private excluded = new Set<string>();
  private yamlId: string | undefined;
  private roots: string[] = [];

  /**
   * The folders that hold the sources ("sources/", or the folder the user chose), as id prefixes.
   * The drafts/ and notes/ rule looks below them only: a sources folder the user named `notes` is
   * still a sources folder, and its own `drafts/` subfolder holds drafts.
   */
  setSourceRoots(roots: readonly string[]): void {
    this.roots = roots.map((r) => normalisePath(r)).filter(Boolean).map((r) => `${r}/`);
  }

  /** Take the `exclude:` list of a sources.yaml (`file` is its id; undefined text: there is none). A syntax error keeps the last good list. */
  loadSourcesYaml(file: string, text: string | undefined): void {
    if (text === undefined) {
      this.excluded = new Set();
      this.yamlId = undefined;
      return;
    }
    const parsed = parseSources(text, file);
    if (!parsed.sources) return;
    this.yamlId = file;
    const dir = folderOf(file);
    this.excluded = new Set((parsed.exclude ?? []).map((p) => normalisePath(dir + p)));
  }

  /** The ids marked Not a Source, sorted. */
  excludedIds(): string[] {
    return [...this.excluded].sort();
  }

  /** Is the file marked Not a Source? */
  isExcluded(docId: string): boolean {
    return this.excluded.has(normalisePath(docId));
  }

  /** Why the file is a draft, or undefined for a file that may be a source. */
  draftReason(docId: string): DraftReason | undefined {
    if (this.isExcluded(docId)) return 'not-a-source';
    const id = normalisePath(docId);
    const root = this.roots.find((r) => id.startsWith(r));
    if (inDraftFolder(root ? id.slice(root.length) : id)) return 'drafts-folder';
    return undefined;
  }

  /** Is the file a draft (in drafts/ or notes/, or marked Not a Source)? */
  isDraft(docId: string): boolean {
    return this.draftReason(docId) !== undefined;
  }

  /** How a document id is written in the exclude list of the sources.yaml in force (or of `yamlId`). */
  entryFor(docId: string, yamlId = this.yamlId ?? 'sources.yaml'): string {
    return relativeTo(yamlId, docId);
  }
}

/** A readable reason, for hovers and the log. */
export function draftReasonLabel(reason: DraftReason): string {
  return reason === 'not-a-source' ? 'marked Not a Source in sources.yaml' : `in a ${DRAFT_FOLDERS.join(' or ')} folder`;
}
