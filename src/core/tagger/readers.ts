import { parseConll, tagsToSpans, type ConllDocument, type ConllSentence } from './conll';

/**
 * Readers for the three annotated corpora the tagger is trained and evaluated on, all mapped to
 * the four CoNLL-2003 types (PER, ORG, LOC, MISC):
 *
 * - CoNLL-2003 (`word POS chunk NER`, `-DOCSTART-` between documents): as is.
 * - Universal NER English-EWT (`.iob2`: `# newdoc id = …` comments, then `ID TOKEN TAG - annotator`):
 *   PER, ORG, LOC as is; the leftover `OTH` of an earlier annotation round as MISC; the stray `B-O` as O.
 * - WNUT-17 (`.conll`: `TOKEN TAG`, each sentence its own document): person → PER, location → LOC,
 *   corporation and group → ORG, product and creative-work → MISC.
 */
export type CorpusFormat = 'conll2003' | 'iob2' | 'wnut17';

const WNUT_TYPES: Record<string, string> = {
  person: 'PER',
  location: 'LOC',
  corporation: 'ORG',
  group: 'ORG',
  product: 'MISC',
  'creative-work': 'MISC',
};

/** Map one IOB2 tag of the given corpus to a CoNLL tag (`B-PER`, `I-MISC`, `O`). */
export function mapTag(tag: string, format: CorpusFormat, othAsMisc = true): string {
  if (tag === 'O' || tag.length < 3 || tag[1] !== '-') return 'O';
  const prefix = tag.slice(0, 2);
  const t = tag.slice(2);
  if (format === 'wnut17') {
    const m = WNUT_TYPES[t];
    return m ? prefix + m : 'O';
  }
  if (t === 'PER' || t === 'ORG' || t === 'LOC' || t === 'MISC') return tag;
  if (t === 'OTH') return othAsMisc ? prefix + 'MISC' : 'O';
  return 'O';
}

/** Guess the format of a file from its name and its first lines. */
export function detectFormat(fileName: string, text: string): CorpusFormat {
  if (/\.iob2$/i.test(fileName)) return 'iob2';
  const head = text.slice(0, 4000);
  if (/^-DOCSTART-/m.test(head)) return 'conll2003';
  if (/^# (newdoc|sent_id|text)\b/m.test(head) || /^\d+\t\S+\t[BIO]/m.test(head)) return 'iob2';
  const first = head.split('\n').find((l) => l.trim() !== '') ?? '';
  if (first.split(/\s+/).length === 2) return 'wnut17';
  return 'conll2003';
}

/** Parse a file of any of the three formats. */
export function parseCorpus(text: string, format: CorpusFormat, othAsMisc = true): ConllDocument[] {
  if (format === 'conll2003') return parseConll(text);
  if (format === 'iob2') return parseIob2(text, othAsMisc);
  return parseWnut(text);
}

/** Universal NER `.iob2`: `# newdoc` starts a document; token lines are `ID TOKEN TAG …` (tab-separated). */
export function parseIob2(text: string, othAsMisc = true): ConllDocument[] {
  const docs: ConllDocument[] = [];
  let doc: ConllDocument | null = null;
  let toks: string[] = [];
  let tags: string[] = [];
  const flush = () => {
    if (toks.length === 0) return;
    if (!doc) {
      doc = { sentences: [] };
      docs.push(doc);
    }
    doc.sentences.push(sentence(toks, tags));
    toks = [];
    tags = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (line.startsWith('#')) {
      if (/^# newdoc\b/.test(line)) {
        flush();
        doc = { sentences: [] };
        docs.push(doc);
      }
      continue;
    }
    const cols = line.split('\t');
    if (cols.length < 3 || !/^\d+$/.test(cols[0]!)) continue; // multi-word token ranges "3-4" and the like
    toks.push(cols[1]!);
    tags.push(mapTag(cols[2]!.trim(), 'iob2', othAsMisc));
  }
  flush();
  return docs.filter((d) => d.sentences.length > 0);
}

/** WNUT-17 `.conll`: `TOKEN TAG` per line; every sentence is its own document. */
export function parseWnut(text: string): ConllDocument[] {
  const docs: ConllDocument[] = [];
  let toks: string[] = [];
  let tags: string[] = [];
  const flush = () => {
    if (toks.length > 0) docs.push({ sentences: [sentence(toks, tags)] });
    toks = [];
    tags = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') {
      flush();
      continue;
    }
    const cols = line.split('\t');
    const tok = cols.length >= 2 ? cols[0]! : line.trim().split(/\s+/)[0]!;
    const tag = cols.length >= 2 ? cols[cols.length - 1]!.trim() : (line.trim().split(/\s+/)[1] ?? 'O');
    if (tok.trim() === '') continue;
    toks.push(tok.trim());
    tags.push(mapTag(tag, 'wnut17'));
  }
  flush();
  return docs;
}

function sentence(tokens: string[], tags: string[]): ConllSentence {
  return { tokens, spans: tagsToSpans(tags) };
}
