/**
 * entities.yaml: the user's curated entities, ignored names and type overrides.
 *
 *   entities:            # curated entities, in the user's order
 *     - name: Quba
 *       type: place       # optional: person, organization, place, group, date, quantity
 *       aliases: [Guba]   # optional: list (flow or block) or a single string; an alias may be
 *                         # scoped to documents: `- name: Brown` + `documents: [sport/012.txt]`
 *       note: ...         # optional
 *     - Baku              # shorthand for `- name: Baku`
 *   ignore: [Credit]      # names never listed as entities
 *   types:                # type overrides for names found in the text
 *     Karabakh: place
 *
 * Parsing (parseCatalog) reports problems with 0-based positions. A YAML syntax error (or a file
 * whose top level is not a mapping) gives no catalog, so the caller keeps the last good one; a
 * schema problem affects only the entry or value concerned:
 *   - entry without a usable name, duplicate entity name: error, the entry is skipped;
 *   - unknown type on an entry: error, the entry is kept without a type (it is still found);
 *   - alias or ignored name that is not a string: error, that value is skipped
 *     (numbers and booleans are taken as written, with a warning);
 *   - unknown keys: warning, ignored.
 *
 * Write-back is in catalogEdit.ts (over the Document helpers of catalogDoc.ts).
 */
import { isAlias, isMap, isScalar, isSeq, YAMLMap, type Document, type Node } from 'yaml';
import { foldKey } from '../text/text';
import { ENTITY_TYPES, type EntityType, type Problem } from '../types';
import { KEPT_LAST_GOOD, nodeRange, parseYaml, problemAt, scalarString, yamlProblems } from './yamlUtil';

export interface CatalogEntity {
  readonly name: string;
  readonly type?: EntityType;
  /** Aliases found in every document. */
  readonly aliases: readonly string[];
  /**
   * Aliases restricted to some documents (`- name: Brown` + `documents: [sport/012.txt]`): there,
   * the form means this entity, whatever it means elsewhere. Paths as written, relative to the
   * folder of entities.yaml (CorpusIndex.loadCatalog turns them into document ids).
   */
  readonly scopedAliases?: readonly ScopedAlias[];
  readonly note?: string;
}

export interface ScopedAlias {
  readonly name: string;
  readonly documents: readonly string[];
}

export interface Catalog {
  readonly entities: readonly CatalogEntity[];
  readonly ignore: readonly string[];
  /** Type overrides, name as written -> type. */
  readonly types: Readonly<Record<string, EntityType>>;
}

export const EMPTY_CATALOG: Catalog = Object.freeze({ entities: [], ignore: [], types: {} });

const TYPE_SYNONYMS: Record<string, EntityType> = {
  organisation: 'organization',
  org: 'organization',
  location: 'place',
  loc: 'place',
  per: 'person',
};

/** An entity type from user text: case-insensitive, British "organisation" accepted. */
export function parseEntityType(s: string): EntityType | undefined {
  const k = s.trim().toLowerCase();
  if ((ENTITY_TYPES as readonly string[]).includes(k)) return k as EntityType;
  return TYPE_SYNONYMS[k];
}

const TYPE_LIST = ENTITY_TYPES.join(', ');
const ENTRY_KEYS = new Set(['name', 'type', 'aliases', 'note']);

export interface ParseCatalogOptions {
  /** Is a path (relative to the folder of entities.yaml) a document of the corpus? Unknown `documents:` get a warning. */
  readonly knownDocument?: (path: string) => boolean;
}

