/**
 * Shared helpers for the YAML files of a corpus (entities.yaml, sources.yaml): problems with
 * 0-based positions, scalar access, line-ending preservation and minimal text edits.
 */
import { isMap, isScalar, isSeq, Lexer, LineCounter, parseDocument, YAMLParseError, type Document, type Node, type ParsedNode, type YAMLError } from 'yaml';
import type { Problem } from '../types';

export interface ParsedYaml {
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

/**
 * Parse YAML with positions. The yaml package's own duplicate-key check compares each key with every
 * key before it (quadratic: 10 s for a sources.yaml of 30,000 entries), so it is turned off and done
 * here with a set per mapping, reporting the same error at the same place.
 */
export function parseYaml(text: string): ParsedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: false, prettyErrors: false, uniqueKeys: false });
  const dups = duplicateKeyErrors(doc.contents);
  if (dups.length) {
    const all = [...doc.errors, ...dups].sort((a, b) => a.pos[0] - b.pos[0]);
    doc.errors.length = 0;
    doc.errors.push(...all);
  }
  return { doc, lines };
}

/** 'Map keys must be unique' at every repeated key (scalar keys equal by value), in linear time. */
function duplicateKeyErrors(root: unknown): YAMLParseError[] {
  const out: YAMLParseError[] = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const k = pair.key;
        if (isScalar(k)) {
          if (seen.has(k.value)) {
            const at = (k as ParsedNode).range?.[0] ?? 0;
            out.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
          } else seen.add(k.value);
        } else if (k) stack.push(k);
        if (pair.value) stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return out;
}

/** A problem at a character range of the YAML text. */
export function problemAt(
  file: string,
  lines: LineCounter,
  range: readonly [number, number] | readonly number[] | undefined | null,
  message: string,
  severity: Problem['severity'],
): Problem {
  const start = range?.[0] ?? 0;
  const end = Math.max(start, range?.[1] ?? start);
  const a = lines.linePos(start);
  let b = lines.linePos(end);
  // A range that ends at the start of a later line (a block node with its line break) ends on the line before.
  if (b.line > a.line && b.col === 1) {
    // linePos is 1-based: line b.line starts at lineStarts[b.line - 1]; the line before ends one character earlier.
    const starts = lines.lineStarts;
    const prevStart = starts[b.line - 2] ?? 0;
    const len = (starts[b.line - 1] ?? end) - prevStart;
    b = { line: b.line - 1, col: Math.max(1, len) };
  }
  return { file, message, severity, line: a.line - 1, character: a.col - 1, endLine: b.line - 1, endCharacter: b.col - 1 };
}

/** Said of every problem that leaves a YAML file unused: what Source Research does meanwhile. */
export const KEPT_LAST_GOOD = 'Source Research keeps using the last good version of this file until this is fixed.';

/** A file's base name for messages ("sources/entities.yaml" → "entities.yaml"). */
function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1) || file;
}

/**
 * Where a quoted scalar that is never closed opens: the yaml package reports it where the file
 * ends. Undefined when no such quote is found.
 */
function unclosedQuoteAt(text: string): number | undefined {
  let offset = 0;
  for (const tok of new Lexer().lex(text)) {
    // The lexer's control tokens (document start, scalar, flow end…) stand for no source character.
    if (tok.length === 1 && tok.charCodeAt(0) < 0x20 && tok !== '\n' && tok !== '\t' && tok !== '\r') continue;
    const q = tok[0];
    if ((q === '"' || q === "'") && !closedQuote(tok)) return offset;
    offset += tok.length;
  }
  return undefined;
}

function closedQuote(tok: string): boolean {
  const q = tok[0]!;
  const body = tok.trimEnd();
  if (body.length < 2 || body[body.length - 1] !== q) return false;
  if (q === "'") return true; // '' inside is an escaped quote; the lexer ends the token at the real close
  let bs = 0;
  for (let i = body.length - 2; i > 0 && body[i] === '\\'; i--) bs++;
  return bs % 2 === 0;
}

