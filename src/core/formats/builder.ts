/** Builds an extracted text piece by piece, keeping the page map and the OCR spans in step. */
import type { Span } from '../types';
import type { PageSpan } from './types';

/** Text between pages (and between an e-mail's header block and body). */
export const PAGE_BREAK = '\n\n';

export class TextBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  readonly pages: PageSpan[] = [];
  readonly ocr: Span[] = [];

  get size(): number {
    return this.length;
  }

  /** Append a page's text (a separator first unless this is the first piece). */
  addPage(page: number, text: string, fromOcr = false): void {
    if (this.length > 0) this.append(PAGE_BREAK);
    const start = this.length;
    this.append(text);
    this.pages.push({ page, start, end: this.length });
    if (fromOcr && text.length) this.ocr.push({ start, end: this.length });
  }

  /** Append a block of text (a separator first unless this is the first piece). */
  addBlock(text: string, fromOcr = false): void {
    if (!text) return;
    if (this.length > 0) this.append(PAGE_BREAK);
    const start = this.length;
    this.append(text);
    if (fromOcr) this.ocr.push({ start, end: this.length });
  }

  private append(s: string): void {
    this.parts.push(s);
    this.length += s.length;
  }

  toString(): string {
    return this.parts.join('');
  }
}

/** The 1-based page holding an offset (binary search); undefined for unpaged documents. */
export function pageAt(pages: readonly PageSpan[] | undefined, offset: number): number | undefined {
  if (!pages?.length) return undefined;
  let lo = 0;
  let hi = pages.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pages[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return pages[lo]!.page;
}

/** True when [start,end) overlaps an OCR'd span. */
export function isOcr(ocr: readonly Span[] | undefined, start: number, end: number): boolean {
  return !!ocr?.some((s) => s.start < end && start < s.end);
}

/** PDF date string (D:YYYYMMDDHHmmSSOHH'mm') or any parseable date → ISO 8601 (date, or date-time in UTC). */
export function isoDate(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().replace(/\.000Z$/, 'Z');
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  const pdf = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?'?/.exec(s);
  if (pdf) {
    const [, y, mo, d, h, mi, se, tz, tzh, tzm] = pdf;
    if (!mo) return y;
    if (!d) return `${y}-${mo}`;
    if (!h) return `${y}-${mo}-${d}`;
    let t = Date.UTC(+y!, +mo - 1, +d, +h, +(mi ?? 0), +(se ?? 0));
    if (tz === '+' || tz === '-') t -= (tz === '+' ? 1 : -1) * (+(tzh ?? 0) * 60 + +(tzm ?? 0)) * 60000;
    return new Date(t).toISOString().replace(/\.000Z$/, 'Z');
  }
  if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(s)) return s;
  const t = Date.parse(s);
  if (Number.isNaN(t)) return undefined;
  // A bare date (no time) stays a date.
  if (/^\d{4}-\d{2}-\d{2}$/.test(s.slice(0, 10)) && s.length === 10) return s;
  return new Date(t).toISOString().replace(/\.000Z$/, 'Z');
}

/** Clean a metadata string: trimmed, control characters out, empty → undefined. */
export function cleanMeta(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const s = v.replace(/[\u0000-\u001F\u007F]+/g, ' ').replace(/\s+/g, ' ').trim();
  return s || undefined;
}

/** "A; B and C" / "A, B" author lists → names. */
export function splitAuthors(v: unknown): string[] | undefined {
  const s = cleanMeta(v);
  if (!s) return undefined;
  const parts = s.split(/\s*;\s*|\s+and\s+|\s*&\s*/).map((p) => p.trim()).filter(Boolean);
  return parts.length ? parts : undefined;
}
