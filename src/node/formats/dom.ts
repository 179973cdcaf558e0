/** linkedom (a DOM without a browser; it never runs scripts), with the few DOM types we use. */

export interface MiniNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<MiniNode>;
  parentNode?: MiniNode | null;
  getAttribute?(name: string): string | null;
}
export interface MiniElement extends MiniNode {
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  remove(): void;
  replaceWith(...nodes: (MiniNode | string)[]): void;
  querySelector(sel: string): MiniElement | null;
  querySelectorAll(sel: string): ArrayLike<MiniElement> & Iterable<MiniElement>;
}
export interface MiniDocument extends MiniNode {
  body: MiniElement | null;
  documentElement: MiniElement | null;
  querySelector(sel: string): MiniElement | null;
  querySelectorAll(sel: string): ArrayLike<MiniElement> & Iterable<MiniElement>;
  cloneNode(deep: boolean): MiniDocument;
}

interface Linkedom {
  parseHTML(html: string): { document: MiniDocument };
  DOMParser: new () => { parseFromString(text: string, type: string): MiniDocument };
}

// linkedom ships CommonJS for require() (its types describe the ES module only).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const linkedom = require('linkedom') as Linkedom;

export function parseHtmlDocument(html: string): MiniDocument {
  return linkedom.parseHTML(html).document;
}

export function parseXmlDocument(xml: string): MiniDocument {
  return new linkedom.DOMParser().parseFromString(xml, 'text/xml');
}
