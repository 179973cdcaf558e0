/**
 * Feature template numbers, capitalisation classes and the sentence-boundary values: the
 * vocabulary shared by token analysis, feature extraction (training) and the tagger (inference).
 * A feature id is a hash of one of these template numbers and one to three values (hash.ts).
 */

// Static templates.
export const T_BIAS = 0;
export const T_W = 1;
export const T_L = 2;
export const T_LM1 = 3;
export const T_LP1 = 4;
export const T_LM2 = 5;
export const T_LP2 = 6;
export const T_SH = 7;
export const T_SH_M1_0 = 10;
export const T_SH_0_P1 = 11;
export const T_BI_M1 = 12;
export const T_BI_P1 = 13;
export const T_PRE = 14;
export const T_SUF = 15;
export const T_CAP = 16;
export const T_FLAGS = 17;
export const T_LEN = 18;
export const T_GAZ = 19;
export const T_GAZM1 = 20;
export const T_GAZP1 = 21;
export const T_XGAZ = 22;
export const T_XGAZM1 = 23;
export const T_XGAZP1 = 24;
export const T_DOC = 25;
export const T_CAPSEQ = 30;
export const T_GAZ_CAP = 31;
/** The lower-cased word alone is an entry of the external gazetteer (whatever its case). */
export const T_WGAZ = 32;
/** Word clusters of the lower-cased word (fine, coarse), learned from unlabelled text (scripts/clusters.ts). */
export const T_CLU = 33;
// Dynamic templates (need the labels given earlier in the document).
export const T_HMAJ = 40;
export const T_HHAS = 41;

/** Capitalisation classes. */
export const C_NUM = 0;
export const C_LOWER = 1;
export const C_CAP = 2;
export const C_ALLCAP = 3;
export const C_MIXED = 4;
export const C_PUNCT = 5;
export const NUM_CAP_CLASSES = 6;

export const BOS = 0x5b0a;
export const EOS = 0x5e0a;
