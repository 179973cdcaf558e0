/**
 * Which reader reads which file, and the plain-text formats the corpus reads itself. The hosts list
 * sources with SOURCE_EXTENSIONS / SOURCE_GLOB and send non-text files through a FormatReader.
 */
import type { DocumentFormat, ExtractedDocument, FormatReader } from './types';

/** Extensions read as text by the corpus (decoded by the host: see text/text.ts). */
export const TEXT_EXTENSIONS = ['.txt', '.md', '.markdown'] as const;
/** Extensions read by a FormatReader. */
export const EXTRACTED_EXTENSIONS = ['.pdf', '.html', '.htm', '.xhtml', '.docx', '.eml', '.mbox', '.png', '.jpg', '.jpeg', '.tif', '.tiff'] as const;
export const SOURCE_EXTENSIONS: readonly string[] = [...TEXT_EXTENSIONS, ...EXTRACTED_EXTENSIONS];
/** Brace list for globs: "txt,md,markdown,pdf,…". */
export const SOURCE_GLOB_EXTENSIONS = SOURCE_EXTENSIONS.map((e) => e.slice(1)).join(',');

export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

export function isSourceName(name: string): boolean {
  return SOURCE_EXTENSIONS.includes(extensionOf(name));
}

/** True when a file is read by a FormatReader rather than as text. */
export function isExtractedName(name: string): boolean {
  return (EXTRACTED_EXTENSIONS as readonly string[]).includes(extensionOf(name));
}

const FORMAT_BY_EXT: Record<string, DocumentFormat> = {
  '.pdf': 'pdf', '.html': 'html', '.htm': 'html', '.xhtml': 'html', '.docx': 'docx', '.eml': 'email', '.mbox': 'email',
  '.png': 'image', '.jpg': 'image', '.jpeg': 'image', '.tif': 'image', '.tiff': 'image',
};

/** The format a file name stands for. */
export function formatOfName(name: string): DocumentFormat {
  return FORMAT_BY_EXT[extensionOf(name)] ?? textFormatOf(name);
}

/** The format of a plain-text source. */
export function textFormatOf(name: string): DocumentFormat {
  return /\.(md|markdown)$/i.test(name) ? 'markdown' : 'text';
}

export class FormatRegistry {
  private readonly byExt = new Map<string, FormatReader>();

  constructor(readers: readonly FormatReader[]) {
    for (const r of readers) for (const e of r.extensions) this.byExt.set(e, r);
  }

  readerFor(name: string): FormatReader | undefined {
    return this.byExt.get(extensionOf(name));
  }
}

/** A text file as an ExtractedDocument (the text is the file's). */
export function textDocument(name: string, text: string): ExtractedDocument {
  return { format: textFormatOf(name), text, meta: {}, problems: [] };
}
