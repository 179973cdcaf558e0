/**
 * Claims: figures tied to what they measure and whom it concerns. Explicit rules, sentence by sentence:
 *   - a share: "50% of its oil and natural gas needs" → measure "% of oil and gas needs";
 *   - money: "$2 billion in military aid", "$2 billion of arms", "exports worth $2 billion" →
 *     measure "$ in military aid", "$ of arms", "exports";
 *   - a count: "1,000 specialists", "one million refugees" → measure "number of specialists".
 * The entities are the people, organisations, places and groups named in the sentence. A figure
 * without one of these patterns (a year, a page number, "about 30 years") is not a claim.
 */
import { firstStartingAt } from '../text/firstStartingAt';
import type { Mention, PreparedDocument, Span } from '../types';

export interface ClaimSpan extends Span {
  /** What the figure measures, normalised for comparison ("% of oil and gas needs"). */
  readonly measure: string;
  readonly value: number;
  /** "%", a currency ("USD", "EUR", "GBP"), or the counted noun ("specialists"). */
  readonly unit: string;
  /** The sentence holding the figure. */
  readonly passage: Span;
}

export interface Claim extends ClaimSpan {
  readonly docId: string;
  readonly text: string;
  readonly entityIds: readonly string[];
}

const SCALE: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, bn: 1e9, m: 1e6, k: 1e3 };
const WORD_NUM: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, a: 1 };
/** Words left out of a measure: determiners, possessives and adjectives that do not change what is measured. */
const MEASURE_DROP = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'my', 'your', 'this', 'that', 'these', 'those', 'natural', 'total', 'overall', 'annual', 'current', 'entire', 'all', 'own']);
const CURRENCY: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', dollars: 'USD', euros: 'EUR', pounds: 'GBP' };
/** Nouns a count may not measure (time spans, ordinals of documents). */
const NOT_COUNTED = new Set(['years', 'year', 'months', 'month', 'days', 'day', 'weeks', 'week', 'hours', 'hour', 'minutes', 'times', 'decades', 'centuries', 'percent', 'pages', 'page', 'points', 'am', 'pm']);

function number(n: string, scale?: string): number {
  const base = WORD_NUM[n.toLowerCase()] ?? Number(n.replace(/,/g, ''));
  return base * (scale ? (SCALE[scale.toLowerCase()] ?? 1) : 1);
}

/** The noun phrase of a measure, up to a clause boundary, normalised. */
function measurePhrase(text: string): string | undefined {
  const m = /^\s*([\p{L}’'-]+(?:\s+[\p{L}’'-]+){0,6}?)(?=\s*$|[,.;:()—–]|\s(?:from|by|in \d|to|than|since|for|that|which|who|and then|while|as|at|on|over|under|with|this|last|between|according|compared)\b|\sand\s(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|a\s)|\s\d)/u.exec(text);
  if (!m) return undefined;
  const words = m[1]!.trim().split(/\s+/).filter((w) => !MEASURE_DROP.has(w.toLowerCase()));
  if (words.length === 0 || words.length > 6) return undefined;
  return words.join(' ').toLowerCase();
}

