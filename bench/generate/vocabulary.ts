/**
 * The words of the generated reports: names, outlets, and the answers a report can give to each
 * declared point, each with the label readers see and its declared relations to the others.
 */
import { describeAmount } from '../../src/compare/intervals.js';
import { VAGUE_QUANTITIES, VAGUE_WORDS, type VagueWord } from '../../src/dataset/quantities.js';
import type { Qualifier } from '../../src/dataset/schema.js';
import type { Random } from './random.js';

// ---- Names ------------------------------------------------------------------------------------

// ---- Names ------------------------------------------------------------------------------------

export const SYLLABLES = [
  'ka',
  'ra',
  'zan',
  'dar',
  'mir',
  'bal',
  'sha',
  'kot',
  'pur',
  'nag',
  'tal',
  'gul',
  'har',
  'qas',
  'bad',
  'lak',
  'sor',
  'tan',
  'wal',
  'jam',
  'rud',
  'hes',
  'khor',
  'zab',
  'nur',
  'bar',
  'chak',
  'dam',
];

export function placeName(r: Random, suffixes: readonly string[]): string {
  const word = `${r.pick(SYLLABLES)}${r.pick(SYLLABLES)}${r.pick(suffixes)}`;
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export const FIRST_NAMES = [
  'Asad',
  'Bilal',
  'Farid',
  'Hamid',
  'Imran',
  'Javed',
  'Kamran',
  'Latif',
  'Majid',
  'Nadeem',
  'Omar',
  'Qasim',
  'Rashid',
  'Saeed',
  'Tariq',
  'Usman',
  'Waqar',
  'Yasir',
  'Zahid',
  'Ayesha',
  'Fatima',
  'Sana',
];
export const LAST_NAMES = [
  'Afridi',
  'Baloch',
  'Chaudhry',
  'Durrani',
  'Gilani',
  'Hashmi',
  'Jatoi',
  'Khattak',
  'Lodhi',
  'Marwat',
  'Niazi',
  'Orakzai',
  'Qureshi',
  'Rind',
  'Shinwari',
  'Tareen',
  'Wazir',
  'Yousafzai',
  'Zardari',
  'Mengal',
];
export const GROUP_PREFIXES = [
  'Tehreek-e',
  'Lashkar-e',
  'Jaish-e',
  'Harkat-ul',
  'Jamaat-ul',
  'Ansar-ul',
  'Hizb-ul',
];
export const GROUP_ROOTS = [
  'Jihad',
  'Nusrat',
  'Fateh',
  'Mujahideen',
  'Islam',
  'Ahrar',
  'Khorasan',
  'Furqan',
  'Tawheed',
  'Qital',
];
export const GROUP_REGIONS = ['Pakistan', 'Khorasan', 'Hind', 'Sindh', 'Frontier', 'Balochistan'];
export const OUTLETS = [
  'Frontier Post Daily',
  'Northern Herald',
  'Valley Times',
  'The Daily Dispatch',
  'Border Wire',
  'Capital Tribune',
  'Regional Observer',
  'The Morning Ledger',
  'Provincial News Service',
  'Asia Desk',
];
export const INSTITUTES = ['USIP', 'the Institute for Conflict Studies', 'the Centre for Security Research'];
/** News agencies whose copy wire reports carry. */
export const AGENCIES = ['Frontier Press Agency', 'Associated Regional Wire', 'Karvan News Service'];
/** Sites that republish other outlets' reports. */
export const AGGREGATORS = ['NewsHub Asia', 'Regional Digest Online', 'WorldWire Aggregator'];
/** Each country's military media wing: how its statements are titled. */
export const MEDIA_WINGS: Record<string, { name: string; short: string }> = {
  karvan: { name: 'Inter-Forces Public Relations', short: 'IFPR' },
  dashtan: { name: 'the Defence Media Directorate', short: 'DMD' },
  mirzal: { name: 'the Armed Forces Press Office', short: 'AFPO' },
};

// ---- Answers to the declared points -------------------------------------------------------------

/** One answer to a point: how reports word it in a sentence, and the declared position it stands for. */
export interface Choice {
  id: string;
  /** The report's wording, inside a sentence. */
  text: string;
  /** As readers see it. */
  label: string;
  broader_than?: string[];
  compatible_with?: string[];
  contradicts?: string[];
  synonyms?: string[];
}

export const TARGETS: readonly Choice[] = [
  { id: 'police-station', text: 'a police station', label: 'a police station' },
  {
    id: 'army-checkpoint',
    text: 'an army checkpoint',
    label: 'an army checkpoint',
    compatible_with: ['security-post'],
  },
  { id: 'security-post', text: 'a security post', label: 'a security post' },
  { id: 'market', text: 'a crowded market', label: 'a crowded market', synonyms: ['bazaar'] },
  { id: 'convoy', text: 'a military convoy', label: 'a military convoy' },
  { id: 'mosque', text: 'a mosque', label: 'a mosque' },
  { id: 'court-building', text: 'a court building', label: 'a court building' },
];
/** A broader answer some reports give for the first three targets. */
export const SECURITY_INSTALLATION: Choice = {
  id: 'security-installation',
  text: 'a security installation',
  label: 'a security installation',
  broader_than: ['police-station', 'army-checkpoint', 'security-post'],
};

export interface Method extends Choice {
  /** The incident's attack type. */
  attack: string;
}
export const METHODS: readonly Method[] = [
  {
    id: 'vehicle-borne-bomb',
    text: 'rammed an explosive-laden vehicle into',
    label: 'an explosive-laden vehicle was rammed into the target',
    attack: 'vehicle-borne suicide bombing',
    synonyms: ['car bomb', 'truck bomb', 'vbied'],
  },
  {
    id: 'suicide-bomber',
    text: 'sent a suicide bomber into',
    label: 'a suicide bomber struck',
    attack: 'suicide bombing',
    compatible_with: ['vehicle-borne-bomb'],
  },
  { id: 'gun-attack', text: 'opened fire on', label: 'gunmen opened fire', attack: 'armed assault' },
  {
    id: 'roadside-bomb',
    text: 'detonated a roadside bomb near',
    label: 'a roadside bomb was set off',
    attack: 'improvised explosive device',
    synonyms: ['ied'],
  },
  { id: 'rocket-attack', text: 'fired rockets at', label: 'rockets were fired', attack: 'rocket attack' },
];
/** A broader answer: true of every method that uses a bomb. */
export const BOMBING: Choice = {
  id: 'bombing',
  text: 'bombed',
  label: 'a bombing',
  broader_than: ['vehicle-borne-bomb', 'suicide-bomber', 'roadside-bomb'],
};

export const TIMES: readonly Choice[] = [
  { id: 'pre-dawn', text: 'before dawn', label: 'before dawn' },
  {
    id: 'early-morning',
    text: 'early in the morning',
    label: 'early in the morning',
    compatible_with: ['pre-dawn'],
  },
  { id: 'midday', text: 'around midday', label: 'around midday' },
  { id: 'evening', text: 'in the evening', label: 'in the evening' },
  { id: 'night', text: 'late at night', label: 'late at night' },
];
export const MORNING: Choice = {
  id: 'morning',
  text: 'in the morning',
  label: 'in the morning',
  broader_than: ['early-morning'],
};

/** Facets of what followed the first blast: they differ only where declared to contradict. */
export const SEQUENCES: readonly Choice[] = [
  {
    id: 'gun-battle-followed',
    text: 'a gun battle followed that lasted several hours',
    label: 'a gun battle followed',
  },
  {
    id: 'building-collapsed',
    text: 'part of the building collapsed after the blast',
    label: 'part of a building collapsed',
  },
  {
    id: 'attackers-stormed',
    text: 'other attackers then stormed the compound',
    label: 'other attackers stormed the compound',
  },
  {
    id: 'no-gun-battle',
    text: 'the attackers blew themselves up before a shot was fired',
    label: 'the attackers blew themselves up before any exchange of fire',
    contradicts: ['gun-battle-followed', 'attackers-stormed'],
  },
];

/** Facets of how a group is described. */
export const CHARACTERISATIONS: readonly Choice[] = [
  { id: 'splinter-group', text: 'a splinter group', label: 'a splinter group' },
  { id: 'front-organisation', text: 'a front organisation', label: 'a front organisation' },
  {
    id: 'relatively-unknown',
    text: 'a relatively unknown militant group',
    label: 'a relatively unknown militant group',
  },
  { id: 'cover-for-others', text: 'a cover used by other groups', label: 'a cover for other groups' },
  {
    id: 'recently-emerged',
    text: 'a group that emerged only recently',
    label: 'a group that emerged recently',
  },
  {
    id: 'long-established',
    text: 'a long-established militant group',
    label: 'a long-established militant group',
    contradicts: ['relatively-unknown', 'recently-emerged'],
  },
];

export const CHANNELS = [
  { phrase: 'in a message on Telegram', medium: 'Telegram post' },
  { phrase: 'in a statement to reporters', medium: 'statement to reporters' },
  { phrase: 'in an audio message', medium: 'audio message' },
  { phrase: 'on its website', medium: 'website post' },
  { phrase: 'in a call to a news agency', medium: 'telephone call to a news agency' },
];
export const MOTIVES = [
  'the attack may have been retaliation for recent military operations in the area',
  'the timing suggested the group wanted to show it could still strike the security forces',
  'the attack was meant to disrupt talks between the two governments',
];

// ---- Measures and figures -------------------------------------------------------------------------

export interface MeasureSpec {
  id: string;
  label: string;
  part_of?: string | string[];
  synonyms: string[];
  topic: 'casualties' | 'attackers';
  /** The reports' words for who was counted. */
  counted: readonly string[];
  /** What follows the amount: "at least 24 soldiers were killed". */
  predicate: string;
  /** Reports also give it in vague words ("dozens of people were wounded"). */
  vague: boolean;
}

export const MEASURES: readonly MeasureSpec[] = [
  {
    id: 'killed',
    label: 'All killed (security forces, civilians and attackers)',
    synonyms: ['dead', 'deaths', 'death toll', 'fatalities'],
    topic: 'casualties',
    counted: ['people', 'persons'],
    predicate: 'were killed',
    vague: true,
  },
  {
    id: 'killed.security_forces',
    label: 'Security forces killed (officers, soldiers)',
    part_of: 'killed',
    synonyms: ['soldiers killed', 'officers killed', 'police killed'],
    topic: 'casualties',
    counted: ['officers', 'soldiers', 'policemen', 'security personnel'],
    predicate: 'were killed',
    vague: true,
  },
  {
    id: 'killed.civilians',
    label: 'Civilians killed',
    part_of: 'killed',
    synonyms: ['civilians killed', 'bystanders'],
    topic: 'casualties',
    counted: ['civilians', 'bystanders'],
    predicate: 'were killed',
    vague: true,
  },
  {
    id: 'killed.militants',
    label: 'Militants killed',
    part_of: 'killed',
    synonyms: ['militants killed', 'insurgents killed'],
    topic: 'casualties',
    counted: ['militants'],
    predicate: 'were killed',
    vague: true,
  },
  {
    id: 'injured',
    label: 'People injured',
    synonyms: ['wounded', 'hurt', 'injuries'],
    topic: 'casualties',
    counted: ['people', 'others'],
    predicate: 'were wounded',
    vague: true,
  },
  {
    id: 'injured.critical',
    label: 'People critically injured',
    part_of: 'injured',
    synonyms: ['critical condition', 'seriously injured'],
    topic: 'casualties',
    counted: ['people', 'patients'],
    predicate: 'were in critical condition',
    vague: false,
  },
  {
    id: 'attackers.total',
    label: 'Attackers taking part',
    synonyms: ['how many attackers', 'number of attackers', 'gunmen'],
    topic: 'attackers',
    counted: ['attackers', 'gunmen'],
    predicate: 'took part',
    vague: false,
  },
  {
    id: 'attackers.killed',
    label: 'Attackers killed',
    part_of: ['killed.militants', 'attackers.total'],
    synonyms: ['attackers killed', 'assailants killed'],
    topic: 'attackers',
    counted: ['attackers', 'militants'],
    predicate: 'were killed',
    vague: false,
  },
  {
    id: 'attackers.suicide_bombers',
    label: 'Suicide bombers among the attackers killed',
    part_of: 'attackers.killed',
    synonyms: ['suicide bombers'],
    topic: 'attackers',
    counted: ['attackers'],
    predicate: 'were suicide bombers',
    vague: false,
  },
];

export function measureSpec(id: string): MeasureSpec {
  const found = MEASURES.find((m) => m.id === id);
  if (!found) throw new Error(`generator: no measure ${id}`);
  return found;
}

/** "at least 24 soldiers": the amount in the product's words for qualifiers, then who was counted. */
export function numberAmount(value: number, qualifier: Qualifier, counted: string): string {
  return `${describeAmount({ value, qualifier, counted, includes: [] })} ${counted}`;
}

/** How a report gives a figure: a number with a qualifier, or vague words. Exact figures are the most common. */
export type Form = Qualifier | 'vague';
export const FORMS: readonly Form[] = [
  'exact',
  'exact',
  'exact',
  'at_least',
  'more_than',
  'about',
  'nearly',
  'up_to',
  'vague',
];

/** The reports' words for one of those counted: "1 soldier was killed". */
const SINGULAR: Record<string, string> = {
  people: 'person',
  persons: 'person',
  officers: 'officer',
  soldiers: 'soldier',
  policemen: 'policeman',
  'security personnel': 'member of the security forces',
  civilians: 'civilian',
  bystanders: 'bystander',
  militants: 'militant',
  others: 'other person',
  patients: 'patient',
  attackers: 'attacker',
  gunmen: 'gunman',
  'suicide bombers': 'suicide bomber',
};

/** `counted` as said of `n`: singular for one. */
export function countedFor(n: number, counted: string): string {
  return n === 1 ? (SINGULAR[counted] ?? counted) : counted;
}

/** "24 soldiers were killed", "1 soldier was killed" */
export function predicateFor(n: number | undefined, predicate: string): string {
  return n === 1 ? predicate.replace(/^were\b/, 'was') : predicate;
}

/** Vague words said with "of": "dozens of soldiers", but "several soldiers". */
const WORDS_WITH_OF = new Set<VagueWord>(['dozens', 'scores', 'hundreds', 'thousands', 'a handful']);

/** "dozens of soldiers", "two dozen soldiers" */
export function vagueAmount(words: VagueWord, counted: string): string {
  return `${words}${WORDS_WITH_OF.has(words) ? ' of' : ''} ${counted}`;
}

/** A vague word whose interval holds `n` (see quantities.ts), or undefined when none does. */
export function vagueWordFor(r: Random, n: number): VagueWord | undefined {
  const fitting = VAGUE_WORDS.filter((w) => VAGUE_QUANTITIES[w].lo <= n && n <= VAGUE_QUANTITIES[w].hi);
  return fitting.length > 0 ? r.pick(fitting) : undefined;
}
