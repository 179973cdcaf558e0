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
 *
 * This file scans the lines into blocks; the inline constructs inside a block are markdownInline.ts's,
 * the line splitting and character tests markdownScan.ts's.
 */
import type { Span } from '../types';
import { InlineProse } from './markdownInline';
import { isWs, splitLines, stickyAt, type Line } from './markdownScan';

export interface MarkdownLayout {
  /** Prose spans, sorted and disjoint. */
  readonly prose: Span[];
  /** Blocks in document order, each as the content spans of its lines. */
  readonly blocks: Span[][];
}

const FENCE_RE = /(`{3,}|~{3,})([^\r\n]*)/y;
const ATX_RE = /#{1,6}(?=[ \t]|$)/y;
const LIST_RE = /(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)/y;
const TASK_RE = /\[[ xX]\][ \t]+/y;
const REFDEF_RE = /\[(?:[^\]\\\r\n]|\\.)+\]:[ \t]*\S/y;
const HTML_BLOCK_RE = /<(script|pre|style|textarea)(?=[\s>]|$)/iy;

/** The prose and blocks of a markdown text. */
export function markdownLayout(text: string): MarkdownLayout {
  const lines = splitLines(text);
  const blocks: Span[][] = [];
  const prose: Span[] = [];
  const inline = new InlineProse(text);
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
      inline.add(cur, prose);
    }
    cur = undefined;
  };
  const single = (span: Span) => {
    flush();
    if (span.end > span.start) {
      blocks.push([span]);
      inline.add([span], prose);
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

