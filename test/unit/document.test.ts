import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { displayPassage, formatOf, prepareDocument, sentenceAt } from '../../src/core/text/document';
import { markdownLayout } from '../../src/core/text/markdown';
import { decodeText, LineIndex } from '../../src/core/text/text';
import type { PreparedDocument } from '../../src/core/types';

const root = path.resolve(__dirname, '../../..');
const sample = (name: string) => readFile(path.join(root, 'sources', name), 'utf8');

const sentencesOf = (d: PreparedDocument) => d.sentences.map((s) => d.text.slice(s.start, s.end));
const proseOf = (d: PreparedDocument) => d.prose.map((s) => d.text.slice(s.start, s.end)).join(' ¦ ');
const sents = (text: string, format: 'text' | 'markdown' = 'text') => sentencesOf(prepareDocument('t', text, format));

/** Structural invariants every prepared document must satisfy. */
function checkInvariants(d: PreparedDocument): void {
  const sorted = (xs: readonly { start: number; end: number }[], what: string) => {
    for (let i = 0; i < xs.length; i++) {
      assert.ok(xs[i]!.start < xs[i]!.end, `${what} ${i} empty`);
      if (i > 0) assert.ok(xs[i - 1]!.end <= xs[i]!.start, `${what} ${i} overlaps`);
    }
  };
  sorted(d.prose, 'prose');
  sorted(d.paragraphs, 'paragraph');
  sorted(d.sentences, 'sentence');
  for (const s of d.sentences) {
    const p = d.paragraphs[s.paragraph]!;
    assert.ok(p.start <= s.start && s.end <= p.end, 'sentence inside its paragraph');
    assert.equal(d.text.slice(s.start, s.end).trim(), d.text.slice(s.start, s.end), 'sentence trimmed');
  }
  assert.equal(d.tokenSentence.length, d.tokens.length);
  d.tokens.forEach((t, i) => {
    assert.equal(d.text.slice(t.start, t.end), t.text);
    const s = d.sentences[d.tokenSentence[i]!]!;
    assert.ok(s.start <= t.start && t.end <= s.end, `token ${t.text} inside its sentence`);
  });
}

