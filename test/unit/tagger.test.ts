import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { Tagger, type TaggedSpan } from '../../src/core/tagger';
import { tagsToSpans } from '../../src/core/tagger/conll';
import { labelsToSpans, spansToLabels } from '../../src/core/tagger/labels';
import { tokenize } from '../../src/core/text/tokenize';
import { findRoot, loadTagger, MODEL_RELATIVE_PATH } from '../../src/node/tagger';

/** Sentences of a document, tokenised by the repo's own tokenizer. */
const doc = (...sentences: string[]): string[][] => sentences.map((s) => tokenize(s).map((t) => t.text));

/** "text/TYPE" for each span of a sentence. */
const show = (tokens: readonly string[], spans: readonly TaggedSpan[]): string[] =>
  spans.map((s) => `${tokens.slice(s.startToken, s.endToken).join(' ')}/${s.type}`);

describe('entity tagger', function () {
  this.timeout(20000);
  let tagger: Tagger;

  before(async () => {
    tagger = await loadTagger();
  });

  it('finds people, organisations and places', () => {
    const d = doc('Angela Merkel met Siemens executives in Munich on Tuesday.');
    const out = tagger.tag(d);
    assert.deepEqual(show(d[0]!, out[0]!), ['Angela Merkel/PER', 'Siemens/ORG', 'Munich/LOC']);
  });

  it('handles multi-word names and keeps boundaries exact', () => {
    const d = doc('Maria Gonzalez, a lawyer for Amnesty International, travelled to Nairobi last week.');
    const out = tagger.tag(d);
    assert.deepEqual(show(d[0]!, out[0]!), ['Maria Gonzalez/PER', 'Amnesty International/ORG', 'Nairobi/LOC']);
    assert.deepEqual(out[0]![0], { startToken: 0, endToken: 2, type: 'PER' });
  });

  it('reads curly quotes and possessives as in news text', () => {
    const d = doc('“We will not give up,” said a spokesman for Tony Blair’s office in London.');
    assert.ok(d[0]!.includes('’s'), 'the tokenizer splits the possessive');
    const out = tagger.tag(d);
    assert.deepEqual(show(d[0]!, out[0]!), ['Tony Blair/PER', 'London/LOC']);
  });

  it('tags a document of several sentences, one result per sentence', () => {
    const d = doc(
      'Shares in Microsoft rose after Bill Gates spoke in Seattle.',
      'Gates said the company would hire 500 engineers.',
      '',
      'The United Nations said food aid had reached Sudan.',
    );
    const out = tagger.tag(d);
    assert.equal(out.length, 4);
    assert.deepEqual(show(d[0]!, out[0]!), ['Microsoft/ORG', 'Bill Gates/PER', 'Seattle/LOC']);
    assert.deepEqual(show(d[1]!, out[1]!), ['Gates/PER']);
    assert.deepEqual(out[2], []);
    assert.deepEqual(show(d[3]!, out[3]!), ['United Nations/ORG', 'Sudan/LOC']);
  });

  it('tags a document the same whatever it tagged before', async () => {
    const a = doc('Protesters gathered outside the Ministry in Nairobi.', 'The minister, Grace Wanjiru, said the march was peaceful.', 'it rained all day and nobody left early.');
    const b = doc('Tesla shares rose after Elon Musk spoke in Austin.', 'Musk said Tesla would build more cars in Texas.');
    const fresh = await loadTagger();
    const first = fresh.tag(a);
    tagger.tag(b);
    tagger.tag(b);
    assert.deepEqual(tagger.tag(a), first);
  });

  it('finds nothing in plain lower-case prose', () => {
    const d = doc('the weather was nice and everyone went to the beach.');
    assert.deepEqual(tagger.tag(d), [[]]);
    assert.deepEqual(tagger.tag([]), []);
  });

  it('returns spans inside their sentence, in order and disjoint', () => {
    const d = doc(
      'Officials from the European Commission, NATO and the World Bank met in Brussels.',
      'President Barack Obama of the United States spoke to reporters in Washington.',
      'Real Madrid beat Barcelona 2-1 at the Bernabeu on Sunday.',
    );
    const out = tagger.tag(d);
    out.forEach((spans, i) => {
      let end = 0;
      for (const s of spans) {
        assert.ok(s.startToken >= end && s.startToken < s.endToken && s.endToken <= d[i]!.length);
        end = s.endToken;
      }
    });
    assert.ok(show(d[1]!, out[1]!).includes('Barack Obama/PER'));
  });

  it('loads the same model from bytes, and rejects bytes that are not a model', async () => {
    const bytes = await readFile(path.join(await findRoot(__dirname), MODEL_RELATIVE_PATH));
    const t = Tagger.load(new Uint8Array(bytes));
    const d = doc('Angela Merkel met Siemens executives in Munich on Tuesday.');
    assert.deepEqual(t.tag(d), tagger.tag(d));
    assert.throws(() => Tagger.load(new Uint8Array(64)), /not a tagger model/);
  });

  it('converts between tags, labels and spans', () => {
    assert.deepEqual(tagsToSpans(['B-PER', 'I-PER', 'O', 'I-LOC', 'B-LOC', 'I-ORG']), [
      { start: 0, end: 2, type: 0 },
      { start: 3, end: 4, type: 2 },
      { start: 4, end: 5, type: 2 },
      { start: 5, end: 6, type: 1 },
    ]);
    const spans = [
      { start: 0, end: 2, type: 0 },
      { start: 3, end: 4, type: 2 },
      { start: 4, end: 7, type: 1 },
    ];
    assert.deepEqual(labelsToSpans(spansToLabels(8, spans)), spans);
  });
});
