/**
 * The search vocabulary: synonyms, stop words and question intents, in one table each.
 *
 * Everything here is about violent incidents in general, not about one dataset: a new report that
 * says "gunmen" or "fatalities" is found by "attackers" or "killed" with no change to this file.
 *
 * A concept is written in CAPITALS (`KILLED`). Every word or phrase of its row becomes that one
 * token, both when the dataset is indexed and when a question is read (see terms.ts), so "wounded"
 * in a question finds "injured" in a report and the other way round. Index terms are otherwise
 * lower case, so a concept token can never be reached by a prefix or fuzzy match of another word.
 */

/** Concept → the words and phrases that stand for it. Phrases are matched before words. */
export const CONCEPTS = {
  INJURED: [
    'injured',
    'injure',
    'injures',
    'injuring',
    'injury',
    'injuries',
    'wounded',
    'wound',
    'wounds',
    'wounding',
    'hurt',
    'hurting',
  ],
  KILLED: [
    'killed',
    'kill',
    'kills',
    'killing',
    'killings',
    'dead',
    'death',
    'deaths',
    'died',
    'die',
    'dies',
    'dying',
    'fatalities',
    'fatality',
    'fatal',
    'toll',
    'death toll',
    'body count',
    'lives',
    'slain',
    'martyred',
  ],
  ATTACKER: [
    'attackers',
    'attacker',
    'militants',
    'militant',
    'assailants',
    'assailant',
    'gunmen',
    'gunman',
    'terrorists',
    'terrorist',
    'insurgents',
    'insurgent',
    'fighters',
    'fighter',
    'raiders',
  ],
  ATTACK: ['attack', 'attacks', 'attacked', 'attacking', 'assault', 'assaults', 'raid', 'raids', 'ambush'],
  CLAIM: [
    'claimed',
    'claim',
    'claims',
    'claiming',
    'responsibility',
    'responsible',
    'behind',
    'perpetrator',
    'perpetrators',
    'perpetrated',
  ],
  BLAST: [
    'suicide bomber',
    'suicide bombers',
    'suicide bombing',
    'suicide attack',
    'car bomb',
    'vehicle bomb',
    'bomb',
    'bombs',
    'bombed',
    'bombing',
    'bombings',
    'bomber',
    'bombers',
    'blast',
    'blasts',
    'explosion',
    'explosions',
    'explosive',
    'explosives',
    'exploded',
    'ied',
    'vbied',
  ],
  POLICE: [
    'police',
    'policemen',
    'policeman',
    'policewomen',
    'policewoman',
    'officers',
    'officer',
    'cops',
    'cop',
    'constables',
    'constable',
  ],
  SOLDIER: [
    'security forces',
    'security personnel',
    'soldiers',
    'soldier',
    'troops',
    'troop',
    'army',
    'military',
    'servicemen',
    'serviceman',
  ],
  LOCATION: ['where', 'location', 'located', 'place', 'places', 'site', 'venue'],
  TIME: ['when', 'date', 'dated', 'time', 'day', 'hour'],
  GROUP: [
    'group',
    'groups',
    'organisation',
    'organisations',
    'organization',
    'organizations',
    'outfit',
    'faction',
  ],
  SPOKESMAN: ['spokesman', 'spokesmen', 'spokesperson', 'spokespersons', 'spokeswoman', 'spokespeople'],
  MOTIVE: [
    'why',
    'motive',
    'motives',
    'motivation',
    'motivated',
    'reason',
    'reasons',
    'retaliation',
    'retaliate',
    'retaliatory',
    'revenge',
    'reprisal',
    'avenge',
  ],
  HOSTAGE: ['hostage', 'hostages', 'kidnapped', 'kidnapping', 'abducted', 'abduction'],
  CASUALTY: ['casualty', 'casualties', 'victim', 'victims'],
} as const satisfies Record<string, readonly string[]>;

export type Concept = keyof typeof CONCEPTS;

/**
 * Question words that stand for a concept in a question only. In a report's prose they are
 * conjunctions ("killed when a bomber struck", "the town where"), and are not indexed.
 */
export const QUESTION_ONLY_WORDS: ReadonlySet<string> = new Set(['when', 'where', 'why']);

/** Phrases that are read as nothing: "the attack took place in X" says nothing about the place. */
export const STOP_PHRASES: readonly string[] = [
  'took place',
  'take place',
  'takes place',
  'taken place',
  'taking place',
];

/**
 * Words that carry no meaning for a search. Question words are here too: "who" and "how many"
 * steer the ranking as intents (below), not as terms to find. "when", "where" and "why" are not
 * here: they are concepts (TIME, LOCATION, MOTIVE), found in topics and in the reports' words.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about after against all also am an and any are as at be been before being both but by can could
  did do does doing done during each else even ever every for from get gets got had has have having he
  her here hers him his how i if in into is it its itself just let me more most much my no nor not now
  of off on once only or other our ours out over own per same say said says she should so some such
  tell than that the their theirs them then there these they this those through to too under until
  up upon us very was we were what whatever which while who whom whose will with would yes yet
  you your happen happens happened happening occur occurs occurred take takes took taken many number
  numbers count total figure figures exactly really please know show give me whats whos wheres hows
  thats`
    .split(/\s+/)
    .filter(Boolean),
);

export type Intent = 'count' | 'time' | 'location' | 'who' | 'sequence' | 'why' | 'said';

/**
 * What kind of answer a question asks for, read from its words (lower case, accents folded)
 * before they are searched. An intent raises the documents that answer that kind of question
 * (see search.ts): figures for `count`, time claims and dated events for `time`, location claims
 * and places for `location`, responsibility claims, groups and people for `who`, the sequence of
 * events for `sequence`, analysts' views, reactions and responsibility for `why`, and documents
 * whose speaker the question names for `said` ("what did the military say").
 */
export const INTENT_CUES: Record<Intent, readonly RegExp[]> = {
  count: [/\bhow\s+(many|much)\b/, /\bnumbers?\b/, /\bcount\b/, /\btotal\b/, /\bfigures?\b/, /\btoll\b/],
  time: [/\bwhen\b/, /\bwhat\s+(time|day|date)\b/, /\bdate\b/],
  location: [/\bwhere\b/, /\blocation\b/],
  who: [/\bwho\b/, /\bwhose\b/, /\bwhich\s+(group|organi[sz]ation|outfit)\b/],
  sequence: [/\bhow\s+(did|was|were|does|do)\b/, /\bwhat\s+happened\b/, /\bsequence\b/, /\bunfold/],
  why: [/\bwhy\b/, /\bmotive/, /\breasons?\b/, /\bpurpose\b/],
  said: [/\b(say|said|says|statement|stated|told|according)\b/],
};

/**
 * Intents that can answer a question on their own, when all its words are common ones: "what
 * happened", "who?". A bare "how many" cannot: it does not say what to count.
 */
export const STANDALONE_INTENTS: readonly Intent[] = ['time', 'location', 'who', 'sequence'];
