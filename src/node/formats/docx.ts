/**
 * Word files through mammoth (headings, paragraphs, lists, tables, footnotes as HTML, then to text
 * like a web page). Title, author and dates from the core properties (docProps/core.xml). The zip's
 * declared uncompressed sizes are checked first: a zip bomb is refused before anything is inflated.
 */
import { unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { cleanMeta, isoDate, splitAuthors } from '../../core/formats/builder';
import type { DocumentMeta, ExtractedDocument, ExtractionProblem, FormatReader, ReadContext } from '../../core/formats/types';
import { parseHtmlDocument, parseXmlDocument } from './dom';
import { htmlToText } from './htmlText';

export class DocxReader implements FormatReader {
  readonly format = 'docx' as const;
  readonly extensions = ['.docx'];

  async read(bytes: Uint8Array, ctx: ReadContext): Promise<ExtractedDocument> {
    const skip = (message: string): ExtractedDocument => ({ format: 'docx', text: '', meta: {}, problems: [{ severity: 'error', message }], skipped: true });
    let declared = 0;
    let entries = 0;
    let core: Uint8Array | undefined;
    try {
      const files = unzipSync(bytes, {
        filter: (f) => {
          declared += f.originalSize;
          entries++;
          return f.name === 'docProps/core.xml' && f.originalSize < 1024 * 1024;
        },
      });
      core = files['docProps/core.xml'];
    } catch (e) {
      return skip(`the Word file is damaged (not a readable zip: ${e instanceof Error ? e.message : String(e)}): skipped`);
    }
    if (declared > ctx.limits.maxUncompressedBytes || entries > 10_000) {
      return skip(`the Word file would inflate to ${Math.round(declared / 1024 / 1024)} MB (limit ${Math.round(ctx.limits.maxUncompressedBytes / 1024 / 1024)} MB): skipped as a possible zip bomb`);
    }
    const problems: ExtractionProblem[] = [];
    let html: string;
    try {
      const r = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }, { ignoreEmptyParagraphs: true, convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) });
      html = r.value;
      const warnings = r.messages.filter((m) => m.type === 'error');
      if (warnings.length) problems.push({ severity: 'warning', message: `parts of the Word file could not be read: ${warnings.map((m) => m.message).slice(0, 3).join('; ')}` });
    } catch (e) {
      return skip(`the Word file cannot be read (${e instanceof Error ? e.message : String(e)}): skipped`);
    }
    const doc = parseHtmlDocument(`<!doctype html><html><body>${html}</body></html>`);
    // Footnotes: the back-links ("↑") go, the references stay as [n].
    for (const a of doc.querySelectorAll('a[href^="#footnote-ref"], a[href^="#endnote-ref"]')) a.remove();
    let text = doc.body ? htmlToText(doc.body) : '';
    if (text.length > ctx.limits.maxTextChars) {
      problems.push({ severity: 'warning', message: `the text is cut at ${ctx.limits.maxTextChars} characters` });
      text = text.slice(0, ctx.limits.maxTextChars);
    }
    return { format: 'docx', text, meta: core ? coreProperties(core) : {}, problems };
  }
}

function coreProperties(xml: Uint8Array): DocumentMeta {
  const doc = parseXmlDocument(new TextDecoder().decode(xml));
  const get = (tag: string): string | undefined => {
    for (const el of doc.querySelectorAll('*')) if (el.nodeName === tag || el.nodeName.endsWith(':' + tag.split(':')[1])) return cleanMeta(el.textContent);
    return undefined;
  };
  const out: { -readonly [K in keyof DocumentMeta]: DocumentMeta[K] } = {};
  const title = get('dc:title');
  if (title) out.title = title;
  const authors = splitAuthors(get('dc:creator'));
  if (authors) out.authors = authors;
  const date = isoDate(get('dcterms:created')) ?? isoDate(get('dcterms:modified'));
  if (date) out.date = date;
  const description = get('dc:description') ?? get('dc:subject');
  if (description) out.description = description;
  const language = get('dc:language');
  if (language) out.language = language;
  return out;
}