export function parseCatalog(text: string, file: string, opts: ParseCatalogOptions = {}): { catalog?: Catalog; problems: Problem[] } {
  const { doc, lines } = parseYaml(text);
  const problems: Problem[] = [...yamlProblems(file, lines, doc.errors, 'error', text), ...yamlProblems(file, lines, doc.warnings, 'warning', text)];
  if (doc.errors.length > 0) return { problems };
  const at = (node: unknown, message: string, severity: Problem['severity'] = 'error') =>
    problems.push(problemAt(file, lines, nodeRange(node), message, severity));

  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { catalog: EMPTY_CATALOG, problems };
  if (!isMap(root)) {
    at(root, `entities.yaml must be a mapping with the keys entities, ignore and types. ${KEPT_LAST_GOOD}`);
    return { problems };
  }

  const entities: CatalogEntity[] = [];
  const ignore: string[] = [];
  const types: Record<string, EntityType> = {};
  const seenNames = new Map<string, string>();
  const aliasOwner = new Map<string, string>();

  // A section of the wrong shape (entities written as a mapping…) would drop every entry of it:
  // the whole file is refused instead, and the last good catalog stays in force.
  const before = problems.length;
  for (const pair of root.items) {
    const key = scalarString(pair.key, text);
    if (key === 'entities' && !isListOrEmpty(deref(doc, pair.value))) at(pair.value, `"entities" must be a list of entities (lines starting with "- "), not ${shapeOf(deref(doc, pair.value))}. ${KEPT_LAST_GOOD}`);
    if (key === 'ignore' && !isListOrEmpty(deref(doc, pair.value))) at(pair.value, `"ignore" must be a list of names (lines starting with "- ", or [A, B]), not ${shapeOf(deref(doc, pair.value))}. ${KEPT_LAST_GOOD}`);
    const tv = deref(doc, pair.value);
    if (key === 'types' && !(isEmpty(tv) || isMap(tv))) at(pair.value, `"types" must map names to types ("Karabakh: place"), not ${shapeOf(tv)}. ${KEPT_LAST_GOOD}`);
  }
  if (problems.length > before) return { problems };

  for (const pair of root.items) {
    const key = scalarString(pair.key, text);
    const value = deref(doc, pair.value);
    if (key === 'entities') {
      for (const item0 of seqItems(value, 'entities', at)) {
        const item = deref(doc, item0);
        const e = parseEntry(item, text, at, doc, opts);
        if (!e) continue;
        const k = foldKey(e.name);
        const first = seenNames.get(k);
        if (first !== undefined) {
          at(isMap(item) ? item.get('name', true) : item, `Duplicate entity "${e.name}" (already listed as "${first}"); this entry is skipped. Merge the two entries.`);
          continue;
        }
        seenNames.set(k, e.name);
        entities.push(e);
      }
    } else if (key === 'ignore') {
      for (const item of seqItems(value, 'ignore', at)) {
        const s = stringItem(deref(doc, item), text, 'ignored name', at);
        if (s !== undefined) ignore.push(s);
      }
    } else if (key === 'types') {
      if (value === null || value === undefined || (isScalar(value) && value.value === null)) continue;
      if (!isMap(value)) {
        at(value, 'types must be a mapping from a name to a type, e.g. "Karabakh: place".');
        continue;
      }
      for (const p of value.items) {
        const name = scalarString(p.key, text)?.trim();
        if (!name) {
          at(p.key, 'A type override needs a name as its key.');
          continue;
        }
        const tv = scalarString(deref(doc, p.value), text);
        const t = tv === undefined ? undefined : parseEntityType(tv);
        if (!t) {
          at(p.value ?? p.key, `Unknown type "${tv ?? ''}" for "${name}"; use one of: ${TYPE_LIST}.`);
          continue;
        }
        types[name] = t;
      }
    } else if (!(pair.value as Node | null)?.anchor) {
      // (A value with an &anchor is a block of definitions for the sections to refer to: no warning.)
      at(pair.key, `Unknown section "${key ?? ''}" is ignored; entities.yaml has entities, ignore and types.`, 'warning');
    }
  }

  // Aliases claimed by two entities are ambiguous: the first entity wins in the index.
  for (const e of entities) {
    for (const a of e.aliases) {
      const k = foldKey(a);
      const owner = seenNames.get(k) ?? aliasOwner.get(k);
      if (owner !== undefined && foldKey(owner) !== foldKey(e.name)) {
        const node = findAliasNode(root, e.name, a);
        at(node, `"${a}" is also ${seenNames.has(k) ? 'the name' : 'an alias'} of "${owner}"; it stays with "${owner}".`, 'warning');
      } else aliasOwner.set(k, e.name);
    }
  }
  // A scoped alias claimed by two entities in the same document: the first entity wins there.
  const scopedOwner = new Map<string, string>();
  for (const e of entities) {
    for (const a of e.scopedAliases ?? []) {
      for (const d of a.documents) {
        const k = `${foldKey(a.name)}\u0000${d}`;
        const owner = scopedOwner.get(k);
        if (owner !== undefined && owner !== e.name) at(findAliasNode(root, e.name, a.name), `"${a.name}" in ${d} is also an alias of "${owner}" there; it stays with "${owner}".`, 'warning');
        else scopedOwner.set(k, e.name);
      }
    }
  }

  return { catalog: { entities, ignore, types }, problems };
}

type At = (node: unknown, message: string, severity?: Problem['severity']) => void;

