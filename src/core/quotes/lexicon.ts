/**
 * The words quote attribution is read from: cue verbs, pronouns, roles, unnamed sources.
 * Explicit lists, so that a wrong attribution can be traced to one entry.
 */

/** Speech verbs: they introduce what someone said, with or without "that" ("X said the plan…"). */
const SPEECH: readonly string[] = [
  'say:said:says:saying', 'tell:told:tells:telling', 'add', 'note', 'state', 'stress', 'emphasize', 'emphasise', 'declare',
  'explain', 'claim', 'argue', 'insist', 'warn', 'announce', 'report', 'write:wrote:writes:writing:written', 'ask', 'answer',
  'reply:replied:replies:replying', 'respond', 'conclude', 'affirm', 'confirm', 'deny:denied:denies:denying', 'suggest', 'acknowledge',
  'admit:admitted:admits:admitting', 'agree', 'recall', 'tweet', 'allege', 'contend', 'maintain', 'assert', 'charge', 'complain',
  'observe', 'remark', 'comment', 'mention', 'reveal', 'disclose', 'testify:testified:testifies:testifying', 'promise', 'pledge',
  'vow', 'urge', 'boast', 'joke', 'quip:quipped:quips:quipping', 'concede', 'caution', 'predict', 'estimate', 'reiterate', 'repeat',
  'continue', 'counter', 'retort', 'point out:pointed out:points out:pointing out', 'went on:go on:goes on:going on', 'exclaim',
  'shout', 'yell', 'demand', 'threaten', 'accuse', 'lament', 'muse', 'speculate', 'proclaim', 'assure', 'tout', 'brag:bragged:brags:bragging',
  'chant', 'sing:sang:sings:singing:sung', 'post', 'declare', 'inform', 'advise', 'indicate', 'imply:implied:implies:implying', 'hint', 'signal:signaled:signals:signaling',
  'characterize', 'describe', 'predict', 'project', 'forecast:forecast:forecasts:forecasting', 'calculate', 'cite', 'quote',
  // Verbs of telling a story or a list, and of manner of speaking (PARC's speech cues).
  'recount', 'recite', 'outline', 'email', 'elaborate', 'clarify:clarified:clarifies:clarifying', 'specify:specified:specifies:specifying',
  'plead', 'rant', 'fume', 'grumble', 'gripe', 'swear:swore:swears:swearing:sworn', 'mutter', 'whisper', 'scream',
];

/**
 * Verbs of stance: what follows is the content even without "that" ("X criticized the plan",
 * "X called for a recount", "X urged voters to …", "X wants to …").
 */
const STANCE: readonly string[] = [
  'criticize', 'criticise', 'call:called:calls:calling', 'urge', 'discuss', 'praise', 'defend', 'attack', 'slam:slammed:slams:slamming',
  'blast', 'mock', 'question', 'challenge', 'reject', 'dismiss', 'blame', 'endorse', 'oppose', 'welcome', 'condemn', 'highlight',
  'address', 'invite', 'encourage', 'want', 'plan:planned:plans:planning', 'seek:sought:seeks:seeking', 'refuse', 'decline',
  'request', 'recommend', 'propose', 'refer:referred:refers:referring', 'reference', 'compare', 'liken', 'label:labeled:labels:labeling',
  'dub:dubbed:dubs:dubbing', 'brand', 'applaud', 'thank', 'congratulate', 'apologize', 'apologise', 'vow', 'pledge', 'promise',
  'hope', 'intend', 'support', 'back', 'push', 'press', 'insist', 'accuse', 'deny:denied:denies:denying', 'describe', 'tout',
  'predict', 'acknowledge', 'cite', 'invoke', 'emphasize', 'stress', 'raise', 'echo:echoed:echoes:echoing', 'lambast', 'lambaste',
  'downplay', 'unleash', 'ignore', 'promote', 'examine', 'retweet', 'express', 'view', 'embrace', 'dispute', 'contest',
  'speak:spoke:speaks:speaking:spoken', 'talk', 'credit', 'float', 'tease', 'remind', 'anticipate', 'portray', 'paint', 'depict',
  'unveil', 'publish', 'indict', 'lobby', 'confess', 'regret', 'hail', 'celebrate', 'champion',
  // Preference, judgement and attack (PARC's attitude cues): the object is what the stance is about.
  'prefer:preferred:prefers:preferring', 'favor', 'favour', 'consider', 'deem', 'accept', 'envision', 'envisage', 'assail', 'bash',
  'deride', 'scold', 'rebuke', 'chide', 'berate', 'fault', 'pan:panned:pans:panning', 'hammer', 'scorn', 'spurn', 'excoriate',
  'eviscerate', 'skewer', 'laud', 'extol:extolled:extols:extolling', 'commend', 'advocate', 'characterise', 'underplay', 'overstate',
  'exaggerate', 'misrepresent', 'mislead:misled:misleads:misleading',
  'minimize', 'minimise', 'sue:sued:sues:suing', 'rule', 'order', 'dismiss', 'decry:decried:decries:decrying', 'agree', 'offer', 'threaten', 'denounce', 'disparage', 'ridicule', 'insult', 'target', 'knock', 'hit:hit:hits:hitting',
];

