import type { CandidateSource, Corpus, CorpusWriter, DocumentInfo, NameHit, Passage, TypeCount } from './api';

export type { CandidateSource } from './api';
import {
  acronymVariants,
  cleanSurface,
  hasAcronym,
  indexByLastWord,
  nameKey,
  personFit,
  valueKey,
} from '../resolution/aliases';
import { parseCatalog, type Catalog } from '../catalog/catalog';
import { CatalogRecogniser } from '../recognisers/catalogNames';
import { leanDocument, prepareDocument, withTokens } from '../text/document';
import { NameMatcher } from '../text/matcher';
import { createDefaultPipeline } from '../recognisers/pipeline';
import { parseDocDate, parseSources } from '../catalog/sources';
import { foldKey } from '../text/text';
import { SourceNames } from '../sources/names';
import {
  ENTITY_TYPES,
  type Candidate,
  type EntitySummary,
  type EntityType,
  type Mention,
  type PreparedDocument,
  type Problem,
  type RecogniserContext,
  type SourceMeta,
  type Span,
} from '../types';


export interface CorpusIndexOptions {
  /** The recogniser pipeline, without the catalog (the index overlays curated names itself). */
  pipeline?: CandidateSource;
}

/** One candidate of a document, with the key it resolves through. */
interface DocCand {
  readonly c: Candidate;
  /** Key after the rules that depend only on this document (rule 3 within the document, long forms). */
  key: string;
  /** The surface text. */
  readonly text: string;
}

interface DocState {
  readonly id: string;
  readonly text: string;
  prepared: PreparedDocument;
  /** Candidates from the pipeline, before the catalog overlay. */
  base: Candidate[];
  /** Final candidates, sorted by start. */
  cands: DocCand[];
  /** Candidate indices by key. */
  byKey: Map<string, number[]>;
}

interface KeyStat {
  count: number;
  readonly docs: Map<string, number>;
  readonly types: number[];
  readonly forms: Map<string, number>;
  /** The cleaned long form a recogniser stated for this key, if any. */
  longForm?: string;
}

interface EntityRec {
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
}

const TYPE_INDEX = new Map(ENTITY_TYPES.map((t, i) => [t, i] as const));

/**
 * The corpus index: documents in, entities and their passages out. Documents are added, updated and
 * removed one at a time; only the changed document is re-read. Entities are resolved lazily, on the
 * first query after a change, from per-name statistics that are kept up to date incrementally.
 */
export class CorpusIndex implements Corpus, CorpusWriter {
  private readonly docs = new Map<string, DocState>();
  private readonly stats = new Map<string, KeyStat>();
  private pipeline: CandidateSource;
  private catalog: Catalog = { entities: [], ignore: [], types: {} };
  private catalogRecogniser = new CatalogRecogniser(this.catalog);
  private readonly meta = new Map<string, SourceMeta>();
  private readonly names = new SourceNames(() => [...this.docs.values()].map((d) => ({ id: d.id, text: d.text, meta: this.meta.get(d.id) })));
  private listeners = new Set<() => void>();
  private version_ = 0;
  private batchDepth = 0;
  private batchDirty = false;

  // Resolution, rebuilt lazily.
  private resolvedVersion = -1;
  private keyToEntity = new Map<string, EntityRec>();
  private entitiesById = new Map<string, EntityRec>();
  private recByTarget = new Map<string, EntityRec>();
  private curatedKeys = new Map<string, EntityRec>();
  private ignored = new Set<string>();
  private typeOverride = new Map<string, EntityType>();
  /** Rule 3 index: full person keys by last word, and the last word each is registered under. */
  private byLastIdx = new Map<string, string[]>();
  private regPerson = new Map<string, string>();
  /** Rule 4 index: acronym variants of long organisation and place names. */
  private variantIdx = new Map<string, string[]>();
  private regVariants = new Map<string, string[]>();
  /** Every key by its last word (to find the short forms a new full name may claim). */
  private readonly keysByLast = new Map<string, string[]>();
  private dirtyKeys = new Set<string>();
  private fullResolve = true;
  private summaries: EntitySummary[] | undefined;
  private matcher: NameMatcher<string> | undefined;
  private mentionCache = new Map<string, Mention[]>();

