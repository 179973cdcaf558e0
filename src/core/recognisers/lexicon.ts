/**
 * Small closed word lists the rule recognisers share. Open classes (places, demonyms) come from the
 * world-countries package (gazetteer.ts); what is here is grammar, not knowledge: titles, the head
 * nouns of organisation names, month names, number words, and the function words that never start
 * or end a name.
 */

/**
 * Titles that precede a person's name. Multi-word titles are listed whole; matching is on folded
 * tokens, so "Prime minister" and "Prime Minister" are the same title.
 */
export const TITLES: readonly string[] = [
  'President', 'Vice President', 'Vice-President', 'Prime Minister', 'Deputy Prime Minister', 'Minister', 'Foreign Minister',
  'Defence Minister', 'Defense Minister', 'Finance Minister', 'Interior Minister', 'Health Minister', 'Culture Minister',
  'Secretary', 'Secretary of State', 'Secretary-General', 'Secretary General', 'Home Secretary', 'Foreign Secretary',
  'Chancellor', 'Ambassador', 'Envoy', 'Consul', 'Consul General', 'Senator', 'Sen.', 'Congressman', 'Congresswoman',
  'Representative', 'Rep.', 'Governor', 'Gov.', 'Mayor', 'Deputy Mayor', 'MK', 'MP', 'MEP', 'Member of Parliament',
  'Member of the Knesset', 'Speaker', 'Chairman', 'Chairwoman', 'Chairperson', 'Vice Chairman', 'CEO',
  'Deputy CEO', 'Chief Executive', 'Chief Executive Officer', 'Chief Operating Officer', 'COO', 'CFO', 'CTO', 'Founder',
  'Co-founder', 'Director', 'Director General', 'Director-General', 'Deputy Director', 'Managing Director', 'Editor',
  'Editor-in-Chief', 'Executive Director', 'Spokesman', 'Spokeswoman', 'Spokesperson', 'Commissioner', 'Judge',
  'Justice', 'Chief Justice', 'Attorney General', 'Prosecutor', 'General', 'Gen.', 'Lt. Gen.', 'Major General', 'Colonel',
  'Col.', 'Lieutenant', 'Lt.', 'Captain', 'Capt.', 'Admiral', 'Commander', 'Sergeant', 'Sgt.', 'King', 'Queen', 'Prince',
  'Princess', 'Emir', 'Sheikh', 'Sultan', 'Pope', 'Cardinal', 'Archbishop', 'Bishop', 'Rabbi', 'Chief Rabbi', 'Imam',
  'Ayatollah', 'Reverend', 'Rev.', 'Professor', 'Prof.', 'Dr.', 'Dr', 'Mr.', 'Mr', 'Mrs.', 'Mrs',
  'Ms.', 'Ms', 'Sir', 'Dame', 'Lord', 'Lady', 'Baroness', 'Coach', 'Manager', 'Deputy', 'Deputy Minister', 'Councillor',
  'Councilman', 'Councilwoman', 'Premier', 'Deputy Chairman', 'Opposition Leader',
];

/** Titles that may also be written in lower case before a name ("former president Bill Clinton"). */
export const LOWERCASE_TITLES: ReadonlySet<string> = new Set([
  'president', 'prime minister', 'minister', 'ambassador', 'senator', 'chancellor', 'governor', 'mayor', 'chairman',
  'secretary', 'judge', 'general', 'professor', 'spokesman', 'spokeswoman', 'king', 'queen', 'rabbi', 'imam', 'sheikh',
]);

