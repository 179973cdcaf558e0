/**
 * Feature extraction (after Ratinov & Roth 2009): the word, its lower-cased form, its shape,
 * prefixes and suffixes up to 4, the neighbours at ±2, capitalisation at the start of a sentence
 * versus inside it, the case of the whole sentence (headline in capitals or title case), matches
 * against gazetteers, and document-level evidence (the same word written in lower case elsewhere
 * in the document, or capitalised inside a sentence elsewhere).
 *
 * Features are 32-bit ids built by hashing: each token's strings are hashed once (FNV-1a, one
 * pass over its characters), and a feature id is a hash of its template number and one to three
 * of those values. Curly quotes, dashes and the like are normalised to the ASCII forms of the
 * CoNLL-2003 text inside the hash, so the model sees "’s" and "'s" as the same token.
 *
 * This module is the entry point; the parts live in their own files:
 * - templates.ts: template numbers, capitalisation classes, BOS/EOS;
 * - tokenTable.ts: per-token values (TokenTable) and the hashing of one token (analyse, normChar);
 * - gazetteerFeatures.ts: Gazetteer and the marking of its matches in a sentence;
 * - wordKeys.ts: the features of a token alone (wordKeysOf);
 * - documentEvidence.ts: document evidence, history keys and the history features;
 * - extractor.ts: FeatureExtractor, every feature of a document (training).
 */

export * from './templates';
export { normChar, TokenTable, analyse } from './tokenTable';
export { Gazetteer, GAZ_PREFIX, markGazetteer, tableBits } from './gazetteerFeatures';
export { wordKeysOf } from './wordKeys';
export { allHistoryKeys, documentEvidence, historyKeys } from './documentEvidence';
export { FeatureExtractor, type DocFeatures } from './extractor';
