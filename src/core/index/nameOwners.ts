import { nameKey } from '../resolution/aliases';
import { NameMatcher } from '../text/matcher';

/** Offer a written form of an entity with a weight (how often the form stands for it). */
export type OfferName = (form: string, entityId: string, weight: number) => void;

/**
 * A matcher of entity names and aliases where a form known for several entities goes to the one
 * that offered it with the largest weight (the first on a tie). `fill` offers every form.
 */
export function mostMentionedMatcher(fill: (offer: OfferName) => void): NameMatcher<string> {
  const owner = new Map<string, { id: string; n: number; form: string }>();
  fill((form, id, n) => {
    const k = nameKey(form);
    if (!k) return;
    const cur = owner.get(k);
    if (!cur || n > cur.n) owner.set(k, { id, n, form });
  });
  const m = new NameMatcher<string>();
  for (const { id, form } of owner.values()) m.add(form, id);
  return m;
}
