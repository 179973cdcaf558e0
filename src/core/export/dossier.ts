/**
 * The Markdown dossier of one entity or a selection: summary, aliases, quotes with speakers,
 * passages grouped by source (each quoted word for word and followed by its citation), and a
 * bibliography of the sources used. Source text is escaped so that it renders as written.
 */
import type { Corpus } from '../index/api';
import { TYPE_SINGULAR, plural } from '../index/entityText';
import { cooccurrence } from '../network/cooccurrence';
import type { QuoteSource } from '../search/quoteSource';
import { LineIndex } from '../text/text';
import type { EntitySummary, Span } from '../types';
import { citationMarkdown, citationOf, type FileFacts } from '../citation/citation';

export interface DossierOptions {
  readonly quotes?: QuoteSource;
  readonly pageOf?: (docId: string, offset: number) => number | undefined;
  /** What a file says about itself (PDF, HTML, Word, e-mail metadata), for the citations. */
  readonly fileFacts?: (docId: string) => FileFacts | undefined;
  /** "Generated on" date (default today), YYYY-MM-DD. */
  readonly today?: string;
}

/**
 * Escape text for Markdown with as few backslashes as possible, so the source's words stay legible
 * in the raw file: inline syntax everywhere, block syntax at the start. Whitespace is collapsed.
 */
export function markdownText(text: string): string {
  const t = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>|~$]/g, '\\$&')
    .replace(/&(?=#?\w+;)/g, '\\&');
  return t.replace(/^[#+=-]/, '\\$&').replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Undo markdownText's escapes (for checking a dossier against the sources). */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_[\]<>|~$&#+=.)-])/g, '$1');
}

interface Cited {
  readonly n: number;
  readonly docId: string;
}

class Bibliography {
  private readonly byDoc = new Map<string, Cited>();
  constructor(
    private readonly corpus: Corpus,
    private readonly fileFacts: DossierOptions['fileFacts'],
  ) {}
  cite(docId: string): Cited {
    let c = this.byDoc.get(docId);
    if (!c) this.byDoc.set(docId, (c = { n: this.byDoc.size + 1, docId }));
    return c;
  }
  /** The source's citation in Markdown (escaped by the citation module), with a page when given. */
  citation(docId: string, page?: number): string {
    const info = this.corpus.documentInfo(docId) ?? { id: docId, title: docId, chars: 0 };
    return citationMarkdown(citationOf(info, page !== undefined ? { page } : {}, this.fileFacts?.(docId) ?? {}));
  }
  /** The bibliography entry: the citation, what the source is, and its file. */
  entry(docId: string): string {
    const kind = this.corpus.documentInfo(docId)?.meta?.kind;
    return `${this.citation(docId)}${kind ? ` (${markdownText(kind)})` : ''}. Source file: ${markdownText(docId)}.`;
  }
  entries(): Cited[] {
    return [...this.byDoc.values()].sort((a, b) => a.n - b.n);
  }
}

export function dossier(corpus: Corpus, entities: readonly EntitySummary[], options: DossierOptions = {}): string {
  const bib = new Bibliography(corpus, options.fileFacts);
  const lines = new Map<string, LineIndex>();
  const lineOf = (docId: string, offset: number) => {
    let li = lines.get(docId);
    if (!li) lines.set(docId, (li = new LineIndex(corpus.text(docId) ?? '')));
    return li.positionAt(offset).line + 1;
  };
  const cite = (docId: string, offset: number) => {
    const c = bib.cite(docId);
    const page = options.pageOf?.(docId, offset);
    return `— ${bib.citation(docId, page)}, line ${lineOf(docId, offset)} [\\[${c.n}\\]](#source-${c.n})`;
  };
  const quote = (docId: string, span: Span): string[] => {
    const text = (corpus.text(docId) ?? '').slice(span.start, span.end);
    return [`> ${markdownText(text)}`, '>', `> ${cite(docId, span.start)}`, ''];
  };
  const single = entities.length === 1;
  const h = (level: number) => '#'.repeat(single ? level - 1 : level);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const out: string[] = [];
  out.push(single ? `# ${markdownText(entities[0]!.name)}` : `# Dossier: ${markdownText(entities.map((e) => e.name).join(', '))}`, '');
  out.push(`*Dossier by Source Research, ${today}, from ${plural(corpus.documents().length, 'source')}. Every passage is quoted word for word and cited; the sources are listed at the end.*`, '');
  if (!entities.length) out.push('No entities selected.', '');

  const net = entities.length ? cooccurrence(corpus) : { nodes: [], edges: [] };
  const names = new Map(corpus.entities().map((e) => [e.id, e.name]));
  for (const e of entities) {
    if (!single) out.push(`## ${markdownText(e.name)}`, '');
    // Summary.
    const docs = [...new Set(corpus.mentionsOf(e.id).map((m) => m.docId))];
    const titles = docs.map((d) => `*${markdownText(corpus.documentInfo(d)?.title ?? d)}*`);
    const related = net.edges
      .filter((x) => x.source === e.id || x.target === e.id)
      .slice(0, 6)
      .map((x) => `${markdownText(names.get(x.source === e.id ? x.target : x.source) ?? '')} (${plural(x.weight, 'passage')})`);
    out.push(`${h(3)} Summary`, '');
    out.push(
      `${markdownText(e.name)}: ${TYPE_SINGULAR[e.type]}, ${plural(e.mentionCount, 'mention')} in ${plural(docs.length, 'source')}${titles.length ? ` (${titles.join('; ')})` : ''}.` +
        (related.length ? ` Most often in the same sentence as ${related.join(', ')}.` : ''),
      '',
    );
    if (e.note) out.push(`Note (entities.yaml): ${markdownText(e.note)}`, '');
    out.push(`${h(3)} Aliases`, '');
    if (e.aliases.length) for (const a of e.aliases) out.push(`- ${markdownText(a)}`);
    else out.push('None known.');
    out.push('');
    // Quotes.
    if (options.quotes) {
      const qs = [...options.quotes.quotesBy(e.id)].sort((a, b) => a.docId.localeCompare(b.docId) || a.start - b.start);
      out.push(`${h(3)} Quotes by ${markdownText(e.name)}`, '');
      if (!qs.length) out.push('No quotes attributed.', '');
      for (const q of qs) out.push(...quote(q.docId, q));
    }
    // Passages by source, in document order, each sentence once.
    out.push(`${h(3)} Passages`, '');
    const byDoc = new Map<string, Span[]>();
    for (const m of corpus.mentionsOf(e.id)) {
      let l = byDoc.get(m.docId);
      if (!l) byDoc.set(m.docId, (l = []));
      if (!l.some((s) => s.start === m.passage.start)) l.push(m.passage);
    }
    if (!byDoc.size) out.push('No passages.', '');
    for (const d of corpus.documents()) {
      const spans = byDoc.get(d.id);
      if (!spans) continue;
      const c = bib.cite(d.id);
      out.push(`${h(4)} ${markdownText(d.title)} [\\[${c.n}\\]](#source-${c.n})`, '');
      for (const s of spans.sort((a, b) => a.start - b.start)) out.push(...quote(d.id, s));
    }
  }
  out.push('## Bibliography', '');
  for (const c of bib.entries()) out.push(`<a id="source-${c.n}"></a>**[${c.n}]** ${bib.entry(c.docId)}`, '');
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
