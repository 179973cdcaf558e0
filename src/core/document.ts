import { tokenizeSpans } from './tokenize';
import type { PreparedDocument, Sentence, SourceMeta, Span } from './types';

export type DocumentFormat = 'text' | 'markdown';

export function formatOf(path: string): DocumentFormat {
  return /\.(md|markdown)$/i.test(path) ? 'markdown' : 'text';
}

/**
 * Prepare a document for recognition: prose spans, paragraphs, sentences, tokens.
 * (Markdown prose masking and sentence fixes live in markdown.ts and segment.ts.)
 */
export function prepareDocument(id: string, text: string, format: DocumentFormat = formatOf(id), meta?: SourceMeta): PreparedDocument {
  const prose: Span[] = [{ start: 0, end: text.length }];
  const paragraphs = splitParagraphs(text);
  const sentences: Sentence[] = [];
  const seg = new Intl.Segmenter('en', { granularity: 'sentence' });
  paragraphs.forEach((p, pi) => {
    for (const s of seg.segment(text.slice(p.start, p.end))) {
      const start = p.start + s.index;
      let end = start + s.segment.length;
      while (end > start && /\s/.test(text[end - 1]!)) end--;
      if (end > start) sentences.push({ start, end, paragraph: pi });
    }
  });
  const tokens = tokenizeSpans(text, prose);
  const tokenSentence = new Int32Array(tokens.length);
  let si = 0;
  for (let i = 0; i < tokens.length; i++) {
    while (si < sentences.length - 1 && sentences[si]!.end <= tokens[i]!.start) si++;
    tokenSentence[i] = si;
  }
  return { id, text, format, prose, paragraphs, sentences, tokens, tokenSentence, meta };
}

function splitParagraphs(text: string): Span[] {
  const out: Span[] = [];
  const re = /\S[\s\S]*?(?=(?:\r?\n|\r)[ \t]*(?:\r?\n|\r)|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    let end = m.index + m[0].length;
    while (end > m.index && /\s/.test(text[end - 1]!)) end--;
    out.push({ start: m.index, end });
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}