/** Verbs of finding and thinking: cues only with "that" or at the end of a sentence ("…, polls show."). */
const COGNITION: readonly string[] = [
  'believe', 'think:thought:thinks:thinking', 'feel:felt:feels:feeling', 'know:knew:knows:knowing:known', 'find:found:finds:finding',
  'show:showed:shows:showing:shown', 'learn:learned:learns:learning:learnt', 'hope', 'fear', 'worry:worried:worries:worrying',
  'expect', 'understand:understood:understands:understanding', 'suspect', 'conclude', 'determine', 'decide', 'realize', 'realise',
  'recognize', 'recognise', 'assume', 'wonder', 'doubt', 'guess', 'hear:heard:hears:hearing', 'discover', 'read:read:reads:reading',
  'see:saw:sees:seeing:seen', 'suggest', 'indicate', 'reveal', 'demonstrate', 'prove', 'confirm', 'imagine', 'insist', 'contend',
  'sense', 'remember', 'notice', 'perceive', 'presume', 'reckon',
];

/** A verb and its particle ("rail against", "laid out"): every form of the verb, then the particle. */
function phrasal(verb: string, particle: string): string {
  return inflect(verb).map((f) => `${f} ${particle}`).join(':');
}

/** Phrasal verbs of stance: "pointed to the record", "railed against the deal", "shrugged off the poll". */
const PHRASAL_STANCE: readonly string[] = [
  phrasal('point', 'to'), phrasal('rail', 'against'), phrasal('shrug', 'off'), phrasal('go:went:goes:going:gone', 'after'),
  phrasal('rip:ripped:rips:ripping', 'into'), phrasal('single', 'out'), phrasal('spell', 'out'), phrasal('lay:laid:lays:laying', 'out'),
  phrasal('speak:spoke:speaks:speaking:spoken', 'out'), phrasal('push', 'back'), phrasal('play', 'down'), phrasal('brush', 'aside'),
  phrasal('brush', 'off'), phrasal('lash', 'out'), phrasal('weigh', 'in'), phrasal('call:called:calls:calling', 'out'),
];

function inflect(entry: string): string[] {
  if (entry.includes(':')) return entry.split(':');
  const base = entry;
  const stem = base.endsWith('e') ? base.slice(0, -1) : base;
  const past = base.endsWith('e') ? base + 'd' : base.endsWith('y') && !/[aeiou]y$/.test(base) ? base.slice(0, -1) + 'ied' : base + 'ed';
  const third = /(s|sh|ch|x|z)$/.test(base) ? base + 'es' : base.endsWith('y') && !/[aeiou]y$/.test(base) ? base.slice(0, -1) + 'ies' : base + 's';
  return [base, past, third, stem + 'ing'];
}

function forms(entries: readonly string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of entries) {
    const fs = inflect(e);
    for (const f of fs) if (!m.has(f)) m.set(f, fs[0]!);
  }
  return m;
}

/** Word form → lemma. */
export const SPEECH_VERBS: ReadonlyMap<string, string> = forms(SPEECH);
export const COGNITION_VERBS: ReadonlyMap<string, string> = forms(COGNITION);
export const STANCE_VERBS: ReadonlyMap<string, string> = forms([...STANCE, ...PHRASAL_STANCE]);

