/**
 * A generated folder of hostile inputs for the robustness suite: what a folder of sources can hold
 * that a scan must survive. Returns the documents a scan must index and their decoded text.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';

export interface HostileFolder {
  /** Documents a scan must index: path → the decoded text. */
  readonly readable: Map<string, string>;
  /** Entries that must be skipped with a warning naming them (path prefixes as the CLI prints them). */
  readonly warned: string[];
}

const FIRST = ['Anna', 'Boris', 'Chloé', 'Dmitri', 'Elif', 'Farid', 'Greta', 'Hiroshi', 'Ines', 'Jamal'];
const LAST = ['Kowalski', 'Lindqvist', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quinn', 'Rossi', 'Silva', 'Tanaka'];
const PLACES = ['Lisbon', 'Nairobi', 'Oslo', 'Quito', 'Hanoi', 'Dakar', 'Lima', 'Riga', 'Tbilisi', 'Baku'];

function sentence(i: number): string {
  return `President ${FIRST[i % 10]} ${LAST[Math.floor(i / 10) % 10]} met officials in ${PLACES[Math.floor(i / 100) % 10]} on ${1 + (i % 28)} March 2021.`;
}

/** Fill `dir` (empty) with hostile inputs; `manyFiles` small documents besides. */
export function makeHostileFolder(dir: string, manyFiles = 10_000): HostileFolder {
  const readable = new Map<string, string>();
  const warned: string[] = [];
  const text = (rel: string, content: string, bytes: Buffer | string = content) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), bytes);
    readable.set(rel, content);
  };

  // Binary content under a text name (skipped), empty files (indexed, nothing found).
  writeFileSync(path.join(dir, 'scan-of-a-pdf.txt'), Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 7919) % 256))]));
  text('empty.txt', '');
  text('only-newlines.md', '\n\n\r\n\r');
  // One 4 MB line, and a 200,000-word run of capitalised words.
  text('huge-line.txt', Array.from({ length: 400_000 }, (_, i) => (i % 50 === 0 ? 'Geneva' : 'word')).join(' ').slice(0, 4_000_000));
  text('capitalised-run.txt', `Before it ${Array.from({ length: 200_000 }, (_, i) => `Word${i % 97}`).join(' ')} after it.\n`);
  // Encodings and line endings.
  const u16 = `${sentence(1)}\r\n${sentence(2)}\r\n`;
  text('utf16le-bom.txt', u16, Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(u16, 'utf-16le')]));
  text('utf16be-bom.txt', u16, Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(u16, 'utf-16be')]));
  const latin = 'Señora Zoë Peña, the mayor of Zürich, met Jürgen Weiß in Genève. '.repeat(4);
  text('latin1.txt', latin, iconv.encode(latin, 'latin1'));
  text('cr-only.txt', Array.from({ length: 40 }, (_, i) => sentence(i)).join('\r') + '\r');
  text('mixed-endings.txt', Array.from({ length: 40 }, (_, i) => sentence(i + 3) + ['\n', '\r\n', '\r'][i % 3]).join(''));
  // Control characters in text and in names.
  text('controls.txt', `Hello \u001b]0;pwned\u0007 President Joe Biden\u001b[2J went to Rome.\u009b31m Mayor Sadiq Khan \u202e of London.\n`);
  text(`name-\u001b[31mred\u001b[0m-\u0007.txt`, `${sentence(7)}\n`);
  text(`newline\nin-name.txt`, `${sentence(8)}\n`);
  // Deep nesting (200 levels) and a path past PATH_MAX (skipped with a warning).
  text(`${Array.from({ length: 200 }, (_, i) => `n${i}`).join('/')}/deep.txt`, `${sentence(9)}\n`);
  const seg = 'p'.repeat(200);
  execFileSync('bash', ['-c', `cd "$1" && mkdir too-long && cd too-long && for i in $(seq 1 25); do mkdir ${seg} && cd ${seg}; done && echo "Chancellor Olaf Scholz in Bonn." > unreachable.txt`, 'x', dir]);
  warned.push('too-long/');
  // Unreadable entries: /proc/self/mem (EIO even for root), a mode-000 file and folder for other users, a FIFO (never read).
  symlinkSync('/proc/self/mem', path.join(dir, 'unreadable.txt'));
  warned.push('unreadable.txt');
  if (process.getuid?.() !== 0) {
    writeFileSync(path.join(dir, 'locked.txt'), 'Locked.');
    chmodSync(path.join(dir, 'locked.txt'), 0);
    mkdirSync(path.join(dir, 'locked-folder'));
    writeFileSync(path.join(dir, 'locked-folder', 'x.txt'), 'Locked.');
    chmodSync(path.join(dir, 'locked-folder'), 0);
    warned.push('locked.txt', 'locked-folder');
  }
  execFileSync('mkfifo', [path.join(dir, 'pipe.txt')]);
  // Links: a loop, a dangling link, a link to a file.
  mkdirSync(path.join(dir, 'links'));
  symlinkSync('..', path.join(dir, 'links', 'loop'));
  warned.push('links/loop');
  symlinkSync('missing.txt', path.join(dir, 'links', 'dangling.txt'));
  warned.push('links/dangling.txt');
  symlinkSync('../cr-only.txt', path.join(dir, 'links', 'to-cr-only.txt'));
  readable.set('links/to-cr-only.txt', readable.get('cr-only.txt')!);
  // Many small files.
  for (let i = 0; i < manyFiles; i++) {
    const rel = `many/${String(Math.floor(i / 1000)).padStart(2, '0')}/doc-${String(i).padStart(5, '0')}.txt`;
    text(rel, `${sentence(i)} ${sentence(i + 37)}\n`);
  }
  return { readable, warned };
}
