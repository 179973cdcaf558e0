/**
 * Citations of source documents (title, author, publisher, date, URL, page) for the dossier.
 * A small formatter of our own until the citation module (src/core/citation/) lands; it only needs
 * the document's sources.yaml metadata.
 */
import type { DocumentInfo } from '../index/api';

export interface CitationParts {
  readonly title: string;
  readonly authors: readonly string[];
  readonly publisher?: string;
  readonly date?: string;
  readonly url?: string;
  readonly kind?: string;
  readonly path: string;
}

export function citationParts(doc: DocumentInfo): CitationParts {
  const m = doc.meta ?? {};
  return {
    title: doc.title,
    authors: m.authors ?? [],
    ...(m.publisher ? { publisher: m.publisher } : {}),
    ...(m.date ? { date: m.date } : {}),
    ...(m.url ? { url: m.url } : {}),
    ...(m.kind ? { kind: m.kind } : {}),
    path: doc.id,
  };
}

function joinAuthors(a: readonly string[]): string {
  if (a.length <= 1) return a[0] ?? '';
  return `${a.slice(0, -1).join(', ')} and ${a[a.length - 1]}`;
}

/**
 * A bibliography entry as plain text (the caller escapes it for its format):
 * `Authors. “Title.” Kind, Publisher, Date. URL. (path)`; parts that are unknown are left out.
 */
export function formatBibliographyEntry(c: CitationParts): string {
  const parts: string[] = [];
  if (c.authors.length) parts.push(`${joinAuthors(c.authors)}.`);
  parts.push(`“${c.title.replace(/[.]$/, '')}.”`);
  const pub = [c.kind && c.kind[0]!.toUpperCase() + c.kind.slice(1), c.publisher, c.date ?? 'undated'].filter(Boolean).join(', ');
  parts.push(`${pub}.`);
  if (c.url) parts.push(`${c.url}.`);
  parts.push(`Source file: ${c.path}.`);
  return parts.join(' ');
}

/** A short in-text citation: `Title (Authors, Date), p. 3, line 12`. */
export function formatShortCitation(c: CitationParts, where: { page?: number; line?: number }): string {
  const who = [joinAuthors(c.authors) || c.publisher, c.date ?? 'undated'].filter(Boolean).join(', ');
  const loc = [where.page !== undefined ? `p. ${where.page}` : undefined, where.line !== undefined ? `line ${where.line}` : undefined].filter(Boolean).join(', ');
  return `${c.title} (${who})${loc ? `, ${loc}` : ''}`;
}
