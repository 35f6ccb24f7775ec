/**
 * The words that mark what kind of answer a question wants, in one table. What a question is
 * about (a measure, a point, an actor) is read from the dataset's own words instead: measures' and
 * points' labels and synonyms, names and aliases. A curator extends either without code.
 */
export type QuestionKind =
  | 'why'
  | 'latest'
  | 'how_far'
  | 'how_many'
  | 'check'
  | 'who'
  | 'said'
  | 'where'
  | 'when'
  | 'how'
  | 'other';

/** Words that say reports disagree: a "why" cue, and a "why" about the figures. */
const DIFFER_WORDS: readonly string[] = [
  'differ',
  'different',
  'difference',
  'disagree',
  'discrepancy',
  'vary',
  'varies',
  'inconsistent',
  'consistent',
  'contradict',
  'contradictory',
];

/** Kinds in the order they are tried: the first whose cue is in the question wins. */
export const KIND_CUES: readonly (readonly [QuestionKind, readonly string[]])[] = [
  ['why', ['why', ...DIFFER_WORDS]],
  ['latest', ['latest', 'newest', 'most recent', 'current', 'updated', 'update', 'changed', 'since']],
  ['how_far', ['how far', 'distance', 'far from', 'kilometres', 'kilometers', 'km', 'miles']],
  [
    'said',
    [
      'what did',
      'what has',
      'say',
      'said',
      'says',
      'tell',
      'told',
      'statement',
      'react',
      'reaction',
      'response',
      'respond',
      'responded',
    ],
  ],
  [
    'how_many',
    [
      'how many',
      'how much',
      'number',
      'toll',
      'count',
      'total',
      'figure',
      'casualties',
      'estimate',
      'conservative',
      'lowest',
      'highest',
    ],
  ],
  ['who', ['who', 'whom', 'whose', 'which group']],
  ['where', ['where', 'location', 'which town', 'which province', 'which district']],
  ['when', ['when', 'what time', 'what day', 'which day', 'date']],
  ['how', ['how did', 'how was', 'how were', 'what happened', 'sequence', 'unfold', 'order of events']],
];

/** Opening words of a question answered yes or no; a number in a statement is checked the same way. */
export const YES_NO_OPENINGS: readonly string[] = [
  'did',
  'was',
  'were',
  'is',
  'are',
  'does',
  'do',
  'has',
  'have',
  'had',
  'any',
];

/**
 * For a kind that asks about a point without naming one, the topics of the points that answer it.
 * (`who` claimed it, `where`, `when`, `how` it unfolded.)
 */
export const KIND_TOPICS: Partial<Record<QuestionKind, readonly string[]>> = {
  who: ['responsibility'],
  where: ['location'],
  when: ['time'],
  how: ['sequence'],
};

/**
 * Words that ask for a total with everything it includes, not the part most reports give. "all"
 * alone is not one: "did the attackers all die", "were the dead all soldiers".
 */
export const WHOLE_WORDS: readonly string[] = ['including', 'altogether', 'overall', 'in all', 'all told'];

/** Words by which a "who" question asks what an actor it names did ("who condemned it, Bugti?"). */
export const DEED_CUES: readonly string[] = ['condemned', 'condemn', 'said'];

/** Openings that ask what an actor named after them is ("who is Sarfraz Bugti", "what is TJP"). */
export const IDENTITY_OPENINGS: readonly string[] = [
  'who is',
  'who was',
  'who are',
  'who were',
  'what is',
  'what was',
  'what are',
  'tell me about',
];

/**
 * Verbs that ask about an event without naming anything in it ("how did it begin", "where did the
 * bomb go off"): no report need hold them for a question to be about the incident.
 */
export const EVENT_VERBS: readonly string[] = `begin begins began begun start starts started starting
  end ends ended go goes went gone going come comes came off unfold unfolded unfolding carry carried
  out use used make made get got look looks like lead led result resulted cause caused see saw seen`
  .split(/\s+/)
  .filter(Boolean);

/**
 * Words by which a "why" question asks why the figures differ, not why the attack happened
 * ("why do the numbers differ", against "why did they attack").
 */
export const FIGURE_WHY_WORDS: readonly string[] = [
  ...DIFFER_WORDS,
  'number',
  'numbers',
  'figure',
  'figures',
  'toll',
  'count',
  'counts',
  'tally',
  'reports',
];

/**
 * Words of reports' labels that name no one report ("ARY News", "The Hills Times"): a question
 * names a report by the other words of its label.
 */
export const REPORT_LABEL_COMMON: readonly string[] = [
  'the',
  'news',
  'times',
  'com',
  'copy',
  'online',
  'daily',
  'tv',
];

/**
 * Words that name no one in particular ("did anyone claim it"): a point or measure that answers the
 * rest of a question answers it, but a report's words must still hold them to say "yes" to a fact
 * ("was anyone arrested" is not "asked Kabul to arrest the attackers").
 */
export const INDEFINITE_WORDS: readonly string[] = [
  'anyone',
  'anybody',
  'someone',
  'somebody',
  'anything',
  'something',
];
