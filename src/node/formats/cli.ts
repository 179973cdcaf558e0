/** The CLI's format options (--cache DIR, --no-ocr), the `text` command and the format fields of scan --json. */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentInfo } from '../../core/index/api';
import { isExtractedName } from '../../core/formats/registry';
import type { FormatStore } from '../../core/formats/store';
import type { DocumentFormat } from '../../core/formats/types';
import { decodeText, looksBinary } from '../../core/text/text';
import { DirectoryCache, ExtractionService } from './service';

export interface DocumentFormatJson {
  format: DocumentFormat;
  authors?: string[];
  publisher?: string;
  date?: string;
  url?: string;
  pages?: number;
  parent?: string;
}

/** Format fields of a document for scan --json: sources.yaml first, then the file's own metadata. */
export function documentFormatJson(d: DocumentInfo, formats: FormatStore | undefined): DocumentFormatJson {
  const f = formats?.get(d.id);
  const file = f?.meta ?? {};
  const y = d.meta ?? {};
  const out: DocumentFormatJson = { format: f?.format ?? (/\.(md|markdown)$/i.test(d.id) ? 'markdown' : 'text') };
  const authors = y.authors ?? file.authors;
  if (authors?.length) out.authors = [...authors];
  const publisher = y.publisher ?? file.publisher;
  if (publisher) out.publisher = publisher;
  const date = y.date ?? file.date;
  if (date) out.date = date;
  const url = y.url ?? file.url;
  if (url) out.url = url;
  if (file.pages) out.pages = file.pages;
  if (file.parent) out.parent = file.parent;
  return out;
}

/** Pull --cache DIR and --no-ocr out of argv. */
export function parseFormatFlags(argv: string[]): { argv: string[]; extractor: ExtractionService; error?: string } {
  const rest: string[] = [];
  let cacheDir: string | undefined;
  let ocr = true;
  let error: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--cache' || a.startsWith('--cache=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!v || v.startsWith('--')) error = '--cache needs a folder';
      else cacheDir = path.resolve(v);
    } else if (a === '--no-ocr') ocr = false;
    else rest.push(a);
  }
  const extractor = new ExtractionService({ ocr, ...(cacheDir ? { cache: new DirectoryCache(cacheDir) } : {}) });
  return { argv: rest, extractor, ...(error ? { error } : {}) };
}

/** `source-research text <file>[#attachment]`: the text exactly as indexed, problems on stderr. */
export async function printText(arg: string, extractor: ExtractionService): Promise<number> {
  let file = arg;
  let key = '';
  if (!(await stat(file).catch(() => undefined)) && arg.includes('#')) {
    file = arg.slice(0, arg.indexOf('#'));
    key = arg.slice(arg.indexOf('#'));
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    process.stderr.write(`source-research: cannot read ${file}\n`);
    return 2;
  }
  if (!isExtractedName(file)) {
    if (key) {
      process.stderr.write(`source-research: ${path.basename(file)} holds no ${key}\n`);
      return 2;
    }
    if (looksBinary(bytes)) {
      process.stderr.write(`source-research: ${file}: not a text file (binary content)\n`);
      return 1;
    }
    process.stdout.write(decodeText(bytes));
    return 0;
  }
  const r = await extractor.extract(path.basename(file), bytes);
  for (const e of r.entries) for (const p of e.doc.problems) process.stderr.write(`${file}${e.key}: ${p.severity === 'error' ? 'error' : 'warning'}: ${p.message}\n`);
  const entry = r.entries.find((e) => e.key === key);
  if (!entry) {
    const keys = r.entries.filter((e) => e.key).map((e) => file + e.key);
    process.stderr.write(`source-research: ${path.basename(file)} holds no ${key}${keys.length ? `; it holds ${keys.join(', ')}` : ''}\n`);
    return 2;
  }
  if (entry.doc.skipped) return 1;
  process.stdout.write(entry.doc.text);
  return 0;
}