/** Head nouns that end organisation names ("… Committee", "… Post"). */
export const ORG_HEADS: ReadonlySet<string> = new Set([
  'committee', 'commission', 'center', 'centre', 'council', 'post', 'times', 'herald', 'tribune', 'journal', 'gazette',
  'news', 'conference', 'ministry', 'agency', 'university', 'college', 'institute', 'institution', 'school', 'academy',
  'bank', 'party', 'association', 'union', 'federation', 'foundation', 'fund', 'society', 'corporation', 'corp', 'corp.',
  'inc', 'inc.', 'ltd', 'ltd.', 'llc', 'plc', 'company', 'co.', 'group', 'organization', 'organisation', 'office',
  'department', 'authority', 'board', 'bureau', 'court', 'parliament', 'assembly', 'senate', 'congress', 'cabinet',
  'army', 'navy', 'force', 'forces', 'guard', 'police', 'service', 'services', 'network', 'press', 'broadcasting',
  'airlines', 'airways', 'motors', 'industries', 'holdings', 'partners', 'alliance', 'coalition', 'movement', 'front',
  'league', 'club', 'church', 'synod', 'museum', 'library', 'hospital', 'clinic', 'laboratory', 'labs', 'forum',
  'secretariat', 'directorate', 'inspectorate', 'tribunal', 'exchange', 'trust', 'initiative', 'program', 'programme',
  'project', 'knesset', 'majlis', 'duma', 'reuters', 'commonwealth', 'caucus', 'consortium', 'cooperative',
]);

/** Abbreviations whose full stop, written against them, belongs to the name ("Source, Inc.", "Norwest Corp.", "U.S."). */
export const NAME_ABBREVIATIONS = /^(?:Inc|Corp|Co|Ltd|Bros|Jr|Sr|St|Mt|Ft|[A-Z]|(?:[A-Za-z]\.)+[A-Za-z])$/;

/** Words that join the parts of an organisation name ("Foreign Affairs and Defense Committee"). */
export const ORG_JOINERS: ReadonlySet<string> = new Set(['and', 'of', 'for', '&', 'on', 'de', 'du', 'des', 'der', 'für']);

/** Capitalised words that are never the first word of a name (sentence openers, determiners, pronouns). */
export const NOT_NAME_START: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'this', 'that', 'these', 'those', 'it', 'its', 'he', 'she', 'they', 'we', 'i', 'you', 'his', 'her',
  'their', 'our', 'my', 'your', 'in', 'on', 'at', 'by', 'for', 'from', 'to', 'of', 'with', 'as', 'if', 'but', 'and', 'or',
  'so', 'yet', 'when', 'while', 'where', 'after', 'before', 'since', 'under', 'over', 'despite', 'although', 'though',
  'because', 'however', 'meanwhile', 'moreover', 'also', 'there', 'here', 'then', 'now', 'today', 'yesterday',
  'tomorrow', 'asked', 'according', 'during', 'about', 'all', 'both', 'each', 'every', 'some', 'many', 'most', 'more',
  'maybe', 'perhaps', 'importantly', 'indeed', 'instead', 'thus', 'hence', 'therefore', 'right', 'not', 'no',
  'yes', 'what', 'who', 'whom', 'which', 'why', 'how', 'evoke', 'time', 'plans', 'tolerance', 'interconnection', 'credit',
  'photo', 'image', 'read', 'see', 'says', 'let', 'just', 'only', 'even', 'still', 'once', 'again', 'former',
  'late', 'dear', 'mr', 'mrs', 'ms', 'dr', 'could', 'would', 'should', 'will', 'can', 'might', 'must', 'does',
  'did', 'has', 'have', 'had', 'is', 'are', 'was', 'were', 'do', 'why', 'whether', 'unlike', 'like', 'following',
]);

export const MONTHS: readonly string[] = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
];
export const MONTH_ABBREVIATIONS: readonly string[] = ['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec'];
export const WEEKDAYS: readonly string[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** Number words and their values; scales multiply ("one million" = 1,000,000). */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['zero', 0], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7], ['eight', 8],
  ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12], ['thirteen', 13], ['fourteen', 14], ['fifteen', 15],
  ['sixteen', 16], ['seventeen', 17], ['eighteen', 18], ['nineteen', 19], ['twenty', 20], ['thirty', 30], ['forty', 40],
  ['fifty', 50], ['sixty', 60], ['seventy', 70], ['eighty', 80], ['ninety', 90], ['hundred', 100], ['dozen', 12],
  ['dozens', 12], ['hundreds', 100], ['thousands', 1000], ['millions', 1e6], ['billions', 1e9],
]);
export const SCALES: ReadonlyMap<string, number> = new Map([
  ['hundred', 100], ['thousand', 1e3], ['million', 1e6], ['billion', 1e9], ['trillion', 1e12], ['m', 1e6], ['bn', 1e9],
  ['k', 1e3],
]);

