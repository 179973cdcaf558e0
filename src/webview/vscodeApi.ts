/** The webview side of the VS Code API, typed. */
export interface VsCodeApi<S, M> {
  postMessage(msg: M): void;
  getState(): S | undefined;
  setState(state: S): void;
}
declare function acquireVsCodeApi<S, M>(): VsCodeApi<S, M>;

export function vscodeApi<S, M>(): VsCodeApi<S, M> {
  return acquireVsCodeApi<S, M>();
}

/** An element with a class and optional text (always textContent: source text is never parsed as HTML). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Text with marked spans (relative offsets), as DOM nodes. */
export function marked(text: string, marks: readonly (readonly [number, number])[]): DocumentFragment {
  const f = document.createDocumentFragment();
  let at = 0;
  for (const [s, e] of marks) {
    if (s < at) continue;
    if (s > at) f.append(document.createTextNode(text.slice(at, s)));
    f.append(el('mark', undefined, text.slice(s, e)));
    at = e;
  }
  if (at < text.length) f.append(document.createTextNode(text.slice(at)));
  return f;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`missing #${id}`);
  return e as T;
}