  constructor(options: CorpusIndexOptions = {}) {
    this.pipeline = options.pipeline ?? createDefaultPipeline();
  }

  get version(): number {
    return this.version_;
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private changed(): void {
    this.version_++;
    this.mentionCache.clear();
    this.matcher = undefined;
    if (this.batchDepth > 0) {
      this.batchDirty = true;
      return;
    }
    for (const l of [...this.listeners]) l();
  }

  batch(fn: () => void): void {
    this.batchDepth++;
    try {
      fn();
    } finally {
      this.batchDepth--;
      if (this.batchDepth === 0 && this.batchDirty) {
        this.batchDirty = false;
        for (const l of [...this.listeners]) l();
      }
    }
  }

  // ---------------------------------------------------------------- writing

  upsertDocument(docId: string, text: string): void {
    const old = this.docs.get(docId);
    if (old && old.text === text) return;
    if (old) this.unaccount(old);
    this.readDocument(docId, text);
    this.changed();
  }


  setPipeline(pipeline: CandidateSource): void {
    this.pipeline = pipeline;
    if (this.docs.size === 0) return;
    this.batch(() => {
      for (const d of [...this.docs.values()]) this.reprepare(d);
      this.changed();
    });
  }

  removeDocument(docId: string): void {
    const old = this.docs.get(docId);
    if (!old) return;
    this.unaccount(old);
    this.docs.delete(docId);
    this.changed();
  }

  loadCatalog(file: string, text: string | undefined): Problem[] {
    if (text === undefined) {
      this.setCatalog({ entities: [], ignore: [], types: {} });
      return [];
    }
    const { catalog, problems } = parseCatalog(text, file);
    if (catalog) this.setCatalog(catalog);
    return problems;
  }

  /** Replace the catalog: curated names are overlaid on every document again (no recogniser re-runs). */
  setCatalog(catalog: Catalog): void {
    this.catalog = catalog;
    this.catalogRecogniser = new CatalogRecogniser(catalog);
    this.fullResolve = true;
    for (const d of this.docs.values()) {
      this.unaccount(d);
      this.overlay(d);
      this.account(d);
    }
    this.changed();
  }

  loadSources(file: string, text: string | undefined): Problem[] {
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    const next = new Map<string, SourceMeta>();
    let problems: Problem[] = [];
    if (text !== undefined) {
      const parsed = parseSources(text, file);
      problems = parsed.problems;
      if (!parsed.sources) return problems;
      for (const [k, v] of parsed.sources) next.set(normalisePath(dir + k), v);
    }
    this.batch(() => {
      const ids = new Set([...this.meta.keys(), ...next.keys()]);
      this.meta.clear();
      for (const [k, v] of next) this.meta.set(k, v);
      for (const id of ids) {
        const d = this.docs.get(id);
        if (d) this.reprepare(d);
      }
      this.changed();
    });
    return problems;
  }

  private reprepare(d: DocState): void {
    this.fullResolve = true;
    this.unaccount(d);
    // Re-run fully: the document date changes how dates are read.
    this.readDocument(d.id, d.text);
  }

  /** Prepare a document, run the pipeline, overlay the catalog, and count its names in. */
  private readDocument(docId: string, text: string): void {
    const meta = this.meta.get(docId);
    const prepared = prepareDocument(docId, text, undefined, meta);
    const ctx: RecogniserContext = { referenceDate: parseDocDate(meta?.date) };
    const state: DocState = { id: docId, text, prepared, base: this.pipeline.run(prepared, ctx), cands: [], byKey: new Map() };
    this.overlay(state);
    state.prepared = leanDocument(prepared);
    this.docs.set(docId, state);
    this.account(state);
  }


  /**
   * The catalog overlay. Curated names win over every recogniser, except that a curated name
   * strictly inside a longer recognised name is not a mention ("Marc Israel Sellem" holds no Israel).
   * Then the rules that depend on this document alone assign each candidate its key.
   */
  private overlay(state: DocState): void {
    const curated = this.catalogRecogniser.empty ? [] : this.catalogRecogniser.recognise(withTokens(state.prepared));
    const base = state.base;
    let merged: Candidate[];
    if (curated.length === 0) merged = base;
    else {
      const keep: Candidate[] = [];
      const cur = curated.filter((c) => !base.some((b) => b.start <= c.start && b.end >= c.end && b.end - b.start > c.end - c.start));
      for (const b of base) if (!cur.some((c) => c.start < b.end && b.start < c.end)) keep.push(b);
      merged = keep.concat(cur).sort((a, b) => a.start - b.start);
    }
    const text = state.text;
    const cands: DocCand[] = [];
    for (const c of merged) {
      const surface = text.slice(c.start, c.end);
      let key: string;
      if (c.type === 'date' || c.type === 'quantity') key = valueKey(c.type, c.name, c.attrs?.value);
      else if (c.attrs?.catalogName) key = nameKey(c.attrs.catalogName);
      else if (c.attrs?.longForm) key = nameKey(c.attrs.longForm);
      else if (c.attrs?.canonical) key = nameKey(c.attrs.canonical);
      else key = nameKey(c.name);
      if (!key) continue;
      cands.push({ c, key, text: surface });
    }
    // Rule 3 within the document: a short person name joins the one longer name here that ends with it.
    const persons = new Set(cands.filter((d) => d.c.type === 'person' && d.key.includes(' ')).map((d) => d.key));
    if (persons.size > 0) {
      const byLast = indexByLastWord(persons);
      for (const d of cands) {
        if (d.c.type !== 'person') continue;
        const fit = personFit(d.key, byLast);
        if (fit) d.key = fit;
      }
    }
    state.cands = cands;
    const byKey = new Map<string, number[]>();
    cands.forEach((d, i) => {
      const l = byKey.get(d.key);
      if (l) l.push(i);
      else byKey.set(d.key, [i]);
    });
    state.byKey = byKey;
  }

  private account(d: DocState): void {
    for (const dc of d.cands) {
      let s = this.stats.get(dc.key);
      if (!s) {
        s = { count: 0, docs: new Map(), types: new Array<number>(ENTITY_TYPES.length).fill(0), forms: new Map() };
        this.stats.set(dc.key, s);
        addTo(this.keysByLast, lastWord(dc.key), dc.key);
      }
      this.dirtyKeys.add(dc.key);
      s.count++;
      s.docs.set(d.id, (s.docs.get(d.id) ?? 0) + 1);
      s.types[TYPE_INDEX.get(dc.c.type)!]! += dc.c.priority;
      const form = cleanSurface(dc.c.name);
      s.forms.set(form, (s.forms.get(form) ?? 0) + 1);
      const lf = dc.c.attrs?.longForm ?? dc.c.attrs?.canonical;
      if (lf) s.longForm = cleanSurface(lf);
    }
  }

  private unaccount(d: DocState): void {
    for (const dc of d.cands) {
      const s = this.stats.get(dc.key);
      if (!s) continue;
      s.count--;
      const n = (s.docs.get(d.id) ?? 0) - 1;
      if (n > 0) s.docs.set(d.id, n);
      else s.docs.delete(d.id);
      s.types[TYPE_INDEX.get(dc.c.type)!]! -= dc.c.priority;
      const form = cleanSurface(dc.c.name);
      const f = (s.forms.get(form) ?? 0) - 1;
      if (f > 0) s.forms.set(form, f);
      else s.forms.delete(form);
      this.dirtyKeys.add(dc.key);
      if (s.count <= 0) {
        this.stats.delete(dc.key);
        removeFrom(this.keysByLast, lastWord(dc.key), dc.key);
      }
    }
  }

  // ------------------------------------------------------------- resolution
  //
  // Entities are resolved from the per-key statistics by the alias rules (aliases.ts). After a
  // catalog or sources change everything is resolved again; after a document change only the keys
  // it touched are, plus the keys whose rule 3 or 4 outcome those can change: short person names
  // with the same last word, acronyms that spell a touched long name, and the keys of an entity
  // whose own key was touched.

  private resolve(): void {
    if (this.resolvedVersion === this.version_) return;
    if (this.fullResolve) {
      this.resolveAll();
      this.summaries = undefined;
    } else {
      const dirty = this.resolveKeys(this.dirtyKeys);
      if (this.summaries) this.summaries = this.mergeSummaries(this.summaries, dirty);
    }
    this.dirtyKeys = new Set();
    this.fullResolve = false;
    this.resolvedVersion = this.version_;
  }

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
    let best = 0;
    for (let i = 1; i < s.types.length; i++) if (s.types[i]! > s.types[best]!) best = i;
    return ENTITY_TYPES[best]!;
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
    for (const entry of this.catalog.entities) {
      const k = nameKey(entry.name);
      if (!k) continue;
      const type = entry.type ?? this.typeOverride.get(k) ?? this.votedType([k, ...entry.aliases.map(nameKey)]) ?? 'organization';
      const id = `${type}:${k}`;
      let rec = this.entitiesById.get(id);
      if (!rec) {
        rec = { id, name: entry.name, type, curated: true, note: entry.note, keys: new Set(), curatedAliases: [...entry.aliases], aliases: new Set(), mentionCount: 0, documentCount: 0 };
        this.entitiesById.set(id, rec);
      }
      this.curatedKeys.set(k, rec);
      for (const a of entry.aliases) {
        const ak = nameKey(a);
        if (ak && !this.curatedKeys.has(ak)) this.curatedKeys.set(ak, rec);
      }
    }
    for (const key of this.stats.keys()) this.register(key);
    const dirty = new Set<EntityRec>(this.entitiesById.values());
    for (const key of this.stats.keys()) this.assign(key, dirty);
    this.finish(dirty);
  }

