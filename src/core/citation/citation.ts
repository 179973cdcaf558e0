/**
 * Citations of sources and passages: title, authors, publisher, date, URL and page, as plain
 * text, Markdown (escaped: metadata is untrusted) and CSL-JSON items. BibTeX and normalised
 * CSL-JSON go through citation-js (citationJs.ts).
 *
 *   const c = citationOf(corpus.documentInfo(id)!, { page: 12 });
 *   citationText(c)      // Arye Gut and Said Musayev, “Title”, The Post, 5 June 2023, p. 12, https://…
 *   citationMarkdown(c)  // the same with the title in italics and the URL as a link
 *   citationCsl(c)       // a CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html)
 */
import { escapeMarkdownInline as escapeMarkdown } from '../text/escape';
import type { SourceMeta } from '../types';

/** What is cited: a source document. */
export interface CitationSource {
  /** The document id (its path); used for the citation key. */
  readonly id?: string;
  readonly title: string;
  readonly authors?: readonly string[];
  readonly publisher?: string;
  /** ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD (a longer ISO timestamp is cut to its day). */
  readonly date?: string;
  readonly url?: string;
  /** What it is: article, op-ed, press release, report, e-mail, ... (sources.yaml `kind`). */
  readonly kind?: string;
  /** The document's format (text, markdown, pdf, html, docx, email, image). */
  readonly format?: string;
}

/** A citation of a source, or of a passage of it (with its page). */
export interface Citation {
  readonly source: CitationSource;
  /** 1-based page of the passage (paged formats). */
  readonly page?: number;
  /** Last page, when the passage runs over more than one. */
  readonly endPage?: number;
}

export type CitationFormat = 'text' | 'markdown' | 'bibtex' | 'csl-json';

export const CITATION_FORMATS: readonly { readonly format: CitationFormat; readonly label: string }[] = [
  { format: 'text', label: 'Plain text' },
  { format: 'markdown', label: 'Markdown' },
  { format: 'bibtex', label: 'BibTeX' },
  { format: 'csl-json', label: 'CSL-JSON' },
];

/** What a file says about itself (the format readers' DocumentMeta, formats/types.ts). */
export interface FileFacts {
  readonly format?: string;
  readonly meta?: { readonly title?: string; readonly authors?: readonly string[]; readonly publisher?: string; readonly date?: string; readonly url?: string };
}

/**
 * The citation of a document as the index describes it: its title, and each field from
 * sources.yaml (`doc.meta`), else from the file's own metadata (`file`).
 */
