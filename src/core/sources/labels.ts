/**
 * Telling documents apart that show the same name: as VS Code's editor tabs do, a document whose
 * title (or file name) another document shares gets the shortest folder that distinguishes it —
 * "001.txt · politics" next to "001.txt · business".
 */
import { foldKey } from '../text/text';

/** The separator between a name and its distinguishing folder. */
export const LABEL_SEPARATOR = ' · ';

/**
 * For each id whose `name` is shared (case- and accent-insensitively) by another id, the folder
 * that tells it apart: the nearest folder of its path that none of the others has, else its whole
 * folder path ("." for a file at the root). Ids with a unique name are not in the result.
 */
export function distinguishingFolders(items: Iterable<{ readonly id: string; readonly name: string }>): Map<string, string> {
  const groups = new Map<string, string[]>();
  for (const { id, name } of items) {
    const k = foldKey(name);
    const g = groups.get(k);
    if (g) g.push(id);
    else groups.set(k, [id]);
  }
  const out = new Map<string, string>();
  for (const ids of groups.values()) {
    if (ids.length < 2) continue;
    const dirs = new Map(ids.map((id) => [id, id.split('/').slice(0, -1)] as const));
    for (const id of ids) {
      const mine = dirs.get(id)!;
      const others = ids.filter((o) => o !== id).map((o) => new Set(dirs.get(o)!));
      let pick: string | undefined;
      for (let i = mine.length - 1; i >= 0 && pick === undefined; i--) {
        const seg = mine[i]!;
        if (others.every((o) => !o.has(seg))) pick = seg;
      }
      out.set(id, pick ?? (mine.length ? mine.join('/') : '.'));
    }
  }
  return out;
}

/** "name · folder", or the name alone when no folder is needed. */
export function withFolder(name: string, folder: string | undefined): string {
  return folder ? `${name}${LABEL_SEPARATOR}${folder}` : name;
}
