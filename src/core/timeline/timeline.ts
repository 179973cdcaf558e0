/**
 * The dated passages of the corpus for the Timeline: every date mention resolved to a day, a month or
 * a year (against the document date when the text leaves the year out), with the passage holding it
 * and the entities that passage mentions (for the entity and type filters).
 */
import type { Corpus } from '../index/api';
import type { EntityType } from '../types';

export type DatePrecision = 'day' | 'month' | 'year';

export interface TimelineItem {
  /** Stable within one build: `${docId}:${start}`. */
  readonly id: string;
  readonly docId: string;
  /** The date mention. */
  readonly start: number;
  readonly end: number;
  /** The date as written ("June 5"). */
  readonly label: string;
  /** The date entity. */
  readonly dateEntityId: string;
  /** YYYY-MM-DD, YYYY-MM or YYYY; undefined when the year is unknown (then `partial` holds "--12-13"). */
  readonly date?: string;
  readonly partial?: string;
  readonly precision: DatePrecision;
  /** The sentence holding the date. */
  readonly passage: { readonly start: number; readonly end: number; readonly text: string };
  /** Entities (not dates) mentioned in the passage, and their types. */
  readonly entityIds: readonly string[];
  readonly types: readonly EntityType[];
}

const FULL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const PARTIAL = /^--(\d{2})(?:-(\d{2}))?$/;

export function precisionOf(value: string): DatePrecision | undefined {
  const m = FULL.exec(value) ?? PARTIAL.exec(value);
  if (!m) return undefined;
  if (value.startsWith('--')) return m[2] ? 'day' : 'month';
  return m[3] ? 'day' : m[2] ? 'month' : 'year';
}

/** Every dated passage, in date order (those without a year last, in document order). */
export function timelineItems(corpus: Corpus): TimelineItem[] {
  const out: TimelineItem[] = [];
  for (const d of corpus.documents()) {
    const text = corpus.text(d.id) ?? '';
    const mentions = corpus.mentionsIn(d.id);
    const bySentence = new Map<number, { ids: Set<string>; types: Set<EntityType> }>();
    for (const m of mentions) {
      if (m.type === 'date') continue;
      let s = bySentence.get(m.passage.start);
      if (!s) bySentence.set(m.passage.start, (s = { ids: new Set(), types: new Set() }));
      s.ids.add(m.entityId);
      s.types.add(m.type);
    }
    for (const m of mentions) {
      if (m.type !== 'date') continue;
      const value = m.attrs?.value ?? '';
      const precision = precisionOf(value);
      if (!precision) continue;
      const s = bySentence.get(m.passage.start);
      out.push({
        id: `${m.docId}:${m.start}`,
        docId: m.docId,
        start: m.start,
        end: m.end,
        label: m.text,
        dateEntityId: m.entityId,
        ...(value.startsWith('--') ? { partial: value } : { date: value }),
        precision,
        passage: { start: m.passage.start, end: m.passage.end, text: text.slice(m.passage.start, m.passage.end) },
        entityIds: s ? [...s.ids] : [],
        types: s ? [...s.types] : [],
      });
    }
  }
  const key = (i: TimelineItem) => i.date ?? `~${i.partial}`;
  return out.sort((a, b) => key(a).localeCompare(key(b)) || a.docId.localeCompare(b.docId) || a.start - b.start);
}

/** The first and last day a dated item covers (ISO, inclusive), for the time axis. */
export function itemInterval(item: Pick<TimelineItem, 'date'>): [string, string] | undefined {
  const m = item.date ? FULL.exec(item.date) : null;
  if (!m) return undefined;
  const [, y, mo, d] = m;
  if (d) return [`${y}-${mo}-${d}`, `${y}-${mo}-${d}`];
  if (mo) {
    const last = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
    return [`${y}-${mo}-01`, `${y}-${mo}-${String(last).padStart(2, '0')}`];
  }
  return [`${y}-01-01`, `${y}-12-31`];
}
