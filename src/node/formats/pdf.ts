/**
 * PDF through pdf.js: each page's text runs to lines (src/core/formats/pdfLayout.ts), a page map,
 * the document info as metadata. Pages without a text layer are OCR'd from their images when an
 * OCR engine is given. Password-protected and corrupt files are skipped with a problem.
 */
import { dropFurniture, pageLines, pageText, type PageLine, type TextRun } from '../../core/formats/pdfLayout';
import { cleanMeta, isoDate, splitAuthors, TextBuilder } from '../../core/formats/builder';
import type { DocumentMeta, ExtractedDocument, ExtractionProblem, FormatReader, ReadContext } from '../../core/formats/types';
import { loadPdfjs, pdfjsDataUrls, type PdfPage, type PdfTextItem } from './pdfjs';
import { imageToPnm, type RawImage } from './pnm';

/** A page with fewer letters than this in its text layer counts as scanned. */
const SCANNED_MAX_CHARS = 8;

export class PdfReader implements FormatReader {
  readonly format = 'pdf' as const;
  readonly extensions = ['.pdf'];

  async read(bytes: Uint8Array, ctx: ReadContext): Promise<ExtractedDocument> {
    const pdfjs = await loadPdfjs();
    const problems: ExtractionProblem[] = [];
    // pdf.js takes ownership of (detaches) the buffer it is given: pass a copy.
    const task = pdfjs.getDocument({
      data: new Uint8Array(bytes),
      ...pdfjsDataUrls(),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
      verbosity: 0,
    });
    let doc;
    try {
      doc = await task.promise;
    } catch (e) {
      await task.destroy().catch(() => undefined);
      const name = (e as { name?: string }).name;
      const message =
        name === 'PasswordException'
          ? 'the PDF is password-protected: skipped (save an unprotected copy to index it)'
          : name === 'InvalidPDFException'
            ? 'the PDF is damaged or truncated and cannot be read: skipped'
            : `the PDF cannot be read (${e instanceof Error ? e.message : String(e)}): skipped`;
      return { format: 'pdf', text: '', meta: {}, problems: [{ severity: 'error', message }], skipped: true };
    }
    try {
      const meta = await this.meta(doc);
      const total = doc.numPages;
      const n = Math.min(total, ctx.limits.maxPages);
      if (n < total) problems.push({ severity: 'warning', message: `only the first ${n} of ${total} pages are read` });
      const pages: { lines: PageLine[]; ocr?: string }[] = [];
      let ocrPages = 0;
      for (let p = 1; p <= n; p++) {
        if (ctx.signal?.aborted) throw new Error('cancelled');
        ctx.onProgress?.((p - 1) / n, `page ${p} of ${n}`);
        let page: PdfPage;
        try {
          page = await doc.getPage(p);
        } catch (e) {
          problems.push({ severity: 'warning', page: p, message: `page ${p} cannot be read (${e instanceof Error ? e.message : String(e)})` });
          pages.push({ lines: [] });
          continue;
        }
        const content = await page.getTextContent().catch(() => ({ items: [] }));
        const runs: TextRun[] = [];
        for (const it of content.items) {
          if (!('str' in it)) continue;
          const t = it as PdfTextItem;
          runs.push({ str: t.str, x: t.transform[4] ?? 0, y: t.transform[5] ?? 0, width: t.width, size: t.height || Math.hypot(t.transform[2] ?? 0, t.transform[3] ?? 0), hasEOL: t.hasEOL });
        }
        const lines = pageLines(runs);
        const letters = lines.reduce((s, l) => s + (l.text.match(/\p{L}/gu)?.length ?? 0), 0);
        if (letters < SCANNED_MAX_CHARS) {
          const images = await this.pageImages(page, pdfjs.OPS).catch(() => []);
          if (images.length) {
            if (!ctx.ocr) {
              problems.push({ severity: 'warning', page: p, message: `page ${p} is a scanned image without a text layer; OCR is not available here` });
            } else if (ocrPages >= ctx.limits.maxOcrPages) {
              problems.push({ severity: 'warning', page: p, message: `page ${p} is scanned; not OCR'd (more than ${ctx.limits.maxOcrPages} scanned pages)` });
            } else {
              ocrPages++;
              ctx.onProgress?.((p - 1) / n, `OCR page ${p} of ${n}`);
              const texts: string[] = [];
              for (const img of images) {
                const r = await ctx.ocr.recognize(imageToPnm(img), { signal: ctx.signal });
                if (r.text.trim()) texts.push(r.text.trim());
              }
              if (texts.length) pages.push({ lines: [], ocr: texts.join('\n\n') });
              else {
                problems.push({ severity: 'info', page: p, message: `page ${p} is scanned and OCR found no text on it` });
                pages.push({ lines: [] });
              }
              page.cleanup();
              continue;
            }
          }
        }
        pages.push({ lines });
        page.cleanup();
      }
      const kept = dropFurniture(pages.map((p) => p.lines));
      const b = new TextBuilder();
      pages.forEach((pg, i) => {
        if (pg.ocr !== undefined) b.addPage(i + 1, pg.ocr, true);
        else b.addPage(i + 1, pageText(kept.pages[i]!));
      });
      let text = b.toString();
      if (text.length > ctx.limits.maxTextChars) {
        problems.push({ severity: 'warning', message: `the text is cut at ${ctx.limits.maxTextChars} characters` });
        text = text.slice(0, ctx.limits.maxTextChars);
      }
      if (!text.trim()) problems.push({ severity: 'warning', message: 'the PDF has no text (no text layer and nothing recognised)' });
      ctx.onProgress?.(1, `${n} pages`);
      return {
        format: 'pdf',
        text,
        pages: b.pages.filter((pg) => pg.start <= text.length).map((pg) => ({ ...pg, end: Math.min(pg.end, text.length) })),
        meta: { ...meta, pages: total },
        ocr: b.ocr,
        problems,
      };
    } finally {
      await doc.destroy().catch(() => undefined);
    }
  }

