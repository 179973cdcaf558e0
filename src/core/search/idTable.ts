/**
 * Values by small integer id (ids handed out in increasing order, some later removed), in pages of
 * a fixed size: a Map of hundreds of thousands of entries (the passages of a 60 MB source) is
 * rehashed whole each time it doubles, a pause of a tenth of a second or more on the editor's
 * thread, while a page is allocated once and freed when its last value goes.
 */
const PAGE_BITS = 12;
const PAGE = 1 << PAGE_BITS;

export class IdTable<T> {
  private readonly pages: ((T | undefined)[] | undefined)[] = [];
  /** Values per page. */
  private readonly counts: number[] = [];
  private size_ = 0;

  get size(): number {
    return this.size_;
  }

  get(id: number): T | undefined {
    return this.pages[id >>> PAGE_BITS]?.[id & (PAGE - 1)];
  }

  set(id: number, value: T): void {
    const p = id >>> PAGE_BITS;
    let page = this.pages[p];
    if (!page) {
      while (this.pages.length < p) {
        this.pages.push(undefined);
        this.counts.push(0);
      }
      page = new Array<T | undefined>(PAGE).fill(undefined);
      this.pages[p] = page;
      this.counts[p] = 0;
    }
    const i = id & (PAGE - 1);
    if (page[i] === undefined) {
      this.counts[p]!++;
      this.size_++;
    }
    page[i] = value;
  }

  delete(id: number): boolean {
    const p = id >>> PAGE_BITS;
    const page = this.pages[p];
    const i = id & (PAGE - 1);
    if (!page || page[i] === undefined) return false;
    page[i] = undefined;
    this.size_--;
    if (--this.counts[p]! === 0) this.pages[p] = undefined;
    return true;
  }

  /** Every [id, value], by id. */
  *entries(): IterableIterator<[number, T]> {
    for (let p = 0; p < this.pages.length; p++) {
      const page = this.pages[p];
      if (!page) continue;
      for (let i = 0; i < PAGE; i++) {
        const v = page[i];
        if (v !== undefined) yield [(p << PAGE_BITS) | i, v];
      }
    }
  }
}
