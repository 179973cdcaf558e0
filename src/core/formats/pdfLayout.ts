/**
 * From the positioned text runs pdf.js gives for each page to one text: lines in reading order,
 * paragraphs at vertical gaps, words hyphenated at line ends joined, and the headers and footers that
 * repeat on most pages dropped. Pure: the PDF reader (src/node/formats/pdf.ts) feeds it.
 */

/** A run of text on a page (pdf.js TextItem, reduced). y grows upwards (PDF user space). */
export interface TextRun {
  readonly str: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  /** Font size (height of the run). */
  readonly size: number;
  readonly hasEOL: boolean;
}

export interface PageLine {
  text: string;
  y: number;
  size: number;
  /** Left and right edge (absent on lines built by hand). */
  x0?: number;
  x1?: number;
}

/**
 * Group a page's runs (content-stream order) into lines, adding spaces at visible gaps; a wide gap
 * (a column gutter) starts a new line. Then put columns in reading order (see readingOrder).
 */
export function pageLines(runs: readonly TextRun[]): PageLine[] {
  const lines: PageLine[] = [];
  let cur: { parts: string[]; y: number; size: number; endX: number; x0: number } | undefined;
  let breakNext = false;
  for (const r of runs) {
    if (r.str === '' && !r.hasEOL) continue;
    const size = r.size || 10;
    const sameLine = cur && !breakNext && Math.abs(r.y - cur.y) <= Math.max(cur.size, size) * 0.5 && r.x >= cur.endX - size && (cur.parts.length === 0 || r.x - cur.endX < size * 2.5);
    if (!sameLine) {
      if (cur) lines.push({ text: cur.parts.join(''), y: cur.y, size: cur.size, x0: cur.x0, x1: cur.endX });
      cur = { parts: [], y: r.y, size, endX: r.x, x0: r.x };
    }
    const c = cur!;
    if (r.str && !r.str.trim() && cur && !breakNext) {
      // pdf.js fills gaps with a space run as wide as the gap: a gutter must stay a gap.
      breakNext = r.hasEOL;
      continue;
    }
    if (r.str) {
      const prev = c.parts.length ? c.parts[c.parts.length - 1]! : '';
      const gap = r.x - c.endX;
      if (prev && !/\s$/.test(prev) && !/^\s/.test(r.str) && gap > size * 0.15) c.parts.push(' ');
      c.parts.push(r.str);
      c.endX = r.x + r.width;
      c.size = Math.max(c.size, size);
    }
    breakNext = r.hasEOL;
  }
  if (cur) lines.push({ text: cur.parts.join(''), y: cur.y, size: cur.size, x0: cur.x0, x1: cur.endX });
  return readingOrder(lines.map((l) => ({ ...l, text: normaliseLine(l.text) })).filter((l) => l.text.length > 0));
}

/**
 * Pages in columns in reading order: when a vertical gutter separates at least five lines on each side
 * (and few lines cross it), the full-width lines above the columns come first, then the left column
 * top to bottom, then the right one, then the full-width lines below. Each side is read the same way
 * again, so three or four columns (or a column split in two below a wide heading) come in order too.
 * Other pages keep their order.
 */