/** Cues that take an infinitive ("plans to", "urged him to", "vowed to"). */
export const INFINITIVE_CUES: ReadonlySet<string> = new Set(['agree', 'refuse', 'decline', 'want', 'plan', 'seek', 'refuse', 'decline', 'vow', 'pledge', 'promise', 'hope', 'intend', 'threaten', 'urge', 'ask', 'tell', 'push', 'press', 'call', 'encourage', 'invite', 'decide', 'expect', 'continue', 'agree', 'demand', 'offer', 'propose']);

/** Multi-word cues matched as phrases before the single-word lexicon. */
export const PHRASE_CUES: readonly string[] = ['according to', 'point out', 'points out', 'pointed out', 'pointing out', 'went on', 'goes on', 'go on', 'has learned', 'have learned', 'has learnt'];

export interface CueWord {
  readonly lemma: string;
  readonly speech: boolean;
  readonly stance?: boolean;
}

/** Every cue form, looked up once per word: speech verbs first, then stance, then cognition. */
const CUE_WORDS = new Map<string, CueWord>();
for (const [f, lemma] of COGNITION_VERBS) CUE_WORDS.set(f, { lemma, speech: false });
for (const [f, lemma] of STANCE_VERBS) CUE_WORDS.set(f, { lemma, speech: true, stance: true });
for (const [f, lemma] of SPEECH_VERBS) CUE_WORDS.set(f, { lemma, speech: true });

/** The cue a word form is (lower-case it first), if any. */
export function cueLemma(lowerWord: string): CueWord | undefined {
  return CUE_WORDS.get(lowerWord);
}

/** Cue forms that are participles or gerunds: ", adding that…", "after estimating that…". */
export function isParticiple(word: string): boolean {
  return /ing$/i.test(word);
}

/** Words that may stand between a subject and its cue: auxiliaries and adverbs ("has also said"). */
export const AUX_ADVERBS: ReadonlySet<string> = new Set([
  'has', 'have', 'had', 'also', 'later', 'previously', 'repeatedly', 'once', 'then', 'recently', 'often', 'again', 'still', 'now',
  'would', 'will', 'did', 'does', 'do', "didn't", "doesn't", 'not', 'never', 'always', 'further', 'had', 'frequently', 'since',
  'first', 'last', 'already', 'even', 'just', 'both', 'all', 'can', 'could', 'may', 'might', 'must', 'should', 'reportedly',
  'flatly', 'simply', 'quickly', 'long', 'has long', 'ever', 'formally', 'subsequently',
]);

/** Personal pronouns that may be a speaker, with the kind of antecedent they take. */
/** "self": the writer (I, we), who is not an entity of the text; "relative": who, which (the name before). */
export const PRONOUNS: ReadonlyMap<string, 'person' | 'plural' | 'thing' | 'self' | 'relative'> = new Map([
  ['he', 'person'], ['she', 'person'], ['i', 'self'], ['we', 'self'], ['they', 'plural'], ['it', 'thing'], ['you', 'self'], ['who', 'relative'], ['which', 'relative'],
]);

/** Possessive pronouns owning a nominal cue ("his claim that …"), with the kind of antecedent they take. */
export const POSSESSIVE_PRONOUNS: ReadonlyMap<string, 'person' | 'plural' | 'thing' | 'self'> = new Map([
  ['his', 'person'], ['her', 'person'], ['their', 'plural'], ['its', 'thing'], ['my', 'self'], ['our', 'self'],
]);

/** Role nouns: "the ambassador said" refers back to the last person known by that role. */
export const PERSON_ROLES: ReadonlySet<string> = new Set([
  'ambassador', 'president', 'minister', 'prime minister', 'senator', 'governor', 'mayor', 'candidate', 'nominee', 'secretary',
  'spokesman', 'spokeswoman', 'spokesperson', 'chairman', 'chairwoman', 'chair', 'director', 'chief', 'official', 'general',
  'diplomat', 'envoy', 'leader', 'congressman', 'congresswoman', 'representative', 'lawmaker', 'judge', 'justice', 'author',
  'professor', 'analyst', 'expert', 'economist', 'adviser', 'advisor', 'aide', 'manager', 'ceo', 'founder', 'owner', 'attorney',
  'lawyer', 'speaker', 'businessman', 'businesswoman', 'billionaire', 'mogul', 'strategist', 'pollster', 'host', 'reporter',
  'commissioner', 'chancellor', 'king', 'queen', 'prince', 'pope', 'sheriff', 'officer', 'colonel', 'captain', 'researcher',
  'scientist', 'doctor', 'former', 'vice president', 'woman', 'man',
]);