export function citationOf(
  doc: { readonly id: string; readonly title: string; readonly meta?: SourceMeta },
  at: { readonly page?: number; readonly endPage?: number } = {},
  file: FileFacts = {},
): Citation {
  const m = doc.meta ?? {};
  const f = file.meta ?? {};
  return {
    source: {
      id: doc.id,
      title: doc.title,
      authors: m.authors?.length ? m.authors : f.authors,
      publisher: m.publisher ?? f.publisher,
      date: m.date ?? f.date,
      url: m.url ?? f.url,
      kind: m.kind,
      format: file.format,
    },
    page: at.page,
    endPage: at.endPage !== undefined && at.page !== undefined && at.endPage > at.page ? at.endPage : undefined,
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Year, month, day of an ISO date (YYYY, YYYY-MM, YYYY-MM-DD, or a timestamp); undefined when it is not one. */
export function dateParts(date: string | undefined): number[] | undefined {
  const m = date ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(date.trim()) : null;
  if (!m) return undefined;
  const parts = [Number(m[1])];
  if (m[2] && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    parts.push(Number(m[2]));
    if (m[3] && Number(m[3]) >= 1 && Number(m[3]) <= 31) parts.push(Number(m[3]));
  }
  return parts;
}

/** "5 June 2023", "June 2023", "2023"; the text as given when it is not an ISO date. */
export function humanDate(date: string): string {
  const p = dateParts(date);
  if (!p) return date.trim();
  const [y, mo, d] = p;
  return [d, mo !== undefined ? MONTHS[mo - 1] : undefined, y].filter((x) => x !== undefined).join(' ');
}

/** "A", "A and B", "A, B and C", "A, B, C et al." (more than three). */
export function authorList(authors: readonly string[] | undefined): string | undefined {
  const a = (authors ?? []).map((s) => s.trim()).filter(Boolean);
  if (a.length === 0) return undefined;
  if (a.length === 1) return a[0];
  if (a.length > 3) return `${a.slice(0, 3).join(', ')} et al.`;
  return `${a.slice(0, -1).join(', ')} and ${a[a.length - 1]}`;
}

/** "p. 12", "pp. 12–13". */
export function pageLabel(c: Pick<Citation, 'page' | 'endPage'>): string | undefined {
  if (c.page === undefined) return undefined;
  return c.endPage !== undefined && c.endPage > c.page ? `pp. ${c.page}–${c.endPage}` : `p. ${c.page}`;
}

/** An http(s) URL, or undefined (other schemes are never turned into links). */
export function safeUrl(url: string | undefined): string | undefined {
  const u = url?.trim();
  if (!u || !/^https?:\/\/[^\s<>"]+$/i.test(u)) return undefined;
  return u;
}

/** Control characters and line breaks out, whitespace collapsed: metadata fits on one line. */
function clean(s: string | undefined): string | undefined {
  // eslint-disable-next-line no-control-regex
  const t = s?.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return t || undefined;
}

/** Plain text: Authors, “Title”, Publisher, 5 June 2023, p. 12, URL. Only the parts that are known. */
export function citationText(c: Citation): string {
  const s = c.source;
  const parts = [
    clean(authorList(s.authors)),
    `“${clean(s.title) ?? 'Untitled'}”`,
    clean(s.publisher),
    s.date ? clean(humanDate(s.date)) : undefined,
    pageLabel(c),
    clean(s.url),
  ].filter((p): p is string => !!p);
  return parts.join(', ');
}

/** Markdown: Authors, *Title*, Publisher, 5 June 2023, p. 12, <URL> — every value escaped, only http(s) URLs linked. */
export function citationMarkdown(c: Citation): string {
  const s = c.source;
  const esc = (v: string | undefined) => (v ? escapeMarkdown(v) : undefined);
  const url = safeUrl(s.url);
  const parts = [
    esc(clean(authorList(s.authors))),
    `*${esc(clean(s.title)) ?? 'Untitled'}*`,
    esc(clean(s.publisher)),
    s.date ? esc(clean(humanDate(s.date))) : undefined,
    pageLabel(c),
    url ? `<${url}>` : esc(clean(s.url)),
  ].filter((p): p is string => !!p);
  return parts.join(', ');
}

/** A CSL-JSON item (the data citation-js and citeproc read). */
export interface CslItem {
  id: string;
  type: string;
  title: string;
  author?: ({ family: string; given?: string } | { literal: string })[];
  publisher?: string;
  'container-title'?: string;
  issued?: { 'date-parts': number[][] } | { literal: string };
  URL?: string;
  page?: string;
  genre?: string;
  medium?: string;
}

const ORG_WORDS =
  /\b(inc|ltd|llc|plc|co|corp|company|staff|news|agency|ministry|office|department|press|times|post|association|council|committee|group|organi[sz]ation|institute|university|foundation|bureau|service|government|bank|watch|reuters|bbc|editorial|team|desk|embassy|commission|court|party|union)\b\.?/i;

/** A name as CSL wants it: family and given for a person ("Maayan Hoffman", "Hoffman, Maayan"); a literal for an organisation. */
export function cslName(name: string): { family: string; given?: string } | { literal: string } {
  const n = clean(name) ?? '';
  const comma = /^([^,]+),\s*([^,]+)$/.exec(n);
  if (comma && !ORG_WORDS.test(n)) return { family: comma[1]!.trim(), given: comma[2]!.trim() };
  const words = n.split(' ');
  if (words.length < 2 || words.length > 4 || ORG_WORDS.test(n) || !words.every((w) => /^\p{Lu}/u.test(w) || /^(van|von|de|der|den|da|di|du|la|le|al|el|bin|ibn)$/i.test(w))) return { literal: n };
  // Particles go with the family name ("Ursula von der Leyen").
  let i = words.length - 1;
  while (i > 1 && /^(van|von|de|der|den|da|di|du|la|le|al|el|bin|ibn)$/i.test(words[i - 1]!)) i--;
  return { family: words.slice(i).join(' '), given: words.slice(0, i).join(' ') };
}

/** The CSL type of a source, from its kind and format. */
export function cslType(s: CitationSource): string {
  const k = (s.kind ?? '').toLowerCase();
  if (/op-?ed|column|editorial|news|article|interview|obituary/.test(k)) return s.format === 'html' ? 'webpage' : 'article-newspaper';
  if (/report|white ?paper|study|brief/.test(k)) return 'report';
  if (/court|filing|judg(e)?ment|ruling|legal/.test(k)) return 'legal_case';
  if (/letter|e-?mail|memo|message/.test(k) || s.format === 'email') return 'personal_communication';
  if (/transcript|speech|hearing/.test(k)) return 'speech';
  if (/book/.test(k)) return 'book';
  if (s.format === 'html') return 'webpage';
  return 'document';
}

/** The citation key: the document id's file name without extension, letters and digits only. */
export function citationKey(s: CitationSource): string {
  const base = (s.id ?? s.title).replace(/^.*\//, '').replace(/\.[^.]+$/, '');
  return base.normalize('NFKD').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '') || 'source';
}

export function citationCsl(c: Citation): CslItem {
  const s = c.source;
  const item: CslItem = { id: citationKey(s), type: cslType(s), title: clean(s.title) ?? 'Untitled' };
  const authors = (s.authors ?? []).map((a) => clean(a)).filter((a): a is string => !!a);
  if (authors.length) item.author = authors.map(cslName);
  const publisher = clean(s.publisher);
  if (publisher) {
    if (item.type === 'article-newspaper' || item.type === 'webpage') item['container-title'] = publisher;
    item.publisher = publisher;
  }
  const parts = dateParts(s.date);
  if (parts) item.issued = { 'date-parts': [parts] };
  else if (clean(s.date)) item.issued = { literal: clean(s.date)! };
  const url = clean(s.url);
  if (url) item.URL = url;
  const page = pageLabel(c);
  if (page) item.page = c.endPage !== undefined ? `${c.page}-${c.endPage}` : String(c.page);
  const kind = clean(s.kind);
  if (kind && item.type === 'document') item.genre = kind;
  return item;
}