function seqItems(value: unknown, what: string, at: At): unknown[] {
  if (value === null || value === undefined || (isScalar(value) && value.value === null)) return [];
  if (!isSeq(value)) {
    at(value, `"${what}" must be a list (lines starting with "- ", or [A, B]), not ${shapeOf(value)}; it is skipped.`);
    return [];
  }
  return value.items;
}

/** A string item; `what` is a noun ("alias", "ignored name", "entity name"). */
function stringItem(item: unknown, text: string, what: string, at: At): string | undefined {
  const What = `${what[0]!.toUpperCase()}${what.slice(1)}`;
  if (isScalar(item)) {
    const s = scalarString(item, text);
    if (s === undefined || s.trim() === '') {
      at(item, `An empty ${what} is skipped.`, 'warning');
      return undefined;
    }
    if (typeof item.value !== 'string') at(item, `${What} "${s}" is not written as text; it is read as "${s}" (put it in quotes to say so).`, 'warning');
    return s.trim();
  }
  at(item, `${What} must be text, not ${shapeOf(item)}; it is skipped.`);
  return undefined;
}

/** The node an alias (*name) refers to; any other node as it is. */
function deref(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || (isScalar(v) && (v.value === null || v.value === ''));
}

function isListOrEmpty(v: unknown): boolean {
  return isEmpty(v) || isSeq(v);
}

/** A node's shape in the user's terms. */
function shapeOf(v: unknown): string {
  if (isMap(v)) return 'a mapping ("key: value" lines)';
  if (isSeq(v)) return 'a list';
  if (isScalar(v)) return `the single value "${String(v.value)}"`;
  return 'that';
}

function parseEntry(item: unknown, text: string, at: At, doc: Document, opts: ParseCatalogOptions): CatalogEntity | undefined {
  if (isScalar(item)) {
    const name = stringItem(item, text, 'entity name', at);
    return name === undefined ? undefined : { name, aliases: [] };
  }
  if (!isMap(item)) {
    at(item, `An entity must be a name ("- Baku") or a mapping with at least a name ("- name: Baku"), not ${shapeOf(item)}; it is skipped.`);
    return undefined;
  }
  const nameNode = item.get('name', true);
  const name = scalarString(nameNode, text)?.trim();
  if (!name) {
    at(nameNode ?? item, nameNode ? 'The entity name is empty or not text; this entity is skipped.' : 'This entity has no name; it is skipped.');
    return undefined;
  }
  let type: EntityType | undefined;
  const aliases: string[] = [];
  const scoped: { name: string; documents: string[] }[] = [];
  let note: string | undefined;
  for (const p of item.items) {
    const k = scalarString(p.key, text);
    if (k === 'type') {
      const tv = scalarString(deref(doc, p.value), text);
      if (tv === undefined || tv.trim() === '') continue;
      type = parseEntityType(tv);
      if (!type) at(p.value, `Unknown type "${tv}"; use one of: ${TYPE_LIST}. The entity is kept without a type.`);
    } else if (k === 'aliases') {
      const v = deref(doc, p.value);
      if (v === null || v === undefined || (isScalar(v) && v.value === null)) continue;
      const items = isScalar(v) || isMap(v) ? [v] : seqItems(v, 'aliases', at);
      for (const a0 of items) {
        const a = deref(doc, a0);
        if (isMap(a)) {
          const sa = parseScopedAlias(a, text, at, doc, opts);
          if (!sa) continue;
          if (!sa.documents) {
            if (foldKey(sa.name) !== foldKey(name) && !aliases.some((x) => foldKey(x) === foldKey(sa.name))) aliases.push(sa.name);
            continue;
          }
          const prev = scoped.find((x) => foldKey(x.name) === foldKey(sa.name));
          if (prev) prev.documents.push(...sa.documents.filter((d) => !prev.documents.includes(d)));
          else scoped.push({ name: sa.name, documents: sa.documents });
          continue;
        }
        const s = stringItem(a, text, 'alias', at);
        if (s !== undefined && foldKey(s) !== foldKey(name) && !aliases.some((x) => foldKey(x) === foldKey(s))) aliases.push(s);
      }
    } else if (k === 'note') {
      const s = scalarString(deref(doc, p.value), text);
      if (s !== undefined && s.trim() !== '') note = s.trim();
      else if (p.value !== null && !isScalar(p.value)) at(p.value, 'A note must be text.', 'warning');
    } else if (k !== 'name') {
      at(p.key, `Unknown field "${k ?? ''}" (an entity has ${[...ENTRY_KEYS].join(', ')}).`, 'warning');
    }
  }
  return { name, aliases, ...(scoped.length > 0 ? { scopedAliases: scoped } : {}), ...(type ? { type } : {}), ...(note !== undefined ? { note } : {}) };
}

