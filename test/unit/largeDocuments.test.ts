import * as assert from 'node:assert/strict';
import { CorpusIndex } from '../../src/core/index/corpus';
import { analyseDocument, SECTIONED_ABOVE } from '../../src/core/index/analysis';
import { createDefaultPipeline } from '../../src/core/recognisers/pipeline';
import { prepareDocument } from '../../src/core/text/document';
import { sections } from '../../src/core/text/sections';

const PARA = 'Dr Maria Gonzalez met officials of the World Bank in Lisbon on 3 March. She said 40% of the loans were late.\n\n';

describe('large documents', function () {
  this.timeout(60000);

  it('cuts a long text into sections that cover it, at blank lines, within the size', () => {
    const text = PARA.repeat(3000);
    const ss = sections(text, 10000);
    assert.equal(ss[0]!.start, 0);
    assert.equal(ss[ss.length - 1]!.end, text.length);
    for (let i = 0; i < ss.length; i++) {
      assert.ok(ss[i]!.end - ss[i]!.start <= 10000);
      if (i > 0) assert.equal(ss[i]!.start, ss[i - 1]!.end);
      if (i < ss.length - 1) assert.equal(text.slice(ss[i]!.end - 2, ss[i]!.end), '\n\n');
    }
    const oneLine = 'word '.repeat(5000);
    for (const s of sections(oneLine, 1000)) assert.ok(s.end === oneLine.length || oneLine[s.end - 1] === ' ');
  });

  it('finds every sentence of a long text, one per sentence, whatever the line layout', () => {
    for (const sep of ['\n\n', '\n', ' ', '\r\n']) {
      const text = PARA.replace(/\n\n$/, sep).repeat(2000);
      const doc = prepareDocument('long.txt', text);
      assert.equal(doc.sentences.length, 4000, JSON.stringify(sep));
      for (const s of doc.sentences) assert.match(text.slice(s.start, s.end), /^(Dr Maria Gonzalez met .* 3 March|She said 40% .* late)\.$/);
    }
  });

  it('indexes a text of several million characters in sections, with exact offsets', () => {
    const n = Math.ceil((SECTIONED_ABOVE * 1.3) / PARA.length);
    const text = PARA.repeat(n);
    const index = new CorpusIndex();
    index.upsertDocument('big.txt', text);
    const maria = index.entities().find((e) => e.name === 'Maria Gonzalez');
    assert.ok(maria);
    assert.equal(maria.mentionCount, n);
    const ms = index.mentionsOf(maria.id);
    for (const m of ms) {
      assert.equal(text.slice(m.start, m.end), 'Maria Gonzalez');
      assert.ok(text.slice(m.passage.start, m.passage.end).startsWith('Dr Maria Gonzalez met officials'));
    }
    const last = ms.reduce((a, b) => (b.start > a.start ? b : a));
    assert.equal(last.start, text.length - PARA.length + 3);
    const mid = text.length - PARA.length * Math.floor(n / 2);
    assert.equal(index.mentionAt('big.txt', mid + 5)?.entityId, maria.id);
  });

  it('finds the quotes and figures of a text read in sections, with offsets into the whole text', () => {
    const quote = 'The minister said: “We will not sign this agreement.” Officials said 40% of the loans were late.\n\n';
    const n = Math.ceil((SECTIONED_ABOVE * 1.2) / quote.length);
    const text = quote.repeat(n);
    const r = analyseDocument('big.txt', text, undefined, createDefaultPipeline({}));
    assert.ok(r.speech, 'the worker, not the host, reads the quotes of a large file');
    const direct = r.speech.quotes.filter((q) => q.kind === 'direct');
    assert.equal(direct.length, n);
    for (const q of direct) assert.equal(text.slice(q.content.start, q.content.end), 'We will not sign this agreement.');
    assert.equal(direct[direct.length - 1]!.content.start, text.length - quote.length + quote.indexOf('We will'));
    const claims = r.speech.claims.filter((c) => c.unit === '%');
    assert.equal(claims.length, n);
    for (const c of claims) assert.ok(text.slice(c.passage.start, c.passage.end).startsWith('Officials said 40%'));
    for (const q of r.speech.quotes) if (q.continues !== undefined) assert.ok(q.continues < r.speech.quotes.indexOf(q));
  });
});
