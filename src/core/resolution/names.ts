/**
 * Person names as a reader resolves them, beyond rule 3 (aliases.ts):
 *
 * - Hypocorisms. "Ken Clarke" and "Kenneth Clarke" are one person when both are written: a first
 *   name from the table below stands for its formal forms, with the rest of the name the same.
 * - A clearly dominant full name. A surname no document settles ("Blair" where both "Tony Blair"
 *   and "Cherie Blair" occur) joins the full name the corpus mentions far more often (at least
 *   DOMINANCE times as often as the next, and at least MIN_DOMINANT times), never a guess between
 *   names mentioned about as often.
 */

/** Common English hypocorisms and short forms → formal first names (lower case). */
const HYPOCORISMS: Record<string, readonly string[]> = {
  abe: ['abraham'], al: ['albert', 'alan', 'alfred'], alex: ['alexander', 'alexandra'], andy: ['andrew'], tony: ['anthony', 'antony'],
  ben: ['benjamin'], bill: ['william'], billy: ['william'], will: ['william'], bob: ['robert'], bobby: ['robert'], rob: ['robert'], bert: ['albert', 'herbert'],
  charlie: ['charles'], chuck: ['charles'], chris: ['christopher', 'christine'], dan: ['daniel'], danny: ['daniel'], dave: ['david'],
  dick: ['richard'], rick: ['richard'], rich: ['richard'], don: ['donald'], ed: ['edward'], ted: ['edward', 'theodore'], eddie: ['edward'],
  fred: ['frederick'], gerry: ['gerald', 'gerard'], greg: ['gregory'], hank: ['henry'], harry: ['henry', 'harold'], jack: ['john'],
  jim: ['james'], jimmy: ['james'], jamie: ['james'], jeff: ['jeffrey'], jerry: ['gerald', 'jerome'], joe: ['joseph'], jon: ['jonathan'],
  ken: ['kenneth'], kenny: ['kenneth'], larry: ['lawrence', 'laurence'], len: ['leonard'], matt: ['matthew'], mike: ['michael'], mick: ['michael'],
  nick: ['nicholas'], nate: ['nathan', 'nathaniel'], pat: ['patrick', 'patricia'], pete: ['peter'], phil: ['philip', 'phillip'],
  ray: ['raymond'], ron: ['ronald'], sam: ['samuel', 'samantha'], steve: ['stephen', 'steven'], stu: ['stuart'], tim: ['timothy'],
  tom: ['thomas'], tommy: ['thomas'], vince: ['vincent'], walt: ['walter'], zach: ['zachary'],
  beth: ['elizabeth'], liz: ['elizabeth'], betty: ['elizabeth'], kate: ['katherine', 'catherine', 'kathleen'], kathy: ['katherine', 'kathleen'],
  cathy: ['catherine'], meg: ['margaret'], maggie: ['margaret'], peggy: ['margaret'], sue: ['susan'], jenny: ['jennifer'], jen: ['jennifer'],
  debbie: ['deborah'], becky: ['rebecca'], vicky: ['victoria'], mandy: ['amanda'], sandy: ['sandra', 'alexander'], jo: ['joanne', 'josephine'],
};

export const DOMINANCE = 3;
export const MIN_DOMINANT = 3;

/** The formal forms of a first name ("ken" → ["kenneth"]); empty when it is not a hypocorism. */
export function formalFirstNames(first: string): readonly string[] {
  return Object.prototype.hasOwnProperty.call(HYPOCORISMS, first) ? HYPOCORISMS[first]! : [];
}

/**
 * The key a person key stands for: "ken clarke" → "kenneth clarke" when `exists` says that name is
 * a person in the corpus (the one formal form that is); else the key itself.
 */
export function canonicalPerson(key: string, exists: (k: string) => boolean): string {
  const sp = key.indexOf(' ');
  if (sp < 0) return key;
  const rest = key.slice(sp);
  const found = formalFirstNames(key.slice(0, sp)).map((f) => f + rest).filter(exists);
  return found.length === 1 ? found[0]! : key;
}

/** The one name of `counts` mentioned DOMINANCE times as often as any other (and MIN_DOMINANT times), if any. */
export function dominant(counts: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let first = 0;
  let second = 0;
  for (const [k, n] of counts) {
    if (n > first) {
      second = first;
      first = n;
      best = k;
    } else if (n > second) second = n;
  }
  return best !== undefined && first >= MIN_DOMINANT && first >= DOMINANCE * second ? best : undefined;
}
