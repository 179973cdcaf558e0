/**
 * Entity resolution: from the document store's per-key statistics to entities, by the alias rules
 * (resolution/aliases.ts) and the catalog. After a catalog or sources change everything is resolved
 * again; after a document change only the keys it touched are, plus the keys whose rule 3 or 4
 * outcome those can change: short person names with the same last word, acronyms that spell a
 * touched long name, and the keys of an entity whose own key was touched.
 */
import { acronymVariants, hasAcronym, nameKey, personFits } from '../resolution/aliases';
import { canonicalPerson, dominant } from '../resolution/names';
import type { Catalog } from '../catalog/catalog';
import { foldKey } from '../text/text';
import { ENTITY_TYPES, type EntitySummary, type EntityType } from '../types';
import type { DocumentStore, KeyStat } from './documentStore';
import { byMentions, mostFrequent, preferredName, shareDocument, shouting, summary, typeVotes } from './entityNaming';
import { addTo, lastWord, removeFrom } from './multimap';

export interface EntityRec {
  id: string;
  name: string;
  type: EntityType;
  curated: boolean;
  note?: string;
  /** The key the entity is named after (not for curated entities). */
  targetKey?: string;
  keys: Set<string>;
  curatedAliases: string[];
  aliases: Set<string>;
  mentionCount: number;
  documentCount: number;
  /** Share of the type evidence of the target key that the entity's type has (1 for curated entities). */
  typeConfidence: number;
}

export class EntityResolver {
  private catalog: Catalog = { entities: [], ignore: [], types: {} };
  private keyToEntity = new Map<string, EntityRec>();
  private entitiesById = new Map<string, EntityRec>();
  private recByTarget = new Map<string, EntityRec>();
  private curatedKeys = new Map<string, EntityRec>();
  private ignored = new Set<string>();
  private typeOverride = new Map<string, EntityType>();
  /** Name keys of curated entities with aliases scoped to documents: they claim no surname elsewhere. */
  private scopedNames = new Set<string>();
  /** Rule 3 index: full person keys by last word, and the last word each is registered under. */
  private byLastIdx = new Map<string, string[]>();
  private regPerson = new Map<string, string>();
  /** Rule 4 index: acronym variants of long organisation and place names. */
  private variantIdx = new Map<string, string[]>();
  private regVariants = new Map<string, string[]>();
  private full = true;
  private summaries: EntitySummary[] | undefined;

  constructor(private readonly store: DocumentStore) {}

  /** Use another catalog (resolved in full on the next update). */
  setCatalog(catalog: Catalog): void {
    this.catalog = catalog;
    this.full = true;
  }

  /** Resolve everything again on the next update (sources metadata changed, pipeline changed). */
  invalidate(): void {
    this.full = true;
  }

  /** Bring the entities up to date with the store. */
  update(): void {
    const dirtyKeys = this.store.takeDirty();
    if (this.full) {
      this.resolveAll();
      this.summaries = undefined;
    } else {
      const dirty = this.resolveKeys(dirtyKeys);
      if (this.summaries) this.summaries = this.mergeSummaries(this.summaries, dirty);
    }
    this.full = false;
  }

  // ---- what queries read ----

  entityOfKey(key: string): EntityRec | undefined {
    return this.keyToEntity.get(key);
  }

  entityById(id: string): EntityRec | undefined {
    return this.entitiesById.get(id);
  }

  allEntities(): IterableIterator<EntityRec> {
    return this.entitiesById.values();
  }

  /** Entities with mentions, most mentioned first (a shared array: do not modify). */
  sortedSummaries(): readonly EntitySummary[] {
    this.summaries ??= [...this.entitiesById.values()].filter((e) => e.mentionCount > 0).map(summary).sort(byMentions);
    return this.summaries;
  }

  // ---- resolution ----

  /** The sorted entity list after an incremental resolve: only the changed entities move. */
  private mergeSummaries(sorted: EntitySummary[], dirty: Set<EntityRec>): EntitySummary[] {
    const ids = new Set<string>();
    const fresh: EntitySummary[] = [];
    for (const rec of dirty) {
      ids.add(rec.id);
      if (this.entitiesById.get(rec.id) === rec && rec.mentionCount > 0) fresh.push(summary(rec));
    }
    fresh.sort(byMentions);
    const out: EntitySummary[] = [];
    let j = 0;
    for (const e of sorted) {
      if (ids.has(e.id)) continue;
      while (j < fresh.length && byMentions(fresh[j]!, e) < 0) out.push(fresh[j++]!);
      out.push(e);
    }
    while (j < fresh.length) out.push(fresh[j++]!);
    return out;
  }

  private typeOf(key: string, s: KeyStat): EntityType {
    const o = this.typeOverride.get(key);
    if (o) return o;
    return ENTITY_TYPES[typeVotes(s).best]!;
  }

