import countries from 'world-countries';
import { NameMatcher, type MatchHit } from '../text/matcher';
import type { Candidate, PreparedDocument, Recogniser, Token } from '../types';
import { GROUPS } from './lexicon';
import { PRIORITY } from './priority';

/**
 * Places and groups from a maintained gazetteer: the `world-countries` package (every country with
 * its common and official names, other spellings, capitals and English demonyms). What it lacks is
 * listed here, short and commented: English exonyms it no longer uses as the common name, regions,
 * and major cities that are not capitals.
 */

/** English names a reader still uses where the package has moved on (cca2 -> name). */
const EXONYMS: Readonly<Record<string, string>> = {
  TR: 'Turkey',
  CZ: 'Czech Republic',
  CI: 'Ivory Coast',
  MM: 'Burma',
  CV: 'Cape Verde',
  TL: 'East Timor',
  SZ: 'Swaziland',
  MK: 'Macedonia',
  VA: 'Vatican',
  KP: 'North Korea',
};

/** Names for a nation's people the package does not give (it has the adjective: "British"). */
const PEOPLE_NAMES: Readonly<Record<string, readonly string[]>> = {
  GB: ['Briton', 'Britons', 'Brits'],
  DK: ['Dane', 'Danes'],
  SE: ['Swede', 'Swedes'],
  FI: ['Finn', 'Finns'],
  PL: ['Pole', 'Poles'],
  TR: ['Turk', 'Turks'],
  GR: ['Greek', 'Greeks'],
  PH: ['Filipino', 'Filipinos'],
  NL: ['Dutchman', 'Dutchmen'],
  ES: ['Spaniard', 'Spaniards'],
  NZ: ['New Zealanders'],
  AZ: ['Azeri', 'Azeris'],
};

/** Two-letter codes that are also written as country names in running text ("US", "UK"). */
const CODES_IN_TEXT = new Set(['US', 'UK', 'UAE', 'USA', 'DRC', 'PRC', 'ROK', 'DPRK', 'KSA']);

