/**
 * Where the prose of a markdown document is, without rewriting it: offsets stay offsets into the
 * original text. A line scanner in the spirit of CommonMark, good enough for prose detection:
 *
 * Prose: paragraph text, ATX heading text (after the #s, without a closing #-sequence), setext
 * heading text, list item text (after the marker and a task box), blockquote text (after the >s),
 * table cells, link and image text.
 * Not prose: YAML (---) and TOML (+++) front matter, fenced code (``` and ~~~, also unclosed),
 * indented code (4+ spaces after a blank line, outside lists), HTML comments and <script>/<style>/
 * <pre>/<textarea> blocks, HTML tags, inline code, link destinations and titles ("(url)" of
 * "[text](url)", "[ref]" of "[text][ref]"), autolinks (<http://...>, <a@b.c>), bare http(s):// and
 * www. URLs, reference definitions ("[x]: url"), thematic breaks, setext underlines, table delimiter
 * rows and the pipes between cells, list markers, blockquote markers.
 *
 * Blocks: each paragraph, heading, list item and table cell is its own block, given as the content
 * span of each of its lines (segment.ts turns blocks into paragraphs and sentences).
 */
import { NextMatch } from './nextMatch';
import type { Span } from '../types';

export interface MarkdownLayout {
  /** Prose spans, sorted and disjoint. */
  readonly prose: Span[];
  /** Blocks in document order, each as the content spans of its lines. */
  readonly blocks: Span[][];
}

interface Line {
  start: number;
  /** End of the content, before the line break. */
  end: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const n = text.length;
  let ls = 0;
  for (;;) {
    let le = ls;
    while (le < n) {
      const c = text.charCodeAt(le);
      if (c === 10 || c === 13) break;
      le++;
    }
    lines.push({ start: ls, end: le });
    if (le >= n) break;
    ls = le + (text.charCodeAt(le) === 13 && text.charCodeAt(le + 1) === 10 ? 2 : 1);
  }
  return lines;
}

const isWs = (c: number) => c === 32 || c === 9;

const FENCE_RE = /(`{3,}|~{3,})([^\r\n]*)/y;
const ATX_RE = /#{1,6}(?=[ \t]|$)/y;
const LIST_RE = /(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)/y;
const TASK_RE = /\[[ xX]\][ \t]+/y;
const REFDEF_RE = /\[(?:[^\]\\\r\n]|\\.)+\]:[ \t]*\S/y;
const HTML_BLOCK_RE = /<(script|pre|style|textarea)(?=[\s>]|$)/iy;

function stickyAt(re: RegExp, text: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(text);
}

/** The prose and blocks of a markdown text. */
export function markdownLayout(text: string): MarkdownLayout {
  const lines = splitLines(text);
  const blocks: Span[][] = [];
  const prose: Span[] = [];
  let li = frontMatterEnd(text, lines);

  let cur: Span[] | undefined; // the open paragraph / list item
  let fence: { ch: number; len: number } | undefined;
  let htmlEnd: string | undefined; // closing marker of an HTML block being skipped
  let prevBlank = true;
  let inList = false; // the last block was (inside) a list item
  let table = false;

  const flush = () => {
    if (cur && cur.length > 0) {
      blocks.push(cur);
      addProse(text, cur, prose);
    }
    cur = undefined;
  };
  const single = (span: Span) => {
    flush();
    if (span.end > span.start) {
      blocks.push([span]);
      addProse(text, [span], prose);
    }
  };

  for (; li < lines.length; li++) {
    const line = lines[li]!;
    // Blockquote markers.
    let p = line.start;
    let q = p;
    for (;;) {
      let k = q;
      let sp = 0;
      while (k < line.end && text.charCodeAt(k) === 32 && sp < 3) {
        k++;
        sp++;
      }
      if (k < line.end && text.charCodeAt(k) === 62) {
        q = k + 1;
        if (q < line.end && isWs(text.charCodeAt(q))) q++;
        p = q;
      } else break;
    }
    let end = line.end;
    while (end > p && isWs(text.charCodeAt(end - 1))) end--;

    if (fence) {
      let s = p;
      while (s < end && text.charCodeAt(s) === 32) s++;
      let k = s;
      while (k < end && text.charCodeAt(k) === fence.ch) k++;
      if (k - s >= fence.len && s - p <= 3 && k === end) fence = undefined;
      continue;
    }
    if (htmlEnd !== undefined) {
      if (text.slice(p, line.end).toLowerCase().includes(htmlEnd)) htmlEnd = undefined;
      continue;
    }
    if (end <= p) {
      flush();
      prevBlank = true;
      table = false;
      continue;
    }
    // Indentation (a tab counts as 4).
    let s = p;
    let indent = 0;
    while (s < end && isWs(text.charCodeAt(s))) {
      indent += text.charCodeAt(s) === 9 ? 4 - (indent % 4) : 1;
      s++;
    }
    const wasBlank = prevBlank;
    prevBlank = false;

    if (indent >= 4 && !cur && !inList) continue; // indented code
    const c0 = text.charCodeAt(s);

    // Fenced code.
    if ((c0 === 96 || c0 === 126) && indent < 4) {
      const m = stickyAt(FENCE_RE, text, s);
      if (m && m.index + m[0].length <= line.end && !(c0 === 96 && m[2]!.includes('`'))) {
        flush();
        fence = { ch: c0, len: m[1]!.length };
        continue;
      }
    }
    // HTML comment and raw HTML blocks.
    if (c0 === 60 && indent < 4) {
      if (text.startsWith('<!--', s)) {
        flush();
        const close = text.indexOf('-->', s + 4);
        if (close < 0 || close >= line.end) htmlEnd = '-->';
        continue;
      }
      const m = stickyAt(HTML_BLOCK_RE, text, s);
      if (m) {
        flush();
        const closing = `</${m[1]!.toLowerCase()}>`;
        if (!text.slice(s, line.end).toLowerCase().includes(closing)) htmlEnd = closing;
        continue;
      }
    }
    if (indent < 4) {
      // Thematic break or setext underline.
      if (c0 === 45 || c0 === 42 || c0 === 95 || c0 === 61) {
        if (isRule(text, s, end, c0)) {
          // "Title\n---" / "Title\n===": the paragraph above is a heading; the underline is not prose.
          if (c0 === 61 && !cur) {
            // A line of = without a paragraph above is text.
          } else {
            flush();
            inList = false;
            continue;
          }
        }
      }
      // ATX heading.
      if (c0 === 35) {
        const m = stickyAt(ATX_RE, text, s);
        if (m) {
          let a = s + m[0].length;
          while (a < end && isWs(text.charCodeAt(a))) a++;
          let b = end;
          // Closing sequence: " ##" at the end.
          let k = b;
          while (k > a && text.charCodeAt(k - 1) === 35) k--;
          if (k < b && (k === a || isWs(text.charCodeAt(k - 1)))) {
            b = k;
            while (b > a && isWs(text.charCodeAt(b - 1))) b--;
          }
          single({ start: a, end: b });
          inList = false;
          table = false;
          continue;
        }
      }
      // Reference definition (cannot interrupt a paragraph).
      if (c0 === 91 && !cur && stickyAt(REFDEF_RE, text, s)) continue;
      // Table: a delimiter row under a one-line paragraph with pipes makes a table.
      if (cur && cur.length === 1 && isDelimiterRow(text, s, end) && text.slice(cur[0]!.start, cur[0]!.end).includes('|')) {
        const header = cur[0]!;
        cur = undefined;
        for (const cell of tableCells(text, header.start, header.end)) single(cell);
        table = true;
        continue;
      }
      if (table && text.slice(s, end).includes('|')) {
        for (const cell of tableCells(text, s, end)) single(cell);
        continue;
      }
      table = false;
      // List item.
      if (c0 === 45 || c0 === 42 || c0 === 43 || (c0 >= 48 && c0 <= 57)) {
        const m = stickyAt(LIST_RE, text, s);
        if (m) {
          flush();
          let a = s + m[0].length;
          const t = stickyAt(TASK_RE, text, a);
          if (t) a += t[0].length;
          cur = [];
          if (a < end) cur.push({ start: a, end });
          inList = true;
          continue;
        }
      }
    }
    // Paragraph text.
    if (cur && !wasBlank) {
      cur.push({ start: s, end });
      continue;
    }
    flush();
    if (indent < 2) inList = false;
    cur = [{ start: s, end }];
  }
  flush();
  inline.clear();
  return { prose, blocks };
}

