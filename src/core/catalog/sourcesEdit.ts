/**
 * Write-back of sources.yaml's `exclude:` list (the files marked Not a Source). Like the
 * entities.yaml write-back (catalog.ts), it edits the parsed YAML Document and prints it again, so
 * comments, blank lines, quoting and the order of entries stay as the user left them; it is
 * idempotent and creates the list (or the whole file) when missing. Throws SourcesEditError when
 * the text cannot be edited safely (a syntax error, a top level that is not a mapping).
 */
import { isMap, isScalar, isSeq, YAMLMap, YAMLSeq, type Document, type Pair, type Scalar } from 'yaml';
import { parseYaml, stringifyLike, usesCrlf } from './yamlUtil';

export class SourcesEditError extends Error {}

/** A fresh sources.yaml with a header comment explaining the format. */
export function newSourcesText(): string {
  return `# sources.yaml: what we know about each source document in this folder.
#
# sources:   metadata by file path (relative to this file). Every field is optional:
#              title, authors (a list), publisher, date (YYYY, YYYY-MM or YYYY-MM-DD), url,
#              kind (article, op-ed, press release, report, ...), note
# exclude:   files that are not sources (your own drafts and notes): Source Research still
#            hovers names in them, but nothing in them counts as a mention or a passage.
#            "Not a Source" and "Mark as Source" edit this list.

sources: {}

exclude: []
`;
}

/** Normalise a path as sources.yaml keys are compared: forward slashes, no "./". */
export function normaliseEntry(p: string): string {
  return p.trim().replace(/\\/g, '/').replace(/^\.\//, '');
}

/**
 * Add (`excluded` true) or remove a path from `exclude:`. The path is relative to the folder of
 * sources.yaml. Removing a path that is not listed, or adding one that is, changes nothing.
 */
export function setExcluded(text: string, path: string, excluded: boolean): string {
  const p = normaliseEntry(path);
  if (!p) throw new SourcesEditError('The file path is empty.');
  const quick = lineEdit(text, p, excluded);
  if (quick !== undefined) return quick;
  return edit(text, (doc) => {
    const root = doc.contents as YAMLMap;
    const pair = root.items.find((i) => isScalar(i.key) && i.key.value === 'exclude');
    const matches = (item: unknown) => isScalar(item) && normaliseEntry(String(item.value ?? '')) === p;
    if (!excluded) {
      if (!pair) return;
      if (isSeq(pair.value)) {
        const i = pair.value.items.findIndex(matches);
        if (i >= 0) pair.value.items.splice(i, 1);
      } else if (matches(pair.value)) pair.value = new YAMLSeq();
      return;
    }
    const seq = excludeList(doc, root, pair as Pair<Scalar, unknown> | undefined);
    if (seq.items.some(matches)) return;
    seq.items.push(doc.createNode(p));
  });
}

/**
 * The common cases as a one-line text edit, leaving every other byte as it was: adding a path to a
 * block list (a line after its last item, same indent) and removing a path that has a line of its
 * own. Undefined when the layout is anything else (the Document edit handles it).
 */
function lineEdit(text: string, p: string, excluded: boolean): string | undefined {
  const { doc } = parseYaml(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const pair = doc.contents.items.find((i) => isScalar(i.key) && i.key.value === 'exclude');
  const nl0 = usesCrlf(text) ? '\r\n' : '\n';
  if (!pair) {
    // No list yet in a block mapping: a new section at the end.
    if (!excluded) return text;
    if (doc.contents.flow || doc.contents.items.length === 0) return undefined;
    const body = text.replace(/(\r?\n)*$/, '');
    return `${body}${nl0}${nl0}exclude:${nl0}  - ${quoteEntry(p)}${nl0}`;
  }
  const seq = pair.value;
  if (!isSeq(seq) || seq.flow || seq.items.length === 0) return undefined;
  const nl = usesCrlf(text) ? '\r\n' : '\n';
  const lineStart = (i: number) => text.lastIndexOf('\n', i - 1) + 1;
  const lineEnd = (i: number) => {
    const e = text.indexOf('\n', i);
    return e < 0 ? text.length : e + 1;
  };
  if (!seq.items.every((i) => isScalar(i))) return undefined;
  const items = seq.items as unknown as Scalar[];
  const same = (item: Scalar) => normaliseEntry(String(item.value ?? '')) === p;
  if (!excluded) {
    const item = items.find(same);
    if (!item?.range) return text;
    const start = lineStart(item.range[0]);
    const end = lineEnd(item.range[1]);
    if (!/^[ \t]*-[ \t]*$/.test(text.slice(start, item.range[0]))) return undefined;
    const rest = text.slice(item.range[1], end);
    if (!/^[ \t]*(#.*)?\r?\n?$/.test(rest)) return undefined;
    return text.slice(0, start) + text.slice(end);
  }
  if (items.some(same)) return text;
  const last = items[items.length - 1]!;
  const first = items[0]!;
  if (!last.range || !first.range) return undefined;
  const firstLine = lineStart(first.range[0]);
  const dash = /^([ \t]*)-[ \t]*$/.exec(text.slice(firstLine, first.range[0]));
  if (!dash) return undefined;
  const end = lineEnd(last.range[1]);
  if (text.slice(last.range[1], end).includes('-')) return undefined;
  const line = `${dash[1]}- ${quoteEntry(p)}`;
  const before = text.slice(0, end);
  return before.endsWith('\n') ? before + line + nl + text.slice(end) : before + nl + line + nl + text.slice(end);
}

/** A path as a YAML scalar: plain when safe, else double-quoted. */
function quoteEntry(p: string): string {
  return /^[A-Za-z0-9_./][A-Za-z0-9_./ ()+,-]*$/.test(p) && !p.endsWith(' ') ? p : JSON.stringify(p);
}

/** The `exclude:` sequence, created or converted (null, a single path) as needed. */
function excludeList(doc: Document, root: YAMLMap, pair: Pair<Scalar, unknown> | undefined): YAMLSeq {
  const value = pair?.value;
  if (isSeq(value)) {
    if (value.flow && value.items.length === 0) value.flow = false;
    return value;
  }
  const created = new YAMLSeq();
  if (isScalar(value) && value.value !== null && value.value !== '') {
    created.items.push(value);
  } else if (value !== null && value !== undefined && !isScalar(value)) {
    throw new SourcesEditError('"exclude" in sources.yaml must be a list of file paths.');
  }
  if (pair) {
    if (isScalar(value) && value.comment) created.comment = value.comment;
    pair.value = created;
  } else {
    const p = doc.createPair('exclude', null) as Pair<Scalar, unknown>;
    p.value = created;
    if (root.items.length > 0) (p.key as Scalar).spaceBefore = true;
    root.items.push(p);
  }
  return created;
}

function edit(text: string, fn: (doc: Document) => void): string {
  const base = text.trim() === '' ? newSourcesText() : text;
  const { doc } = parseYaml(base);
  if (doc.errors.length > 0) {
    throw new SourcesEditError(`sources.yaml has a syntax error (${doc.errors[0]!.message.split('\n')[0]}); fix it before editing.`);
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) doc.contents = new YAMLMap() as never;
  if (!isMap(doc.contents)) throw new SourcesEditError('sources.yaml must be a mapping with the keys sources and exclude.');
  fn(doc);
  const out = stringifyLike(doc, base);
  return out === stringifyLike(parseYaml(base).doc, base) ? base : out;
}
