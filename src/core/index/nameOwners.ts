import { nameKey } from '../resolution/aliases';
import { NameMatcher } from '../text/matcher';
import { runToEnd } from './documentChange';

/** Offer a written form of an entity with a weight (how often the form stands for it). */
export type OfferName = (form: string, entityId: string, weight: number) => void;

/** Forms added to the matcher between two yields (NameOwners.matcher). */
const ADDS_PER_STEP = 512;

/**
 * The owner of each written form: a form known for several entities goes to the one that offered it
 * with the largest weight (the first on a tie).
 */
export class NameOwners {
  private readonly owner = new Map<string, { id: string; n: number; form: string }>();

  readonly offer: OfferName = (form, id, n) => {
    const k = nameKey(form);
    if (!k) return;
    const cur = this.owner.get(k);
    if (!cur || n > cur.n) this.owner.set(k, { id, n, form });
  };

  /** The matcher of the owned forms, made as steps (a yield every ADDS_PER_STEP forms). */
  *matcher(): Generator<void, NameMatcher<string>> {
    const m = new NameMatcher<string>();
    let n = 0;
    for (const { id, form } of this.owner.values()) {
      if (++n % ADDS_PER_STEP === 0) yield;
      m.add(form, id);
    }
    return m;
  }
}

/** A matcher of entity names and aliases, each form to its owner (NameOwners); `fill` offers every form. */
export function mostMentionedMatcher(fill: (offer: OfferName) => void): NameMatcher<string> {
  const owners = new NameOwners();
  fill(owners.offer);
  return runToEnd(owners.matcher());
}