/** Regions, areas and non-capital cities that news text names often. Canonical name first. */
const EXTRA_PLACES: readonly (readonly string[])[] = [
  // Continents and world regions
  ['Europe'], ['Asia'], ['Africa'], ['North America'], ['South America'], ['Latin America'], ['Central America'],
  ['Middle East', 'Mideast'], ['Near East'], ['Far East'], ['Caucasus'], ['South Caucasus', 'Transcaucasia'],
  ['North Caucasus'], ['Central Asia'], ['South Asia'], ['Southeast Asia', 'South-East Asia'], ['East Asia'],
  ['Balkans'], ['Scandinavia'], ['Baltics'], ['Eastern Europe'], ['Western Europe'], ['Persian Gulf'], ['Gulf'],
  ['Caspian Sea', 'Caspian'], ['Black Sea'], ['Mediterranean', 'Mediterranean Sea'], ['Red Sea'], ['Arctic'],
  ['Antarctica'], ['Pacific'], ['Atlantic'], ['Indian Ocean'], ['Sahel'], ['Horn of Africa'], ['Levant'],
  // Disputed and historic areas, provinces
  ['Karabakh', 'Nagorno-Karabakh', 'Nagorno Karabakh'], ['Nakhchivan'], ['West Bank'], ['Gaza', 'Gaza Strip'],
  ['Golan Heights', 'Golan'], ['Sinai'], ['Crimea'], ['Donbas', 'Donbass'], ['Kashmir'], ['Tibet'], ['Xinjiang'],
  ['Siberia'], ['Kurdistan'], ['Chechnya'], ['Abkhazia'], ['South Ossetia'], ['Transnistria'], ['Northern Ireland'],
  ['Scotland'], ['Wales'], ['England'], ['Britain', 'Great Britain'], ['Catalonia'], ['Bavaria'], ['Quebec'],
  ['California'], ['Texas'], ['Florida'], ['New Jersey'], ['Virginia'], ['Ohio'], ['Michigan'], ['Pennsylvania'],
  ['Massachusetts'], ['Illinois'], ['Arizona'], ['Alaska'], ['Hawaii'],
  // Major cities that are not capitals
  ['New York', 'New York City', 'NYC'], ['Los Angeles'], ['Chicago'], ['Houston'], ['San Francisco'], ['Boston'],
  ['Miami'], ['Seattle'], ['Atlanta'], ['Dallas'], ['Philadelphia'], ['Detroit'], ['Las Vegas'], ['Washington'],
  ['Toronto'], ['Montreal'], ['Vancouver'], ['Sydney'], ['Melbourne'], ['Shanghai'], ['Hong Kong'], ['Mumbai'],
  ['Kolkata'], ['Chennai'], ['Bangalore'], ['Karachi'], ['Lahore'], ['Istanbul'], ['Izmir'], ['St Petersburg', 'Saint Petersburg'],
  ['Dubai'], ['Tel Aviv'], ['Haifa'], ['Eilat'], ['Ganja'], ['Sumgait'], ['Shusha'], ['Lankaran'], ['Quba'], ['Tabriz'],
  ['Isfahan'], ['Mashhad'], ['Manchester'], ['Birmingham'], ['Liverpool'], ['Leeds'], ['Glasgow'], ['Edinburgh'],
  ['Cardiff'], ['Belfast'], ['Barcelona'], ['Milan'], ['Munich'], ['Frankfurt'], ['Hamburg'], ['Geneva'], ['Zurich'],
  ['Davos'], ['Strasbourg'], ['Osaka'], ['São Paulo', 'Sao Paulo'], ['Rio de Janeiro'], ['Lagos'], ['Johannesburg'],
  ['Cape Town'], ['Jeddah'], ['Mecca'], ['Medina'], ['Aleppo'], ['Mosul'], ['Basra'], ['Odesa', 'Odessa'], ['Kharkiv'],
  ['Lviv'], ['Hollywood'], ['Silicon Valley'],
];

export interface PlaceInfo {
  readonly canonical: string;
}
export interface GroupInfo {
  readonly name: string;
  readonly demonymOf?: string;
}

type Known = { readonly place: PlaceInfo; readonly group?: undefined } | { readonly group: GroupInfo; readonly place?: undefined };

interface Gazetteer {
  readonly places: NameMatcher<PlaceInfo>;
  readonly groups: NameMatcher<GroupInfo>;
  /** Places and groups in one matcher, so a document is read once for both. */
  readonly both: NameMatcher<Known>;
}

let cached: Gazetteer | undefined;