function frontMatterEnd(text: string, lines: Line[]): number {
  if (lines.length < 2) return 0;
  const first = text.slice(lines[0]!.start, lines[0]!.end).trimEnd();
  if (first !== '---' && first !== '+++') return 0;
  for (let i = 1; i < lines.length; i++) {
    const l = text.slice(lines[i]!.start, lines[i]!.end).trimEnd();
    if (l === first || (first === '---' && l === '...')) return i + 1;
  }
  return 0; // unclosed: not front matter (a thematic break)
}

function isRule(text: string, s: number, end: number, ch: number): boolean {
  let count = 0;
  for (let i = s; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === ch) count++;
    else if (!(isWs(c) && ch !== 61)) return false;
  }
  return ch === 61 ? count >= 1 : count >= 3;
}

function isDelimiterRow(text: string, s: number, end: number): boolean {
  let pipes = 0;
  let dashes = 0;
  for (let i = s; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 124) pipes++;
    else if (c === 45) dashes++;
    else if (c !== 58 && !isWs(c)) return false;
  }
  return pipes > 0 && dashes > 0;
}

/** Cells of a table row, trimmed, pipes (not escaped, not in code) excluded. */
function tableCells(text: string, s: number, end: number): Span[] {
  const cells: Span[] = [];
  let a = s;
  let inCode = false;
  const push = (x: number, y: number) => {
    while (x < y && isWs(text.charCodeAt(x))) x++;
    while (y > x && isWs(text.charCodeAt(y - 1))) y--;
    if (y > x) cells.push({ start: x, end: y });
  };
  for (let i = s; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 96) inCode = !inCode;
    else if (c === 124 && !inCode) {
      push(a, i);
      a = i + 1;
    }
  }
  push(a, end);
  return cells;
}

const INLINE_RE = /`+|<|\\|\]\(|\]\[|\bhttps?:\/\/|\bwww\./g;
const AUTOLINK_RE = /<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[^\s<>@]+@[^\s<>]+>/y;
const TAG_RE = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>|<!--[\s\S]*?-->/y;

/** Add the prose of a block (its line spans) minus inline code, tags, URLs... */
/** The next inline construct (NextMatch: linear over a long document). */
const inline = new NextMatch(INLINE_RE);

function addProse(text: string, segs: readonly Span[], prose: Span[]): void {
  const a = segs[0]!.start;
  const b = segs[segs.length - 1]!.end;
  const excl: Span[] = [];
  const re = INLINE_RE;
  re.lastIndex = a;
  let m: RegExpExecArray | null;
  while ((m = inline.at(text, re.lastIndex)) !== null && m.index < b) {
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

function pushTrimmed(text: string, prose: Span[], s: number, e: number): void {
  while (s < e && isWs(text.charCodeAt(s))) s++;
  while (e > s && isWs(text.charCodeAt(e - 1))) e--;
  if (e > s) prose.push({ start: s, end: e });
}
