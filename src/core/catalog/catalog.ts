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
 * Write-back (renameEntity, mergeEntities, addAlias, ignoreName, setType) edits the parsed YAML
 * Document and prints it again, so comments, blank lines, quoting, flow/block style and the order
 * of entries stay as the user left them. Each is idempotent and creates missing sections/entries.
 * Names are matched case- and diacritic-insensitively (foldKey). A `type` argument is used for a new
 * entry and fills a missing type; it never overrides a type written in the file (setType does).
 * They throw CatalogEditError when the text cannot be edited safely (syntax errors, top level not a map).
 */
import { isAlias, isMap, isPair, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Document, type Node } from 'yaml';
import { foldKey } from '../text/text';
import { ENTITY_TYPES, type EntityType, type Problem } from '../types';
import { KEPT_LAST_GOOD, nodeRange, parseYaml, problemAt, scalarString, stringifyLike, yamlProblems } from './yamlUtil';

export { minimalEdit, type TextEdit } from './yamlUtil';

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

export class CatalogEditError extends Error {}

/** A fresh entities.yaml with a header comment explaining the format. */
export function newCatalogText(): string {
  return `# entities.yaml: your corrections to what Source Research finds in the sources of this folder.
#
# entities:  curated entities. Each has a name, and may have a type (${TYPE_LIST}),
#            aliases (other names for the same thing) and a note. A curated name or alias is found
#            wherever it occurs, even where nothing else would find it.
#              - name: Krasnaya Sloboda
#                type: place
#                aliases: [Red Village]
#            An alias can be limited to some documents (paths relative to this file), for two
#            people who share a name; Split Entity… writes these:
#                aliases:
#                  - name: Brown
#                    documents: [sport/012.txt]
# ignore:    names that are not entities and should never be listed.
# types:     a type override for a name found in the text ("Karabakh: place").
#
# Source Research edits this file when you rename, merge, add an alias, change the type, split or
# ignore an entity from the Entities view; it keeps your comments and the order of your entries.

entities: []

ignore: []

types: {}
`;
}

export interface EntityRef {
  readonly name: string;
  readonly type?: EntityType;
  readonly aliases?: readonly string[];
}

/**
 * Rename an entity. A curated entry found by `from` (its name, else one of its aliases) gets `to`
 * as its name and keeps `from` as an alias, so the old form in the text still resolves to it.
 * An uncurated `from` gets a new entry `{name: to, type, aliases: [from]}`. If `to` is already
 * another curated entity, this is a merge of `from` into it.
 */
export function renameEntity(text: string, from: string, to: string, type?: EntityType): string {
  const to2 = to.trim();
  if (!to2) throw new CatalogEditError('The new name is empty.');
  return edit(text, (doc) => {
    const seq = section(doc, 'entities', 'seq') as YAMLSeq;
    const entry = findEntry(doc, seq, from);
    const other = findEntry(doc, seq, to2, false);
    if (other && other !== entry) {
      mergeInto(doc, seq, { name: from }, { name: to2, type });
      return;
    }
    if (entry) {
      setName(doc, entry, to2);
      addAliases(doc, entry, [from]);
      fillType(doc, entry, type);
    } else {
      createEntry(doc, seq, { name: to2, type, aliases: [from] });
    }
  });
}

/**
 * Merge `source` into `target`: the target entry (created if needed) gets the source's name and
 * aliases as aliases (and its note, if the target has none); a curated source entry is removed and
 * its comments move to the target entry. If only the source is curated, it is renamed in place.
 */
export function mergeEntities(text: string, source: EntityRef, target: { name: string; type?: EntityType }): string {
  return edit(text, (doc) => {
    const seq = section(doc, 'entities', 'seq') as YAMLSeq;
    mergeInto(doc, seq, source, target);
  });
}