const ALIAS_KEYS = new Set(['name', 'documents']);

/**
 * An alias written as a mapping: `{name, documents}`. Without `documents` it is a plain alias
 * (documents undefined). A `documents` value that cannot be read drops the alias (an alias meant
 * for a few documents must not become one for all of them).
 */
function parseScopedAlias(item: YAMLMap, text: string, at: At, doc: Document, opts: ParseCatalogOptions): { name: string; documents?: string[] } | undefined {
  const nameNode = item.get('name', true);
  const name = nameNode === undefined ? undefined : stringItem(deref(doc, nameNode), text, 'alias', at);
  if (nameNode === undefined) at(item, 'An alias written as a mapping needs a name ("- name: Brown", then "documents: [sport/012.txt]"); it is skipped.');
  for (const p of item.items) {
    const k = scalarString(p.key, text);
    if (k === undefined || !ALIAS_KEYS.has(k)) at(p.key, `Unknown field "${k ?? ''}" in an alias (an alias has name and documents).`, 'warning');
  }
  if (name === undefined) return undefined;
  const pair = item.items.find((p) => scalarString(p.key, text) === 'documents');
  if (!pair) return { name };
  const v = deref(doc, pair.value);
  if (isEmpty(v)) {
    at(pair.value ?? pair.key, `The alias "${name}" lists no documents; it is skipped. List the documents it applies in ("documents: [sport/012.txt]"), or remove "documents" to find it everywhere.`);
    return undefined;
  }
  if (!isScalar(v) && !isSeq(v)) {
    at(v, `"documents" of the alias "${name}" must be a list of document paths ("documents: [sport/012.txt]"), not ${shapeOf(v)}; the alias is skipped.`);
    return undefined;
  }
  const documents: string[] = [];
  for (const d0 of isScalar(v) ? [v] : v.items) {
    const d = deref(doc, d0);
    const s = stringItem(d, text, 'document path', at);
    if (s === undefined) continue;
    const path = s.replace(/\\/g, '/').replace(/^\.\//, '');
    if (path.startsWith('/') || /^[a-z]:/i.test(path) || path.split('/').includes('..')) {
      at(d, `The document path "${s}" must be relative to the folder of entities.yaml (e.g. "sport/012.txt"); it is skipped.`);
      continue;
    }
    if (opts.knownDocument && !opts.knownDocument(path)) at(d, `"${s}" is not a source document of this folder (paths are relative to the folder of entities.yaml); the alias "${name}" applies in the others listed.`, 'warning');
    if (!documents.includes(path)) documents.push(path);
  }
  if (documents.length === 0) {
    at(v, `The alias "${name}" has no usable document path; it is skipped.`);
    return undefined;
  }
  return { name, documents };
}

function findAliasNode(root: YAMLMap, name: string, alias: string): unknown {
  const seq = root.get('entities', true);
  if (!isSeq(seq)) return undefined;
  const e = seq.items.find((i) => isMap(i) && typeof i.get('name') === 'string' && foldKey(i.get('name') as string) === foldKey(name));
  if (!isMap(e)) return undefined;
  const al = e.get('aliases', true);
  if (isSeq(al)) return al.items.find((a) => (isScalar(a) && String(a.value) === alias) || (isMap(a) && a.get('name') === alias)) ?? al;
  return al;
}

/**
 * The catalog with the `documents:` of scoped aliases as document ids: paths relative to the folder
 * of `file` (the id of entities.yaml, e.g. "sources/entities.yaml" → "sources/sport/012.txt").
 */
export function scopeToDocumentIds(catalog: Catalog, file: string): Catalog {
  const f = file.replace(/\\/g, '/');
  const dir = f.slice(0, f.lastIndexOf('/') + 1);
  if (!dir || !catalog.entities.some((e) => e.scopedAliases)) return catalog;
  return {
    ...catalog,
    entities: catalog.entities.map((e) => (e.scopedAliases ? { ...e, scopedAliases: e.scopedAliases.map((a) => ({ name: a.name, documents: a.documents.map((d) => dir + d) })) } : e)),
  };
}

// ---------------------------------------------------------------------------------------------
// Write-back
// ---------------------------------------------------------------------------------------------
