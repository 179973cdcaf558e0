/**
 * The title of a document, and where it came from:
 *   1. sources.yaml (`title:`),
 *   2. the file's own metadata (a PDF's or Word file's title, an HTML <title>, an e-mail's subject;
 *      for Markdown: the front matter `title:` or the first heading),
 *   3. a plain-text file's first line, when it reads as a headline,
 *   4. the file name.
 */
import type { SourceMeta } from '../types';

export type TitleOrigin = 'sources.yaml' | 'file' | 'first line' | 'file name';

export interface DocumentTitle {
  readonly title: string;
  readonly from: TitleOrigin;
}

const MAX_HEADLINE = 160;
const MAX_HEADLINE_WORDS = 24;
/** How far into a file the title is looked for. */
const LOOK = 4000;

/** The file name of an id. */
export function baseName(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}

/**
 * The first line of a plain text when it reads as a headline: the first non-blank line, short (at
 * most 160 characters and 24 words), of at least two words with a capital letter, not ending like
 * running text (a comma, colon, semicolon, or a full stop after a lower-case word), and not a byline,
 * a date line or a salutation.
 */
export function headline(text: string): string | undefined {
  const head = text.slice(0, LOOK).replace(/^\uFEFF/, '');
  const m = /^[ \t\f\r\n]*([^\r\n]*)/.exec(head);
  const line = m?.[1]?.trim() ?? '';
  if (!line || line.length > MAX_HEADLINE) return undefined;
  const words = line.split(/\s+/);
  if (words.length < 2 || words.length > MAX_HEADLINE_WORDS) return undefined;
  if (!/\p{Lu}/u.test(line) || !/\p{L}{2}/u.test(line)) return undefined;
  if (/[,;:]$/.test(line) || /\p{Ll}[.]$/u.test(line)) return undefined;
  if (/^(by|from|to|dear|subject|date|sent)\b[\s:]/i.test(line)) return undefined;
  if (/^[\d\s/.,:-]+$/.test(line)) return undefined;
  return line;
}

/** A Markdown file's title: `title:` in its front matter, else its first heading. */
export function markdownTitle(text: string): string | undefined {
  const head = text.slice(0, LOOK).replace(/^\uFEFF/, '');
  const fm = /^---\r?\n([\s\S]*?)\r?\n---/.exec(head);
  if (fm) {
    const t = /^title:\s*(.+)$/m.exec(fm[1]!)?.[1]?.trim().replace(/^(['"])(.*)\1$/, '$2');
    if (t) return t;
  }
  const body = fm ? head.slice(fm[0].length) : head;
  const atx = /^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$/m.exec(body)?.[1]?.trim();
  const setext = /^(?:[ \t]*\r?\n)*([^\r\n]+)\r?\n=+[ \t]*$/m.exec(body)?.[1]?.trim();
  const title = atx ?? setext;
  return title ? title.replace(/[*_`]/g, '') : undefined;
}

/**
 * The title of a document. `fileTitle` is the title the file's own metadata gives (the format
 * readers); for `.md` and `.txt` files the text itself is looked at.
 */
export function documentTitle(id: string, text: string, meta?: SourceMeta, fileTitle?: string): DocumentTitle {
  const yaml = meta?.title?.trim();
  if (yaml) return { title: yaml, from: 'sources.yaml' };
  const own = fileTitle?.trim() || (/\.(md|markdown|mdown|mkd)$/i.test(id) ? markdownTitle(text) : undefined);
  if (own) return { title: own, from: 'file' };
  if (/\.txt$/i.test(id) || !/\.[^/]+$/.test(id)) {
    const h = headline(text);
    if (h) return { title: h, from: 'first line' };
  }
  return { title: baseName(id), from: 'file name' };
}