  private resolveAll(): void {
    this.keyToEntity = new Map();
    this.entitiesById = new Map();
    this.recByTarget = new Map();
    this.regPerson = new Map();
    this.byLastIdx = new Map();
    this.regVariants = new Map();
    this.variantIdx = new Map();
    this.ignored = new Set(this.catalog.ignore.map(nameKey));
    this.typeOverride = new Map(Object.entries(this.catalog.types).map(([k, v]) => [nameKey(k), v] as const));

    // Rule 2: curated entities.
    this.curatedKeys = new Map();
    this.scopedNames = new Set(this.catalog.entities.filter((e) => e.scopedAliases?.length).map((e) => nameKey(e.name)));
    for (const entry of this.catalog.entities) {
      const k = nameKey(entry.name);
      if (!k) continue;
      const type = entry.type ?? this.typeOverride.get(k) ?? this.votedType([k, ...entry.aliases.map(nameKey)]) ?? 'organization';
      const scopedForms = (entry.scopedAliases ?? []).map((a) => a.name);
      const id = `${type}:${k}`;
      let rec = this.entitiesById.get(id);
      if (!rec) {
        rec = { id, name: entry.name, type, curated: true, note: entry.note, keys: new Set(), curatedAliases: [...entry.aliases, ...scopedForms], aliases: new Set(), mentionCount: 0, documentCount: 0, typeConfidence: 1 };
        this.entitiesById.set(id, rec);
      }
      this.curatedKeys.set(k, rec);
      for (const a of entry.aliases) {
        const ak = nameKey(a);
        if (ak && !this.curatedKeys.has(ak)) this.curatedKeys.set(ak, rec);
      }
    }
    for (const key of this.store.keys()) this.register(key);
    const dirty = new Set<EntityRec>(this.entitiesById.values());
    for (const key of this.store.keys()) this.assign(key, dirty);
    this.finish(dirty);
  }

  private resolveKeys(keys: Iterable<string>): Set<EntityRec> {
    const affected = new Set<string>();
    for (const k of keys) {
      affected.add(k);
      for (const a of this.register(k)) affected.add(a);
      // A full name's count decides which full name dominates its surname (and hypocorisms). Only a
      // person's: "5,234 people" must not touch every other "… people" of the corpus (register() has
      // already reached the keys of a name that stopped being a person's).
      if (k.includes(' ') && this.isPersonKey(k)) for (const a of this.store.keysEndingWith(lastWord(k))) affected.add(a);
      const rec = this.recByTarget.get(k);
      if (rec) for (const rk of rec.keys) affected.add(rk);
    }
    const dirty = new Set<EntityRec>();
    for (const k of affected) {
      const old = this.keyToEntity.get(k);
      if (old) {
        old.keys.delete(k);
        dirty.add(old);
        this.keyToEntity.delete(k);
      }
    }
    // Entities whose target key changed type or vanished are rebuilt under their new id.
    for (const rec of dirty) {
      if (rec.curated || rec.targetKey === undefined) continue;
      const s = this.store.stat(rec.targetKey);
      if (!s || `${this.typeOf(rec.targetKey, s)}:${rec.targetKey}` !== rec.id) {
        for (const rk of rec.keys) {
          affected.add(rk);
          this.keyToEntity.delete(rk);
        }
        rec.keys.clear();
      }
    }
    for (const k of affected) this.assign(k, dirty);
    this.finish(dirty);
    return dirty;
  }

  private isPersonKey(key: string): boolean {
    const s = this.store.stat(key);
    return s !== undefined && this.typeOf(key, s) === 'person';
  }

  /** Index a key for rules 3 and 4 by its current type; returns the keys whose outcome may change. */
  private register(key: string): string[] {
    const affected: string[] = [];
    const oldLast = this.regPerson.get(key);
    if (oldLast !== undefined) {
      removeFrom(this.byLastIdx, oldLast, key);
      this.regPerson.delete(key);
      for (const k of this.store.keysEndingWith(oldLast)) affected.push(k);
    }
    const oldVars = this.regVariants.get(key);
    if (oldVars) {
      for (const v of oldVars) {
        removeFrom(this.variantIdx, v, key);
        if (this.store.hasKey(v)) affected.push(v);
      }
      this.regVariants.delete(key);
    }
    const s = this.store.stat(key);
    if (!s || !key.includes(' ')) return affected;
    const t = this.typeOf(key, s);
    if (t === 'person' && !this.scopedNames.has(key)) {
      const last = lastWord(key);
      this.regPerson.set(key, last);
      addTo(this.byLastIdx, last, key);
      if (oldLast === undefined) for (const k of this.store.keysEndingWith(last)) affected.push(k);
    } else if (t === 'organization' || t === 'place') {
      const form = s.longForm ?? preferredName(s.forms);
      if (hasAcronym(form)) return affected;
      const vars = acronymVariants(form);
      this.regVariants.set(key, vars);
      for (const v of vars) {
        addTo(this.variantIdx, v, key);
        if (this.store.hasKey(v)) affected.push(v);
      }
    }
    return affected;
  }

