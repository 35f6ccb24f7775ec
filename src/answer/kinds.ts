/**
 * Reading a question: its kind from the cue table (vocabulary.ts), a number it states, a date it
 * names, the actors it names (speakers, people, groups, places by their names and aliases), and
 * whether it asks for a whole total. Misspelt cue words within one edit still count.
 */
import { isValid, parseISO } from 'date-fns';
import { distance } from 'fastest-levenshtein';
import type { Dataset } from '../dataset/dataset.js';
import { oncePerDataset } from '../dataset/memo.js';
import { CONCEPTS, STOP_WORDS } from '../search/synonyms.js';
import { fold } from '../search/terms.js';
import {
  DEED_CUES,
  FIGURE_WHY_WORDS,
  IDENTITY_OPENINGS,
  KIND_CUES,
  KIND_TOPICS,
  type QuestionKind,
  WHOLE_WORDS,
  YES_NO_OPENINGS,
} from './vocabulary.js';

export interface ReadQuestion {
  kind: QuestionKind;
  number?: number;
  /** A day the question names, as YYYY-MM-DD. */
  date?: string;
  actors: string[];
  /** The same actors, grouped by the words of the question that name them, in its order. */
  mentions: string[][];
  /** The question asks about an actor's words or deeds ("what did Pakistan say"), not a point. */
  actorAsked: boolean;
  whole: boolean;
  topics: readonly string[];
  /** A "why" that asks why the figures differ, not why the attack happened. */
  figuresWhy: boolean;
  /** The words after an opening that asks what someone or something is ("who is …"), if it has one. */
  identity?: string[];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export function readQuestion(dataset: Dataset, question: string): ReadQuestion {
  const words = fold(question)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const date = dateIn(words);
  const number = numberIn(words, date !== undefined);
  const mentions = mentionsIn(dataset, words);
  const actors = mentions.flat();
  const reading = readingOf(words);
  const kind = kindOf(reading, words[0], number);
  return {
    kind,
    ...(number === undefined ? {} : { number }),
    ...(date === undefined ? {} : { date }),
    actors,
    mentions,
    // A place speaks as its government ("what did Afghanistan say"), but names no one who condemned.
    actorAsked:
      (kind === 'said' && actors.length > 0) ||
      (kind === 'who' &&
        actors.some((id) => dataset.entityById.get(id)?.kind !== 'place') &&
        hasCue(reading, DEED_CUES)),
    whole: hasCue(reading, WHOLE_WORDS),
    figuresWhy: number !== undefined || hasCue(reading, FIGURE_WHY_WORDS),
    topics: KIND_TOPICS[kind] ?? [],
    ...identityWords(words),
  };
}

/** "who is the prime minister" → prime, minister: the words of substance after an identity opening. */
function identityWords(words: readonly string[]): { identity?: string[] } {
  const opening = IDENTITY_OPENINGS.map((o) => o.split(' ')).find((o) => o.every((w, i) => words[i] === w));
  if (!opening) return {};
  return { identity: words.slice(opening.length).filter((w) => !STOP_WORDS.has(w)) };
}

function kindOf(reading: Reading, first: string | undefined, number: number | undefined): QuestionKind {
  const opensYesNo = YES_NO_OPENINGS.includes(first ?? '');
  for (const [kind, cues] of KIND_CUES) {
    if (kind === 'why' || kind === 'latest') {
      if (hasCue(reading, cues)) return kind;
    }
  }
  if (number !== undefined || opensYesNo) return 'check';
  for (const [kind, cues] of KIND_CUES) if (hasCue(reading, cues)) return kind;
  return 'other';
}

/** Each word of a question as it may be read: itself, or, misspelt, the cue words within one edit. */
type Reading = readonly ReadonlySet<string>[];

function readingOf(words: readonly string[]): Reading {
  return words.map((word) => new Set([word, ...cueWords().filter((cue) => near(word, cue))]));
}

let cues: readonly string[] | undefined;

/** A word of the cue table ("far", "latest"): it says what kind of answer is asked, not about what. */
export function isCueWord(word: string): boolean {
  return cueWords().includes(word);
}

/** Every word of every cue phrase. */
function cueWords(): readonly string[] {
  cues ??= [
    ...new Set(
      [
        ...KIND_CUES.flatMap(([, phrases]) => phrases),
        ...WHOLE_WORDS,
        ...DEED_CUES,
        ...FIGURE_WHY_WORDS,
      ].flatMap(wordsOf),
    ),
  ];
  return cues;
}

function hasCue(reading: Reading, phrases: readonly string[]): boolean {
  return phrases.some((phrase) => hasPhrase(reading, phrase));
}

/** A cue phrase in the question, each word as typed or misspelt by one letter. */
function hasPhrase(reading: Reading, phrase: string): boolean {
  const parts = phraseParts(phrase);
  return reading.some((_, i) => parts.every((p, j) => reading[i + j]?.has(p) ?? false));
}

/** The cue phrases' words, split once: every question is read against all of them. */
const splitPhrases = new Map<string, readonly string[]>();

function phraseParts(phrase: string): readonly string[] {
  let parts = splitPhrases.get(phrase);
  if (parts === undefined) {
    parts = phrase.split(' ');
    splitPhrases.set(phrase, parts);
  }
  return parts;
}

/**
 * A cue word misspelt by one letter, when both have four letters or more ("tol" is as near "told"
 * as "toll": too short to read as either); a word known as it is ("were", "toll") is never a
 * misspelt cue ("where", "tell").
 */
function near(word: string, cue: string): boolean {
  return (
    word !== cue &&
    cue.length >= 4 &&
    word.length >= 4 &&
    Math.abs(word.length - cue.length) <= 1 &&
    !knownWords().has(word) &&
    distance(word, cue) <= 1
  );
}

let known: ReadonlySet<string> | undefined;

function knownWords(): ReadonlySet<string> {
  known ??= new Set([
    ...STOP_WORDS,
    ...Object.values(CONCEPTS).flat().flatMap(wordsOf),
    ...KIND_CUES.flatMap(([, cues]) => cues.flatMap(wordsOf)),
    ...YES_NO_OPENINGS,
  ]);
  return known;
}

/** A text's words, folded: "Tehreek-e-Jihad (TJP)" → tehreek, e, jihad, tjp. */
export function wordsOf(text: string): string[] {
  return fold(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** A number the question states ("they said 30 died"), not a day or a year. */
function numberIn(words: readonly string[], hasDate: boolean): number | undefined {
  for (const [i, word] of words.entries()) {
    if (!/^\d+$/.test(word)) continue;
    const value = Number(word);
    const nextToMonth = MONTHS.some((m) => words[i + 1]?.startsWith(m) || words[i - 1]?.startsWith(m));
    if (value >= 1900 || (hasDate && nextToMonth)) continue;
    return value;
  }
  return undefined;
}

/** "12 December", "December 12", "2023-12-12": the day named, in 2023 unless a year is given. */
function dateIn(words: readonly string[]): string | undefined {
  const year = words.find((w) => /^(19|20)\d\d$/.test(w)) ?? '2023';
  for (const [i, word] of words.entries()) {
    const month = MONTHS.findIndex((m) => word.startsWith(m) && word.length >= 3);
    if (month < 0) continue;
    const day = [words[i - 1], words[i + 1]].find((w) => w !== undefined && /^\d{1,2}$/.test(w));
    const date = day && `${year}-${String(month + 1).padStart(2, '0')}-${day.padStart(2, '0')}`;
    // "Apr 31" is no day.
    if (date && isValid(parseISO(date))) return date;
  }
  return undefined;
}

/** Each declared speaker, person, group and place by the words of its names. */
const actorNames = oncePerDataset((dataset) =>
  [
    ...dataset.speakers.map((s) => ({ id: s.id, names: [s.name] })),
    ...dataset.people.map((p) => ({ id: p.id, names: [p.name, ...p.aliases] })),
    ...dataset.groups.map((g) => ({ id: g.id, names: [g.name, g.short ?? '', ...g.aliases] })),
    ...dataset.places.map((p) => ({ id: p.id, names: [p.name, ...p.aliases] })),
  ].map(({ id, names }) => ({
    id,
    names: names.filter(Boolean).map((n) =>
      fold(n)
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length > 2 && !COMMON.has(w)),
    ),
  })),
);

/** The actors each word of a name may name: a question is read against those of its words only. */
const actorsByWord = oncePerDataset((dataset) => {
  const index = new Map<string, ReturnType<typeof actorNames>>();
  for (const actor of actorNames(dataset))
    for (const word of new Set(actor.names.flat())) index.set(word, [...(index.get(word) ?? []), actor]);
  return index;
});

/** Words of names that say nothing of who is meant. */
const COMMON = new Set([
  'the',
  'and',
  'officials',
  'official',
  'security',
  'sources',
  'source',
  'reports',
  'report',
]);

/**
 * The actors a question names, grouped by where it names them, in the question's order: "what did
 * Pakistan say to Afghanistan" → [the Pakistani state, its Foreign Office, the country], then
 * [Afghanistan]. An actor named in full is matched where its name starts; one sharing only a
 * distinctive word of a name ("Pakistan" for its Foreign Office) joins the mention of that word.
 */
function mentionsIn(dataset: Dataset, words: readonly string[]): string[][] {
  const at = new Map<string, number>(words.map((w, i) => [w, i] as const).reverse());
  const firstOf = (name: readonly string[]) => Math.min(...name.map((w) => at.get(w) ?? Infinity));
  const mentions = new Map<number, { full: string[]; partly: string[] }>();
  const byWord = actorsByWord(dataset);
  const candidates = new Set(words.flatMap((w) => byWord.get(w) ?? []));
  for (const actor of candidates) {
    const full = actor.names.filter((n) => n.length > 0 && n.every((w) => at.has(w)));
    const partly = actor.names.flatMap((n) => n.filter((w) => w.length > 3 && at.has(w)));
    const where =
      full.length > 0 ? Math.min(...full.map(firstOf)) : Math.min(...partly.map((w) => firstOf([w])));
    if (where === Infinity) continue;
    const mention = mentions.get(where) ?? { full: [], partly: [] };
    (full.length > 0 ? mention.full : mention.partly).push(actor.id);
    mentions.set(where, mention);
  }
  // Those named in full first: "Taliban" is the Afghan Taliban's own name, a word of the TTP's. A
  // group named only in part is then another group, not one who speaks for the one named.
  const speaksFor = (id: string) => dataset.entityById.get(id)?.kind !== 'group';
  return [...mentions]
    .sort(([a], [b]) => a - b)
    .map(([, m]) => [...m.full, ...(m.full.length > 0 ? m.partly.filter(speaksFor) : m.partly)]);
}

/** The names of the places each incident happened in that no other incident shares: "Mastung", "Daraban". */
const incidentWords = oncePerDataset((dataset) => {
  const places = dataset.incidents.map((i) => ({ id: i.id, places: new Set(i.place.place_ids ?? []) }));
  return places.map(({ id, places: own }) => ({
    id,
    names: [...own]
      .filter((place) => places.every((o) => o.id === id || !o.places.has(place)))
      .flatMap((place) => {
        const entity = dataset.entityById.get(place);
        return entity?.kind === 'place' ? [entity.value.name, ...entity.value.aliases].map(wordsOf) : [];
      }),
  }));
});

/** The incident a question names by a place only it happened in, if any. */
export function incidentNamedIn(dataset: Dataset, question: string): string | undefined {
  const asked = new Set(wordsOf(question));
  return incidentWords(dataset).find((i) =>
    i.names.some((name) => name.length > 0 && name.every((w) => asked.has(w))),
  )?.id;
}

/** A question without the names of the places only its incident happened in. */
export function withoutIncidentNames(dataset: Dataset, question: string, incident: string): string {
  const names = new Set(
    incidentWords(dataset)
      .find((i) => i.id === incident)
      ?.names.flat() ?? [],
  );
  if (names.size === 0) return question;
  return question
    .split(/\s+/)
    .filter((word) => !wordsOf(word).some((w) => names.has(w)))
    .join(' ');
}
