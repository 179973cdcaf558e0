/**
 * The YAML Document side of entities.yaml: finding, creating and changing entries and sections in a
 * parsed Document so that comments, order and style stay as the user wrote them (used by the edits
 * in catalogEdit.ts), and where an entity is written (entityLocation).
 */
import { isMap, isPair, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Document, type Node } from 'yaml';
import { foldKey } from '../text/text';
import { ENTITY_TYPES, type EntityType } from '../types';
import { nodeRange, parseYaml, problemAt } from './yamlUtil';

/** Thrown when entities.yaml cannot be edited safely (syntax errors, top level not a map, a section of the wrong kind). */
export class CatalogEditError extends Error {}


export interface EntityRef {
  readonly name: string;
  readonly type?: EntityType;
  readonly aliases?: readonly string[];
}

/** A type an edit may write. */
export function checkType(type: EntityType | undefined): void {
  if (type !== undefined && !(ENTITY_TYPES as readonly string[]).includes(type)) throw new CatalogEditError(`Unknown entity type "${String(type)}".`);
}

/** The collection under a top-level key, created (or converted from null / empty flow) as needed. */
export function section(doc: Document, key: string, kind: 'seq' | 'map'): YAMLSeq | YAMLMap {
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

export function nameOf(item: unknown): string | undefined {
  if (isScalar(item)) return item.value === null ? undefined : String(item.value);
  if (isMap(item)) {
    const n = item.get('name');
    return n === null || n === undefined ? undefined : String(n);
  }
  return undefined;
}

export function aliasesOf(item: YAMLMap): string[] {
  const a = item.get('aliases', true);
  if (isSeq(a)) return a.items.filter(isScalar).map((s) => String(s.value ?? ''));
  if (isScalar(a) && a.value !== null) return [String(a.value)];
  return [];
}

/**
 * The entry named `name` (else, with byAlias, the first entry having it as an alias), as a map:
 * a shorthand `- Name` item is converted to `- name: Name` in place.
 */
export function findEntry(doc: Document, seq: YAMLSeq, name: string, byAlias = true): YAMLMap | undefined {
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

export function createEntry(doc: Document, seq: YAMLSeq, e: { name: string; type?: EntityType; aliases?: readonly string[] }): YAMLMap {
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

export function setName(doc: Document, entry: YAMLMap, name: string): void {
  setField(doc, entry, 'name', name);
  // The name must not also be listed as an alias.
  const k = foldKey(name);
  const a = entry.get('aliases', true);
  if (isSeq(a)) {
    a.items = a.items.filter((s) => !(isScalar(s) && foldKey(String(s.value ?? '')) === k));
    if (a.items.length === 0) entry.delete('aliases');
  } else if (isScalar(a) && foldKey(String(a.value ?? '')) === k) entry.delete('aliases');
}

/** Make `seq` the entry's aliases: in place of the old value of its `aliases` pair, else in a new pair after name and type, before note. */
export function putAliases(doc: Document, entry: YAMLMap, pair: Pair | undefined, seq: YAMLSeq): void {
  if (pair) {
    pair.value = seq;
    return;
  }
  const p = doc.createPair('aliases', null) as Pair;
  p.value = seq;
  const noteIdx = entry.items.findIndex((x) => isScalar(x.key) && x.key.value === 'note');
  if (noteIdx >= 0) entry.items.splice(noteIdx, 0, p);
  else entry.items.push(p);
}

/** Set a scalar field, keeping the node (and its comment) when it exists; a new `type` goes after `name`. */
export function setField(doc: Document, entry: YAMLMap, key: string, value: string): void {
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

export function fillType(doc: Document, entry: YAMLMap, type: EntityType | undefined): void {
  checkType(type);
  if (!type) return;
  const t = entry.get('type');
  if (t === undefined || t === null || t === '') setField(doc, entry, 'type', type);
}

export function addAliases(doc: Document, entry: YAMLMap, aliases: readonly string[]): void {
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
    putAliases(doc, entry, pair, seq);
  }
  for (const a of add) seq.items.push(doc.createNode(a));
}

export function mergeInto(doc: Document, seq: YAMLSeq, source: EntityRef, target: { name: string; type?: EntityType }): void {
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

export function collectComments(node: unknown, out: string[] = []): string[] {
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
