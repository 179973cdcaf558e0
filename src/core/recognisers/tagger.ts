import type { TaggedSpan } from '../tagger';
import type { Candidate, EntityType, PreparedDocument, Recogniser, Span, Token } from '../types';
import { gazetteer } from './gazetteer';
import { NAME_ABBREVIATIONS, NOT_NAME_START } from './lexicon';
import { PRIORITY } from './priority';
import { titleAt } from './titled';
import { taggerSentences } from './taggerTokens';
import { casualCasing, isCap } from './tokens';

/** What the recogniser needs of the trained tagger (src/core/tagger). */
export interface SequenceTagger {
  tag(sentences: readonly (readonly string[])[]): TaggedSpan[][];
}

const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those']);

const TYPES: Readonly<Record<string, EntityType | undefined>> = { PER: 'person', ORG: 'organization', LOC: 'place' };

/**
 * A closing punctuation mark the tagger put at the end of a name that is part of it: the bracket of
 * "Mladost (BJ)" when its opening one is in the span too, the full stop of an abbreviation written
 * against it ("Inc.", "U.S."), the "!" of "Yahoo!".
 */
function partOfName(toks: readonly Token[], from: number, k: number): boolean {
  const t = toks[k]!;
  const prev = toks[k - 1];
  if (k <= from || !prev || prev.end !== t.start) return t.text === ')' && toks.slice(from, k).some((x) => x.text === '(');
  if (t.text === ')') return toks.slice(from, k).some((x) => x.text === '(');
  if (t.text === '.') return NAME_ABBREVIATIONS.test(prev.text);
  return t.text === '!';
}

/**
 * An opening word that is part of the name after all: a capitalised "The" (the tagger's to read, as
 * "The Netherlands", "THE HAGUE") or an initial ("A. Gurusinha", "I. Healy").
 */
function nameOpener(toks: readonly Token[], k: number): boolean {
  const t = toks[k]!.text;
  if (t === 'The' || t === 'THE') return true;
  const next = toks[k + 1];
  return /^\p{Lu}$/u.test(t) && next?.text === '.' && next.start === toks[k]!.end;
}

/** The clean-up rules by name, so `npm run eval:pipeline -- --ablate` can measure each one alone. */
export const CLEANUP_RULES = ['title', 'titledInside', 'groupOnly', 'determiner', 'modifier', 'opener', 'trailing', 'lowercase', 'usedInLowerCase', 'placeCanonical', 'miscVeto'] as const;
export type CleanupRule = (typeof CLEANUP_RULES)[number];

export interface TaggerRecogniserOptions {
  /** Clean-up rules left out (for measurement only). */
  readonly skip?: ReadonlySet<CleanupRule>;
}

/**
 * The trained tagger's slot in the pipeline (PRIORITY.tagger: below titled names, bylines and
 * organisation names with a head noun; above the gazetteer). Person, organisation and place spans become candidates; a misc span becomes a
 * group only where it is a nationality or religion the gazetteer knows, and is dropped otherwise.
 *
 * Its spans are cleaned the way the rules clean theirs: a leading title is not part of a person's
 * name ("Ambassador Ibrahim" is Ibrahim), a leading lower-case "the", sentence opener or modifier
 * is dropped (a capitalised "The" is the tagger's to read: "The Hague", "The Times"), a one-word
 * span that the document also uses in lower case ("Time and again", "the Bank said") is a
 * capitalised common word, not a name, and a span that had to be trimmed and is a known place
 * ("Despite Armenia") is the place. Each rule was kept for what it does to the CoNLL development
 * set read as plain text (`npm run eval:pipeline`).
 */
export class TaggerRecogniser implements Recogniser {
  readonly id = 'tagger';
  readonly priority = PRIORITY.tagger;

  private readonly misc = new WeakMap<PreparedDocument, Span[]>();

  constructor(
    private readonly tagger: SequenceTagger,
    private readonly options: TaggerRecogniserOptions = {},
  ) {}

  /** The misc spans of the last recognise() on this document that are no nationality or religion. */
  vetoes(doc: PreparedDocument): readonly Span[] {
    return this.misc.get(doc) ?? [];
  }

