/**
 * BibTeX and CSL-JSON through citation-js (@citation-js/core with the BibTeX plugin). Loaded on
 * first use (the bundle carries it; its code runs only when a citation in these formats is asked for).
 */
import { citationCsl, citationMarkdown, citationText, type Citation, type CitationFormat } from './citation';

const MONTH_MACROS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

type CiteCtor = typeof import('@citation-js/core').Cite;
let cite: Promise<CiteCtor> | undefined;

function load(): Promise<CiteCtor> {
  return (cite ??= (async () => {
    const core = await import('@citation-js/core');
    await import('@citation-js/plugin-bibtex');
    return core.Cite;
  })());
}

/**
 * One or more citations in a format. `text` and `markdown` give one line per citation; `bibtex` one
 * entry per citation; `csl-json` a JSON array of items (pretty-printed).
 */
export async function formatCitations(citations: readonly Citation[], format: CitationFormat): Promise<string> {
  if (format === 'text') return citations.map(citationText).join('\n');
  if (format === 'markdown') return citations.map(citationMarkdown).join('\n');
  const items = uniqueIds(citations.map(citationCsl));
  const Cite = await load();
  if (format === 'bibtex') {
    // BibTeX has year and month, no day (citation-js would write "month = {jun 5}").
    const monthly = items.map((it) => (it.issued && 'date-parts' in it.issued ? { ...it, issued: { 'date-parts': [it.issued['date-parts'][0]!.slice(0, 2)] } } : it));
    const bib = new Cite(monthly, { forceType: '@csl/list+object' }).format('bibtex', { format: 'text' }).trim();
    // The standard month macros (jan … dec), as BibTeX styles expect.
    return bib.replace(/^(\s*month = )\{(\d{1,2})\},$/gm, (m, key: string, n: string) => (MONTH_MACROS[Number(n) - 1] ? `${key}${MONTH_MACROS[Number(n) - 1]},` : m));
  }
  const c = new Cite(items, { forceType: '@csl/list+object' });
  return c.format('data', { format: 'text', spacing: 2 }).trim();
}

/** One citation in a format (see formatCitations). */
export function formatCitation(citation: Citation, format: CitationFormat): Promise<string> {
  return formatCitations([citation], format);
}

function uniqueIds<T extends { id: string }>(items: T[]): T[] {
  const seen = new Map<string, number>();
  return items.map((it) => {
    const n = seen.get(it.id) ?? 0;
    seen.set(it.id, n + 1);
    return n === 0 ? it : { ...it, id: `${it.id}-${n + 1}` };
  });
}