describe('document: plain text', () => {
  it('formatOf', () => {
    assert.equal(formatOf('a/b.md'), 'markdown');
    assert.equal(formatOf('a/b.MARKDOWN'), 'markdown');
    assert.equal(formatOf('a/b.txt'), 'text');
  });

  it('press release: headline, the U.S. sentence, quotes', async () => {
    const d = prepareDocument('sources/ambassador-ibrahim-press-release.txt', await sample('ambassador-ibrahim-press-release.txt'));
    checkInvariants(d);
    const ss = sentencesOf(d);
    assert.equal(ss[0], 'Azerbaijan’s US Ambassador on Relations With Israel: ‘This is How We Believe Friends Should and Must Act’');
    assert.equal(
      ss[1],
      'Azerbaijani Ambassador to the U.S. Khazar Ibrahim in conversation with Jerusalem Post Deputy CEO Maayan Hoffman on June 5 in New York.',
    );
    assert.equal(ss[2], 'Credit: Marc Israel Sellem.');
    assert.equal(d.sentences[0]!.paragraph, 0);
    assert.equal(d.sentences[1]!.paragraph, 1);
    assert.ok(ss.includes('There, the Red Village is the world’s only all-Jewish village outside of Israel and the U.S.'));
    assert.ok(ss.some((s) => s.startsWith('Azerbaijan implemented these U.N. Security Council resolutions')));
  });

  it('op-ed: one paragraph per unwrapped line, leading blank lines', async () => {
    const text = await sample('azerbaijan-israel-op-ed.txt');
    const d = prepareDocument('op-ed.txt', text);
    checkInvariants(d);
    assert.equal(d.paragraphs.length, 5);
    assert.ok(d.text.slice(d.paragraphs[4]!.start, d.paragraphs[4]!.end).startsWith('Co-authors: Arye Gut'));
    const ss = sentencesOf(d);
    assert.ok(ss[0]!.startsWith('Evoke that, Prime minister of Israel Benjamin Netanyahu'));
    assert.ok(ss.includes('There, for centuries, a Jewish community has thrived amid a Muslim population.'));
  });

  it('a headline line followed by its paragraph without a blank line', () => {
    const text =
      'US duo in first spam conviction\nA brother and sister in the US have been convicted of sending hundreds of thousands of unsolicited e-mail messages to AOL subscribers. It is the first case.';
    const d = prepareDocument('t.txt', text);
    assert.deepEqual(sentencesOf(d), [
      'US duo in first spam conviction',
      'A brother and sister in the US have been convicted of sending hundreds of thousands of unsolicited e-mail messages to AOL subscribers.',
      'It is the first case.',
    ]);
    assert.equal(d.paragraphs.length, 2);
  });

  it('hard-wrapped prose: a line break alone does not end a sentence', () => {
    const text = [
      'Ambassador Khazar Ibrahim spoke at the Jerusalem Post Annual Conference in',
      'New York on June 5, where he met Deputy CEO Maayan Hoffman and other guests',
      'of the conference. He said that the embassy had opened earlier in the year.',
    ].join('\n');
    assert.deepEqual(sents(text), [
      'Ambassador Khazar Ibrahim spoke at the Jerusalem Post Annual Conference in\nNew York on June 5, where he met Deputy CEO Maayan Hoffman and other guests\nof the conference.',
      'He said that the embassy had opened earlier in the year.',
    ]);
    const wrappedAbbrev = [
      'The talks were held between the Azerbaijani ambassador to the U.S.',
      'Khazar Ibrahim and the editors of the newspaper in a long interview.',
    ].join('\n');
    assert.equal(sents(wrappedAbbrev).length, 1);
  });

  it('abbreviations, titles and initials', () => {
    const cases: [string, string[]][] = [
      ['Dr. Smith met Mr. Jones and Mrs. Brown. They talked.', ['Dr. Smith met Mr. Jones and Mrs. Brown.', 'They talked.']],
      ['Prof. Jane Doe and Gen. Aliyev spoke. It rained.', ['Prof. Jane Doe and Gen. Aliyev spoke.', 'It rained.']],
      ['J. R. R. Tolkien wrote it. George W. Bush read it.', ['J. R. R. Tolkien wrote it.', 'George W. Bush read it.']],
      ['He lives at No. 10 Downing St. in London. No. That is wrong.', ['He lives at No. 10 Downing St. in London.', 'No.', 'That is wrong.']],
      ['Born Jan. 5 1990 in Baku. Feb. 3 was cold.', ['Born Jan. 5 1990 in Baku.', 'Feb. 3 was cold.']],
      ['Big cities, e.g. Baku, grew. Compare i.e. Quba. Real Madrid vs. Barcelona ended 2-1.', ['Big cities, e.g. Baku, grew.', 'Compare i.e. Quba.', 'Real Madrid vs. Barcelona ended 2-1.']],
      ['He moved to the U.S. The move was hard.', ['He moved to the U.S.', 'The move was hard.']],
      ['U.S. President Biden met U.N. Secretary-General Guterres. They spoke.', ['U.S. President Biden met U.N. Secretary-General Guterres.', 'They spoke.']],
      ['Acme Inc. chairman John Smith spoke. He bought Acme Ltd. Shares fell.', ['Acme Inc. chairman John Smith spoke.', 'He bought Acme Ltd.', 'Shares fell.']],
      ['Sources tell the FT. But Rover denied it. It helps patients with MS. Final approval came.', ['Sources tell the FT.', 'But Rover denied it.', 'It helps patients with MS.', 'Final approval came.']],
      ['Hosts were Ant and Dec. Natalie left.', ['Hosts were Ant and Dec.', 'Natalie left.']],
      ['Fewer customers switched this year. 17% of readers left. He said. "2005 will be better."', ['Fewer customers switched this year.', '17% of readers left.', 'He said.', '"2005 will be better."']],
      ['It rose in 2003. 2004 was worse. See p. 5 and No. 7 for Sept. 11 data.', ['It rose in 2003.', '2004 was worse.', 'See p. 5 and No. 7 for Sept. 11 data.']],
      ['The meeting ended at 5 p.m. The guests left.', ['The meeting ended at 5 p.m.', 'The guests left.']],
      ['Is it true? Yes! It is.', ['Is it true?', 'Yes!', 'It is.']],
      ['“It’s not only business. This is how friends act,” he said.', ['“It’s not only business.', 'This is how friends act,” he said.']],
    ];
    for (const [text, expected] of cases) assert.deepEqual(sents(text), expected, text);
  });

  it('CRLF: paragraphs, sentences and tokens keep offsets into the original', () => {
    const text = 'Headline of the Day\r\n\r\nDr. Smith visited Baku. He met Aliyev.\r\n\r\nLast one.\r\n';
    const d = prepareDocument('t.txt', text);
    checkInvariants(d);
    assert.deepEqual(sentencesOf(d), ['Headline of the Day', 'Dr. Smith visited Baku.', 'He met Aliyev.', 'Last one.']);
    assert.deepEqual(
      d.paragraphs.map((p) => text.slice(p.start, p.end)),
      ['Headline of the Day', 'Dr. Smith visited Baku. He met Aliyev.', 'Last one.'],
    );
    const baku = d.tokens.find((t) => t.text === 'Baku')!;
    assert.equal(text.slice(baku.start, baku.end), 'Baku');
    const li = new LineIndex(text);
    assert.deepEqual(li.positionAt(baku.start), { line: 2, character: 18 });
  });

  it('BOM removed by decodeText; offsets are into the decoded text', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Khazar Ibrahim visited Baku.')]);
    const text = decodeText(bytes);
    assert.equal(text.charCodeAt(0), 0x4b);
    const d = prepareDocument('t.txt', text);
    assert.deepEqual(sentencesOf(d), ['Khazar Ibrahim visited Baku.']);
    const t = d.tokens[0]!;
    assert.deepEqual([t.start, t.end, t.text], [0, 6, 'Khazar']);
  });

  it('an emoji before a name: offsets are UTF-16 code units', () => {
    const text = '🎉🇦🇿 Khazar Ibrahim visited 𝔅aku. Then he left.';
    const d = prepareDocument('t.txt', text);
    checkInvariants(d);
    const k = d.tokens.find((t) => t.text === 'Khazar')!;
    assert.equal(k.start, 7);
    assert.equal(text.slice(k.start, k.end), 'Khazar');
    assert.equal(sentencesOf(d).length, 2);
  });

  it('empty and whitespace-only documents', () => {
    for (const t of ['', '   \n\n  \r\n']) {
      const d = prepareDocument('t.txt', t);
      assert.equal(d.sentences.length, 0);
      assert.equal(d.paragraphs.length, 0);
      assert.equal(d.tokens.length, 0);
    }
  });

  it('short lines are separate paragraphs (bylines, addresses)', () => {
    const d = prepareDocument('t.txt', 'By Arye Gut\nBBC News, Baku\n\nThe text begins here.');
    assert.deepEqual(sentencesOf(d), ['By Arye Gut', 'BBC News, Baku', 'The text begins here.']);
  });
});

