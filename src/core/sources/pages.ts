/**
 * Pages of a plain text: a form feed (U+000C) starts a new page, as in the text that pdftotext and
 * most "save as text" tools write for paged documents. Paged formats read by the format readers
 * carry their own page map; this is the fallback for text files.
 */

/** The 1-based page of an offset, when the text has page breaks (form feeds); undefined otherwise. */
export function formFeedPage(text: string, offset: number): number | undefined {
  let i = text.indexOf('\f');
  if (i < 0) return undefined;
  let page = 1;
  while (i >= 0 && i < offset) {
    page++;
    i = text.indexOf('\f', i + 1);
  }
  return page;
}

/** How many pages a text with form feeds has (undefined without form feeds; a trailing form feed opens no page). */
export function formFeedPages(text: string): number | undefined {
  if (!text.includes('\f')) return undefined;
  const trimmed = text.replace(/[\f\s]+$/, '');
  return trimmed.split('\f').length;
}
