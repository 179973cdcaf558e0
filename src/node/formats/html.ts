/**
 * Saved web pages through @mozilla/readability on linkedom: the article as a reader sees it, not
 * navigation, ads or scripts (linkedom never runs scripts, and they are removed before Readability).
 * Title, byline, publisher, date and canonical URL from the page's metadata.
 */
import { Readability } from '@mozilla/readability';
import { cleanMeta, isoDate, splitAuthors } from '../../core/formats/builder';
import type { DocumentMeta, ExtractedDocument, ExtractionProblem, FormatReader, ReadContext } from '../../core/formats/types';
import { parseHtmlDocument, type MiniDocument } from './dom';
import { decodeHtml, htmlToText } from './htmlText';

export class HtmlReader implements FormatReader {
  readonly format = 'html' as const;
  readonly extensions = ['.html', '.htm', '.xhtml'];

  async read(bytes: Uint8Array, ctx: ReadContext): Promise<ExtractedDocument> {
    if (bytes.byteLength > ctx.limits.maxHtmlBytes) {
      return {
        format: 'html',
        text: '',
        meta: {},
        problems: [{ severity: 'error', message: `the page is ${mb(bytes.byteLength)}, more than the ${mb(ctx.limits.maxHtmlBytes)} a web page may have: skipped` }],
        skipped: true,
      };
    }
    return readHtml(decodeHtml(bytes));
  }
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** Read an HTML string (a web page, or an e-mail's HTML body). */
export function readHtml(html: string): ExtractedDocument {
  const problems: ExtractionProblem[] = [];
  const document = parseHtmlDocument(html);
  const scripts = document.querySelectorAll('script, noscript, style, template, iframe, object, embed');
  if (scripts.length) {
    let n = 0;
    for (const s of scripts) {
      if (s.nodeName.toLowerCase() === 'script') n++;
      s.remove();
    }
    if (n) problems.push({ severity: 'info', message: `${n} script${n === 1 ? '' : 's'} removed (never run)` });
  }
  const meta = pageMeta(document);
  let text = '';
  let article: ReturnType<Readability['parse']> = null;
  try {
    // Readability changes the tree it reads: give it a copy.
    article = new Readability(document.cloneNode(true) as never, { charThreshold: 200 }).parse();
  } catch (e) {
    problems.push({ severity: 'warning', message: `the article could not be isolated (${e instanceof Error ? e.message : String(e)}); the whole page is read` });
  }
  if (article?.content) {
    const content = parseHtmlDocument(`<!doctype html><html><body>${article.content}</body></html>`);
    if (content.body) text = htmlToText(content.body);
  }
  if (!text.trim()) text = htmlToText(document.body ?? document);
  const title = meta.title ?? cleanMeta(article?.title);
  if (title && !text.startsWith(title)) text = text ? `${title}\n\n${text}` : title;
  const out: { -readonly [K in keyof DocumentMeta]: DocumentMeta[K] } = { ...meta };
  if (!out.title && title) out.title = title;
  if (!out.authors) {
    const byline = splitAuthors(cleanMeta(article?.byline)?.replace(/^by\s+/i, ''));
    if (byline) out.authors = byline;
  }
  if (!out.publisher && cleanMeta(article?.siteName)) out.publisher = cleanMeta(article?.siteName);
  if (!out.date) {
    const d = isoDate(article?.publishedTime ?? undefined);
    if (d) out.date = d;
  }
  if (!out.description && cleanMeta(article?.excerpt)) out.description = cleanMeta(article?.excerpt);
  return { format: 'html', text, meta: out, problems };
}

function pageMeta(document: MiniDocument): DocumentMeta {
  const metaContent = (...keys: string[]): string | undefined => {
    for (const k of keys) {
      const el = document.querySelector(`meta[property="${k}"], meta[name="${k}"], meta[itemprop="${k}"]`);
      const v = cleanMeta(el?.getAttribute('content'));
      if (v) return v;
    }
    return undefined;
  };
  const out: { -readonly [K in keyof DocumentMeta]: DocumentMeta[K] } = {};
  const title = metaContent('og:title', 'twitter:title', 'dc.title', 'DC.title') ?? cleanMeta(document.querySelector('title')?.textContent);
  if (title) out.title = title;
  const author = metaContent('author', 'article:author', 'dc.creator', 'DC.creator', 'byl', 'parsely-author');
  const authors = splitAuthors(author?.replace(/^by\s+/i, ''));
  if (authors && !/^https?:/i.test(author ?? '')) out.authors = authors;
  const publisher = metaContent('og:site_name', 'application-name', 'publisher', 'dc.publisher', 'DC.publisher');
  if (publisher) out.publisher = publisher;
  const time = document.querySelector('time[datetime]')?.getAttribute('datetime');
  const date = isoDate(metaContent('article:published_time', 'datePublished', 'date', 'dc.date', 'DC.date', 'pubdate', 'og:published_time') ?? time ?? undefined);
  if (date) out.date = date;
  const canonical = cleanMeta(document.querySelector('link[rel="canonical"]')?.getAttribute('href')) ?? metaContent('og:url');
  if (canonical && /^https?:\/\//i.test(canonical)) out.url = canonical;
  const description = metaContent('description', 'og:description');
  if (description) out.description = description;
  const lang = cleanMeta(document.documentElement?.getAttribute('lang'));
  if (lang) out.language = lang;
  return out;
}