/** Add an alias to an entity (created if not yet curated). */
export function addAlias(text: string, entityName: string, alias: string, type?: EntityType): string {
  const a = alias.trim();
  if (!a) throw new CatalogEditError('The alias is empty.');
  return edit(text, (doc) => {
    const seq = section(doc, 'entities', 'seq') as YAMLSeq;
    const entry = findEntry(doc, seq, entityName) ?? createEntry(doc, seq, { name: entityName.trim(), type });
    addAliases(doc, entry, [a]);
    fillType(doc, entry, type);
  });
}

/**
 * Split Entity: `forms` (names an entity was found as) mean the entity `name` in `documents`
 * (paths relative to the folder of entities.yaml), whatever they mean elsewhere. The entry `name`
 * is created (with `type`) when not yet curated; each form becomes a scoped alias
 * `- name: Brown` / `documents: [sport/012.txt]` (an existing scoped alias of the same form gets the
 * documents added). A flow list of aliases (`[Guba]`) becomes a block list to hold them.
 */
export function addScopedAliases(text: string, name: string, forms: readonly string[], documents: readonly string[], type?: EntityType): string {
  const n = name.trim();
  if (!n) throw new CatalogEditError('The new name is empty.');
  const docs = [...new Set(documents.map((d) => d.trim()).filter(Boolean))];
  if (docs.length === 0) throw new CatalogEditError('No document was picked.');
  return edit(text, (doc) => {
    const seq = section(doc, 'entities', 'seq') as YAMLSeq;
    const entry = findEntry(doc, seq, n, false) ?? createEntry(doc, seq, { name: n, type });
    fillType(doc, entry, type);
    const pair = entry.items.find((p) => isScalar(p.key) && p.key.value === 'aliases');
    let list: YAMLSeq;
    if (pair && isSeq(pair.value)) list = pair.value;
    else {
      list = new YAMLSeq();
      if (pair && isScalar(pair.value) && pair.value.value !== null) list.items.push(pair.value);
      if (pair) pair.value = list;
      else {
        const p = doc.createPair('aliases', null) as Pair;
        p.value = list;
        const noteIdx = entry.items.findIndex((x) => isScalar(x.key) && x.key.value === 'note');
        if (noteIdx >= 0) entry.items.splice(noteIdx, 0, p);
        else entry.items.push(p);
      }
    }
    list.flow = false;
    const seen = new Set<string>();
    for (const f0 of forms) {
      const f = f0.trim();
      const k = foldKey(f);
      if (!f || seen.has(k)) continue;
      seen.add(k);
      const existing = list.items.find((a): a is YAMLMap => isMap(a) && typeof a.get('name') === 'string' && foldKey(a.get('name') as string) === k && a.has('documents'));
      if (existing) {
        const cur: unknown = existing.get('documents', true);
        let ds: YAMLSeq;
        if (isSeq(cur)) ds = cur;
        else {
          ds = new YAMLSeq();
          ds.flow = true;
          if (isScalar(cur) && cur.value !== null) ds.items.push(cur);
          existing.set('documents', ds);
        }
        const have = new Set(ds.items.map((x) => (isScalar(x) ? String(x.value) : '')));
        for (const d of docs) if (!have.has(d)) ds.items.push(doc.createNode(d));
        continue;
      }
      const m = doc.createNode({ name: f }) as YAMLMap;
      const ds = doc.createNode(docs) as YAMLSeq;
      ds.flow = true;
      m.items.push(doc.createPair('documents', null) as Pair);
      (m.items[m.items.length - 1] as Pair).value = ds;
      list.items.push(m);
    }
  });
}

/** Add a name to `ignore:`. */
export function ignoreName(text: string, name: string): string {
  const n = name.trim();
  if (!n) throw new CatalogEditError('The name is empty.');
  return edit(text, (doc) => {
    const seq = section(doc, 'ignore', 'seq') as YAMLSeq;
    const k = foldKey(n);
    if (seq.items.some((i) => isScalar(i) && foldKey(String(i.value ?? '')) === k)) return;
    seq.items.push(doc.createNode(n));
  });
}

