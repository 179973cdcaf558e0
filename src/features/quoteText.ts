/** Labels and Markdown for quotes and claims, shared by the views, the hovers and the copy command. */
import type { Claim } from '../core/claims/extract';
import type { Corpus } from '../core/index/api';
import { escapeMarkdown, sourceLabel } from '../core/index/entityText';
import type { Quote } from '../core/quotes/types';

export function oneLine(s: string, max = 90): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

/** Who said it, as a reader would name them: the entity, else the words of the text ("a source"). */
export function speakerName(corpus: Corpus, q: Quote): string {
  if (q.entityId) return corpus.entity(q.entityId)?.name ?? q.speakerText ?? 'unknown speaker';
  if (q.speakerText && /^(i|we)$/i.test(q.speakerText.trim())) return `the author (“${q.speakerText.trim()}”)`;
  return q.speakerText ? q.speakerText.replace(/\s+/g, ' ') : 'unattributed';
}

export function quoteLabel(q: Quote, max = 90): string {
  const t = oneLine(q.text, max);
  return q.kind === 'direct' ? `“${t}”` : t;
}

/** A quote as a Markdown citation (for the clipboard): the words, the speaker, the source. */
export function quoteAsMarkdown(corpus: Corpus, q: Quote): string {
  const src = corpus.documentInfo(q.docId);
  const words = q.kind === 'direct' ? `“${q.text.replace(/\s+/g, ' ')}”` : q.text.replace(/\s+/g, ' ');
  return `> ${words}\n>\n> — ${speakerName(corpus, q)} (${q.cueText}), ${sourceLabel(src)} (${q.docId})\n`;
}

/** Escaped Markdown lines for a hover: the quote, its speaker and source. */
export function quoteHoverLines(corpus: Corpus, q: Quote, max = 300): string {
  const src = escapeMarkdown(sourceLabel(corpus.documentInfo(q.docId), q.docId));
  const words = escapeMarkdown(oneLine(q.text, max));
  return `> ${q.kind === 'direct' ? `“${words}”` : words}\n>\n> — **${escapeMarkdown(speakerName(corpus, q))}** (${escapeMarkdown(q.cueText)}) · *${src}*`;
}

export function claimLabel(c: Claim): string {
  return `${c.measure}: ${c.text}`;
}
