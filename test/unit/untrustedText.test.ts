/** Decoding and escaping untrusted text (issue 12): encodings, theme icons, control characters. */
import * as assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { escapeMarkdown, markdownQuote } from '../../src/core/index/entityText';
import { decodeBytes, decodeInSlices, describeEncoding } from '../../src/core/text/decode';
import { escapeControlChars, escapeThemeIcons } from '../../src/core/text/sanitize';

/** What VS Code 1.100 does with Markdown when theme icons are on (markdownRenderer + iconLabels), enough to tell an icon from text. */
function vscodeIcons(markdownSource: string): string {
  const icon = /\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/;
  // 1. markdownEscapeEscapedIcons: `\$(x)` gets one more backslash.
  let s = markdownSource.replace(new RegExp(`\\\\${icon.source}`, 'g'), (m) => `\\${m}`);
  // 2. Markdown backslash escapes of ASCII punctuation.
  s = s.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  // 3. renderLabelWithIcons on the HTML: `\$(x)` is text, `$(x)` an icon.
  return s.replace(new RegExp(`(\\\\)?(${icon.source})`, 'g'), (_m, esc: string | undefined, ic: string) => (esc ? ic : `<icon ${ic.slice(2, -1)}>`));
}

/** What a QuickPick label shows (renderLabelWithIcons on plain text). */
function quickPickShows(label: string): string {
  return label.replace(/(\\)?(\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\))/g, (_m, esc: string | undefined, ic: string) => (esc ? ic : `<icon ${ic.slice(2, -1)}>`));
}

describe('untrusted text', () => {
  describe('decodeBytes', () => {
    const text = 'Zoë Durand met Jürgen Weiß in Zürich — “quoted”.\r\nNext line.';
    it('decodes UTF-8 with and without BOM, UTF-16 LE/BE with BOM, UTF-16 LE without BOM', () => {
      assert.deepEqual(decodeBytes(Buffer.from(text)), { text, encoding: 'utf-8', how: 'valid UTF-8' });
      assert.equal(decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])).text, text);
      for (const [bom, enc] of [[[0xff, 0xfe], 'utf-16le'], [[0xfe, 0xff], 'utf-16be']] as const) {
        const d = decodeBytes(Buffer.concat([Buffer.from(bom), iconv.encode(text, enc)]));
        assert.deepEqual([d.text, d.encoding, d.how, d.binary], [text, enc, 'bom', undefined]);
      }
      const d = decodeBytes(iconv.encode(text, 'utf-16le'));
      assert.deepEqual([d.text, d.encoding, d.how], [text, 'utf-16le', 'zero bytes']);
    });
    it('detects Latin-1 / Windows-1252, and says so', () => {
      const latin = 'Zoë Durand met Jürgen Weiß in Zürich. Señora Peña said: déjà vu. ';
      const d = decodeBytes(iconv.encode(latin.repeat(2), 'latin1'));
      assert.equal(d.text, latin.repeat(2));
      assert.equal(describeEncoding(d), 'read as WINDOWS-1252 (detected)');
      // Short text the detector cannot place still decodes every byte.
      assert.equal(decodeBytes(iconv.encode('Zoë', 'latin1')).text, 'Zoë');
    });
    it('calls NUL-laden or control-character content binary, and empty files text', () => {
      assert.ok(decodeBytes(Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3, 0, 0])).binary);
      assert.ok(decodeBytes(Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 8) + 1))).binary);
      assert.deepEqual(decodeBytes(Buffer.alloc(0)), { text: '', encoding: 'utf-8', how: 'valid UTF-8' });
    });
    it('decodes a large file a megabyte at a time, to what decodeBytes gives, whatever its encoding', async () => {
      // Four-byte and two-byte characters fall across the megabyte boundaries.
      const utf8 = Buffer.from('Zoë met 𝒜lex in Zürich — “quoted”. '.repeat(200_000));
      const latin = iconv.encode('Señora Peña said: déjà vu in Zürich. '.repeat(200_000), 'latin1');
      const nul = Buffer.concat([Buffer.from([0x25, 0x50, 0x44, 0x46, 0]), Buffer.alloc(6_000_000, 0x41)]);
      const broken = Buffer.concat([Buffer.from('a'.repeat(5_500_000)), Buffer.from([0xe2, 0x28, 0xa1])]);
      for (const [what, bytes] of [['UTF-8', utf8], ['Latin-1', latin], ['NUL bytes', nul], ['UTF-8 broken at the end', broken]] as const) {
        let pauses = 0;
        const sliced = await decodeInSlices(bytes, async () => void pauses++);
        assert.ok(sliced.text === decodeBytes(bytes).text, what);
        assert.deepEqual({ ...sliced, text: '' }, { ...decodeBytes(bytes), text: '' }, what);
        if (what === 'UTF-8') assert.ok(pauses >= 6, `${pauses} pauses`);
      }
    });
  });

  describe('theme icons stay text', () => {
    const hostile = ['$(alert) Alert', 'a $(bug) b', '$(symbol-number)', '$(sync~spin)', 'x\\$(bug)'];
    it('in hover Markdown (escapeMarkdown, markdownQuote)', () => {
      for (const t of hostile) assert.equal(vscodeIcons(escapeMarkdown(t)), t, t);
      const q = markdownQuote('Said $(alert) to $(bug) Smith.', { start: 19, end: 25 });
      assert.equal(vscodeIcons(q).replace(/\*\*/g, ''), 'Said $(alert) to $(bug) Smith.');
    });
    it('in QuickPick labels (escapeThemeIcons)', () => {
      for (const t of hostile) assert.equal(quickPickShows(escapeThemeIcons(t)), t, t);
      assert.equal(quickPickShows('$(alert)'), '<icon alert>'); // the model of VS Code is right
    });
  });

  it('escapes control characters for a terminal', () => {
    assert.equal(escapeControlChars('a\u001b[2Jb\u0007c\u009bd\u202ee\u0000'), 'a\\x1b[2Jb\\x07c\\x9bd\\u202ee\\x00');
    assert.equal(escapeControlChars('Zoë 👍🏽 — plain'), 'Zoë 👍🏽 — plain');
  });
});