/** Set the type of a name: on its curated entry if there is one, else in `types:`. */
export function setType(text: string, name: string, type: EntityType): string {
  checkType(type);
  return edit(text, (doc) => {
    const root = doc.contents as YAMLMap;
    const entities = root.get('entities', true);
    const entry = isSeq(entities) ? findEntry(doc, entities, name) : undefined;
    if (entry) {
      setField(doc, entry, 'type', type);
      return;
    }
    const map = section(doc, 'types', 'map') as YAMLMap;
    const k = foldKey(name);
    const pair = map.items.find((p) => foldKey(String(isScalar(p.key) ? p.key.value : p.key)) === k);
    if (pair) {
      if (isScalar(pair.value)) pair.value.value = type;
      else pair.value = doc.createNode(type);
    } else map.items.push(doc.createPair(name.trim(), type));
  });
}

function checkType(type: EntityType | undefined): void {
  if (type !== undefined && !(ENTITY_TYPES as readonly string[]).includes(type)) throw new CatalogEditError(`Unknown entity type "${String(type)}".`);
}

function edit(text: string, fn: (doc: Document) => void): string {
  const base = text.trim() === '' ? newCatalogText() : text;
  const { doc } = parseYaml(base);
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new CatalogEditError(`entities.yaml has a syntax error (${e.message.split('\n')[0]}); fix it before editing.`);
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) doc.contents = new YAMLMap() as never;
  if (!isMap(doc.contents)) throw new CatalogEditError('entities.yaml must be a mapping with the keys entities, ignore and types.');
  fn(doc);
  const out = stringifyLike(doc, base);
  // Idempotence at the text level: no change when nothing was edited.
  return out === stringifyLike(parseYaml(base).doc, base) ? base : out;
}

/** The collection under a top-level key, created (or converted from null / empty flow) as needed. */
function section(doc: Document, key: string, kind: 'seq' | 'map'): YAMLSeq | YAMLMap {
  const root = doc.contents as YAMLMap;
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === key);
  const value = pair?.value;
  const ok = kind === 'seq' ? isSeq(value) : isMap(value);
  if (ok) {
    const c = value as YAMLSeq | YAMLMap;
    if (c.flow && c.items.length === 0) c.flow = false;
    return c;
  }
  if (value !== null && value !== undefined && !(isScalar(value) && (value.value === null || value.value === ''))) {
    throw new CatalogEditError(`"${key}" in entities.yaml must be a ${kind === 'seq' ? 'list' : 'mapping'}.`);
  }
  const created = kind === 'seq' ? new YAMLSeq() : new YAMLMap();
  if (pair) {
    // Keep a comment written after `key:` (it was on the null value).
    if (isScalar(value) && value.comment) created.comment = value.comment;
    pair.value = created;
  } else {
    const p = doc.createPair(key, null) as Pair<Scalar, unknown>;
    p.value = created;
    if (root.items.length > 0) (p.key as Scalar).spaceBefore = true;
    root.items.push(p);
  }
  return created;
}

function nameOf(item: unknown): string | undefined {
  if (isScalar(item)) return item.value === null ? undefined : String(item.value);
  if (isMap(item)) {
    const n = item.get('name');
    return n === null || n === undefined ? undefined : String(n);
  }
  return undefined;
}

function aliasesOf(item: YAMLMap): string[] {
  const a = item.get('aliases', true);
  if (isSeq(a)) return a.items.filter(isScalar).map((s) => String(s.value ?? ''));
  if (isScalar(a) && a.value !== null) return [String(a.value)];
  return [];
}

/**
 * The entry named `name` (else, with byAlias, the first entry having it as an alias), as a map:
 * a shorthand `- Name` item is converted to `- name: Name` in place.
 */
