/**
 * Write-back to entities.yaml (renameEntity, mergeEntities, addAlias, addScopedAliases, ignoreName,
 * setType): each edits the parsed YAML Document and prints it again, so comments, blank lines,
 * quoting, flow/block style and the order of entries stay as the user left them. Each is idempotent
 * and creates missing sections and entries. Names are matched case- and diacritic-insensitively
 * (foldKey). A `type` argument is used for a new entry and fills a missing type; it never overrides
 * a type written in the file (setType does). They throw CatalogEditError when the text cannot be
 * edited safely (syntax errors, top level not a map).
 */
import { isMap, isScalar, isSeq, Pair, YAMLMap, YAMLSeq, type Document } from 'yaml';
import { foldKey } from '../text/text';
import { ENTITY_TYPES, type EntityType } from '../types';
import { addAliases, CatalogEditError, checkType, createEntry, fillType, findEntry, mergeInto, putAliases, section, setField, setName, type EntityRef } from './catalogDoc';
import { parseYaml, stringifyLike } from './yamlUtil';

export { CatalogEditError, entityLocation, type EntityRef } from './catalogDoc';
export { minimalEdit, type TextEdit } from './yamlUtil';

const TYPE_LIST = ENTITY_TYPES.join(', ');

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
      putAliases(doc, entry, pair, list);
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
