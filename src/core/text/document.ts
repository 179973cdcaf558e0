import { markdownLayout } from './markdown';
import { blockParagraphs, segmentSentences, textBlocks } from './segment';
import { tokenizeSpans } from './tokenize';
import type { PreparedDocument, Sentence, SourceMeta, Span } from '../types';

export type DocumentFormat = 'text' | 'markdown';

export function formatOf(path: string): DocumentFormat {
  return /\.(md|markdown|mdown|mkd)$/i.test(path) ? 'markdown' : 'text';
}

/**
 * Prepare a document for recognition: prose spans, paragraphs, sentences, tokens.
 * Offsets are UTF-16 offsets into `text` as given (BOM already removed by decodeText, CRLF kept).
 * Text: the whole text is prose; paragraphs are blank-line separated blocks, split further at
 * headlines and unwrapped line breaks (segment.ts). Markdown: see markdown.ts for what is prose;
 * headings, list items and table cells are paragraphs of their own.
 */
export function prepareDocument(id: string, text: string, format: DocumentFormat = formatOf(id), meta?: SourceMeta): PreparedDocument {
  let prose: Span[];
  let blocks: Span[][];
  if (format === 'markdown') {
    const layout = markdownLayout(text);
    prose = layout.prose;
    blocks = layout.blocks;
  } else {
    prose = text.length > 0 ? [{ start: 0, end: text.length }] : [];
    blocks = textBlocks(text);
  }
  const paragraphs: Span[] = [];
  for (const b of blocks) blockParagraphs(text, b, paragraphs);
  const sentences = segmentSentences(text, paragraphs, format === 'markdown' ? prose : undefined);
  const tokens = tokenizeSpans(text, prose);
  const tokenSentence = new Int32Array(tokens.length);
  let si = 0;
  for (let i = 0; i < tokens.length; i++) {
    while (si < sentences.length - 1 && sentences[si]!.end <= tokens[i]!.start) si++;
    tokenSentence[i] = si;
  }
  return { id, text, format, prose, paragraphs, sentences, tokens, tokenSentence, meta };
}

/** Index of the sentence that holds (or, between sentences, follows) an offset; -1 if none. */
export function sentenceIndexAt(doc: Pick<PreparedDocument, 'sentences'>, offset: number): number {
  const ss = doc.sentences;
  let lo = 0;
  let hi = ss.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ss[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < ss.length ? lo : -1;
}

/** The sentence holding an offset (start inclusive, end inclusive so that a caret after the full stop counts). */
export function sentenceAt(doc: Pick<PreparedDocument, 'sentences'>, offset: number): Sentence | undefined {
  const i = sentenceIndexAt(doc, offset);
  if (i >= 0 && doc.sentences[i]!.start <= offset) return doc.sentences[i];
  const prev = i < 0 ? doc.sentences[doc.sentences.length - 1] : doc.sentences[i - 1];
  return prev && prev.end === offset ? prev : undefined;
}

/**
 * A passage for display: sentence `sentenceIndex` with up to `before` sentences before it and
 * `after` after it, never leaving its paragraph. Undefined for an index out of range.
 */
export function displayPassage(
  doc: Pick<PreparedDocument, 'sentences'>,
  sentenceIndex: number,
  opts: { before?: number; after?: number } = {},
): Span | undefined {
  const ss = doc.sentences;
  const s = ss[sentenceIndex];
  if (!s) return undefined;
  let a = sentenceIndex;
  let b = sentenceIndex;
  for (let k = opts.before ?? 1; k > 0 && a > 0 && ss[a - 1]!.paragraph === s.paragraph; k--) a--;
  for (let k = opts.after ?? 1; k > 0 && b + 1 < ss.length && ss[b + 1]!.paragraph === s.paragraph; k--) b++;
  return { start: ss[a]!.start, end: ss[b]!.end };
}

/**
 * The document without its tokens: what the index keeps once recognition is done (tokens are a
 * third of the memory of an indexed corpus and cheap to make again).
 */
export function leanDocument(doc: PreparedDocument): PreparedDocument {
  return { ...doc, tokens: [], tokenSentence: new Int32Array(0) };
}

/** The document with its tokens, made again when a lean document needs them. */
export function withTokens(doc: PreparedDocument): PreparedDocument {
  if (doc.tokens.length > 0 || doc.prose.length === 0) return doc;
  const tokens = tokenizeSpans(doc.text, doc.prose);
  if (tokens.length === 0) return doc;
  const tokenSentence = new Int32Array(tokens.length);
  let si = 0;
  for (let i = 0; i < tokens.length; i++) {
    while (si < doc.sentences.length - 1 && doc.sentences[si]!.end <= tokens[i]!.start) si++;
    tokenSentence[i] = si;
  }
  return { ...doc, tokens, tokenSentence };
}