describe('document: displayPassage and sentenceAt', () => {
  const text = 'One. Two. Three. Four.\n\nFive. Six.';
  const d = prepareDocument('t.txt', text);
  const span = (s?: { start: number; end: number }) => (s ? text.slice(s.start, s.end) : undefined);

  it('adds neighbours within the paragraph only', () => {
    assert.equal(span(displayPassage(d, 1, { before: 1, after: 1 })), 'One. Two. Three.');
    assert.equal(span(displayPassage(d, 0, { before: 2, after: 0 })), 'One.');
    assert.equal(span(displayPassage(d, 3, { before: 0, after: 2 })), 'Four.');
    assert.equal(span(displayPassage(d, 4, { before: 3, after: 3 })), 'Five. Six.');
    assert.equal(span(displayPassage(d, 2, { before: 0, after: 0 })), 'Three.');
    assert.equal(displayPassage(d, 99, {}), undefined);
  });

  it('sentenceAt', () => {
    assert.equal(span(sentenceAt(d, 0)), 'One.');
    assert.equal(span(sentenceAt(d, 4)), 'One.'); // just after the full stop
    assert.equal(span(sentenceAt(d, 5)), 'Two.');
    assert.equal(span(sentenceAt(d, text.indexOf('Six'))), 'Six.');
    assert.equal(sentenceAt(d, text.indexOf('\n') + 1), undefined);
  });
});

