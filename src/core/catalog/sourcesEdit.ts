/**
 * Write-back of sources.yaml's `exclude:` list (the files marked Not a Source). Like the
 * entities.yaml write-back (catalog.ts), it edits the parsed YAML Document and prints it again, so
 * comments, blank lines, quoting and the order of entries stay as the user left them; it is
 * idempotent and creates the list (or the whole file) when missing. Throws SourcesEditError when
 * the text cannot be edited safely (a syntax error, a top level that is not a mapping).
 */
import { isMap, isScalar, isSeq, YAMLMap, YAMLSeq, type Document, type Pair, type Scalar } from 'yaml';
import { parseYaml, stringifyLike } from './yamlUtil';

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