/** Currency symbols and words with their ISO code. */
export const CURRENCY_SYMBOLS: ReadonlyMap<string, string> = new Map([
  ['$', 'USD'], ['US$', 'USD'], ['£', 'GBP'], ['€', 'EUR'], ['¥', 'JPY'], ['₪', 'ILS'], ['₼', 'AZN'], ['₹', 'INR'], ['₽', 'RUB'],
]);
export const CURRENCY_WORDS: ReadonlyMap<string, string> = new Map([
  ['dollars', 'USD'], ['dollar', 'USD'], ['pounds', 'GBP'], ['euros', 'EUR'], ['euro', 'EUR'], ['yen', 'JPY'],
  ['shekels', 'ILS'], ['manat', 'AZN'], ['rupees', 'INR'], ['roubles', 'RUB'], ['rubles', 'RUB'], ['yuan', 'CNY'],
]);

/** Plural-looking words that are not count nouns. */
export const NOT_PLURAL: ReadonlySet<string> = new Set([
  'this', 'its', 'has', 'was', 'is', 'does', 'always', 'perhaps', 'whereas', 'across', 'thus', 'plus', 'less', 'unless',
  'yes', 'his', 'hers', 'ours', 'yours', 'theirs', 'towards', 'afterwards', 'besides', 'sometimes', 'nevertheless',
  'news', 'series', 'species', 'politics', 'economics', 'various', 'previous', 'serious', 'famous', 'numerous', 'us',
]);
/** Count nouns whose plural does not end in -s. */
export const IRREGULAR_PLURALS: ReadonlySet<string> = new Set([
  'people', 'children', 'men', 'women', 'staff', 'personnel', 'police', 'sheep', 'feet', 'teeth', 'cattle', 'troops',
  'tonnes', 'data', 'mice', 'geese', 'fish', 'aircraft', 'crew', 'barrels',
]);

/**
 * Religious and political groups (nationalities come from the gazetteer's demonyms). The first
 * form is the name; the rest are its forms.
 */
export const GROUPS: readonly (readonly string[])[] = [
  ['Jewish', 'Jews', 'Jew'],
  ['Muslim', 'Muslims', 'Moslem'],
  ['Christian', 'Christians'],
  ['Catholic', 'Catholics', 'Roman Catholic'],
  ['Protestant', 'Protestants'],
  ['Orthodox'],
  ['Evangelical', 'Evangelicals'],
  ['Shi’a', "Shi'a", 'Shia', 'Shiite', 'Shiites', "Shi'ite", 'Shi’ite'],
  ['Sunni', 'Sunnis'],
  ['Hindu', 'Hindus'],
  ['Buddhist', 'Buddhists'],
  ['Sikh', 'Sikhs'],
  ['Druze'],
  ['Baháʼí', 'Bahai', 'Baha’i'],
  ['Yazidi', 'Yazidis'],
  ['Kurd', 'Kurds', 'Kurdish'],
  ['Arab', 'Arabs', 'Arabic'],
  ['Persian', 'Persians'],
  ['Palestinian', 'Palestinians'],
  ['Democrat', 'Democrats'],
  ['Republican', 'Republicans'],
  ['Conservative', 'Conservatives', 'Tories', 'Tory'],
  ['Liberal Democrat', 'Liberal Democrats', 'Lib Dems'],
  ['Labour'],
  ['Greens'],
  ['Zionist', 'Zionists'],
  ['Islamist', 'Islamists'],
  ['Marxist', 'Marxists'],
  ['Socialist', 'Socialists'],
  ['Communist', 'Communists'],
];
