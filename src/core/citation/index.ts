/**
 * Citations: the module other features use (Copy Citation, Copy Passages, exports).
 *
 *   citationOf(documentInfo, { page })          → Citation
 *   citationText(c) / citationMarkdown(c)         → one line, synchronous
 *   citationCsl(c)                                → a CSL-JSON item, synchronous
 *   formatCitation(c, 'bibtex' | 'csl-json' | …)  → Promise<string>, through citation-js
 *   formatCitations([c, …], format)               → several at once (a bibliography)
 */
export {
  CITATION_FORMATS,
  citationCsl,
  citationMarkdown,
  citationOf,
  citationText,
  humanDate,
  pageLabel,
  type Citation,
  type CitationFormat,
  type CitationSource,
  type CslItem,
} from './citation';
export { formatCitation, formatCitations } from './citationJs';
