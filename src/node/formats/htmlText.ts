/**
 * The text of an HTML tree as a reader sees it: one paragraph per block (headings, paragraphs, list
 * items, table rows, quotes), blank lines between them, inline runs joined, list items bulleted,
 * table cells separated by " | ". Scripts, styles and hidden parts are dropped; nothing is executed.
 */

const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'dt', 'dd', 'figcaption', 'caption', 'address', 'tr', 'table', 'ul', 'ol', 'dl', 'figure', 'hr', 'form', 'fieldset', 'details', 'summary']);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas', 'head', 'button', 'select', 'input', 'textarea', 'video', 'audio', 'map']);

import type { MiniNode as NodeLike } from './dom';

export function htmlToText(root: NodeLike): string {
  const paras: string[] = [];
  let cur = '';
  const flush = () => {
    const t = cur.replace(/[ \t\r\n\f\u00A0]+/g, ' ').trim();
    if (t) paras.push(t);
    cur = '';
  };
  const walk = (n: NodeLike, inPre: boolean, inCell = false): void => {
    if (n.nodeType === 3) {
      cur += inPre ? (n.textContent ?? '').replace(/\n/g, ' ') : (n.textContent ?? '');
      return;
    }
    if (n.nodeType !== 1 && n.nodeType !== 9 && n.nodeType !== 11) return;
    const tag = n.nodeName.toLowerCase();
    if (SKIP.has(tag)) return;
    if (n.getAttribute?.('hidden') !== null && n.getAttribute?.('hidden') !== undefined) return;
    if (/display\s*:\s*none/i.test(n.getAttribute?.('style') ?? '')) return;
    if (tag === 'br') {
      cur += ' ';
      return;
    }
    // Inside a table cell, blocks run inline (a row is one paragraph).
    const block = BLOCK.has(tag) && !inCell;
    if (inCell && BLOCK.has(tag)) cur += ' ';
    if (block) flush();
    if (tag === 'li') cur += '• ';
    const kids = n.childNodes;
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i]!;
      if (tag === 'tr' && i > 0 && (k.nodeName.toLowerCase() === 'td' || k.nodeName.toLowerCase() === 'th') && cur.trim()) cur += ' | ';
      walk(k, inPre || tag === 'pre', inCell || tag === 'td' || tag === 'th');
    }
    if (block) flush();
  };
  walk(root, false);
  flush();
  return paras.join('\n\n');
}

/** Decode HTML bytes: BOM, else the charset a <meta> declares in the first 2 KB, else UTF-8. */
export function decodeHtml(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const m = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head);
  let label = m?.[1]?.toLowerCase() ?? 'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    label = 'utf-8';
    return new TextDecoder(label).decode(bytes);
  }
}
