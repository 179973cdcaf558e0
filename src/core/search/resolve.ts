/** Which entity a name in a query means: an id, a name or alias (case and accents ignored), else a name containing it. */
import type { Corpus } from '../index/api';
import { foldKey } from '../text/text';
import type { EntitySummary, EntityType } from '../types';

export function resolveEntity(corpus: Corpus, name: string, prefer?: EntityType): EntitySummary | undefined {
  const byId = corpus.entity(name);
  if (byId) return byId;
  const q = foldKey(name);
  if (!q) return undefined;
  const all = corpus.entities();
  const exact = all.filter((e) => foldKey(e.name) === q || e.aliases.some((a) => foldKey(a) === q));
  const pick = (es: EntitySummary[]) =>
    [...es].sort((a, b) => Number(b.type === prefer) - Number(a.type === prefer) || b.mentionCount - a.mentionCount)[0];
  if (exact.length) return pick(exact);
  const containing = corpus.search(name, 20).filter((e) => [e.name, ...e.aliases].some((f) => foldKey(f).includes(q)));
  return containing.length ? pick(containing) : undefined;
}
