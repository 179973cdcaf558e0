import type { PreparedDocument, Token } from '../types';

/**
 * The document's tokens as the tagger was trained to read them. Our tokenizer splits what the
 * training corpora (CoNLL-2003, Universal Dependencies EWT, WNUT-17) keep as one token: an initial
 * with its full stop ("G. Kersey"), an abbreviation with its full stop ("Barnett Banks Inc.",
 * "St. Louis", "Dr."), a date or a score written with hyphens or slashes ("1996-08-30", "6-2",
 * "08/16/2000"), a run of dashes or stops ("--", "...", "!!"), an e-mail or web address. The tagger reads the merged token,
 * with the neighbours it had in training; its spans are mapped back to our tokens, so every offset
 * and every other recogniser is unchanged.
 */
export interface TaggerSentence {
  /** The tagger's tokens. */
  readonly words: string[];
  /** Index in doc.tokens of each tagger token's first token, then one past the sentence's last. */
  readonly starts: number[];
}

/** Abbreviations whose full stop the training corpora keep on the word. */
const ABBREVIATION =
  /^(?:[A-Z]|Inc|Corp|Co|Ltd|Bros|Jr|Sr|St|Mt|Ft|Mr|Mrs|Ms|Dr|Drs|Messrs|Prof|Gen|Gov|Sen|Rep|Lt|Col|Sgt|Capt|Rev|Jan|Feb|Aug|Sept?|Oct|Nov|Dec|Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo)$/;
/** Repeated stops and dashes ("--", "...", "?!"). */
const RUN = /^[-.!?]$/;
/** What joins the parts of a date or a score. */
const NUMBER_JOINER = /^[-/:]$/;
/** Marks that may stand inside an e-mail address or a web address. */
const ADDRESS_MARK = /^[-.@_/:~%?=&+#]$/;
/** An e-mail address, a web address, a domain name. */
const ADDRESS = /^(?:[^@\s]+@[^@\s]+|[a-z][a-z0-9+.-]*:\/\/\S+|www\.\S+|[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|org|net|edu|gov|int|info|biz|co|uk|us|de|fr|ca|au|in|io))$/iu;

export function taggerSentences(doc: PreparedDocument): TaggerSentence[] {
  const toks = doc.tokens;
  const sent = doc.tokenSentence;
  const out: TaggerSentence[] = [];
  let i = 0;
  while (i < toks.length) {
    const s = sent[i]!;
    const words: string[] = [];
    const starts: number[] = [];
    while (i < toks.length && sent[i] === s) {
      const end = mergedEnd(toks, sent, i);
      starts.push(i);
      words.push(end === i + 1 ? toks[i]!.text : doc.text.slice(toks[i]!.start, toks[end - 1]!.end));
      i = end;
    }
    starts.push(i);
    out.push({ words, starts });
  }
  return out;
}

/** Is token k written against token k - 1 (no space between), in the same sentence? */
function joined(toks: readonly Token[], sent: ArrayLike<number>, k: number): boolean {
  return k < toks.length && toks[k - 1]!.end === toks[k]!.start && sent[k] === sent[k - 1];
}

/** One past the last token merged with token i (i + 1: none). */
function mergedEnd(toks: readonly Token[], sent: ArrayLike<number>, i: number): number {
  if (!joined(toks, sent, i + 1)) return i + 1;
  const t = toks[i]!;
  // An address is one token ("spahnn@hnks.com", "bbc.co.uk"), not words the tagger may take for names.
  if (t.kind !== 'punct') {
    let j = i + 1;
    while (joined(toks, sent, j) && (toks[j]!.kind !== 'punct' || ADDRESS_MARK.test(toks[j]!.text))) j++;
    while (j > i + 1 && toks[j - 1]!.kind === 'punct') j--;
    if (j > i + 2 && ADDRESS.test(toks.slice(i, j).map((x) => x.text).join(''))) return j;
  }
  if (t.kind === 'word') return toks[i + 1]!.text === '.' && ABBREVIATION.test(t.text) ? i + 2 : i + 1;
  if (t.kind === 'number') {
    let j = i + 1;
    while (joined(toks, sent, j) && joined(toks, sent, j + 1) && NUMBER_JOINER.test(toks[j]!.text) && toks[j + 1]!.kind === 'number') j += 2;
    return j;
  }
  if (RUN.test(t.text)) {
    const dash = t.text === '-';
    let j = i + 1;
    while (joined(toks, sent, j) && RUN.test(toks[j]!.text) && (toks[j]!.text === '-') === dash) j++;
    return j;
  }
  return i + 1;
}
