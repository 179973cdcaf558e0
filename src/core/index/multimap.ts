/** Small helpers for maps of lists, shared by the document store and the resolver. */

export function addTo(m: Map<string, string[]>, k: string, v: string): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

export function removeFrom(m: Map<string, string[]>, k: string, v: string): void {
  const l = m.get(k);
  if (!l) return;
  const i = l.indexOf(v);
  if (i >= 0) l.splice(i, 1);
  if (l.length === 0) m.delete(k);
}

/** The last word of a name key. */
export function lastWord(key: string): string {
  return key.slice(key.lastIndexOf(' ') + 1);
}

/** Small integer codes for distinct keys, in the order they are first seen, with the value each stands for. */
export class Codes<T> {
  readonly values: T[] = [];
  private readonly ids = new Map<string, number>();

  /** `max`: the largest code the caller can store (a byte, two bytes). */
  constructor(
    private readonly max = Number.MAX_SAFE_INTEGER,
    private readonly what = 'values',
  ) {}

  /** The code of `key`, given to `value` if the key is new. */
  code(key: string, value: T): number {
    let c = this.ids.get(key);
    if (c === undefined) {
      c = this.values.length;
      if (c > this.max) throw new Error(`too many distinct ${this.what} to code`);
      this.values.push(value);
      this.ids.set(key, c);
    }
    return c;
  }

  get(key: string): number | undefined {
    return this.ids.get(key);
  }
}
