/**
 * Long lists in a tree, a page at a time: a group of thousands of entities (the quantities of a
 * large report) shows its first PAGE and a "Show more" item. VS Code fetches and sends every child
 * of an expanded node whenever the tree changes: all of them at once had held the extension host
 * for a quarter of a second after each re-index of a large source. How far each list is shown is
 * kept by the id of its parent, across refreshes.
 */

export const PAGE = 200;

export class TreePages {
  private readonly shown = new Map<string, number>();

  constructor(private readonly page = PAGE) {}

  /** How many items of the list under `parentId` are shown. */
  limit(parentId: string): number {
    return this.shown.get(parentId) ?? this.page;
  }

  /** The part of `items` that is shown, and how many are not. */
  slice<T>(parentId: string, items: readonly T[]): { readonly shown: readonly T[]; readonly hidden: number } {
    const n = this.limit(parentId);
    return items.length <= n ? { shown: items, hidden: 0 } : { shown: items.slice(0, n), hidden: items.length - n };
  }

  /** Show one page more. */
  more(parentId: string): void {
    this.shown.set(parentId, this.limit(parentId) + this.page);
  }

  /** Show at least the first `count` items (a reveal of item count - 1); true when that shows more than before. */
  atLeast(parentId: string, count: number): boolean {
    const n = this.limit(parentId);
    if (count <= n) return false;
    this.shown.set(parentId, Math.ceil(count / this.page) * this.page);
    return true;
  }
}