  /** Assign one key to its entity (creating it when needed). */
  private assign(key: string, dirty: Set<EntityRec>): void {
    const s = this.store.stat(key);
    if (!s) return;
    let rec = this.curatedKeys.get(key);
    if (!rec) {
      const t = this.typeOf(key, s);
      let tk = key;
      if (t === 'person') {
        const fit = this.personTarget(key);
        if (fit) tk = fit;
      } else if ((t === 'organization' || t === 'place') && hasAcronym(mostFrequent(s.forms))) {
        // Rule 4: the one long name of the same type, written out in a document where the acronym is.
        const fits = (this.variantIdx.get(key) ?? []).filter((k) => {
          const ks = this.store.stat(k);
          return ks !== undefined && this.typeOf(k, ks) === t && shareDocument(s, ks);
        });
        if (fits.length === 1) tk = fits[0]!;
      }
      rec = this.curatedKeys.get(tk);
      if (!rec) {
        const ts = this.store.stat(tk) ?? s;
        const tt = tk === key ? t : this.typeOf(tk, ts);
        const id = `${tt}:${tk}`;
        rec = this.entitiesById.get(id);
        if (!rec) {
          rec = { id, name: '', type: tt, curated: false, targetKey: tk, keys: new Set(), curatedAliases: [], aliases: new Set(), mentionCount: 0, documentCount: 0, typeConfidence: 1 };
          this.entitiesById.set(id, rec);
          this.recByTarget.set(tk, rec);
        }
      }
    }
    dirty.add(rec);
    if (this.ignored.has(key)) return;
    rec.keys.add(key);
    this.keyToEntity.set(key, rec);
  }

  /**
   * Rule 3 across the corpus, with hypocorisms and dominance (resolution/names.ts): the person a
   * person key stands for — "Ken Clarke" → Kenneth Clarke, "Clarke" → the one full name (its
   * hypocorisms counted as one), else the clearly dominant one — or undefined.
   */
  private personTarget(key: string): string | undefined {
    const isPerson = (k: string) => {
      const ks = this.store.stat(k);
      return ks !== undefined && this.typeOf(k, ks) === 'person';
    };
    const own = canonicalPerson(key, isPerson);
    if (own !== key) return own;
    const fits = personFits(key, this.byLastIdx);
    if (fits.length === 0) return undefined;
    const counts = new Map<string, number>();
    for (const f of fits) {
      const c = canonicalPerson(f, isPerson);
      counts.set(c, (counts.get(c) ?? 0) + (this.store.stat(f)?.count ?? 0));
    }
    if (counts.size === 1) return counts.keys().next().value;
    return dominant(counts);
  }

  /** Recompute name, aliases and counts of the entities that changed; drop the empty ones. */
  private finish(dirty: Set<EntityRec>): void {
    for (const rec of dirty) {
      if (!rec.curated && rec.keys.size === 0) {
        if (this.entitiesById.get(rec.id) === rec) this.entitiesById.delete(rec.id);
        if (rec.targetKey !== undefined && this.recByTarget.get(rec.targetKey) === rec) this.recByTarget.delete(rec.targetKey);
        continue;
      }
      if (!rec.curated) {
        const ts = this.store.stat(rec.targetKey!);
        if (ts) rec.name = ts.longForm ?? preferredName(ts.forms);
        rec.typeConfidence = ts && !this.typeOverride.has(rec.targetKey!) ? typeVotes(ts).confidence : 1;
        // An ignored display name hides the whole entity.
        if (this.ignored.has(nameKey(rec.name))) {
          for (const k of rec.keys) this.keyToEntity.delete(k);
          rec.keys.clear();
          this.entitiesById.delete(rec.id);
          this.recByTarget.delete(rec.targetKey!);
          continue;
        }
      }
      const docs = new Set<string>();
      let count = 0;
      rec.aliases = new Set(rec.curatedAliases);
      for (const k of rec.keys) {
        const s = this.store.stat(k)!;
        count += s.count;
        for (const d of s.docs.keys()) docs.add(d);
        for (const f of s.forms.keys()) rec.aliases.add(f);
      }
      rec.mentionCount = count;
      rec.documentCount = docs.size;
      // Case variants are one alias ("HAVEL" and "Havel"), shown as written in running text.
      const nk = foldKey(rec.name);
      const byFold = new Map<string, string>();
      for (const a of [...rec.aliases]) {
        const fk = foldKey(a);
        if (fk === nk) {
          rec.aliases.delete(a);
          continue;
        }
        const prev = byFold.get(fk);
        if (prev === undefined) byFold.set(fk, a);
        else if (shouting(prev) && !shouting(a)) {
          rec.aliases.delete(prev);
          byFold.set(fk, a);
        } else rec.aliases.delete(a);
      }
    }
  }

  private votedType(keys: string[]): EntityType | undefined {
    const votes = new Array<number>(ENTITY_TYPES.length).fill(0);
    let any = false;
    for (const k of keys) {
      const s = this.store.stat(k);
      if (!s) continue;
      any = true;
      s.types.forEach((v, i) => (votes[i]! += v));
    }
    if (!any) return undefined;
    let best = 0;
    for (let i = 1; i < votes.length; i++) if (votes[i]! > votes[best]!) best = i;
    return votes[best]! > 0 ? ENTITY_TYPES[best] : undefined;
  }
}
