/**
 * The search query language, parsed without the index:
 *
 *   cyber security          passages with every word (BM25-ranked)
 *   "learning from the best" the exact phrase (case, accents and punctuation between words ignored)
 *   cyber*                  words starting with "cyber"
 *   -iran                   passages without the word
 *   entity:"Tony Blair"     passages that mention the entity (name or alias); repeat for "and"
 *   by:"Khazar Ibrahim"     passages inside quotes by that speaker (when quotes are indexed)
 *   type:person             passages that mention an entity of that type
 *   source:press            sources whose path or title contains the text
 *   kind:"press release"    sources of that kind (sources.yaml)
 *   from:2020 to:2023-06    sources dated in that range (sources.yaml; YYYY, YYYY-MM or YYYY-MM-DD)
 */
import type { EntityType } from '../types';
import { ENTITY_TYPES } from '../types';

export interface SearchFilters {
  /** Entity names or aliases (or ids): every one must be mentioned in the passage. */
  readonly entities?: readonly string[];
  /** Speakers (names, aliases or ids): the passage must be inside a quote by one of them. */
  readonly speakers?: readonly string[];
  /** The passage mentions an entity of each of these types. */
  readonly types?: readonly EntityType[];
  /** Source documents whose id or title contains one of these (case-insensitive). */
  readonly sources?: readonly string[];
  /** Source kinds (sources.yaml `kind`), any of them. */
  readonly kinds?: readonly string[];
  /** Date range of the source (inclusive), YYYY, YYYY-MM or YYYY-MM-DD. */
  readonly from?: string;
  readonly to?: string;
}

export interface ParsedQuery extends SearchFilters {
  /** Whole words. */
  readonly words: readonly string[];
  /** Word prefixes (written `word*`). */
  readonly prefixes: readonly string[];
  /** Exact phrases (written in double quotes). */
  readonly phrases: readonly string[];
  /** Words that must not occur (written `-word`). */
  readonly excluded: readonly string[];
  /** Problems with the query ("unknown type 'persn'"), for the user. */
  readonly problems: readonly string[];
}

const KEYS: Readonly<Record<string, keyof SearchFilters>> = {
  entity: 'entities',
  mentions: 'entities',
  about: 'entities',
  by: 'speakers',
  speaker: 'speakers',
  quote: 'speakers',
  type: 'types',
  source: 'sources',
  in: 'sources',
  kind: 'kinds',
  from: 'from',
  after: 'from',
  since: 'from',
  to: 'to',
  before: 'to',
  until: 'to',
  date: 'from',
};

const TYPE_ALIASES: Readonly<Record<string, EntityType>> = {
  people: 'person',
  persons: 'person',
  org: 'organization',
  orgs: 'organization',
  organisation: 'organization',
  organisations: 'organization',
  organizations: 'organization',
  places: 'place',
  location: 'place',
  groups: 'group',
  dates: 'date',
  quantities: 'quantity',
  number: 'quantity',
};

const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const WORD_RE = /[\p{L}\p{N}]+/gu;

/** The words of a text as the index sees them (letters and digits; everything else separates). */
export function words(text: string): string[] {
  return text.match(WORD_RE) ?? [];
}

/** Split a query into raw tokens: `key:"a b"`, `"a b"`, `-word`, `word*`, `word`. */
function lex(q: string): { key?: string; value: string; quoted: boolean; negated: boolean }[] {
  const out: { key?: string; value: string; quoted: boolean; negated: boolean }[] = [];
  const re = /(-)?(?:([A-Za-z]+):)?(?:["“”]([^"“”]*)["“”]?|(\S+))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(q))) {
    const quoted = m[3] !== undefined;
    const value = (quoted ? m[3]! : m[4]!).trim();
    const key = m[2]?.toLowerCase();
    if (key && !(key in KEYS)) {
      // Not one of ours ("e.g:" or a URL): the whole token is text.
      out.push({ value: `${m[2]}:${value}`, quoted, negated: !!m[1] });
      continue;
    }
    if (value || quoted) out.push({ key, value, quoted, negated: !!m[1] });
  }
  return out;
}