/** Problems from the yaml package's own errors and warnings (syntax, duplicate keys, ...), in the user's terms. */
export function yamlProblems(file: string, lines: LineCounter, errs: readonly YAMLError[], severity: Problem['severity'], text = ''): Problem[] {
  const name = baseName(file);
  return errs.map((e) => {
    let message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    let pos: readonly number[] | undefined = e.pos;
    if (/^Missing closing ["']quote/.test(message)) {
      const q = /"quote/.test(message) ? '"' : "'";
      const at = unclosedQuoteAt(text);
      if (at !== undefined) pos = [at, at + 1];
      message = `This text opens a ${q === '"' ? 'double' : 'single'} quote (${q}) that is never closed: add the closing ${q}.`;
    } else if (e.code === 'MULTIPLE_DOCS' || /multiple documents/i.test(message)) {
      message = `${name} holds more than one YAML document (a "---" line starts another): keep everything in one document and remove the "---" line.`;
    } else if (e.code === 'TAB_AS_INDENT' || /^Tabs are not allowed/.test(message)) {
      message = 'A tab is used to indent this line: YAML indents with spaces only.';
    } else if (e.code === 'DUPLICATE_KEY') {
      message = `${message.replace(/\.$/, '')}: each key may appear once.`;
    } else if (/^(Sequence item without - indicator|Implicit map keys need|All mapping items must start at the same column|Unexpected|Bad indentation)/.test(message)) {
      message = 'This line is not indented as YAML expects: line up the items of a list or mapping at the same column, each list item starting with "- ".';
    } else if (!/[.!?]$/.test(message)) message += '.';
    return problemAt(file, lines, pos, severity === 'error' ? `${message} ${KEPT_LAST_GOOD}` : message, severity);
  });
}

/** The range of a node for problems: its value, without trailing comments. */
export function nodeRange(node: unknown): [number, number] | undefined {
  const r = (node as ParsedNode | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** The string value of a scalar node (numbers and booleans as they were written); undefined for collections. */
export function scalarString(node: unknown, text: string): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return undefined;
  const r = (node as Node).range;
  if (r) {
    const src = text.slice(r[0], r[1]).trim();
    if (src) return src.replace(/^(['"])([\s\S]*)\1$/, '$2');
  }
  return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
}

export function usesCrlf(text: string): boolean {
  const i = text.indexOf('\n');
  return i > 0 && text.charCodeAt(i - 1) === 13;
}

/** Serialise a document edited in place, keeping the original's line endings. */
export function stringifyLike(doc: Document, original: string): string {
  let out = doc.toString({ lineWidth: 0, flowCollectionPadding: false, ...detectStyle(original) });
  if (usesCrlf(original)) out = out.replace(/\r?\n/g, '\r\n');
  return out;
}

export interface TextEdit {
  /** Offsets into the old text, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** Replacement text. */
  readonly text: string;
}

/**
 * The smallest single replacement that turns oldText into newText (common prefix and suffix
 * removed), never splitting a surrogate pair or a CRLF. Empty edit (start === end, text '') when equal.
 */
export function minimalEdit(oldText: string, newText: string): TextEdit {
  const max = Math.min(oldText.length, newText.length);
  let p = 0;
  while (p < max && oldText.charCodeAt(p) === newText.charCodeAt(p)) p++;
  if (p === oldText.length && p === newText.length) return { start: p, end: p, text: '' };
  let s = 0;
  while (s < max - p && oldText.charCodeAt(oldText.length - 1 - s) === newText.charCodeAt(newText.length - 1 - s)) s++;
  // Do not cut between the halves of a surrogate pair or of a CRLF.
  while (p > 0 && (splits(oldText, p) || splits(newText, p))) p--;
  while (s > 0 && (splits(oldText, oldText.length - s) || splits(newText, newText.length - s))) s--;
  return { start: p, end: oldText.length - s, text: newText.slice(p, newText.length - s) };
}

function splits(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return false;
  const a = text.charCodeAt(i - 1);
  const b = text.charCodeAt(i);
  return (a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff) || (a === 13 && b === 10);
}

/**
 * The indentation style of a YAML text: the indent of the first block under a top-level key
 * ("key:\n    - x" → 4), and whether block sequences under a key are indented ("key:\n- x" → no).
 */
export function detectStyle(text: string): { indent: number; indentSeq: boolean } {
  let indent: number | undefined;
  let indentSeq = true;
  let afterKey = false;
  for (const line of text.split(/\r?\n|\r/)) {
    const t = line.trimStart();
    if (t === '' || t.startsWith('#')) continue;
    const lead = line.length - t.length;
    if (afterKey) {
      if (lead === 0 && (t.startsWith('- ') || t === '-')) indentSeq = false;
      else if (lead > 0 && indent === undefined) indent = Math.min(8, lead);
    }
    afterKey = lead === 0 && /:\s*(?:#.*)?$/.test(t) && !t.startsWith('- ');
    if (indent !== undefined && !indentSeq) break;
  }
  return { indent: indent ?? 2, indentSeq };
}