/** Latin-script forms without commas ("Iran, Islamic Republic of" is a catalogue form, not text). */
const USABLE = /^[\p{Script=Latin}\p{M} .'’-]+$/u;

function dotted(code: string): string {
  return code.split('').join('.') + '.';
}

function plural(demonym: string): string | undefined {
  if (/(?:i|an|ian)$/.test(demonym)) return demonym + 's';
  return undefined;
}

export function gazetteer(): Gazetteer {
  if (cached) return cached;
  const places = new NameMatcher<PlaceInfo>();
  const groups = new NameMatcher<GroupInfo>();
  const both = new NameMatcher<Known>();
  const seenPlace = new Set<string>();
  const addPlace = (form: string, canonical: string) => {
    const k = form.toLowerCase();
    if (seenPlace.has(k)) return;
    seenPlace.add(k);
    places.add(form, { canonical });
    both.add(form, { place: { canonical } });
  };
  const seenGroup = new Set<string>();
  const addGroup = (form: string, info: GroupInfo) => {
    const k = form.toLowerCase();
    if (seenGroup.has(k)) return;
    seenGroup.add(k);
    groups.add(form, info);
    both.add(form, { group: info });
  };
  for (const g of GROUPS) for (const f of g) addGroup(f, { name: g[0]! });
  for (const extra of EXTRA_PLACES) for (const f of extra) addPlace(f, extra[0]!);
  for (const c of countries) {
    const canonical = EXONYMS[c.cca2] ?? c.name.common;
    const forms = [canonical, c.name.common, c.name.official];
    for (const alt of c.altSpellings) {
      if (/^[A-Z]{2,4}$/.test(alt)) {
        if (CODES_IN_TEXT.has(alt)) forms.push(alt, dotted(alt));
      } else if (USABLE.test(alt) && alt.length > 3) forms.push(alt);
    }
    for (const f of forms) if (USABLE.test(f)) addPlace(f, canonical);
    for (const cap of c.capital) if (USABLE.test(cap)) addPlace(cap, cap);
    const dem = c.demonyms?.['eng'];
    for (const p of PEOPLE_NAMES[c.cca2] ?? []) addGroup(p, { name: dem?.m || p, demonymOf: canonical });
    if (dem) {
      for (const d of new Set([dem.m, dem.f])) {
        if (!d || !USABLE.test(d)) continue;
        addGroup(d, { name: dem.m || d, demonymOf: canonical });
        const p = plural(d);
        if (p) addGroup(p, { name: dem.m || d, demonymOf: canonical });
      }
    }
  }
  cached = { places, groups, both };
  return cached;
}

/**
 * Longest matches of a matcher in the document's tokens, also inside hyphenated compounds
 * ("Israel-Azerbaijan ties" names Israel and Azerbaijan; "Shi’a-majority" names the Shi’a).
 */
export function matchWithCompounds<T>(matcher: NameMatcher<T>, tokens: readonly Token[]): MatchHit<T>[] {
  const hits: MatchHit<T>[] = [];
  let i = 0;
  while (i < tokens.length) {
    const hit = matcher.longestAt(tokens, i);
    if (hit) {
      hits.push(hit);
      i += hit.tokens;
      continue;
    }
    const t = tokens[i]!;
    if (t.kind === 'word' && t.text.includes('-')) {
      const parts: Token[] = [];
      let off = 0;
      for (const p of t.text.split('-')) {
        if (p) parts.push({ start: t.start + off, end: t.start + off + p.length, text: p, kind: 'word' });
        off += p.length + 1;
      }
      for (let k = 0; k < parts.length; k++) {
        const h = matcher.longestAt(parts, k, k + 1);
        if (h) hits.push(h);
      }
    }
    i++;
  }
  return hits;
}

const hitCache = new WeakMap<PreparedDocument, MatchHit<Known>[]>();

/** The gazetteer's matches in a document, computed once for the place and group recognisers. */
function knownIn(doc: PreparedDocument): MatchHit<Known>[] {
  let hits = hitCache.get(doc);
  if (!hits) {
    hits = matchWithCompounds(gazetteer().both, doc.tokens);
    hitCache.set(doc, hits);
  }
  return hits;
}

export class PlaceRecogniser implements Recogniser {
  readonly id = 'gazetteer.place';
  readonly priority = PRIORITY.gazetteer;

  recognise(doc: PreparedDocument): Candidate[] {
    const out: Candidate[] = [];
    for (const h of knownIn(doc)) {
      const place = h.value.place;
      if (!place) continue;
      out.push({ start: h.start, end: h.end, type: 'place', name: doc.text.slice(h.start, h.end), source: this.id, priority: this.priority, attrs: { canonical: place.canonical } });
    }
    return out;
  }
}

export class GroupRecogniser implements Recogniser {
  readonly id = 'gazetteer.group';
  readonly priority = PRIORITY.group;

  recognise(doc: PreparedDocument): Candidate[] {
    const out: Candidate[] = [];
    for (const h of knownIn(doc)) {
      const g = h.value.group;
      if (!g) continue;
      const attrs = g.demonymOf ? { canonical: g.name, demonymOf: g.demonymOf } : { canonical: g.name };
      out.push({ start: h.start, end: h.end, type: 'group', name: doc.text.slice(h.start, h.end), source: this.id, priority: this.priority, attrs });
    }
    return out;
  }
}
