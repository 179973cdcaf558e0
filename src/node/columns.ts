/**
 * An array of plain objects as columns, for the analysis pool's replies (wireFormat.ts). A large
 * document's result holds millions of small objects (candidates, sentences); packed one by one,
 * each arrived on the host as an object of its own with fresh strings for its type, its source and
 * its name, and the host's garbage collector had all of them to trace.
 *
 * Here integer fields and spans travel as Int32Array columns, and every other value once, in a table that
 * the objects refer to by index: the host builds one object per item, whose strings and nested
 * objects (attrs) are shared by all the items with the same value. Each item keeps its own keys in
 * its own order (absent stays absent), so what comes out is what went in.
 */
import { Codes } from '../core/index/multimap';

/** The columns of an array of objects (plain data: msgpack and structured-clone safe). */
export interface PackedColumns {
  readonly n: number;
  /** The key lists of the items, each once. */
  readonly shapes: readonly (readonly string[])[];
  /** The shape of each item (Uint16Array bytes). */
  readonly shape: Uint8Array;
  /** Keys whose values are all 32-bit integers, and their column (Int32Array bytes, 0 where an item lacks the key). */
  readonly ints: readonly string[];
  readonly intCols: readonly Uint8Array[];
  /** Keys whose values are all spans ({ start, end } of integers), and their columns (two per key: starts, then ends). */
  readonly spans: readonly string[];
  readonly spanCols: readonly Uint8Array[];
  /** Every other value, once each. */
  readonly values: readonly unknown[];
  /** For each item, for each of its other keys in order: the index of its value (Int32Array bytes). */
  readonly refs: Uint8Array;
}

const bytes = (a: Int32Array | Uint16Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

const isInt32 = (v: unknown): boolean => typeof v === 'number' && (v | 0) === v && !Object.is(v, -0);

/** A span exactly: { start, end } in that order, both integers, nothing else. */
function isSpan(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  const o = v as Record<string, unknown>;
  return keys.length === 2 && keys[0] === 'start' && keys[1] === 'end' && isInt32(o.start) && isInt32(o.end);
}

/** A key that tells two values apart exactly (undefined inside an object included). */
function identity(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return `s${v}`;
    case 'number':
      return Object.is(v, -0) ? 'n-0' : `n${v}`;
    case 'boolean':
      return v ? 't' : 'f';
    case 'undefined':
      return 'u';
    default:
      return v === null ? 'l' : `o${JSON.stringify(v, (_k, x: unknown) => (x === undefined ? '\u0000undefined' : x))}`;
  }
}

/** Pack `items` (plain objects); the keys in `intKeys` go in integer columns when all their values are integers. */
export function packColumns(items: readonly object[], intKeys: readonly string[] = []): PackedColumns {
  const n = items.length;
  const ints = intKeys.filter((k) => items.every((o) => !(k in o) || isInt32((o as Record<string, unknown>)[k])));
  const intCol = ints.map(() => new Int32Array(n));
  const intAt = new Map(ints.map((k, i) => [k, i] as const));
  const spans = spanKeysOf(items, new Set(ints));
  const spanCol = spans.flatMap(() => [new Int32Array(n), new Int32Array(n)]);
  const spanAt = new Map(spans.map((k, i) => [k, i] as const));
  const shapes = new Codes<string[]>(0xffff, 'object shapes');
  const shape = new Uint16Array(n);
  const values = new Codes<unknown>();
  let refs = new Int32Array(Math.max(16, n * 4));
  let nRefs = 0;
  for (let i = 0; i < n; i++) {
    const o = items[i] as Record<string, unknown>;
    const keys = Object.keys(o);
    shape[i] = shapes.code(keys.join('\u0000'), keys);
    for (const k of keys) {
      const v = o[k];
      const c = intAt.get(k);
      if (c !== undefined) {
        intCol[c]![i] = v as number;
        continue;
      }
      const sp = spanAt.get(k);
      if (sp !== undefined) {
        spanCol[2 * sp]![i] = (v as { start: number }).start;
        spanCol[2 * sp + 1]![i] = (v as { end: number }).end;
        continue;
      }
      const r = values.code(identity(v), v);
      if (nRefs === refs.length) {
        const grown = new Int32Array(refs.length * 2);
        grown.set(refs);
        refs = grown;
      }
      refs[nRefs++] = r;
    }
  }
  return { n, shapes: shapes.values, shape: bytes(shape), ints, intCols: intCol.map(bytes), spans, spanCols: spanCol.map(bytes), values: values.values, refs: bytes(refs.slice(0, nRefs)) };
}