describe('document: markdown', () => {
  const md = [
    '---',
    'title: Front Matter Name',
    'tags: [Baku]',
    '---',
    '# Heading about Quba ##',
    '',
    'Some prose with `inline Code` and a [link text](http://example.com/Hidden "Title") and <https://x.org/Auto>.',
    'See [ref text][RefLabel] and <span class="x">Tagged Name</span> here https://www.bbc.co.uk/News today.',
    '',
    '[reflabel]: http://example.com/Ref',
    '',
    '```js',
    'const Secret = "Fenced Name";',
    '```',
    '',
    '    Indented Code',
    '',
    '- item one with Mr. Smith',
    '- [ ] task Two',
    '  continued Line',
    '1. numbered Item',
    '',
    '> quoted Text',
    '> more Quoted',
    '',
    '| Name | Place |',
    '|------|-------|',
    '| Aliyev | Baku |',
    '',
    '<!-- hidden',
    'Comment Name -->',
    'Setext Title',
    '------------',
    'Last para with ``code ` span`` inside.',
    '~~~',
    'unclosed Fence Name',
  ].join('\n');
  const d = prepareDocument('notes.md', md);

  it('prose excludes front matter, code, URLs, tags and markers', () => {
    checkInvariants(d);
    const prose = proseOf(d);
    for (const hidden of ['Front Matter', 'inline Code', 'Hidden', 'Title"', 'Auto', 'RefLabel', 'example.com', 'Secret', 'Fenced', 'Indented', 'span class', 'bbc.co.uk', 'Comment Name', '---', '# ', '##', '- ', '[ ]', '> ', '|', 'code ` span', 'unclosed Fence']) {
      assert.ok(!prose.includes(hidden), `"${hidden}" should not be prose: ${prose}`);
    }
    for (const shown of ['Heading about Quba', 'Some prose with', 'link text', 'ref text', 'Tagged Name', 'today.', 'item one with Mr. Smith', 'task Two', 'continued Line', 'numbered Item', 'quoted Text', 'more Quoted', 'Aliyev', 'Baku', 'Setext Title', 'Last para with']) {
      assert.ok(prose.includes(shown), `"${shown}" should be prose: ${prose}`);
    }
    // Tokens come from prose only.
    const words = new Set(d.tokens.map((t) => t.text));
    for (const w of ['Secret', 'Hidden', 'Auto', 'Front', 'Indented', 'http']) assert.ok(!words.has(w), w);
    assert.ok(words.has('Quba') && words.has('Tagged'));
  });

  it('headings, list items and table cells are paragraphs; sentences stay in prose', () => {
    const paras = d.paragraphs.map((p) => md.slice(p.start, p.end));
    assert.equal(paras[0], 'Heading about Quba');
    assert.ok(paras.includes('item one with Mr. Smith'));
    assert.ok(paras.includes('task Two\n  continued Line'));
    assert.ok(paras.includes('numbered Item'));
    assert.ok(paras.includes('Aliyev') && paras.includes('Baku') && paras.includes('Place'));
    assert.ok(paras.includes('Setext Title'));
    const ss = sentencesOf(d);
    assert.equal(ss[0], 'Heading about Quba');
    assert.ok(ss.includes('item one with Mr. Smith'));
    assert.ok(ss.some((s) => s.startsWith('Some prose with') && s.endsWith('<https://x.org/Auto>.')));
  });

  it('offsets are into the original text (no rewriting)', () => {
    assert.equal(d.text, md);
    const q = d.tokens.find((t) => t.text === 'Quba')!;
    assert.equal(md.slice(q.start, q.end), 'Quba');
    assert.equal(q.start, md.indexOf('Quba'));
  });

  it('TOML front matter, CRLF, nested lists, images and escapes', () => {
    const text = '+++\r\ntitle = "Toml Name"\r\n+++\r\nIntro with ![Alt Text](img/Photo.png) and \\`not code\\` here.\r\n\r\n- outer\r\n    - Inner Item\r\n';
    const l = markdownLayout(text);
    const prose = l.prose.map((s) => text.slice(s.start, s.end)).join(' ¦ ');
    assert.ok(!prose.includes('Toml'));
    assert.ok(!prose.includes('Photo'));
    assert.ok(prose.includes('Alt Text'));
    assert.ok(prose.includes('not code'));
    assert.ok(prose.includes('Inner Item'), prose);
    assert.ok(!prose.includes('\r'));
  });

  it('a thematic break at the top is not front matter when unclosed', () => {
    const text = '---\n\nSome Prose here.';
    assert.deepEqual(sents(text, 'markdown'), ['Some Prose here.']);
  });
});

describe('text: LineIndex round trips', () => {
  it('astral characters, CRLF, CR and LF', () => {
    const text = 'a😀b\r\n𝔅aku\rc\n\r\nend';
    const li = new LineIndex(text);
    assert.equal(li.lineCount, 5);
    for (let o = 0; o <= text.length; o++) {
      const p = li.positionAt(o);
      const back = li.offsetAt(p);
      // Offsets inside a CRLF map to the end of the line's content.
      if (text[o - 1] === '\r' && text[o] === '\n') assert.equal(back, o - 1);
      else assert.equal(back, o, `offset ${o}`);
    }
    assert.deepEqual(li.positionAt(text.indexOf('b')), { line: 0, character: 3 });
    assert.deepEqual(li.positionAt(text.indexOf('aku')), { line: 1, character: 2 });
    assert.deepEqual(li.positionAt(text.indexOf('c')), { line: 2, character: 0 });
    assert.deepEqual(li.positionAt(text.indexOf('end')), { line: 4, character: 0 });
    assert.equal(li.lineEnd(0), 4);
  });
});
