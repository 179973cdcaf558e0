import type { Candidate, PreparedDocument, Recogniser } from '../types';
import { CURRENCY_SYMBOLS, CURRENCY_WORDS, IRREGULAR_PLURALS, NOT_PLURAL, NUMBER_WORDS, SCALES } from './lexicon';
import { PRIORITY } from './priority';

/**
 * Quantities: percentages ("50%", "20 per cent"), money ("$5 million", "£1.5bn", "300 euros") and
 * counts with their noun ("1,000 specialists", "one million refugees", "four cooperation
 * agreements"). A count needs a plural noun within three words, so "one of which" and "2020
 * liberation" are not quantities. The value is normalised ("1000 specialists", "USD 5000000").
 */
const DIGITS = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const WORDS = [...NUMBER_WORDS.keys()].sort((a, b) => b.length - a.length);
const WORDNUM = `(?:${WORDS.map((w) => `[${w[0]}${w[0]!.toUpperCase()}]${w.slice(1)}`).join('|')})(?:-(?:${WORDS.join('|')}))?`;
const SCALE = `(?:${[...SCALES.keys()].filter((k) => k.length > 2).join('|')})`;
const SHORT_SCALE = '(?:bn|m|k)';

const PERCENT = new RegExp(String.raw`\b(${DIGITS}|${WORDNUM})\s?(%|per ?cent\b)`, 'gu');
const MONEY_SYMBOL = new RegExp(
  String.raw`(US\$|[$£€¥₪₼₹₽])\s?(${DIGITS})(?:\s?(${SCALE})\b|(${SHORT_SCALE})\b)?`,
  'gu',
);
const COUNT = new RegExp(String.raw`\b(${DIGITS}|${WORDNUM})(?:\s+(${SCALE}))?((?:\s+[a-z][a-z-]*){1,3})`, 'g');
/** What may not stand right before a number for it to start a quantity ("3.5", "$5", "A-4"). */
const NOT_BEFORE_NUMBER = /[\p{L}\p{N}$£€¥.,-]/u;

/** Words that end a count's noun phrase before any noun: it is not a count. */
const BREAK = new Set([
  'of', 'the', 'a', 'an', 'to', 'and', 'or', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'is', 'are', 'was', 'were',
  'be', 'been', 'that', 'which', 'who', 'it', 'its', 'their', 'his', 'her', 'than', 'as', 'need', 'can', 'will', 'would',
  'could', 'should', 'may', 'might', 'must', 'has', 'have', 'had', 'do', 'does', 'did', 'not', 'this', 'these', 'those',
]);

function numberValue(s: string): number | undefined {
  const w = s.toLowerCase();
  if (/^\d/.test(w)) return Number(w.replace(/,/g, ''));
  const parts = w.split('-');
  let n = 0;
  for (const p of parts) {
    const v = NUMBER_WORDS.get(p);
    if (v === undefined) return undefined;
    n += v;
  }
  return n;
}

function isPlural(w: string): boolean {
  if (IRREGULAR_PLURALS.has(w)) return true;
  if (NOT_PLURAL.has(w) || w.length < 4) return false;
  return /s$/.test(w) && !/(?:ss|us|is)$/.test(w);
}

export class QuantityRecogniser implements Recogniser {
  readonly id = 'quantity';
  readonly priority = PRIORITY.quantity;

  recognise(doc: PreparedDocument): Candidate[] {
    const out: Candidate[] = [];
    const text = doc.text;
    const push = (start: number, end: number, value: string) =>
      out.push({ start, end, type: 'quantity', name: text.slice(start, end), source: this.id, priority: this.priority, attrs: { value } });
    for (const span of doc.prose) {
      const part = text.slice(span.start, span.end);
      const taken: [number, number][] = [];
      const free = (s: number, e: number) => !taken.some(([a, b]) => a < e && s < b);
      let m: RegExpExecArray | null;
      PERCENT.lastIndex = 0;
      const hasPercent = part.includes('%') || part.includes('per');
      while (hasPercent && (m = PERCENT.exec(part)) !== null) {
        if (m.index > 0 && NOT_BEFORE_NUMBER.test(part[m.index - 1]!)) continue;
        const n = numberValue(m[1]!);
        if (n === undefined) continue;
        taken.push([m.index, m.index + m[0].length]);
        push(span.start + m.index, span.start + m.index + m[0].length, `${n}%`);
      }
      MONEY_SYMBOL.lastIndex = 0;
      const hasMoney = /[$£€¥₪₼₹₽]/.test(part);
      while (hasMoney && (m = MONEY_SYMBOL.exec(part)) !== null) {
        const code = CURRENCY_SYMBOLS.get(m[1]!) ?? 'USD';
        const scale = SCALES.get((m[3] ?? m[4] ?? '').toLowerCase()) ?? 1;
        const n = Number(m[2]!.replace(/,/g, '')) * scale;
        if (!free(m.index, m.index + m[0].length)) continue;
        taken.push([m.index, m.index + m[0].length]);
        push(span.start + m.index, span.start + m.index + m[0].length, `${code} ${n}`);
      }
      COUNT.lastIndex = 0;
      while ((m = COUNT.exec(part)) !== null) {
        if (m.index > 0 && NOT_BEFORE_NUMBER.test(part[m.index - 1]!)) {
          COUNT.lastIndex = m.index + m[1]!.length;
          continue;
        }
        const base = numberValue(m[1]!);
        if (base === undefined) continue;
        const scale = m[2] ? (SCALES.get(m[2].toLowerCase()) ?? 1) : 1;
        // "one wonders", "one of them": a lone "one" is a pronoun, not a count.
        if (base === 1 && scale === 1 && !/^\d/.test(m[1]!)) {
          COUNT.lastIndex = m.index + m[1]!.length;
          continue;
        }
        const words = m[3]!.trim().split(/\s+/);
        const headStart = m.index + m[0].length - m[3]!.length;
        let cut = -1;
        for (let k = 0; k < words.length; k++) {
          const w = words[k]!;
          if (BREAK.has(w)) break;
          if (CURRENCY_WORDS.has(w) || isPlural(w)) {
            cut = k;
            break;
          }
        }
        if (cut < 0) {
          // "one million" with no noun is still a quantity; a bare "one" or "2020" is not.
          if (scale > 1) {
            const end = headStart;
            if (free(m.index, end)) {
              taken.push([m.index, end]);
              push(span.start + m.index, span.start + end, String(base * scale));
            }
          }
          COUNT.lastIndex = m.index + m[1]!.length;
          continue;
        }
        const nounPhrase = words.slice(0, cut + 1);
        // End of the noun phrase: find it in the matched text after the number.
        let end = headStart;
        for (const w of nounPhrase) end = part.indexOf(w, end) + w.length;
        COUNT.lastIndex = end;
        if (!free(m.index, end)) continue;
        taken.push([m.index, end]);
        const n = base * scale;
        const cur = CURRENCY_WORDS.get(nounPhrase[nounPhrase.length - 1]!);
        push(span.start + m.index, span.start + end, cur && nounPhrase.length === 1 ? `${cur} ${n}` : `${n} ${nounPhrase.join(' ')}`);
      }
    }
    return out;
  }
}