  private resolveKeys(keys: Iterable<string>): Set<EntityRec> {
    const affected = new Set<string>();
    for (const k of keys) {
      affected.add(k);
      for (const a of this.register(k)) affected.add(a);
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
      const s = this.stats.get(rec.targetKey);
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

  /** Index a key for rules 3 and 4 by its current type; returns the keys whose outcome may change. */
  private register(key: string): string[] {
    const affected: string[] = [];
    const oldLast = this.regPerson.get(key);
    if (oldLast !== undefined) {
      removeFrom(this.byLastIdx, oldLast, key);
      this.regPerson.delete(key);
      for (const k of this.keysByLast.get(oldLast) ?? []) affected.push(k);
    }
    const oldVars = this.regVariants.get(key);
    if (oldVars) {
      for (const v of oldVars) {
        removeFrom(this.variantIdx, v, key);
        if (this.stats.has(v)) affected.push(v);
      }
      this.regVariants.delete(key);
    }
    const s = this.stats.get(key);
    if (!s || !key.includes(' ')) return affected;
    const t = this.typeOf(key, s);
    if (t === 'person') {
      const last = lastWord(key);
      this.regPerson.set(key, last);
      addTo(this.byLastIdx, last, key);
      if (oldLast === undefined) for (const k of this.keysByLast.get(last) ?? []) affected.push(k);
    } else if (t === 'organization' || t === 'place') {
      const form = s.longForm ?? preferredName(s.forms);
      if (hasAcronym(form)) return affected;
      const vars = acronymVariants(form);
      this.regVariants.set(key, vars);
      for (const v of vars) {
        addTo(this.variantIdx, v, key);
        if (this.stats.has(v)) affected.push(v);
      }
    }
    return affected;
  }

  /** Assign one key to its entity (creating it when needed). */
  private assign(key: string, dirty: Set<EntityRec>): void {
    const s = this.stats.get(key);
    if (!s) return;
    let rec = this.curatedKeys.get(key);
    if (!rec) {
      const t = this.typeOf(key, s);
      let tk = key;
      if (t === 'person') {
        const fit = personFit(key, this.byLastIdx);
        if (fit) tk = fit;
      } else if ((t === 'organization' || t === 'place') && hasAcronym(mostFrequent(s.forms))) {
        // Rule 4: the one long name of the same type, written out in a document where the acronym is.
        const fits = (this.variantIdx.get(key) ?? []).filter((k) => {
          const ks = this.stats.get(k);
          return ks !== undefined && this.typeOf(k, ks) === t && shareDocument(s, ks);
        });
        if (fits.length === 1) tk = fits[0]!;
      }
      rec = this.curatedKeys.get(tk);
      if (!rec) {
        const ts = this.stats.get(tk) ?? s;
        const tt = tk === key ? t : this.typeOf(tk, ts);
        const id = `${tt}:${tk}`;
        rec = this.entitiesById.get(id);
        if (!rec) {
          rec = { id, name: '', type: tt, curated: false, targetKey: tk, keys: new Set(), curatedAliases: [], aliases: new Set(), mentionCount: 0, documentCount: 0 };
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

  /** Recompute name, aliases and counts of the entities that changed; drop the empty ones. */
  private finish(dirty: Set<EntityRec>): void {
    for (const rec of dirty) {
      if (!rec.curated && rec.keys.size === 0) {
        if (this.entitiesById.get(rec.id) === rec) this.entitiesById.delete(rec.id);
        if (rec.targetKey !== undefined && this.recByTarget.get(rec.targetKey) === rec) this.recByTarget.delete(rec.targetKey);
        continue;
      }
      if (!rec.curated) {
        const ts = this.stats.get(rec.targetKey!);
        if (ts) rec.name = ts.longForm ?? preferredName(ts.forms);
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
        const s = this.stats.get(k)!;
        count += s.count;
        for (const d of s.docs.keys()) docs.add(d);
        for (const f of s.forms.keys()) rec.aliases.add(f);
      }
      rec.mentionCount = count;
      rec.documentCount = docs.size;
      const nk = foldKey(rec.name);
      for (const a of [...rec.aliases]) if (foldKey(a) === nk) rec.aliases.delete(a);
    }
  }

  private votedType(keys: string[]): EntityType | undefined {
    const votes = new Array<number>(ENTITY_TYPES.length).fill(0);
    let any = false;
    for (const k of keys) {
      const s = this.stats.get(k);
      if (!s) continue;
      any = true;
      s.types.forEach((v, i) => (votes[i]! += v));
    }
    if (!any) return undefined;
    let best = 0;
    for (let i = 1; i < votes.length; i++) if (votes[i]! > votes[best]!) best = i;
    return votes[best]! > 0 ? ENTITY_TYPES[best] : undefined;
  }

  // ---------------------------------------------------------------- queries

  documents(): DocumentInfo[] {
    return [...this.docs.values()].map((d) => this.info(d)).sort((a, b) => a.id.localeCompare(b.id));
  }

  documentInfo(docId: string): DocumentInfo | undefined {
    const d = this.docs.get(docId);
    return d ? this.info(d) : undefined;
  }

  private info(d: DocState): DocumentInfo {
    const meta = this.meta.get(d.id);
    const n = this.names.get(d.id, this.version_)!;
    return { id: d.id, title: n.title, label: n.label, titleFrom: n.from, chars: d.text.length, meta };
  }

  text(docId: string): string | undefined {
    return this.docs.get(docId)?.text;
  }

  recognise(docId: string, text: string): Candidate[] {
    return this.pipeline.run(prepareDocument(docId, text), {});
  }

  prepared(docId: string): PreparedDocument | undefined {
    const d = this.docs.get(docId);
    return d ? withTokens(d.prepared) : undefined;
  }

  entities(): EntitySummary[] {
    this.resolve();
    this.summaries ??= [...this.entitiesById.values()].filter((e) => e.mentionCount > 0).map(summary).sort(byMentions);
    return [...this.summaries];
  }

  entity(entityId: string): EntitySummary | undefined {
    this.resolve();
    const e = this.entitiesById.get(entityId);
    return e ? summary(e) : undefined;
  }

  typeCounts(): TypeCount[] {
    const out = ENTITY_TYPES.map((type) => ({ type, entities: 0, mentions: 0 }));
    for (const e of this.entities()) {
      const tc = out[TYPE_INDEX.get(e.type)!]!;
      tc.entities++;
      tc.mentions += e.mentionCount;
    }
    return out;
  }

  mentionsOf(entityId: string): Mention[] {
    this.resolve();
    const cached = this.mentionCache.get(entityId);
    if (cached) return cached;
    const rec = this.entitiesById.get(entityId);
    if (!rec) return [];
    const perDoc = new Map<string, Mention[]>();
    for (const k of rec.keys) {
      const s = this.stats.get(k);
      if (!s) continue;
      for (const docId of s.docs.keys()) {
        const d = this.docs.get(docId)!;
        const list = perDoc.get(docId) ?? [];
        for (const i of d.byKey.get(k) ?? []) list.push(this.toMention(d, d.cands[i]!, rec));
        perDoc.set(docId, list);
      }
    }
    const ranked = rankMentions(rec.name, perDoc);
    this.mentionCache.set(entityId, ranked);
    return ranked;
  }

  passagesOf(entityId: string): Passage[] {
    return this.mentionsOf(entityId).map((m) => ({ mention: m, span: m.passage, text: this.docs.get(m.docId)!.text.slice(m.passage.start, m.passage.end) }));
  }

  mentionsIn(docId: string): Mention[] {
    this.resolve();
    const d = this.docs.get(docId);
    if (!d) return [];
    const out: Mention[] = [];
    for (const dc of d.cands) {
      const rec = this.keyToEntity.get(dc.key);
      if (rec) out.push(this.toMention(d, dc, rec));
    }
    return out;
  }

  mentionAt(docId: string, offset: number): Mention | undefined {
    this.resolve();
    const d = this.docs.get(docId);
    if (!d) return undefined;
    // Binary search for the last candidate starting at or before offset.
    let lo = 0;
    let hi = d.cands.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (d.cands[mid]!.c.start <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return undefined;
    const dc = d.cands[found]!;
    if (offset > dc.c.end) return undefined;
    const rec = this.keyToEntity.get(dc.key);
    return rec ? this.toMention(d, dc, rec) : undefined;
  }

  findNames(text: string): NameHit[] {
    return this.nameMatcher()
      .matchText(text)
      .map((h) => ({ start: h.start, end: h.end, entityId: h.value, text: text.slice(h.start, h.end) }));
  }

  nameAt(text: string, offset: number): NameHit | undefined {
    // Look only at the line around the offset: hovers in long drafts stay cheap.
    let s = offset;
    let e = offset;
    let n = 0;
    while (s > 0 && text.charCodeAt(s - 1) !== 10 && n++ < 400) s--;
    n = 0;
    while (e < text.length && text.charCodeAt(e) !== 10 && n++ < 400) e++;
    for (const h of this.nameMatcher().matchText(text, s, e)) {
      if (h.start <= offset && offset <= h.end) return { start: h.start, end: h.end, entityId: h.value, text: text.slice(h.start, h.end) };
    }
    return undefined;
  }

  search(query: string, limit = 50): EntitySummary[] {
    const q = foldKey(query);
    const all = this.entities();
    if (!q) return all.slice(0, limit);
    const scored: { e: EntitySummary; score: number }[] = [];
    for (const e of all) {
      let best = 0;
      for (const form of [e.name, ...e.aliases]) {
        const f = foldKey(form);
        let s = 0;
        if (f.startsWith(q)) s = 4;
        else if (f.split(/[\s-]+/).some((w) => w.startsWith(q))) s = 3;
        else if (f.includes(q)) s = 2;
        else if (isSubsequence(q, f)) s = 1;
        if (s > best) best = s;
      }
      if (best > 0) scored.push({ e, score: best });
    }
    scored.sort((a, b) => b.score - a.score || b.e.mentionCount - a.e.mentionCount || a.e.name.localeCompare(b.e.name));
    return scored.slice(0, limit).map((x) => x.e);
  }

  /** The catalog in force (the last good one). */
  currentCatalog(): Catalog {
    return this.catalog;
  }

  // ---------------------------------------------------------------- helpers

  private nameMatcher(): NameMatcher<string> {
    this.resolve();
    if (this.matcher) return this.matcher;
    const m = new NameMatcher<string>();
    // A form known for several entities goes to the one with most mentions of it.
    const owner = new Map<string, { id: string; n: number; form: string }>();
    const offer = (form: string, id: string, n: number) => {
      const k = nameKey(form);
      if (!k) return;
      const cur = owner.get(k);
      if (!cur || n > cur.n) owner.set(k, { id, n, form });
    };
    for (const rec of this.entitiesById.values()) {
      if (rec.mentionCount === 0 && !rec.curated) continue;
      offer(rec.name, rec.id, rec.mentionCount + 1);
      for (const a of rec.aliases) offer(a, rec.id, rec.mentionCount);
      for (const k of rec.keys) {
        const s = this.stats.get(k);
        if (s) for (const [f, n] of s.forms) offer(f, rec.id, n);
      }
    }
    for (const { id, form } of owner.values()) m.add(form, id);
    this.matcher = m;
    return m;
  }

  private toMention(d: DocState, dc: DocCand, rec: EntityRec): Mention {
    return {
      docId: d.id,
      entityId: rec.id,
      start: dc.c.start,
      end: dc.c.end,
      text: dc.text,
      type: rec.type,
      passage: sentenceOf(d.prepared, dc.c),
      attrs: dc.c.attrs,
    };
  }
}

function normalisePath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

function sentenceOf(doc: PreparedDocument, span: Span): Span {
  const ss = doc.sentences;
  let lo = 0;
  let hi = ss.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = ss[mid]!;
    if (s.end <= span.start) lo = mid + 1;
    else if (s.start > span.start) hi = mid - 1;
    else return { start: s.start, end: Math.max(s.end, span.end) };
  }
  return { start: span.start, end: span.end };
}

/** Do two names occur in a common document? (Iterates the smaller of the two.) */
function shareDocument(a: KeyStat, b: KeyStat): boolean {
  const [small, large] = a.docs.size <= b.docs.size ? [a, b] : [b, a];
  for (const d of small.docs.keys()) if (large.docs.has(d)) return true;
  return false;
}

function lastWord(key: string): string {
  return key.slice(key.lastIndexOf(' ') + 1);
}

function addTo(m: Map<string, string[]>, k: string, v: string): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

function removeFrom(m: Map<string, string[]>, k: string, v: string): void {
  const l = m.get(k);
  if (!l) return;
  const i = l.indexOf(v);
  if (i >= 0) l.splice(i, 1);
  if (l.length === 0) m.delete(k);
}

function mostFrequent(forms: Map<string, number>): string {
  let best = '';
  let n = -1;
  for (const [f, c] of forms) {
    if (c > n) {
      best = f;
      n = c;
    }
  }
  return best;
}

/** The display name of an entity: the longest form that is not an acronym, else the most frequent. */
function preferredName(forms: Map<string, number>): string {
  let best = '';
  let bestScore = -Infinity;
  for (const [f, c] of forms) {
    const score = (hasAcronym(f) ? 0 : 1000) + f.split(' ').length * 100 + c;
    if (score > bestScore) {
      best = f;
      bestScore = score;
    }
  }
  return best;
}

function summary(e: EntityRec): EntitySummary {
  return {
    id: e.id,
    name: e.name,
    type: e.type,
    aliases: [...e.aliases].sort((a, b) => a.localeCompare(b)),
    note: e.note,
    curated: e.curated,
    mentionCount: e.mentionCount,
    documentCount: e.documentCount,
  };
}

const collator = new Intl.Collator('en');

function byMentions(a: EntitySummary, b: EntitySummary): number {
  return b.mentionCount - a.mentionCount || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function isSubsequence(q: string, s: string): boolean {
  let i = 0;
  for (let j = 0; j < s.length && i < q.length; j++) if (s[j] === q[i]) i++;
  return i === q.length;
}

/**
 * Rank an entity's mentions: the first full-name mention first; then one mention from each other
 * source (a spread across sources, most-mentioning sources first); then the rest in document order.
 */
export function rankMentions(name: string, perDoc: Map<string, Mention[]>): Mention[] {
  const fullKey = foldKey(name);
  const docs = [...perDoc.entries()].map(([id, ms]) => ({ id, ms: ms.sort((a, b) => a.start - b.start) }));
  const hasFull = (ms: Mention[]) => ms.some((m) => foldKey(m.text) === fullKey);
  docs.sort((a, b) => Number(hasFull(b.ms)) - Number(hasFull(a.ms)) || b.ms.length - a.ms.length || a.id.localeCompare(b.id));
  const out: Mention[] = [];
  const used = new Set<Mention>();
  const first = docs[0]?.ms.find((m) => foldKey(m.text) === fullKey) ?? docs[0]?.ms[0];
  if (first) {
    out.push(first);
    used.add(first);
  }
  for (const d of docs) {
    const m = d.ms.find((x) => !used.has(x));
    if (m && d.id !== first?.docId) {
      out.push(m);
      used.add(m);
    }
  }
  for (const d of docs) {
    for (const m of d.ms) {
      if (!used.has(m)) {
        out.push(m);
        used.add(m);
      }
    }
  }
  return out;
}