export function readingOrder(lines: PageLine[], depth = 0): PageLine[] {
  const placed = lines.filter((l) => l.x0 !== undefined && l.x1 !== undefined);
  if (placed.length < 10) return lines;
  const minX = Math.min(...placed.map((l) => l.x0!));
  const maxX = Math.max(...placed.map((l) => l.x1!));
  const width = maxX - minX;
  let best: { g: number; score: number } | undefined;
  for (const cand of new Set(placed.map((l) => l.x0!))) {
    if (cand < minX + width * 0.3 || cand > minX + width * 0.7) continue;
    let left = 0;
    let right = 0;
    let cross = 0;
    for (const l of placed) {
      if (l.x1! <= cand - 2) left++;
      else if (l.x0! >= cand) right++;
      else cross++;
    }
    const score = Math.min(left, right);
    if (score >= 5 && cross <= placed.length * 0.2 && (!best || score > best.score)) best = { g: cand, score };
  }
  if (!best) return lines;
  const g = best.g;
  const side = (l: PageLine): 'left' | 'right' | 'cross' => (l.x0 === undefined || l.x1 === undefined ? 'cross' : l.x1 <= g - 2 ? 'left' : l.x0 >= g ? 'right' : 'cross');
  const cols = lines.filter((l) => side(l) !== 'cross');
  const top = Math.max(...cols.map((l) => l.y));
  const byY = (a: PageLine, b: PageLine) => b.y - a.y;
  const above = lines.filter((l) => side(l) === 'cross' && l.y > top).sort(byY);
  const below = lines.filter((l) => side(l) === 'cross' && l.y <= top).sort(byY);
  const left = lines.filter((l) => side(l) === 'left').sort(byY);
  const right = lines.filter((l) => side(l) === 'right').sort(byY);
  // Each split leaves at least five lines on each side, so this ends; the depth bounds it anyway.
  const inner = (ls: PageLine[]) => (depth < 4 ? readingOrder(ls, depth + 1) : ls);
  return [...above, ...inner(left), ...inner(right), ...below];
}

/** Ligatures to letters, odd spaces to spaces, runs of spaces collapsed, ends trimmed. */
export function normaliseLine(s: string): string {
  return s
    .replace(/[\uFB00-\uFB06]/g, (c) => c.normalize('NFKC'))
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** Key under which a header or footer line is the same on every page (page numbers vary). */
function furnitureKey(s: string): string {
  return s.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

const PAGE_NUMBER = /^(?:page\s+)?[#ivxlc]+(?:\s*(?:of|\/)\s*#)?$|^[-–—]\s*#\s*[-–—]$/i;

/**
 * Drop running headers and footers: among the first two and last two lines of each page, a line
 * whose digit-blind text repeats on at least 60% of the pages (and on two or more), and bare page numbers.
 * Returns the kept lines per page and the number of lines dropped.
 */
export function dropFurniture(pages: readonly PageLine[][]): { pages: PageLine[][]; dropped: number } {
  if (pages.length < 2) return { pages: pages.map((p) => [...p]), dropped: 0 };
  const edge = (p: readonly PageLine[]): PageLine[] => (p.length <= 4 ? [...p] : [...p.slice(0, 2), ...p.slice(-2)]);
  const counts = new Map<string, number>();
  for (const p of pages) for (const k of new Set(edge(p).map((l) => furnitureKey(l.text)))) counts.set(k, (counts.get(k) ?? 0) + 1);
  const min = Math.max(2, Math.ceil(pages.length * 0.6));
  let dropped = 0;
  const out = pages.map((p) => {
    const edges = new Set(edge(p));
    return p.filter((l) => {
      if (!edges.has(l)) return true;
      const k = furnitureKey(l.text);
      const drop = (counts.get(k) ?? 0) >= min || PAGE_NUMBER.test(k);
      if (drop) dropped++;
      return !drop;
    });
  });
  return { pages: out, dropped };
}

/**
 * A page's lines as text: lines of a paragraph joined by "\n", a blank line where the vertical gap
 * is more than 1.6 line heights (or the font size changes a lot), a word split by a hyphen at a line
 * end joined ("infor-\nmation" → "information").
 */
export function pageText(lines: readonly PageLine[]): string {
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (i === 0) {
      out = l.text;
      continue;
    }
    const prev = lines[i - 1]!;
    const gap = Math.abs(prev.y - l.y);
    const lineHeight = Math.max(prev.size, l.size) * 1.2;
    const newPara = gap > lineHeight * 1.6 || Math.abs(prev.size - l.size) > Math.min(prev.size, l.size) * 0.25 || l.y > prev.y + lineHeight;
    if (!newPara && /\p{Ll}[-\u00AD]$/u.test(out) && /^\p{Ll}/u.test(l.text)) {
      out = out.slice(0, -1) + l.text;
      continue;
    }
    out += (newPara ? '\n\n' : '\n') + l.text;
  }
  return out.replace(/\u00AD/g, '');
}