  recognise(doc: PreparedDocument): Candidate[] {
    const toks = doc.tokens;
    const misc: Span[] = [];
    this.misc.set(doc, misc);
    if (toks.length === 0) return [];
    // Sentences of the tokens the tagger was trained on, and where each starts in doc.tokens.
    const sentences = taggerSentences(doc);
    const tagged = this.tagger.tag(sentences.map((x) => x.words));
    // How often each word is written in lower case, and capitalised within a sentence.
    let lowerCount: Map<string, number> | undefined;
    let capCount: Map<string, number> | undefined;
    const usedInLowerCase = (k: number) => {
      if (!lowerCount || !capCount) {
        lowerCount = new Map();
        capCount = new Map();
        for (let i = 0; i < toks.length; i++) {
          const t = toks[i]!;
          if (t.kind !== 'word') continue;
          const m = isCap(t) ? (i > 0 && doc.tokenSentence[i - 1] === doc.tokenSentence[i] ? capCount : undefined) : lowerCount;
          if (m) m.set(t.text.toLowerCase(), (m.get(t.text.toLowerCase()) ?? 0) + 1);
        }
      }
      const t = toks[k]!;
      // An acronym ("BBC", "SF") is no common word, whatever "bbc" elsewhere.
      if (/^\p{Lu}{2,}$/u.test(t.text)) return false;
      const w = t.text.toLowerCase();
      const low = lowerCount.get(w) ?? 0;
      if (low === 0) return false;
      // A sentence's first word is capitalised anyway ("Time and again"); elsewhere the lower-case
      // uses must be at least as many as the capitalised ones ("the Bank said … the bank"), so that
      // "Delaware … Delaware … delaware" stays a name.
      const opener = k === 0 || doc.tokenSentence[k - 1] !== doc.tokenSentence[k];
      return opener || low >= (capCount.get(w) ?? 0);
    };
    const groups = gazetteer().groups;
    const skip = this.options.skip;
    const on = (r: CleanupRule) => !skip?.has(r);
    // Casing rules only where the document's capitals mean something (not in chat or social posts).
    const casual = casualCasing(doc);
    const out: Candidate[] = [];
    for (let si = 0; si < tagged.length; si++) {
      const starts = sentences[si]!.starts;
      const base = starts[0]!;
      for (const span of tagged[si]!) {
        const from0 = starts[span.startToken]!;
        const to0 = starts[span.endToken]!;
        let from = from0;
        let to = to0;
        let type = TYPES[span.type];
        let groupAttrs: Candidate['attrs'];
        if (span.type === 'MISC') {
          const g = groups.longestAt(toks, from, to);
          if (!g || g.tokens !== to - from) {
            if (on('miscVeto')) misc.push({ start: toks[from]!.start, end: toks[to - 1]!.end });
            continue;
          }
          type = 'group';
          groupAttrs = g.value.demonymOf ? { canonical: g.value.name, demonymOf: g.value.demonymOf } : { canonical: g.value.name };
        }
        if (!type) continue;
        if (type === 'person' && on('title')) {
          for (let t = titleAt(doc, from); t && t.to < to; t = titleAt(doc, from)) from = t.to;
        }
        // A title inside the span ("US Ambassador", "Azerbaijani Member of Parliament Fazil Mustafa"):
        // the titled-name rule reads this better; the tagger's span is dropped.
        let titled = false;
        for (let k = from; k < to && !titled; k++) if (isCap(toks[k]) && titleAt(doc, k)) titled = true;
        if (titled && on('titledInside')) continue;
        // Only nationalities and religions ("Muslim", "Muslim Azerbaijanis"): the group rule reads those.
        if (type !== 'group' && on('groupOnly')) {
          let k = from;
          for (let g = groups.longestAt(toks, k, to); g && k < to; g = groups.longestAt(toks, k, to)) k += g.tokens;
          if (k >= to) continue;
        }
        // The '@' of a handle and the '#' of a hashtag are never part of a name.
        while (from < to && (toks[from]!.text === '@' || toks[from]!.text === '#')) from++;
        // (A lower-case determiner only: dropping "The" as well cost 0.2 F1 on both the CoNLL and EWT dev sets.)
        while (on('determiner') && from < to && DETERMINERS.has(toks[from]!.text)) from++;
        // A modifier is not part of a name ("Rosneft-owned Yugansk", "US-based Citigroup").
        while (on('modifier') && from < to - 1 && /-\p{Ll}+$/u.test(toks[from]!.text)) from++;
        // A sentence opener is not part of a name ("Despite Armenia’s …").
        while (on('opener') && from < to && from === base && NOT_NAME_START.has(toks[from]!.text.toLowerCase()) && !nameOpener(toks, from)) from++;
        while (on('trailing') && to > from && (toks[to - 1]!.kind === 'punct' || /^['’][sS]?$/.test(toks[to - 1]!.text)) && !partOfName(toks, from, to - 1)) to--;
        if (to <= from || (on('lowercase') && !casual && !toks.slice(from, to).some((t) => isCap(t)))) continue;
        if (to - from === 1 && type !== 'group' && on('usedInLowerCase') && !casual) {
          // A capitalised common word ("Time and again", "the Bank said").
          if (usedInLowerCase(from)) continue;
        }
        const start = toks[from]!.start;
        const end = toks[to - 1]!.end;
        // A place the gazetteer knows keeps its canonical name ("U.S." is the United States), and
        // stays a place where the tagger reads it as an organisation (CoNLL calls national teams
        // "England"; a reader of sources means the country).
        const found = type === 'place' || type === 'organization' ? gazetteer().places.longestAt(toks, from, to) : undefined;
        const place = found && found.tokens === to - from ? found : undefined;
        const trimmed = from !== from0 || to !== to0;
        if (place && trimmed && on('placeCanonical')) type = 'place';
        const attrs = place && type === 'place' ? { canonical: place.value.canonical } : groupAttrs;
        out.push({ start, end, type, name: doc.text.slice(start, end), source: this.id, priority: this.priority, ...(attrs ? { attrs } : {}) });
      }
    }
    return out;
  }
}
