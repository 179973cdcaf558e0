/** Images (.png, .jpg, .tif) through OCR. An image with no text is kept out of the index with a problem. */
import { TextBuilder } from '../../core/formats/builder';
import type { ExtractedDocument, FormatReader, ReadContext } from '../../core/formats/types';

export class ImageReader implements FormatReader {
  readonly format = 'image' as const;
  readonly extensions = ['.png', '.jpg', '.jpeg', '.tif', '.tiff'];

  async read(bytes: Uint8Array, ctx: ReadContext): Promise<ExtractedDocument> {
    if (!ctx.ocr) return { format: 'image', text: '', meta: {}, problems: [{ severity: 'warning', message: 'the image needs OCR, which is not available here: skipped' }], skipped: true };
    ctx.onProgress?.(0, 'OCR');
    const r = await ctx.ocr.recognize(bytes, { signal: ctx.signal, onProgress: (f) => ctx.onProgress?.(f, `OCR ${Math.round(f * 100)}%`) });
    const text = r.text;
    if (!/\p{L}{2}/u.test(text)) {
      return { format: 'image', text: '', meta: {}, problems: [{ severity: 'info', message: 'OCR found no text in the image: nothing to index' }], skipped: true };
    }
    const b = new TextBuilder();
    b.addBlock(text, true);
    const problems = r.confidence < 60 ? [{ severity: 'warning' as const, message: `OCR confidence is low (${Math.round(r.confidence)}%): check the passages against the image` }] : [];
    return { format: 'image', text: b.toString(), meta: {}, ocr: b.ocr, problems };
  }
}
