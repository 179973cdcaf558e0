/**
 * Precedence of the recognisers, in one table. When two candidates overlap, the pipeline keeps
 * the one with the higher priority (then the longer one); a candidate that lies strictly inside a
 * longer one is dropped whatever its priority ("Marc Israel Sellem" holds no Israel).
 *
 * The catalog (entities.yaml, 100) is overlaid by the corpus index after the pipeline, so curated
 * names win over everything here.
 */
export const PRIORITY = {
  catalog: 100,
  /** Titled names ("President Ilham Aliyev"): the title makes the type certain. */
  titled: 80,
  /** Names from bylines, photo credits and the document's own metadata (sources.yaml authors). */
  byline: 75,
  /**
   * Capitalised sequences with an organisational head, and parenthesised acronyms: a head noun
   * ("… and Defense Committee") marks the whole name better than a statistical tagger does.
   */
  organization: 65,
  /** The trained tagger (person / organisation / place). */
  tagger: 60,
  /** Countries, capitals, regions and cities from the gazetteer. */
  gazetteer: 55,
  /** Nationalities, religions and political groups. */
  group: 45,
  /** Quantities with their unit or noun. */
  quantity: 42,
  /** Dates from the date parser and bare years. */
  date: 40,
  /** A name found earlier in the same document, found again (document-level consistency). */
  echo: 30,
  /** Generic capitalised sequences. */
  capitalised: 10,
} as const;
