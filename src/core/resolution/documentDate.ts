import { parseDocDate } from '../catalog/sources';
import type { SourceMeta } from '../types';

/**
 * The date a document was written, against which its relative dates ("Friday", "yesterday") are
 * read: the `date` of its sources.yaml entry, else a dateline near the top of the text, as news
 * agencies write it ("PRAGUE 1996-12-06", "LONDON, Dec 6 (Reuters) -", "Washington, 6 December 2023 —"),
 * else the date in the file's own metadata (`fileDate`: PDF CreationDate, e-mail Date header, HTML
 * published time, DOCX core properties; never the file system's modification time, which says
 * when a copy was made). Undefined when none is there: then relative dates stay unresolved and
 * within their document.
 */
export function referenceDateOf(text: string, meta: SourceMeta | undefined): Date | undefined {
  return parseDocDate(meta?.date) ?? datelineDate(text) ?? metadataDate(meta?.fileDate);
}

/** The day of an ISO date or date-time from a file's metadata ("2023-06-05T09:30:00Z" is 5 June 2023). */
function metadataDate(iso: string | undefined): Date | undefined {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? day(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const PLACE = String.raw`\p{Lu}[\p{L}.'’-]*(?:[ ,]+\p{Lu}[\p{L}.'’-]*){0,3}`;
/** "PRAGUE 1996-12-06" (CoNLL / Reuters style). */
const ISO_DATELINE = new RegExp(String.raw`^\s*${PLACE}[ ,]+(\d{4})-(\d{2})-(\d{2})\b`, 'mu');
/** "LONDON, Dec 6, 1996 (Reuters) -" or "PARIS, 6 December 2023 —": needs a year. */
const WORD_DATELINE = new RegExp(
  String.raw`^\s*${PLACE}[ ,]+(?:(\d{1,2})\s+([A-Za-z]{3,9})\.?|([A-Za-z]{3,9})\.?\s+(\d{1,2})),?\s+(\d{4})\b`,
  'mu',
);

/** The dateline date of a text (searched in its first 600 characters), at local noon. */
export function datelineDate(text: string): Date | undefined {
  const head = text.slice(0, 600);
  const iso = ISO_DATELINE.exec(head);
  if (iso) return day(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const w = WORD_DATELINE.exec(head);
  if (w) {
    const monthWord = (w[2] ?? w[3] ?? '').toLowerCase().slice(0, 3);
    const mo = MONTHS.indexOf(monthWord) + 1;
    if (mo > 0) return day(Number(w[5]), mo, Number(w[1] ?? w[4]));
  }
  return undefined;
}

function day(y: number, m: number, d: number): Date | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1800 || y > 2200) return undefined;
  const date = new Date(y, m - 1, d, 12);
  return date.getMonth() === m - 1 ? date : undefined;
}