const FIGURE = /(?:([$€£])\s?(\d[\d,]*(?:\.\d+)?)(?:\s?(thousand|million|billion|trillion|bn|m|k)\b)?)|(?:\b(\d[\d,]*(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)(?:\s(thousand|million|billion|trillion))?(?:\s?(%|percent\b|per cent\b)|\s(dollars|euros|pounds)\b)?)/giu;

export function extractClaims(doc: Pick<PreparedDocument, 'text' | 'sentences'>): ClaimSpan[] {
  const out: ClaimSpan[] = [];
  const text = doc.text;
  for (const s of doc.sentences) {
    const sent = text.slice(s.start, s.end);
    if (!/[\d$€£]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten) (?:thousand|million|billion|trillion)\b/i.test(sent)) continue;
    FIGURE.lastIndex = 0;
    for (let m = FIGURE.exec(sent); m; m = FIGURE.exec(sent)) {
      const start = s.start + m.index;
      const end = start + m[0].length;
      const rest = sent.slice(m.index + m[0].length);
      const before = sent.slice(0, m.index);
      let claim: ClaimSpan | undefined;
      if (m[1] || m[7]) {
        const unit = CURRENCY[(m[1] ?? m[7])!.toLowerCase()]!;
        const value = number(m[1] ? m[2]! : m[4]!, m[1] ? m[3] : m[5]);
        const after = /^\s(in|of|for|on)\s(.*)$/su.exec(rest);
        const phrase = after ? measurePhrase(after[2]!) : undefined;
        const worth = /([\p{L}’'-]+(?:\s[\p{L}’'-]+){0,3})\s(?:worth|of|totall?ing|totaled|totalled|reached|stood at|amounted to|valued at|costing|cost)\s*$/u.exec(before);
        const measure = phrase ? `$ ${after![1]} ${phrase}` : worth ? measurePhrase(worth[1]!) : undefined;
        if (measure) claim = { start, end, measure, value, unit, passage: s };
      } else if (m[6]) {
        const after = /^\s+of\s+(.*)$/su.exec(rest);
        const phrase = after ? measurePhrase(after[1]!) : undefined;
        if (phrase) claim = { start, end, measure: `% of ${phrase}`, value: number(m[4]!), unit: '%', passage: s };
      } else if (m[4] && /^\d/.test(m[4]) || m[5]) {
        // A count: the figure directly before a plural noun ("1,000 specialists", "20 synagogues").
        const noun = /^\s([\p{Ll}][\p{Ll}-]*s)\b/u.exec(rest);
        const isYear = !m[5] && /^\d{4}$/.test(m[4]!) && Number(m[4]) > 1000 && Number(m[4]) < 2100;
        if (noun && !NOT_COUNTED.has(noun[1]!) && !isYear && !/[-–]$/.test(before)) {
          claim = { start, end: end + noun[0].length, measure: `number of ${noun[1]}`, value: number(m[4]!, m[5]), unit: noun[1]!, passage: s };
        }
      }
      if (claim) out.push(claim);
    }
  }
  return out;
}

const CLAIM_TYPES = new Set(['person', 'organization', 'place', 'group']);

/** The clause of a sentence holding a figure: between the commas, "that", quote marks around it. */
function clauseOf(text: string, c: ClaimSpan): Span {
  const before = text.slice(c.passage.start, c.start);
  let a = c.passage.start;
  const re = /[,;:—“”"(]|\b(?:that|which|who|after|while|because)\b/gu;
  for (let m = re.exec(before); m; m = re.exec(before)) a = c.passage.start + m.index + m[0].length;
  const after = text.slice(c.end, c.passage.end);
  const e = /[,;:—“”")]|\b(?:which|who|while|because)\b/u.exec(after);
  return { start: a, end: e ? c.end + e.index : c.passage.end };
}

/** Ties claims to the entities of their clause. Mentions in document order are searched, not scanned, for each clause. */
export function tieClaims(docId: string, text: string, spans: readonly ClaimSpan[], mentions: readonly Mention[]): Claim[] {
  let sorted = true;
  for (let i = 1; i < mentions.length && sorted; i++) sorted = mentions[i - 1]!.start <= mentions[i]!.start;
  return spans.map((c) => {
    const ids: string[] = [];
    const clause = clauseOf(text, c);
    for (let i = sorted ? firstStartingAt(mentions, clause.start) : 0; i < mentions.length; i++) {
      const m = mentions[i]!;
      if (sorted && m.start > clause.end) break;
      if (!CLAIM_TYPES.has(m.type) || m.start < clause.start || m.end > clause.end) continue;
      if (m.start < c.end && m.end > c.start) continue;
      if (!ids.includes(m.entityId)) ids.push(m.entityId);
    }
    return { ...c, docId, text: text.slice(c.start, c.end), entityIds: ids.sort() };
  });
}

