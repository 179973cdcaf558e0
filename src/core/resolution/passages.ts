/**
 * How good a passage is to show for a mention: a whole prose sentence (2) beats a line that is
 * neither (1), which beats a dateline ("PRAGUE 1996-12-06"), a headline or a line in capitals (0).
 */
export function passageQuality(passage: string): number {
  const s = passage.trim();
  if (s === '') return 0;
  if (!/\p{Ll}/u.test(s)) return 0; // capitals, numbers, a dateline in capitals
  if (DATELINE.test(s)) return 0;
  const words = s.split(/\s+/).length;
  const ends = /[.!?…]["'’”)\]]*$/u.test(s);
  if (!ends && words < 15) return 0; // a headline or title
  const lowerWords = (s.match(/(?:^|\s)\p{Ll}[\p{L}'’-]*/gu) ?? []).length;
  return ends && words >= 5 && lowerWords >= 2 ? 2 : 1;
}

/** "PRAGUE 1996-12-06", "London, 6 December 2023": a place and a date alone on the line. */
const DATELINE = /^[\p{Lu}][\p{L}.'’ -]*,?\s+(?:\d{4}-\d{2}-\d{2}|\d{1,2}\s+\p{L}+\.?\s+\d{4}|\p{L}+\.?\s+\d{1,2},?\s+\d{4})\s*[-—–:]?$/u;
