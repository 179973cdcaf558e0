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