function findEntry(doc: Document, seq: YAMLSeq, name: string, byAlias = true): YAMLMap | undefined {
  const k = foldKey(name);
  let i = seq.items.findIndex((it) => {
    const n = nameOf(it);
    return n !== undefined && foldKey(n) === k;
  });
  if (i < 0 && byAlias) i = seq.items.findIndex((it) => isMap(it) && aliasesOf(it).some((a) => foldKey(a) === k));
  if (i < 0) return undefined;
  const it = seq.items[i];
  if (isMap(it)) return it;
  const s = it as Scalar;
  const map = doc.createNode({ name: String(s.value) }) as YAMLMap;
  map.commentBefore = s.commentBefore;
  map.comment = s.comment;
  map.spaceBefore = s.spaceBefore;
  seq.items[i] = map;
  return map;
}

function createEntry(doc: Document, seq: YAMLSeq, e: { name: string; type?: EntityType; aliases?: readonly string[] }): YAMLMap {
  checkType(e.type);
  const map = doc.createNode({ name: e.name }) as YAMLMap;
  if (e.type) map.items.push(doc.createPair('type', e.type));
  // New entries follow the file's spacing: a blank line between entries if the others have one.
  const others = seq.items.slice(1) as Node[];
  if (seq.items.length > 0 && (others.length === 0 ? true : others.some((n) => n.spaceBefore))) map.spaceBefore = true;
  seq.items.push(map);
  if (e.aliases) addAliases(doc, map, e.aliases);
  return map;
}

function setName(doc: Document, entry: YAMLMap, name: string): void {
  setField(doc, entry, 'name', name);
  // The name must not also be listed as an alias.
  const k = foldKey(name);
  const a = entry.get('aliases', true);
  if (isSeq(a)) {
    a.items = a.items.filter((s) => !(isScalar(s) && foldKey(String(s.value ?? '')) === k));
    if (a.items.length === 0) entry.delete('aliases');
  } else if (isScalar(a) && foldKey(String(a.value ?? '')) === k) entry.delete('aliases');
}

/** Set a scalar field, keeping the node (and its comment) when it exists; a new `type` goes after `name`. */
function setField(doc: Document, entry: YAMLMap, key: string, value: string): void {
  const pair = entry.items.find((p) => isScalar(p.key) && p.key.value === key);
  if (pair) {
    if (isScalar(pair.value)) {
      if (pair.value.value !== value) {
        pair.value.value = value;
        if (pair.value.type === Scalar.BLOCK_FOLDED || pair.value.type === Scalar.BLOCK_LITERAL) pair.value.type = undefined;
      }
    } else pair.value = doc.createNode(value);
    return;
  }
  const p = doc.createPair(key, value);
  const nameIdx = entry.items.findIndex((x) => isScalar(x.key) && x.key.value === 'name');
  if (key !== 'name' && nameIdx >= 0) entry.items.splice(nameIdx + 1, 0, p);
  else if (key === 'name') entry.items.unshift(p);
  else entry.items.push(p);
}

function fillType(doc: Document, entry: YAMLMap, type: EntityType | undefined): void {
  checkType(type);
  if (!type) return;
  const t = entry.get('type');
  if (t === undefined || t === null || t === '') setField(doc, entry, 'type', type);
}

function addAliases(doc: Document, entry: YAMLMap, aliases: readonly string[]): void {
  const name = nameOf(entry) ?? '';
  const have = new Set([foldKey(name), ...aliasesOf(entry).map(foldKey)]);
  const add: string[] = [];
  for (const a0 of aliases) {
    const a = a0.trim();
    const k = foldKey(a);
    if (!a || have.has(k)) continue;
    have.add(k);
    add.push(a);
  }
  if (add.length === 0) return;
  const pair = entry.items.find((p) => isScalar(p.key) && p.key.value === 'aliases');
  let seq: YAMLSeq;
  if (pair && isSeq(pair.value)) seq = pair.value;
  else {
    seq = new YAMLSeq();
    seq.flow = true;
    if (pair && isScalar(pair.value) && pair.value.value !== null) {
      const old = pair.value;
      seq.items.push(doc.createNode(String(old.value)));
      seq.comment = old.comment;
    }
    if (pair) pair.value = seq;
    else {
      const p = doc.createPair('aliases', null) as Pair;
      p.value = seq;
      // After name and type, before note.
      const noteIdx = entry.items.findIndex((x) => isScalar(x.key) && x.key.value === 'note');
      if (noteIdx >= 0) entry.items.splice(noteIdx, 0, p);
      else entry.items.push(p);
    }
  }
  for (const a of add) seq.items.push(doc.createNode(a));
}