  private async meta(doc: { getMetadata(): Promise<{ info?: Record<string, unknown>; metadata?: { get(k: string): unknown } | null }> }): Promise<DocumentMeta> {
    const m = await doc.getMetadata().catch(() => ({ info: undefined, metadata: undefined }));
    const info = m.info ?? {};
    const xmp = (k: string): unknown => {
      try {
        return m.metadata?.get(k);
      } catch {
        return undefined;
      }
    };
    const title = cleanMeta(xmp('dc:title')) ?? cleanMeta(info['Title']);
    const authors = splitAuthors(xmp('dc:creator')) ?? splitAuthors(info['Author']);
    const date = isoDate(info['CreationDate']) ?? isoDate(info['ModDate']);
    const out: { -readonly [K in keyof DocumentMeta]: DocumentMeta[K] } = {};
    if (title) out.title = title;
    if (authors) out.authors = authors;
    if (date) out.date = date;
    const subject = cleanMeta(info['Subject']);
    if (subject) out.description = subject;
    return out;
  }

  /** The images a page paints (a scanned page is one image). */
  private async pageImages(page: PdfPage, OPS: Record<string, number>): Promise<RawImage[]> {
    const ops = await page.getOperatorList();
    const ids: string[] = [];
    ops.fnArray.forEach((fn, i) => {
      if (fn === OPS['paintImageXObject'] || fn === OPS['paintInlineImageXObject']) {
        const a = ops.argsArray[i]?.[0];
        if (typeof a === 'string') ids.push(a);
        else if (a && typeof a === 'object') ids.push(a as never);
      }
    });
    const out: RawImage[] = [];
    for (const id of ids) {
      const img = (typeof id === 'string' ? await objGet(page, id) : id) as { width?: number; height?: number; kind?: number; data?: Uint8Array | Uint8ClampedArray } | undefined;
      if (img?.data && img.width && img.height && img.width * img.height >= 64 * 64) out.push({ width: img.width, height: img.height, kind: img.kind ?? 3, data: img.data });
    }
    return out;
  }
}

function objGet(page: PdfPage, id: string): Promise<unknown> {
  const store = id.startsWith('g_') ? page.commonObjs : page.objs;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), 5000);
    store.get(id, (v) => {
      clearTimeout(timer);
      resolve(v);
    });
  });
}
