/** The benchmark's quote figures: what quote and claim extraction, and tying speakers to entities, add to a full index. */
import { ClaimLedger } from '../core/claims/ledger';
import type { CorpusIndex } from '../core/index/corpus';
import { QuoteIndex } from '../core/quotes/quoteIndex';
import { documentSpeech } from '../core/quotes/speech';

export function benchQuotes(index: CorpusIndex, fullIndexSecs: number): string {
  const docs = index.documents().map((d) => index.prepared(d.id)!);
  let extract = Infinity;
  let n = 0;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    n = 0;
    for (const d of docs) n += documentSpeech(d).quotes.length;
    extract = Math.min(extract, (performance.now() - t0) / 1000);
  }
  index.entities(); // entities resolved first: what follows is the quotes' own cost
  const t1 = performance.now();
  const quotes = new QuoteIndex(index);
  const attributed = quotes.all().filter((q) => q.entityId).length;
  const claims = new ClaimLedger(index);
  const disagreements = claims.disagreements().length;
  const resolve = (performance.now() - t1) / 1000;
  // The full index already holds the extraction (per-document work): what it adds is measured against the rest.
  const share = (100 * extract) / (fullIndexSecs - extract);
  const withResolve = (100 * (extract + resolve)) / (fullIndexSecs - extract);
  return (
    `quotes: ${n} (${attributed} tied to an entity), claims: ${claims.all().length} (${disagreements} disagreements)\n` +
    `quote and claim extraction: ${(extract * 1000).toFixed(0)} ms, +${share.toFixed(1)}% on the full index (target ≤ 20%); ` +
    `with speakers and claims tied to entities (${(resolve * 1000).toFixed(0)} ms, on the first query): +${withResolve.toFixed(1)}%`
  );
}