function mergeInto(doc: Document, seq: YAMLSeq, source: EntityRef, target: { name: string; type?: EntityType }): void {
  checkType(target.type);
  const tName = target.name.trim();
  if (!tName) throw new CatalogEditError('The target name is empty.');
  const src = findEntry(doc, seq, source.name, false);
  let tgt = findEntry(doc, seq, tName);
  if (tgt === src && src) {
    // The target is this very entry (a case variant, or one of its aliases): make it the name.
    if (foldKey(nameOf(src) ?? '') !== foldKey(tName)) setName(doc, src, tName);
    addAliases(doc, src, [source.name, ...(source.aliases ?? [])]);
    fillType(doc, src, target.type);
    return;
  }
  if (!tgt && src) {
    // Only the source is curated: rename it in place, keeping its position and comments.
    setName(doc, src, tName);
    addAliases(doc, src, [source.name, ...(source.aliases ?? [])]);
    fillType(doc, src, target.type);
    return;
  }
  tgt ??= createEntry(doc, seq, { name: tName, type: target.type });
  const srcAliases = src ? aliasesOf(src) : [];
  addAliases(doc, tgt, [source.name, ...(source.aliases ?? []), ...srcAliases]);
  fillType(doc, tgt, target.type);
  if (src) {
    const note = src.get('note');
    if (typeof note === 'string' && note.trim() && tgt.get('note') === undefined) {
      const srcNote = src.get('note', true) as Scalar;
      const p = doc.createPair('note', null) as Pair;
      p.value = srcNote;
      tgt.items.push(p);
    }
    // Keep the comments written on or inside the removed entry: they move to the target.
    const comments = collectComments(src);
    if (comments.length > 0) tgt.commentBefore = [tgt.commentBefore, ...comments].filter((c) => c).join('\n');
    const i = seq.items.indexOf(src);
    const removed = seq.items.splice(i, 1)[0] as Node;
    const next = seq.items[i] as Node | undefined;
    if (i === 0 && next) next.spaceBefore = removed.spaceBefore;
  }
}

function collectComments(node: unknown, out: string[] = []): string[] {
  if (node === null || node === undefined) return out;
  if (isPair(node)) {
    collectComments(node.key, out);
    collectComments(node.value, out);
    return out;
  }
  const n = node as Node;
  if (n.commentBefore) out.push(n.commentBefore);
  if (isMap(n) || isSeq(n)) for (const it of n.items) collectComments(it, out);
  if (n.comment) out.push(n.comment);
  return out;
}

/**
 * Where an entity is written in entities.yaml (its name value; found by name, else by alias), as a
 * 0-based range, for "go to the catalog entry". Undefined when not curated or the file does not parse.
 */
export function entityLocation(
  text: string,
  name: string,
): { line: number; character: number; endLine: number; endCharacter: number } | undefined {
  const { doc, lines } = parseYaml(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const seq = doc.contents.get('entities', true);
  if (!isSeq(seq)) return undefined;
  const k = foldKey(name);
  let item = seq.items.find((it) => foldKey(nameOf(it) ?? '\u0000') === k);
  item ??= seq.items.find((it) => isMap(it) && aliasesOf(it).some((a) => foldKey(a) === k));
  if (!item) return undefined;
  const node = isMap(item) ? (item.get('name', true) ?? item) : item;
  const p = problemAt('', lines, nodeRange(node), '', 'warning');
  return { line: p.line, character: p.character, endLine: p.endLine!, endCharacter: p.endCharacter! };
}
