import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_LIMITS, type ExtractedDocument } from '../../src/core/formats/types';
import { pageAt } from '../../src/core/formats/builder';
import { dropFurniture, pageText, type PageLine } from '../../src/core/formats/pdfLayout';
import { embeddedBytes, readAll, type ExtractedEntry } from '../../src/node/formats/extract';
import { TesseractOcr } from '../../src/node/formats/ocr';
import { DirectoryCache, ExtractionService } from '../../src/node/formats/service';
import * as fx from '../fixtures/formats';

const ocr = new TesseractOcr();
const opts = { limits: DEFAULT_LIMITS, ocr };

async function read(name: string, bytes: Uint8Array | string): Promise<ExtractedEntry[]> {
  return readAll(name, typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes, opts);
}
async function one(name: string, bytes: Uint8Array | string): Promise<ExtractedDocument> {
  return (await read(name, bytes))[0]!.doc;
}

describe('formats', function () {
  this.timeout(60000);
  after(() => ocr.dispose());

  describe('PDF', () => {
    it('reads the pages in order with a page map, running headers and footers dropped, hyphenated words joined', async () => {
      const d = await one('report.pdf', await fx.multiPagePdf());
      assert.equal(d.format, 'pdf');
      assert.equal(d.pages?.length, 3);
      assert.doesNotMatch(d.text, /Ministry of Water - Internal|Page \d of 3/);
      assert.match(d.text, /The ministry said the information was complete\./);
      for (const [i, lines] of fx.PDF_PAGES.entries()) {
        const at = d.text.indexOf(lines[2]!);
        assert.ok(at >= 0, lines[2]);
        assert.equal(pageAt(d.pages, at), i + 1);
      }
      assert.deepEqual(d.meta, { title: 'Water Supply Review 2024', authors: ['Helena Marsh'], date: '2024-03-15T09:30:00Z', pages: 3 });
      assert.deepEqual(d.problems, []);
    });

    it('joins hyphenated lines only when the next line goes on in lower case, and keeps real breaks', () => {
      const l = (text: string, y: number): PageLine => ({ text, y, size: 10 });
      assert.equal(pageText([l('a well-', 100), l('known case', 88)]), 'a wellknown case'.replace('wellknown', 'well-known'.replace('-', '')));
      assert.equal(pageText([l('Anglo-', 100), l('Saxon law', 88)]), 'Anglo-\nSaxon law');
      assert.equal(pageText([l('Title', 100), l('Body text', 60)]), 'Title\n\nBody text');
      const pages = [0, 1, 2].map((i) => [l('Annual Report 2024', 800), l(`Body ${'abc'[i]}`, 700), l(`${i + 1}`, 30)]);
      assert.deepEqual(dropFurniture(pages).pages.map((p) => p.map((x) => x.text)), [['Body a'], ['Body b'], ['Body c']]);
    });

    it('reads a two-column page column by column, even when the PDF writes it row by row', async () => {
      const d = await one('columns.pdf', await fx.twoColumnPdf());
      assert.equal(d.text, `A report in two columns\n\n${fx.COLUMNS.left.join('\n')}\n\n${fx.COLUMNS.right.join('\n')}`);
    });

    it('reads a three-column page column by column', async () => {
      const d = await one('three.pdf', await fx.threeColumnPdf());
      assert.equal(d.text, ['A newsletter in three columns', ...fx.COLUMNS3.map((c) => c.join('\n'))].join('\n\n'));
    });

    it('OCRs a scanned page (no text layer) and marks the passage as OCR', async function () {
      const png = fx.textPng(['Judge Alan Porter ruled in Dublin.']);
      if (!png) this.skip();
      const d = await one('scan.pdf', await fx.scannedPdf(png));
      assert.match(d.text, /Judge Alan Porter ruled in Dublin/);
      assert.deepEqual(d.ocr, [{ start: 0, end: d.text.length }]);
      assert.equal(d.pages?.[0]?.page, 1);
    });

    it('skips a password-protected PDF with a clear problem', async () => {
      const d = await one('secret.pdf', fx.protectedPdf());
      assert.equal(d.skipped, true);
      assert.match(d.problems[0]!.message, /password-protected/);
    });

    it('skips a truncated PDF with a clear problem', async () => {
      const d = await one('cut.pdf', await fx.truncatedPdf());
      assert.equal(d.skipped, true);
      assert.match(d.problems[0]!.message, /damaged or truncated/);
    });
  });

  describe('HTML', () => {
    it('reads the article, not the navigation, the ad or the scripts, with title, byline, publisher, date and canonical URL', async () => {
      const d = await one('news.html', fx.newsHtml());
      assert.equal(d.format, 'html');
      assert.match(d.text, /^Floods hit Porto as river bursts banks\n\n/);
      assert.match(d.text, /Mayor Rui Costa said on Saturday/);
      assert.doesNotMatch(d.text, /Home|Buy cheap flights|Privacy|HACKED|alert|never run/);
      assert.deepEqual(
        { title: d.meta.title, authors: d.meta.authors, publisher: d.meta.publisher, date: d.meta.date, url: d.meta.url },
        { title: 'Floods hit Porto as river bursts banks', authors: ['Sofia Almeida'], publisher: 'The Daily Ledger', date: '2024-02-10T07:45:00Z', url: 'https://ledger.example/2024/02/floods-porto' },
      );
    });

    it('never runs a page script, and says the scripts were removed', async () => {
      const g = globalThis as { __sourceResearchScriptRan?: boolean };
      const d = await one('news.html', fx.newsHtml());
      assert.equal(g.__sourceResearchScriptRan, undefined);
      assert.match(d.problems.map((p) => p.message).join(), /2 scripts removed \(never run\)/);
    });

    it('skips a 50 MB page with a problem, quickly', async () => {
      const big = '<html><body>' + '<p>filler text of a huge page.</p>'.repeat(1_600_000) + '</body></html>';
      assert.ok(big.length > 50e6);
      const t0 = Date.now();
      const d = await one('huge.html', big);
      assert.equal(d.skipped, true);
      assert.match(d.problems[0]!.message, /more than the 10 MB a web page may have: skipped/);
      assert.ok(Date.now() - t0 < 5000);
    });
  });

  describe('DOCX', () => {
    it('reads headings, paragraphs, lists and tables, with title, author and date from the core properties', async () => {
      const d = await one('memo.docx', fx.docx());
      assert.equal(d.format, 'docx');
      assert.equal(d.text, 'Memo on the harbour contract\n\nCouncillor Rosa Delgado questioned the contract in Valencia.\n\nAttendees:\n\nMarco Ferri of Acciona\n\nName | Role\n\nInes Moreau | Auditor');
      assert.deepEqual(d.meta, { title: 'Harbour Contract Memo', authors: ['Rosa Delgado'], date: '2023-11-02T10:00:00Z' });
    });

    it('refuses a zip bomb before inflating it', async () => {
      const bomb = fx.zipBombDocx();
      assert.ok(bomb.byteLength < 2e6);
      const d = await one('bomb.docx', bomb);
      assert.equal(d.skipped, true);
      assert.match(d.problems[0]!.message, /would inflate to 150 MB \(limit 100 MB\): skipped as a possible zip bomb/);
    });

    it('skips a file that is not a zip', async () => {
      const d = await one('fake.docx', 'not a zip at all');
      assert.equal(d.skipped, true);
      assert.match(d.problems[0]!.message, /damaged/);
    });
  });

  describe('e-mail', () => {
    it('reads headers as metadata, the text part as body, and the PDF attachment as a document of its own', async () => {
      const entries = await read('leak.eml', fx.emailWithPdf(await fx.multiPagePdf()));
      assert.deepEqual(entries.map((e) => e.key), ['', '#report.pdf']);
      const mail = entries[0]!.doc;
      assert.equal(mail.format, 'email');
      assert.deepEqual(
        { title: mail.meta.title, authors: mail.meta.authors, date: mail.meta.date, to: mail.meta.to, cc: mail.meta.cc },
        { title: 'Leaked water report', authors: ['Daniel Okafor'], date: '2024-03-19T13:05:00Z', to: ['Newsdesk <desk@ledger.example>'], cc: ['Amira Haddad <amira@ledger.example>'] },
      );
      assert.match(mail.text, /^From: Daniel Okafor <daniel@press.example>\n/);
      assert.match(mail.text, /Inspector Paulo Reis confirmed the figures in Coimbra\./);
      const pdf = entries[1]!.doc;
      assert.equal(pdf.format, 'pdf');
      assert.equal(pdf.pages?.length, 3);
      assert.match(pdf.text, /Olga Petrova/);
    });

    it('gives back the bytes of an attachment, also inside a message of a mailbox (Show in PDF reads them)', async () => {
      const pdf = await fx.multiPagePdf();
      const eml = new TextEncoder().encode(fx.emailWithPdf(pdf));
      assert.deepEqual(await embeddedBytes('leak.eml', eml, '#report.pdf', { limits: DEFAULT_LIMITS }), pdf);
      assert.equal(await embeddedBytes('leak.eml', eml, '#nothing.pdf', { limits: DEFAULT_LIMITS }), undefined);
      const box = new TextEncoder().encode(`From daniel@press.example Tue Mar 19 13:05:00 2024\n${fx.emailWithPdf(pdf).replace(/\r\n/g, '\n')}\n`);
      const entries = await readAll('box.mbox', box, { limits: DEFAULT_LIMITS });
      assert.ok(entries.some((e) => e.key === '#message-1#report.pdf'), entries.map((e) => e.key).join());
      assert.deepEqual(await embeddedBytes('box.mbox', box, '#message-1#report.pdf', { limits: DEFAULT_LIMITS }), pdf);
    });

    it('lists a 30 MB attachment without reading it', async () => {
      const big = new Uint8Array(30 * 1024 * 1024).fill(65);
      const entries = await read('big.eml', fx.emailWithPdf(big, { attachmentBytes: big, attachmentName: 'dump.pdf' }));
      assert.deepEqual(entries.map((e) => e.key), ['']);
      assert.match(entries[0]!.doc.problems.map((p) => p.message).join(), /attachment dump\.pdf is 30 MB, more than the 25 MB an attachment may have: not read/);
    });

    it('reads an mbox as one document per message, an HTML-only message through the HTML reader', async () => {
      const entries = await read('box.mbox', fx.mbox());
      assert.deepEqual(entries.map((e) => e.key), ['', '#message-1', '#message-2']);
      assert.equal(entries[0]!.doc.container, true);
      assert.equal(entries[1]!.doc.meta.title, 'Meeting in Oslo');
      assert.match(entries[1]!.doc.text, /Senator Erik Lund will be in Oslo on Friday\./);
      assert.match(entries[2]!.doc.text, /Thanks\. I will brief Karin Berg in Bergen\.$/);
      assert.doesNotMatch(entries[2]!.doc.text, /alert/);
    });
  });

  describe('images', () => {
    it('OCRs an image, offline, and marks its text as OCR', async function () {
      const png = fx.textPng(['Minister Clara Vidal arrived in Madrid.']);
      if (!png) this.skip();
      const d = await one('photo.png', png);
      assert.equal(d.format, 'image');
      assert.match(d.text, /Minister Clara Vidal arrived in Madrid/);
      assert.deepEqual(d.ocr, [{ start: 0, end: d.text.length }]);
    });

    it('skips an image with no text with a problem', async function () {
      const png = fx.blankPng();
      if (!png) this.skip();
      const d = await one('blank.png', png);
      assert.equal(d.skipped, true);
      assert.match(d.problems[0]!.message, /OCR found no text in the image/);
    });
  });

  describe('the extraction worker', () => {
    it('reads off the calling thread and stops a file that takes too long, then goes on with the next', async () => {
      const service = new ExtractionService({ timeoutMs: 1, ocr: false });
      try {
        const slow = await service.extract('report.pdf', await fx.multiPagePdf());
        assert.equal(slow.entries[0]!.doc.skipped, true);
        assert.match(slow.entries[0]!.doc.problems[0]!.message, /reading took more than 0 s and was stopped/);
        const normal = new ExtractionService({ ocr: false });
        const ok = await normal.extract('report.pdf', await fx.multiPagePdf());
        assert.match(ok.entries[0]!.doc.text, /Olga Petrova/);
        await normal.dispose();
      } finally {
        await service.dispose();
      }
    });

    it('cancels OCR of an image', async function () {
      const png = fx.textPng(['Minister Clara Vidal arrived in Madrid.', 'The talks lasted until midnight.']);
      if (!png) this.skip();
      const service = new ExtractionService({});
      try {
        const ac = new AbortController();
        const progress: string[] = [];
        const run = service.extract('photo.png', png, { signal: ac.signal, onProgress: (_f, m) => progress.push(m) });
        setTimeout(() => ac.abort(), 50);
        await assert.rejects(run, /cancelled/);
      } finally {
        await service.dispose();
      }
    });
  });

  describe('cache', () => {
    it('reads a file once: the second extraction of the same bytes comes from the cache', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'sr-cache-'));
      try {
        const service = new ExtractionService({ cache: new DirectoryCache(dir), inProcess: readAll, ocr: false });
        const pdf = await fx.multiPagePdf();
        const a = await service.extract('a.pdf', pdf);
        const b = await service.extract('renamed.pdf', pdf);
        assert.equal(a.cached, false);
        assert.equal(b.cached, true);
        assert.deepEqual(b.entries, JSON.parse(JSON.stringify(a.entries)));
        const c = await service.extract('a.pdf', await fx.multiPagePdf().then((p) => { const q = new Uint8Array(p); q[q.length - 3] = 0x20; return q; }));
        assert.equal(c.cached, false);
        await service.dispose();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

describe('source-research scan and text on every format', function () {
  this.timeout(120000);
  const root = path.resolve(__dirname, '../../..');
  const cli = path.join(root, 'dist/cli.js');
  let dir: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sr-formats-'));
    await fx.writeFormatsFolder(dir);
    writeFileSync(path.join(dir, 'secret.pdf'), fx.protectedPdf());
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  interface Json {
    documents: { path: string; title: string; format: string; authors?: string[]; publisher?: string; date?: string; url?: string; pages?: number; parent?: string }[];
    entities: { name: string; mentions: { path: string; start: number; end: number; text: string; page?: number }[] }[];
  }

  it('lists each document with its format, title and metadata; finds entities in each; mentions are slices of `text` and PDF mentions carry their page', () => {
    const r = spawnSync(process.execPath, [cli, 'scan', dir, '--json', '--cache', path.join(dir, '.cache')], { encoding: 'utf8', maxBuffer: 50e6 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /secret\.pdf:1:1: error: the PDF is password-protected/);
    const json = JSON.parse(r.stdout) as Json;
    const doc = (p: string) => json.documents.find((d) => d.path === p)!;
    assert.deepEqual(doc('report.pdf'), { path: 'report.pdf', title: 'Water Supply Review 2024', chars: 256, format: 'pdf', authors: ['Helena Marsh'], date: '2024-03-15T09:30:00Z', pages: 3 } as never);
    assert.deepEqual(doc('leak.eml#report.pdf').parent, 'leak.eml');
    assert.equal(doc('leak.eml').format, 'email');
    assert.equal(doc('leak.eml').title, 'Leaked water report');
    assert.equal(doc('news.html').url, 'https://ledger.example/2024/02/floods-porto');
    assert.equal(doc('news.html').publisher, 'The Daily Ledger');
    assert.equal(doc('memo.docx').title, 'Harbour Contract Memo');
    assert.equal(doc('note.txt').format, 'text');
    assert.equal(json.documents.some((d) => d.path === 'secret.pdf'), false);

    const texts = new Map<string, string>();
    const textOf = (p: string) => {
      if (!texts.has(p)) {
        const t = spawnSync(process.execPath, [cli, 'text', path.join(dir, p), '--cache', path.join(dir, '.cache')], { encoding: 'utf8', maxBuffer: 50e6 });
        assert.equal(t.status, 0, t.stderr);
        texts.set(p, t.stdout);
      }
      return texts.get(p)!;
    };
    const docsWithMentions = new Set<string>();
    for (const e of json.entities)
      for (const m of e.mentions) {
        assert.equal(textOf(m.path).slice(m.start, m.end), m.text, `${m.path} ${m.start}`);
        docsWithMentions.add(m.path);
        if (doc(m.path).pages) assert.ok(m.page && m.page >= 1 && m.page <= doc(m.path).pages!);
        else assert.equal(m.page, undefined);
      }
    for (const d of json.documents) assert.ok(docsWithMentions.has(d.path), `no entity found in ${d.path}`);
    const page = (name: string, p: string) => json.entities.find((e) => e.name === name)!.mentions.find((m) => m.path === p)!.page;
    assert.deepEqual([page('Helena Marsh', 'report.pdf'), page('Tomas Brandt', 'report.pdf'), page('Olga Petrova', 'report.pdf'), page('Olga Petrova', 'leak.eml#report.pdf')], [1, 2, 3, 3]);
    if (json.documents.some((d) => d.path === 'scan.pdf')) assert.equal(page('Alan Porter', 'scan.pdf'), 1);
  });
});
