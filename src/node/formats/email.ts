/**
 * E-mail through mailparser: `.eml` is one message, `.mbox` one document per message. From, To, Cc,
 * Date and Subject become metadata (authors, date, title) and a header block at the top of the text;
 * the body is the text part, or the HTML part read like a web page. Attachments that are sources
 * themselves (PDF, Word, HTML, text, images) become documents of their own under the message.
 */
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { cleanMeta, isoDate } from '../../core/formats/builder';
import type { DocumentMeta, EmbeddedFile, ExtractedDocument, ExtractionProblem, FormatReader, ReadContext } from '../../core/formats/types';
import { readHtml } from './html';

/** Extensions of attachments read as documents of their own. */
const SOURCE_ATTACHMENT = /\.(pdf|docx|html?|xhtml|txt|md|markdown|eml|png|jpe?g|tiff?)$/i;

export class EmailReader implements FormatReader {
  readonly format = 'email' as const;
  readonly extensions = ['.eml'];

  async read(bytes: Uint8Array, ctx: ReadContext): Promise<ExtractedDocument> {
    let mail: ParsedMail;
    try {
      mail = await simpleParser(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { skipHtmlToText: true, skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true, maxHtmlLengthToParse: ctx.limits.maxHtmlBytes });
    } catch (e) {
      return { format: 'email', text: '', meta: {}, problems: [{ severity: 'error', message: `the e-mail cannot be read (${e instanceof Error ? e.message : String(e)}): skipped` }], skipped: true };
    }
    return messageDocument(mail, ctx);
  }
}

function addresses(a: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  const out: string[] = [];
  for (const o of list)
    for (const v of o.value) {
      const name = cleanMeta(v.name);
      const addr = cleanMeta(v.address);
      const s = name && addr ? `${name} <${addr}>` : (name ?? addr);
      if (s) out.push(s);
    }
  return out;
}

function personName(a: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  return list.flatMap((o) => o.value.map((v) => cleanMeta(v.name) ?? cleanMeta(v.address) ?? '')).filter(Boolean);
}

async function messageDocument(mail: ParsedMail, ctx: ReadContext): Promise<ExtractedDocument> {
  const problems: ExtractionProblem[] = [];
  const meta: { -readonly [K in keyof DocumentMeta]: DocumentMeta[K] } = {};
  const subject = cleanMeta(mail.subject);
  if (subject) meta.title = subject;
  const from = personName(mail.from);
  if (from.length) meta.authors = from;
  const date = isoDate(mail.date);
  if (date) meta.date = date;
  const to = addresses(mail.to);
  if (to.length) meta.to = to;
  const cc = addresses(mail.cc);
  if (cc.length) meta.cc = cc;

  const head: string[] = [];
  const fromFull = addresses(mail.from);
  if (fromFull.length) head.push(`From: ${fromFull.join(', ')}`);
  if (to.length) head.push(`To: ${to.join(', ')}`);
  if (cc.length) head.push(`Cc: ${cc.join(', ')}`);
  if (date) head.push(`Date: ${date}`);
  if (subject) head.push(`Subject: ${subject}`);

  let body = (mail.text ?? '').replace(/\r\n?/g, '\n').trim();
  if (!body && typeof mail.html === 'string' && mail.html) {
    const r = readHtml(mail.html);
    body = r.text;
    problems.push(...r.problems);
  }
  const embedded: EmbeddedFile[] = [];
  const used = new Set<string>();
  const listed: string[] = [];
  for (const a of mail.attachments ?? []) {
    const name = cleanMeta(a.filename) ?? (a.contentType === 'message/rfc822' ? 'message.eml' : undefined);
    if (!name || a.related) continue;
    listed.push(name);
    if (!SOURCE_ATTACHMENT.test(name)) continue;
    if (a.size > ctx.limits.maxAttachmentBytes) {
      problems.push({ severity: 'warning', message: `attachment ${name} is ${(a.size / 1024 / 1024).toFixed(0)} MB, more than the ${(ctx.limits.maxAttachmentBytes / 1024 / 1024).toFixed(0)} MB an attachment may have: not read` });
      continue;
    }
    let key = name.replace(/[#/\\]/g, '_');
    for (let i = 2; used.has(key); i++) key = name.replace(/(\.[^.]*)?$/, `-${i}$1`);
    used.add(key);
    embedded.push({ name, key, bytes: new Uint8Array(a.content) });
  }
  if (listed.length) head.push(`Attachments: ${listed.join(', ')}`);
  const text = head.length ? `${head.join('\n')}\n\n${body}`.trimEnd() : body;
  return { format: 'email', text, meta, problems, embedded };
}

export class MboxReader implements FormatReader {
  readonly format = 'email' as const;
  readonly extensions = ['.mbox'];

  async read(bytes: Uint8Array, ctx: ReadContext): Promise<ExtractedDocument> {
    const messages = splitMbox(bytes);
    const embedded: EmbeddedFile[] = messages.map((m, i) => ({ name: `message ${i + 1}`, key: `message-${i + 1}`, bytes: m }));
    const problems: ExtractionProblem[] = messages.length ? [] : [{ severity: 'warning', message: 'the mailbox holds no message' }];
    ctx.onProgress?.(1, `${messages.length} messages`);
    return { format: 'email', text: '', meta: {}, problems, embedded, container: true };
  }
}

/** Split an mbox at its "From " separator lines (a line after a blank line, or the first line); ">From " lines unescaped. */
export function splitMbox(bytes: Uint8Array): Uint8Array[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const starts: number[] = [];
  const re = /(^|\n)From [^\n]*\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const at = m.index + m[1]!.length;
    if (at === 0 || text.slice(Math.max(0, at - 2), at) === '\n\n' || text.slice(Math.max(0, at - 4), at) === '\r\n\r\n') starts.push(at);
  }
  const out: Uint8Array[] = [];
  starts.forEach((s, i) => {
    const bodyStart = text.indexOf('\n', s) + 1;
    const end = i + 1 < starts.length ? starts[i + 1]! : text.length;
    const msg = text.slice(bodyStart, end).replace(/^>(>*From )/gm, '$1');
    out.push(new Uint8Array(Buffer.from(msg, 'latin1')));
  });
  return out;
}
