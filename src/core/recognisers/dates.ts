import * as chrono from 'chrono-node';
import type { Candidate, MentionAttrs, PreparedDocument, Recogniser, RecogniserContext, Span } from '../types';
import { MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS } from './lexicon';
import { PRIORITY } from './priority';

/**
 * Dates, read by chrono-node (a maintained date parser) against the document's date from
 * sources.yaml when it is known. Each mention records which of day, month and year were written;
 * the rest is implied from the document date, or left out of the value when there is none
 * ("June 5" in an undated document is "--06-05"). Bare years ("1997", "2020") count too.
 *
 * Relative dates ("Friday", "last Friday", "yesterday", "last week") are read against the document
 * date (sources.yaml or its dateline) into the day or ISO week they mean; without a document date
 * they are marked `relative` and never join another document's. Four-digit clock times ("1330 GMT",
 * "at 1330") are not years. Relative spans without a calendar word ("this year", "the last 30
 * years") are not dates here: they are read as quantities or left alone.
 */
const CALENDAR_WORD = new RegExp(`\\b(?:${[...MONTHS, ...MONTH_ABBREVIATIONS, ...WEEKDAYS].join('|')})\\b|\\b(?:1[0-9]|20)\\d\\d\\b`, 'i');
const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
const MONTH = `(?:${[...MONTHS, ...MONTH_ABBREVIATIONS].map(cap).join('|')})\\.?`;
const WEEKDAY = `(?:${WEEKDAYS.map(cap).join('|')})`;
const DAY = '\\d{1,2}(?:st|nd|rd|th)?';
/** A date phrase for chrono: a day and a month, a month and a year, or a numeric date, with an optional weekday. */
const DATE_PHRASE = new RegExp(
  `\\b(?:${WEEKDAY},?\\s+)?(?:(?:the\\s+)?${DAY}\\s+(?:of\\s+)?${MONTH}(?:,?\\s+\\d{4})?|${MONTH}\\s+(?:the\\s+)?${DAY}(?:,?\\s+\\d{4})?|${MONTH},?\\s+\\d{4})(?![\\p{L}\\p{N}])|\\b\\d{1,4}[/.-]\\d{1,2}[/.-]\\d{1,4}\\b`,
  'gu',
);
const LONE_WORD = new RegExp(`\\b(?:${[...MONTHS, ...WEEKDAYS].map((w) => w[0]!.toUpperCase() + w.slice(1)).join('|')})\\b`, 'g');
const LEADING = /^(?:on|in|at|since|by|from|until|till|of|during|before|after)\s+/i;
const BARE_YEAR = /(?<![\p{L}\p{N}$£€.,/-])(1[0-9]\d\d|20\d\d)(?![\p{L}\p{N}%]|[.,]\d)/gu;

const RELATIVE = /\b(?:[Yy]esterday|[Tt]omorrow|(?:[Ll]ast|[Nn]ext)\s+week)\b/g;
/** Time zones and words that make "1330" a clock time. */
const CLOCK_AFTER = /^\s*(?:GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|IST|JST|AEST|local\b|hrs\b|hours\b|h\b)/;

/** "1330 GMT", "at 1330", "1330 hours": a 24-hour clock time, not a year. */
export function isClockTime(digits: string, before: string, after: string): boolean {
  const hh = Number(digits.slice(0, 2));
  const mm = Number(digits.slice(2, 4));
  if (hh > 23 || mm > 59) return false;
  return CLOCK_AFTER.test(after) || /\bat\s+$/i.test(before);
}

/** The day of weekday `wd` (0 = Monday) nearest `ref`: within three days either side, or the last (-1) or next (1) one. */
export function weekdayNear(ref: Date, wd: number, direction: -1 | 0 | 1): Date {
  const refWd = (ref.getDay() + 6) % 7;
  let offset = (wd - refWd + 7) % 7;
  if (direction === -1) offset = offset === 0 ? -7 : offset - 7;
  else if (direction === 1) offset = offset === 0 ? 7 : offset;
  else if (offset > 3) offset -= 7;
  return new Date(ref.getFullYear(), ref.getMonth(), ref.getDate() + offset, 12);
}

function isoDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** ISO 8601 week ("2023-W05") of a date. */
function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const wd = (t.getUTCDay() + 6) % 7;
  t.setUTCDate(t.getUTCDate() - wd + 3);
  const y = t.getUTCFullYear();
  const w = 1 + Math.floor((t.getTime() - Date.UTC(y, 0, 1)) / 86400000 / 7);
  return `${y}-W${pad(w)}`;
}

