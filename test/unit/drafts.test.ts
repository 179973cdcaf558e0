import * as assert from 'node:assert/strict';
import path from 'node:path';
import { DraftChecker } from '../../src/core/drafts/check';
import { CHUNK, fold } from '../../src/core/drafts/normalize';
import { CorpusIndex } from '../../src/core/index/corpus';
import { QuoteIndex } from '../../src/core/quotes/quoteIndex';
import { createDefaultPipeline } from '../../src/core/recognisers/pipeline';
import { AnalysisPool } from '../../src/node/analysisPool';
import { loadFolder, workerFile } from '../../src/node/folder';

const root = path.resolve(__dirname, '../../..');

describe('a draft checked against the sources', function () {
  this.timeout(20000);
  let checker: DraftChecker;
  before(async () => {
    const { index } = await loadFolder(path.join(root, 'sources'));
    checker = new DraftChecker(index, new QuoteIndex(index), () => createDefaultPipeline());
  });

  const DRAFT = [
    'Ambassador Ibrahim declared: “long live friendship between Azerbaijan and the State of Israel.”',
    'He said: “It’s not only business. This is how we think friends should act.”',
    '“We will build a pipeline to the moon,” Ibrahim said.',
    'Blair said “We obviously have a strong energy relationship.” Senator Ursula Kowalczyk disagreed.',
  ].join('\n\n');

  it('finds an exact quote (case and quote marks ignored) with its source passage and speaker, and gives no diagnostic for it', () => {
    const { quotes, diagnostics } = checker.check('drafts/d.md', DRAFT);
    const exact = quotes.find((q) => q.text.startsWith('long live'));
    assert.equal(exact?.status, 'exact');
    assert.equal(exact?.match?.docId, 'ambassador-ibrahim-press-release.txt');
    assert.equal(exact?.match?.quote?.entityId, 'person:khazar ibrahim');
    assert.ok(!diagnostics.some((d) => d.start === exact!.span.start));
  });

  it('warns on an altered quote, with both wordings and a fix restoring the source’s words', () => {
    const d = checker.check('drafts/d.md', DRAFT).diagnostics.find((x) => x.code === 'quote-differs');
    assert.ok(d);
    assert.equal(d.severity, 'warning');
    assert.match(d.message, /differs from the source/);
    assert.match(d.message, /we think friends should act/);
    assert.match(d.message, /we believe friends should and must act/);
    const fixed = DRAFT.slice(0, d.fix!.span.start) + d.fix!.newText + DRAFT.slice(d.fix!.span.end);
    assert.ok(fixed.includes('“It’s not only business. This is how we believe friends should and must act.”'), fixed);
  });

  it('checks a long draft a slice at a time with the same result as at once, names past the first slice included', async () => {
    const filler = 'The committee met again on a grey morning and talked about the weather for a long time.\n'.repeat(2400);
    const long = `${filler}\n${DRAFT}\n`;
    assert.ok(long.length > 200_000);
    let yields = 0;
    const sliced = await checker.checkInSlices('drafts/long.md', long, 'markdown', () => (yields++, new Promise((r) => setImmediate(r))));
    assert.ok(yields >= 3, 'the names were looked up over several turns');
    assert.deepEqual(sliced, checker.check('drafts/long.md', long, 'markdown'));
    const exact = sliced.quotes.find((q) => q.text.startsWith('long live'));
    assert.equal(exact?.speakerEntityId, 'person:khazar ibrahim');
    assert.ok(sliced.diagnostics.some((d) => d.code === 'wrong-speaker'));
  });

  it('warns on an invented quote, on a wrong speaker, and informs of a name no source mentions', () => {
    const ds = checker.check('drafts/d.md', DRAFT).diagnostics;
    const nf = ds.filter((x) => x.code === 'quote-not-found');
    assert.equal(nf.length, 1);
    assert.match(nf[0]!.message, /not found in any source/);
    const ws = ds.find((x) => x.code === 'wrong-speaker');
    assert.ok(ws);
    assert.match(ws.message, /Benjamin Netanyahu/);
    const info = ds.find((x) => x.code === 'unknown-name');
    assert.equal(info?.severity, 'information');
    assert.match(info!.message, /Ursula Kowalczyk/);
  });
});

describe('a draft read in a worker thread', function () {
  this.timeout(30000);
  it('gives the same diagnostics as a draft read on this thread, and never runs the recognisers here', async () => {
    const { index } = await loadFolder(path.join(root, 'sources'));
    const pipeline = createDefaultPipeline();
    let runsHere = 0;
    const counted = { ...pipeline, run: (...a: Parameters<typeof pipeline.run>) => (runsHere++, pipeline.run(...a)) } as typeof pipeline;
    const pool = new AnalysisPool(await workerFile(), {}, 1);
    let read = 0;
    const checker = new DraftChecker(index, new QuoteIndex(index), () => counted, async (id, text) => {
      read++;
      const r = await pool.analyse({ docId: id, text });
      return { candidates: r.candidates, quotes: r.speech?.quotes ?? [] };
    });
    try {
      const draft = 'He said: “It’s not only business. This is how we think friends should act.”\n\nSenator Ursula Kowalczyk disagreed.\n';
      const inWorker = await checker.checkInSlices('drafts/w.md', draft, 'markdown', () => new Promise((r) => setImmediate(r)));
      assert.equal(runsHere, 0, 'the names were found in the worker');
      assert.equal(read, 1);
      const here = new DraftChecker(index, new QuoteIndex(index), () => createDefaultPipeline()).check('drafts/w.md', draft, 'markdown');
      assert.deepEqual(inWorker.diagnostics.map((d) => [d.code, d.start, d.end]), here.diagnostics.map((d) => [d.code, d.start, d.end]));
      assert.ok(inWorker.diagnostics.some((d) => d.code === 'unknown-name' && /Ursula Kowalczyk/.test(d.message)));
      assert.ok(inWorker.diagnostics.some((d) => d.code === 'quote-differs'));
      // The same text again: kept, not read again; the check itself still runs no recogniser here.
      await checker.checkInSlices('drafts/w.md', draft, 'markdown', () => new Promise((r) => setImmediate(r)));
      assert.equal(read, 1);
      assert.equal(runsHere, 0);
    } finally {
      await pool.close();
    }
  });
});

