import type { EntityType } from '../types';

/**
 * What the words around a mention say about its type, whatever the tagger said about the name:
 * "Google's shares", "Google Inc", "a Google spokesman", "executives of Google" make an
 * organisation; "Mr Google" a person; "in Norilsk" a place. The resolver adds these cues to the
 * votes of each name across the corpus, so that a company the tagger reads as a person because
 * "said" follows it is an organisation as soon as the corpus also says "X's shares" or "X Inc".
 */
export interface TypeCue {
  readonly type: EntityType;
  /** Votes, in the units of recogniser priorities (a tagger mention is 60). */
  readonly weight: number;
}

/** A strong cue outweighs several mentions tagged otherwise; a weak one is a mention's worth. */
export const STRONG_CUE = 400;
export const WEAK_CUE = 60;

const ORG_WORDS = String.raw`shares|stock|shareholders|executives?|spokes(?:man|woman|person)|chief\s+executive|ceo|chairman|board|profits?|revenues?|sales|earnings|headquarters|subsidiary|employees|staff|stake`;
const ORG_AFTER = new RegExp(String.raw`^(?:['’]s\s+(?:${ORG_WORDS})\b|\s+(?:Inc|Corp|Corporation|Ltd|Plc|PLC|plc|LLC|Co|AG|SA|GmbH|NV)\b|\s+(?:spokes(?:man|woman|person)|shares|shareholders|executives?)\b)`, 'u');
const ORG_BEFORE = new RegExp(String.raw`\b(?:${ORG_WORDS})\s+(?:of|at)\s+(?:the\s+)?$`, 'iu');
const PER_BEFORE = /\b(?:Mr|Mrs|Ms|Dr|Sir|Dame|Lord|Lady)\.?\s+$/u;
const LOC_BEFORE = /\b(?:in|near|outside)\s+$/u;

/** The three cues, shared (the index keeps the cue of each of a large document's million names). */
const ORG_CUE: TypeCue = Object.freeze({ type: 'organization', weight: STRONG_CUE });
const PERSON_CUE: TypeCue = Object.freeze({ type: 'person', weight: STRONG_CUE });
const PLACE_CUE: TypeCue = Object.freeze({ type: 'place', weight: WEAK_CUE });

/** The cue of the mention text[start, end), if any. */
export function contextCue(text: string, start: number, end: number): TypeCue | undefined {
  const after = text.slice(end, end + 40);
  const before = text.slice(Math.max(0, start - 40), start);
  if (ORG_AFTER.test(after) || ORG_BEFORE.test(before)) return ORG_CUE;
  if (PER_BEFORE.test(before)) return PERSON_CUE;
  if (LOC_BEFORE.test(before) && !/^['’]s\b/u.test(after)) return PLACE_CUE;
  return undefined;
}