function normaliseDate(v: string, end: boolean): string | undefined {
  const s = v.trim();
  if (!DATE_RE.test(s)) return undefined;
  if (s.length === 10) return s;
  if (s.length === 7) return end ? `${s}-31` : `${s}-01`;
  return end ? `${s}-12-31` : `${s}-01-01`;
}

export function parseQuery(q: string, base: SearchFilters = {}): ParsedQuery {
  const w: string[] = [];
  const prefixes: string[] = [];
  const phrases: string[] = [];
  const excluded: string[] = [];
  const problems: string[] = [];
  const entities = [...(base.entities ?? [])];
  const speakers = [...(base.speakers ?? [])];
  const types = [...(base.types ?? [])];
  const sources = [...(base.sources ?? [])];
  const kinds = [...(base.kinds ?? [])];
  let from = base.from;
  let to = base.to;
  for (const t of lex(q)) {
    const field = t.key ? KEYS[t.key] : undefined;
    if (field) {
      if (!t.value) continue;
      switch (field) {
        case 'entities':
          entities.push(t.value);
          break;
        case 'speakers':
          speakers.push(t.value);
          break;
        case 'sources':
          sources.push(t.value);
          break;
        case 'kinds':
          kinds.push(t.value);
          break;
        case 'types': {
          const v = t.value.toLowerCase();
          const type = (ENTITY_TYPES as readonly string[]).includes(v) ? (v as EntityType) : TYPE_ALIASES[v];
          if (type) types.push(type);
          else problems.push(`unknown type '${t.value}' (one of ${ENTITY_TYPES.join(', ')})`);
          break;
        }
        case 'from': {
          if (t.key === 'date' && t.value.includes('..')) {
            const [a, b] = t.value.split('..');
            if (a) from = a;
            if (b) to = b;
          } else if (t.key === 'date') {
            from = t.value;
            to = t.value;
          } else from = t.value;
          break;
        }
        case 'to':
          to = t.value;
          break;
      }
      continue;
    }
    if (t.quoted) {
      const ws = words(t.value);
      if (t.negated) excluded.push(...ws);
      else if (ws.length === 1) w.push(ws[0]!);
      else if (ws.length > 1) phrases.push(t.value);
      continue;
    }
    const isPrefix = /\*$/.test(t.value);
    const ws = words(t.value);
    if (ws.length === 0) continue;
    if (t.negated) excluded.push(...ws);
    else if (isPrefix) {
      w.push(...ws.slice(0, -1));
      prefixes.push(ws[ws.length - 1]!);
    } else if (ws.length > 1 && /^[\p{L}\p{N}]+(['’.-][\p{L}\p{N}]+)+$/u.test(t.value)) phrases.push(t.value); // Israel-Azerbaijan, Shi’a
    else w.push(...ws);
  }
  const f = from !== undefined ? normaliseDate(from, false) : undefined;
  const e = to !== undefined ? normaliseDate(to, true) : undefined;
  if (from !== undefined && !f) problems.push(`'${from}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
  if (to !== undefined && !e) problems.push(`'${to}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
  return { words: w, prefixes, phrases, excluded, problems, entities, speakers, types, sources, kinds, from: f, to: e };
}

/** The interval of days a YYYY, YYYY-MM or YYYY-MM-DD date covers, as [first, last] (ISO strings). */
export function dateInterval(date: string): [string, string] | undefined {
  const a = normaliseDate(date, false);
  const b = normaliseDate(date, true);
  return a && b ? [a, b] : undefined;
}

/** True when the query has nothing to look for. */
export function isEmptyQuery(q: ParsedQuery): boolean {
  return (
    !q.words.length &&
    !q.prefixes.length &&
    !q.phrases.length &&
    !q.entities?.length &&
    !q.speakers?.length &&
    !q.types?.length &&
    !q.sources?.length &&
    !q.kinds?.length &&
    !q.from &&
    !q.to
  );
}