describe('a draft indexed with the sources', () => {
  it('is not checked against itself nor against other drafts', () => {
    const index = new CorpusIndex();
    index.upsertDocument('interview.txt', '“We will open the new bridge in May,” Mayor Tom Price said.');
    const draft = 'Price said: “We will build a tunnel to the moon.”';
    index.upsertDocument('drafts/story.md', draft);
    index.upsertDocument('notes/other.md', 'Price said: “We will build a tunnel to the moon.”');
    const { diagnostics } = new DraftChecker(index, new QuoteIndex(index)).check('drafts/story.md', draft);
    assert.deepEqual(diagnostics.map((d) => d.code), ['quote-not-found']);
  });
});

describe('a draft quotation found in a long source', function () {
  this.timeout(120_000);
  it('is found at its place in the source, whatever the spacing, capitals and quote marks, also in a source folded a slice at a time', async () => {
    // A source of about 1.3 MB: the quotation near its end, written with a line break, double spaces and
    // typographic marks; folded for lookup in slices (as the editor does), then checked.
    const filler = 'The committee met on Tuesday.  Members discussed the budget…\n\n'.repeat(20_000);
    const quoted = 'The minister said: “We   will NOT\n  raise taxes — ever,” before leaving.';
    const text = filler + quoted + '\n';
    const index = new CorpusIndex({ pipeline: createDefaultPipeline() });
    index.upsertDocument('sources/long.txt', text);
    const checker = new DraftChecker(index, new QuoteIndex(index));
    let slices = 0;
    const sliced = await checker.checkInSlices('drafts/d.md', 'She said “we will not raise taxes - ever”.', undefined, async () => {
      slices++;
    });
    assert.ok(slices >= 4, `folded in slices (${slices})`);
    const q = sliced.quotes[0];
    assert.equal(q?.status, 'exact');
    assert.equal(q?.match?.docId, 'sources/long.txt');
    assert.equal(q?.match?.text, 'We   will NOT\n  raise taxes — ever');
    assert.equal(q?.match?.span.start, text.indexOf('We   will'));
    assert.deepEqual(checker.check('drafts/d.md', 'She said “we will not raise taxes - ever”.'), sliced);
  });

  it('is found wherever it falls in a long source kept in chunks: inside one, across the end of one, from its first character', () => {
    // The folded text is kept in chunks of CHUNK characters; the quotation is placed at every shift
    // around a chunk's end (and of a length spanning three chunks), and must be found where a plain
    // search of the whole folded text finds it.
    const words = 'We will not raise taxes ever said the minister to the house'.split(' ');
    const unit = 'The committee met.  It discussed THE budget — again…\n';
    for (const shift of [-40, -13, -1, 0, 1, 7]) {
      const lead = unit.repeat(Math.ceil((CHUNK + shift) / unit.length) + 2);
      const folded = fold(lead).toString();
      // Trim the lead so that the quotation begins `shift` folded characters after the first chunk's end.
      let cut = lead.length;
      while (fold(lead.slice(0, cut)).length > CHUNK + shift) cut--;
      for (const n of [3, words.length]) {
        const quote = words.slice(0, n).join(' ');
        const text = lead.slice(0, cut) + quote + ' and left.';
        const f = fold(text);
        const key = quote.toLowerCase();
        const expected = f.toString().indexOf(key);
        assert.ok(expected >= 0 && folded.length > 0);
        assert.equal(f.indexOf(key), expected, `shift ${shift}, ${n} words`);
        assert.equal(text.slice(f.offsetAt(expected), f.offsetAt(expected + key.length - 1) + 1).toLowerCase(), key);
      }
    }
    const long = 'x'.repeat(CHUNK * 2 + 5);
    const text = 'a' + long + 'b';
    assert.equal(fold(text).indexOf('a' + long + 'b'), 0);
    assert.equal(fold(text).indexOf('y'), -1);
    assert.equal(fold('').indexOf('a'), -1);
  });

  it('folds many small sources a slice at a time too, and finds the quotation in the last of them', async () => {
    const index = new CorpusIndex();
    index.batch(() => {
      for (let i = 0; i < 60; i++) index.upsertDocument(`sources/s${String(i).padStart(2, '0')}.txt`, `Report ${i}. ${'The council discussed the budget at length. '.repeat(200)}\n`);
      index.upsertDocument('sources/zz.txt', 'The mayor said: “Nobody will pay more for water,” and left.\n');
    });
    const checker = new DraftChecker(index, new QuoteIndex(index));
    let slices = 0;
    const check = await checker.checkInSlices('drafts/d.md', 'The mayor promised that “nobody will pay more for water.”', undefined, async () => {
      slices++;
    });
    assert.ok(slices >= 2, `yielded between small sources (${slices})`);
    assert.equal(check.quotes[0]?.status, 'exact');
    assert.equal(check.quotes[0]?.match?.docId, 'sources/zz.txt');
  });
});