function relativeValue(ref: Date, phrase: string): string {
  const shift = (days: number) => new Date(ref.getFullYear(), ref.getMonth(), ref.getDate() + days, 12);
  if (phrase === 'yesterday') return isoDay(shift(-1));
  if (phrase === 'tomorrow') return isoDay(shift(1));
  return isoWeek(shift(phrase.startsWith('last') ? -7 : 7));
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export class DateRecogniser implements Recogniser {
  readonly id = 'date';
  readonly priority = PRIORITY.date;

  recognise(doc: PreparedDocument, ctx: RecogniserContext): Candidate[] {
    const out: Candidate[] = [];
    const ref = ctx.referenceDate;
    const text = doc.text;
    for (const span of doc.prose) {
      const para = text.slice(span.start, span.end);
      const taken: Span[] = [];
      // chrono reads each date phrase ("13 December", "June 5, 2023", "Tuesday, 5 June"), not the whole text.
      DATE_PHRASE.lastIndex = 0;
      let w: RegExpExecArray | null;
      while ((w = DATE_PHRASE.exec(para)) !== null) {
        const a = w.index;
        for (const r of chrono.strict.parse(w[0], ref ?? new Date(2000, 0, 1, 12), { forwardDate: false })) {
          let s = a + r.index;
          let t = r.text;
          const lead = LEADING.exec(t);
          if (lead) {
            s += lead[0].length;
            t = t.slice(lead[0].length);
          }
          if (!CALENDAR_WORD.test(t)) continue;
          const c = r.start;
          const written = { day: c.isCertain('day'), month: c.isCertain('month'), year: c.isCertain('year') };
          // A lone "May" is far more often the verb than the month.
          if (!written.day && !written.year && /^may$/i.test(t)) continue;
          const y = c.get('year') ?? 0;
          const m = c.get('month') ?? 1;
          const d = c.get('day') ?? 1;
          const known = written.year || ref !== undefined;
          let value: string;
          if (written.day) value = known ? `${y}-${pad(m)}-${pad(d)}` : `--${pad(m)}-${pad(d)}`;
          else if (c.isCertain('weekday') && !written.month) value = ref ? `${y}-${pad(m)}-${pad(d)}` : t.toLowerCase();
          else if (written.month) value = known ? `${y}-${pad(m)}` : `--${pad(m)}`;
          else value = String(y);
          const start = span.start + s;
          const end = start + t.length;
          taken.push({ start, end });
          out.push(this.candidate(doc, start, end, { value, written }));
        }
      }
      // A month or weekday named alone ("January’s attack", "on Tuesday"): chrono's strict parser
      // leaves these to us; the value is the month (or day) against the document date.
      LONE_WORD.lastIndex = 0;
      let lw: RegExpExecArray | null;
      while ((lw = LONE_WORD.exec(para)) !== null) {
        const start = span.start + lw.index;
        const end = start + lw[0].length;
        if (taken.some((x) => x.start < end && start < x.end)) continue;
        const word = lw[0].toLowerCase();
        if (word === 'may' || word === 'march' && /^\s+(?:on|to|through|past|in)\b/.test(para.slice(lw.index + 5, lw.index + 14))) continue;
        const month = MONTHS.indexOf(word);
        const written = { day: false, month: month >= 0, year: false };
        taken.push({ start, end });
        if (month >= 0) {
          const value = ref ? `${ref.getFullYear()}-${pad(month + 1)}` : `--${pad(month + 1)}`;
          out.push(this.candidate(doc, start, end, { value, written }));
        } else {
          // A weekday: the day it names near the document date ("last Friday" before it, "next Friday" after).
          const before = para.slice(Math.max(0, lw.index - 12), lw.index);
          const day = ref ? weekdayNear(ref, WEEKDAYS.indexOf(word), /\blast\s+$/i.test(before) ? -1 : /\b(?:next|coming)\s+$/i.test(before) ? 1 : 0) : undefined;
          out.push(this.candidate(doc, start, end, day ? { value: isoDay(day), written } : { value: word, written, relative: true }));
        }
      }
      // Yesterday, tomorrow, last week, next week: against the document date, else unresolved.
      RELATIVE.lastIndex = 0;
      let rw: RegExpExecArray | null;
      while ((rw = RELATIVE.exec(para)) !== null) {
        const start = span.start + rw.index;
        const end = start + rw[0].length;
        if (taken.some((x) => x.start < end && start < x.end)) continue;
        taken.push({ start, end });
        const phrase = rw[0].toLowerCase().replace(/\s+/g, ' ');
        const written = { day: false, month: false, year: false };
        const value = ref ? relativeValue(ref, phrase) : undefined;
        out.push(this.candidate(doc, start, end, value ? { value, written } : { value: phrase, written, relative: true }));
      }
      BARE_YEAR.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = BARE_YEAR.exec(para)) !== null) {
        const start = span.start + m.index;
        const end = start + m[0].length;
        if (taken.some((x) => x.start < end && start < x.end)) continue;
        if (isClockTime(m[0], para.slice(Math.max(0, m.index - 10), m.index), para.slice(m.index + 4, m.index + 16))) continue;
        out.push(this.candidate(doc, start, end, { value: m[0], written: { day: false, month: false, year: true } }));
      }
    }
    return out;
  }

  private candidate(doc: PreparedDocument, start: number, end: number, attrs: MentionAttrs): Candidate {
    return { start, end, type: 'date', name: doc.text.slice(start, end), source: this.id, priority: this.priority, attrs };
  }
}