/** The keys (not integer ones) that some item has and whose every value is a span. */
function spanKeysOf(items: readonly object[], ints: ReadonlySet<string>): string[] {
  const state = new Map<string, boolean>();
  for (const o of items) {
    for (const [k, v] of Object.entries(o)) {
      if (ints.has(k) || state.get(k) === false) continue;
      state.set(k, isSpan(v));
    }
  }
  return [...state].filter(([, ok]) => ok).map(([k]) => k);
}

/** A typed array over the bytes: a view when they are aligned (a buffer of their own), else a copy. */
function view<T>(b: Uint8Array, size: number, make: (buf: ArrayBufferLike, offset: number, length: number) => T): T {
  if (b.byteOffset % size === 0) return make(b.buffer, b.byteOffset, b.byteLength / size);
  return make(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength), 0, b.byteLength / size);
}

type PlainObjects = new () => Record<string, unknown>;

/**
 * A maker of plain objects (their prototype is Object.prototype, as a literal's), one per shape.
 * V8 gives the objects of one constructor room for all their properties in the object itself;
 * an object built from `{}` key by key keeps all but four in a second array: twice the objects
 * for the garbage collector, for the millions of candidates of a large document.
 */
function plainObjects(): PlainObjects {
  const make = function () {
    // the properties are set by the caller, in the shape's order
  } as unknown as PlainObjects;
  make.prototype = Object.prototype;
  return make;
}

/** Reads the items back, a range at a time, in order (the host builds a large array over several turns of its event loop). */
export class ColumnReader {
  private readonly shape: Uint16Array;
  private readonly intCols: Int32Array[];
  private readonly refs: Int32Array;
  private readonly spanCols: Int32Array[];
  /** For each shape: its keys, and for each key its integer column (≥ 0), its span's columns (-2 - 2·span), or -1: a value in the table. */
  private readonly plans: { readonly keys: readonly string[]; readonly col: readonly number[]; readonly make: PlainObjects }[];
  private next = 0;
  private ref = 0;

  constructor(private readonly p: PackedColumns) {
    this.shape = view(p.shape, 2, (b, o, n) => new Uint16Array(b, o, n));
    this.intCols = p.intCols.map((c) => view(c, 4, (b, o, n) => new Int32Array(b, o, n)));
    this.refs = view(p.refs, 4, (b, o, n) => new Int32Array(b, o, n));
    this.spanCols = p.spanCols.map((c) => view(c, 4, (b, o, n) => new Int32Array(b, o, n)));
    const intAt = new Map(p.ints.map((k, i) => [k, i] as const));
    const spanAt = new Map(p.spans.map((k, i) => [k, -2 - 2 * i] as const));
    this.plans = p.shapes.map((keys) => ({ keys, col: keys.map((k) => intAt.get(k) ?? spanAt.get(k) ?? -1), make: plainObjects() }));
  }

  get done(): boolean {
    return this.next >= this.p.n;
  }

  /** How many items there are. */
  get length(): number {
    return this.p.n;
  }

  /** The next `count` items (fewer at the end), into `out` at their own index (`out` may be made at full length beforehand); how many were read. */
  read(count: number, out: unknown[]): number {
    const end = Math.min(this.p.n, this.next + count);
    const { values } = this.p;
    for (let i = this.next; i < end; i++) {
      const plan = this.plans[this.shape[i]!]!;
      const o = new plan.make();
      for (let j = 0; j < plan.keys.length; j++) {
        const c = plan.col[j]!;
        if (c >= 0) o[plan.keys[j]!] = this.intCols[c]![i];
        else if (c === -1) o[plan.keys[j]!] = values[this.refs[this.ref++]!];
        else o[plan.keys[j]!] = { start: this.spanCols[-2 - c]![i], end: this.spanCols[-1 - c]![i] };
      }
      out[i] = o;
    }
    const read = end - this.next;
    this.next = end;
    return read;
  }
}

/** All the items at once. */
export function unpackColumns(p: PackedColumns): unknown[] {
  const out: unknown[] = [];
  new ColumnReader(p).read(p.n, out);
  return out;
}
