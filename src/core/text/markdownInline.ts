/**
 * The inline constructs of a markdown block that are not prose (markdown.ts finds the blocks): code
 * spans, HTML tags and comments, autolinks (<http://...>, <a@b.c>), link destinations and titles
 * ("(url)" of "[text](url)", "[ref]" of "[text][ref]"), bare http(s):// and www. URLs. A backslash
 * escape stays prose. What is left of the block's line spans, trimmed, is its prose.
 */
import { NextMatch } from './nextMatch';
import type { Span } from '../types';
import { isWs, stickyAt } from './markdownScan';

const INLINE_RE = /`+|<|\\|\]\(|\]\[|\bhttps?:\/\/|\bwww\./g;
const AUTOLINK_RE = /<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[^\s<>@]+@[^\s<>]+>/y;
const TAG_RE = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>|<!--[\s\S]*?-->/y;

/** The prose of the blocks of one markdown text, block after block. */
export class InlineProse {
  private readonly re = new RegExp(INLINE_RE);
  /** The next inline construct (NextMatch: linear over a long document). */
  private readonly next = new NextMatch(this.re);

  constructor(private readonly text: string) {}

  /** Add the prose of a block (its line spans) minus inline code, tags, URLs... */
  add(segs: readonly Span[], prose: Span[]): void {
    const text = this.text;
    const a = segs[0]!.start;
    const b = segs[segs.length - 1]!.end;
    const excl: Span[] = [];
    const re = this.re;
    re.lastIndex = a;
    let m: RegExpExecArray | null;
    while ((m = this.next.at(text, re.lastIndex)) !== null && m.index < b) {
      const i = m.index;
      const tok = m[0];
      const c = tok.charCodeAt(0);
      if (c === 96) {
        // Code span: up to the next backtick run of the same length.
        const n = tok.length;
        let k = i + n;
        let close = -1;
        while (k < b) {
          const j = text.indexOf('`', k);
          if (j < 0 || j >= b) break;
          let r = j;
          while (r < b && text.charCodeAt(r) === 96) r++;
          if (r - j === n) {
            close = r;
            break;
          }
          k = r;
        }
        if (close >= 0) {
          excl.push({ start: i, end: close });
          re.lastIndex = close;
        }
      } else if (c === 60) {
        const al = stickyAt(AUTOLINK_RE, text, i) ?? stickyAt(TAG_RE, text, i);
        if (al && i + al[0].length <= b) {
          excl.push({ start: i, end: i + al[0].length });
          re.lastIndex = i + al[0].length;
        }
      } else if (c === 92) {
        re.lastIndex = i + 2; // escaped character stays prose
      } else if (c === 93) {
        const open = i + 1;
        const closeCh = text.charCodeAt(open) === 40 ? 41 : 93;
        let depth = 0;
        let k = open;
        let close = -1;
        for (; k < b; k++) {
          const ch = text.charCodeAt(k);
          if (ch === 92) k++;
          else if (closeCh === 41 && ch === 40) depth++;
          else if (ch === closeCh && (closeCh === 93 || --depth === 0)) {
            close = k + 1;
            break;
          }
        }
        if (close >= 0) {
          excl.push({ start: open, end: close });
          re.lastIndex = close;
        } else re.lastIndex = open;
      } else {
        // Bare URL up to whitespace or <, without trailing punctuation.
        let k = i;
        while (k < b) {
          const ch = text.charCodeAt(k);
          if (ch <= 32 || ch === 60) break;
          k++;
        }
        while (k > i && /[.,;:!?)'"\]*_”’]/.test(text[k - 1]!)) k--;
        excl.push({ start: i, end: k });
        re.lastIndex = k;
      }
    }
    // prose = segs minus excl (both sorted).
    let xi = 0;
    for (const seg of segs) {
      let s = seg.start;
      while (xi < excl.length && excl[xi]!.end <= s) xi++;
      let xj = xi;
      while (xj < excl.length && excl[xj]!.start < seg.end) {
        const x = excl[xj]!;
        if (x.start > s) pushTrimmed(text, prose, s, x.start);
        s = Math.max(s, x.end);
        if (x.end > seg.end) break;
        xj++;
      }
      if (s < seg.end) pushTrimmed(text, prose, s, seg.end);
    }
  }
}

function pushTrimmed(text: string, prose: Span[], s: number, e: number): void {
  while (s < e && isWs(text.charCodeAt(s))) s++;
  while (e > s && isWs(text.charCodeAt(e - 1))) e--;
  if (e > s) prose.push({ start: s, end: e });
}
