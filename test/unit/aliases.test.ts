import * as assert from 'node:assert/strict';
import { acronymVariants, cleanSurface, indexByLastWord, nameKey, personFit } from '../../src/core/resolution/aliases';
import { NameMatcher } from '../../src/core/text/matcher';
import { tokenize } from '../../src/core/text/tokenize';

describe('alias rules', () => {
  it('strips possessives and edge quotes', () => {
    assert.equal(cleanSurface("Netanyahu's"), 'Netanyahu');
    assert.equal(cleanSurface('Azerbaijan’s'), 'Azerbaijan');
    assert.equal(cleanSurface('‘Krasnaya Sloboda’'), 'Krasnaya Sloboda');
  });

  it('keys fold case, diacritics and acronym dots', () => {
    assert.equal(nameKey('U.S.'), nameKey('US'));
    assert.equal(nameKey('Zürich'), nameKey('Zurich'));
    assert.equal(nameKey("Netanyahu's"), nameKey('netanyahu'));
    assert.equal(nameKey('U.N. Security Council'), 'un security council');
  });

  it('collapses runs of capitalised words to initials', () => {
    const v = acronymVariants('United Nations Security Council');
    assert.ok(v.includes('un security council'));
    assert.ok(v.includes('unsc'));
    assert.ok(acronymVariants('United States').includes('us'));
    assert.ok(acronymVariants('United States of America').includes('usa'));
  });

  it('joins a surname to the one full name that ends with it, and leaves ambiguous ones alone', () => {
    const idx = indexByLastWord(['benjamin netanyahu', 'gordon brown', 'james brown']);
    assert.equal(personFit('netanyahu', idx), 'benjamin netanyahu');
    assert.equal(personFit('brown', idx), undefined);
    assert.equal(personFit('smith', idx), undefined);
  });
});

describe('name matcher', () => {
  const m = new NameMatcher<string>();
  m.add('United States', 'us');
  m.add('US', 'us');
  m.add('Turkey', 'turkey');
  m.add('Red Village', 'krasnaya');
  m.add('Netanyahu', 'bn');

  it('finds the longest known form, in any text', () => {
    const text = 'Then the Red Village, and Netanyahu’s visit to the United States.';
    const hits = m.matchText(text).map((h) => [text.slice(h.start, h.end), h.value]);
    assert.deepEqual(hits, [
      ['Red Village', 'krasnaya'],
      ['Netanyahu', 'bn'],
      ['United States', 'us'],
    ]);
  });

  it('keeps the shape a reader relies on', () => {
    assert.equal(m.matchText('let us eat turkey').length, 0);
    assert.equal(m.matchText('the US and Turkey').length, 2);
  });

  it('offsets are UTF-16 after astral characters', () => {
    const text = '😀🎉 Turkey';
    const [h] = m.matchTokens(tokenize(text));
    assert.equal(text.slice(h!.start, h!.end), 'Turkey');
    assert.equal(h!.start, 5);
  });
});