/** Organisation nouns: "the ministry said" refers back to the last organisation of that kind. */
export const ORG_ROLES: ReadonlySet<string> = new Set([
  'ministry', 'department', 'agency', 'campaign', 'company', 'firm', 'committee', 'commission', 'council', 'government',
  'administration', 'embassy', 'party', 'office', 'bank', 'group', 'organization', 'organisation', 'newspaper', 'paper', 'network',
  'union', 'court', 'board', 'center', 'centre', 'institute', 'foundation', 'association', 'post', 'times', 'journal', 'team',
  'white house', 'kremlin', 'pentagon', 'state department', 'fbi', 'police', 'army', 'military', 'university', 'school', 'club',
]);

/** Heads of unnamed sources: the words stay the speaker, with no entity ("a source said", "officials said"). */
export const UNNAMED_HEADS: ReadonlySet<string> = new Set([
  'source', 'sources', 'official', 'officials', 'aide', 'aides', 'person', 'people', 'insider', 'insiders', 'witness', 'witnesses',
  'observers', 'analysts', 'experts', 'critics', 'supporters', 'residents', 'voters', 'democrats', 'republicans', 'diplomats',
  'spokesman', 'spokeswoman', 'spokesperson', 'someone', 'others', 'many', 'some', 'reports', 'report', 'polls', 'poll', 'survey',
  'surveys', 'data', 'study', 'studies', 'statement', 'documents', 'records', 'emails', 'staffers', 'advisers', 'advisors', 'allies',
]);

/** Words that end a subject going backwards from its cue (clause openers and conjunctions). */
export const NP_STOPS: ReadonlySet<string> = new Set([
  'that', 'which', 'who', 'whom', 'whose', 'when', 'while', 'because', 'but', 'as', 'if', 'after', 'before', 'since', 'than', 'so',
  'where', 'though', 'although', 'unless', 'whether', 'what', 'how', 'why', 'is', 'was', 'are', 'were', 'be', 'been', 'being',
  'and', 'or', 'nor', 'yet', 'until', 'once', 'whereas', 'said', 'says', 'told', 'not', 'also', 'to', 'in', 'on', 'at', 'with',
  'by', 'from', 'into', 'about', 'over', 'under', 'during', 'without', 'between', 'against', 'through', 'like', 'asked',
]);

/** Words after which a name ends when it follows its cue ("said Trump in an interview"). */
export const NP_FORWARD_STOPS: ReadonlySet<string> = new Set([
  'in', 'on', 'at', 'during', 'who', 'which', 'after', 'before', 'when', 'while', 'as', 'to', 'about', 'of', 'that', 'and', 'but',
  'with', 'from', 'last', 'this', 'earlier', 'later', 'yesterday', 'today', 'tonight', 'monday', 'tuesday', 'wednesday', 'thursday',
  'friday', 'saturday', 'sunday', 'recently', 'afterward', 'afterwards', 'told', 'said', 'adding', 'saying', 'referring', 'speaking',
  'according', 'via', 'through', 'because', 'for', 'if', 'where',
]);

/** Abbreviations whose full stop does not end a sentence. */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'dr', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'sgt', 'capt', 'st', 'jr', 'sr', 'prof', 'u.s', 'u.n', 'u.k',
  'no', 'vs', 'v', 'inc', 'co', 'corp', 'ltd', 'sept', 'oct', 'nov', 'dec', 'jan', 'feb', 'aug', 'mt', 'ft', 'rev', 'pres', 'd.c',
  'a.m', 'p.m', 'e.g', 'i.e', 'etc', 'fla', 'calif', 'ky', 'va', 'n.y', 'mass', 'pa', 'ill', 'ariz', 'tex', 'ga', 'wis', 'mich', 'ohio', 'iowa',
]);
