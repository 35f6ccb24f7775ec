/**
 * The dataset's own words, gathered once for a draft: what each measure is called (its id, label and
 * synonyms, and the synonyms of the totals it is part of), who can speak (declared speakers, people,
 * groups, and the statements they issued, by title), what can be named (groups, people, places), and
 * the positions of declared points. A curator widens what the drafter recognises by adding words to
 * the data, never by changing code.
 */
import type { Dataset } from '../dataset/dataset.js';
import type { Measure, Point, Position } from '../dataset/schema.js';
import { stem, stemsOf } from './text.js';

export interface MeasureWords {
  measure: Measure;
  /** Each phrase the measure is known by, as stems; a stem may be met by any of its equivalents. */
  phrases: string[][];
}

export type SpeakerKind = 'speaker' | 'person' | 'group';

export interface Name {
  /** The id a claim names. */
  id: string;
  kind: SpeakerKind | 'place';
  /** The name as stems, in order. */
  stems: string[];
  /** Written in capitals ("TTP", "US"): matched only as written, never as a common word. */
  exact?: string;
  /** Only the last word of a declared speaker's name ("military" of "the Pakistani military"): a full name wins over it. */
  head?: boolean;
}

export interface PositionWords {
  point: Point;
  position: Position;
  phrases: string[][];
  /** The point's own words ("target", "where"): a label shared by several points needs one of them. */
  pointStems: Set<string>;
  /** The phrases that are the position's synonyms, which name it whatever the point. */
  synonymPhrases: string[][];
}

export interface Vocabulary {
  measures: MeasureWords[];
  /** Stems that mean the same for counting: a total's one-word synonyms stand for its id ("died" for "killed"). */
  equivalents: Map<string, Set<string>>;
  speakers: Name[];
  places: Name[];
  /** The statements each speaker issued, and the words of their titles ("ISPR"). */
  statements: { id: string; speaker: string; date?: string; stems: string[] }[];
  positions: PositionWords[];
  /** The ids of groups responsible for an incident, and of their people: a claim of theirs is a perpetrator's. */
  perpetrators: Set<string>;
}

export function vocabularyOf(dataset: Dataset): Vocabulary {
  const equivalents = equivalentStems(dataset.measures);
  const speakers = [
    ...dataset.speakers.map((s) => [
      ...namesOf(s.id, 'speaker', [s.name, ...s.aliases]),
      ...headOf(s.id, s.name),
    ]),
    ...dataset.people.map((p) => namesOf(p.id, 'person', [p.name, ...p.aliases, surname(p.name)])),
    ...dataset.groups.map((g) =>
      namesOf(g.id, 'group', [g.name, ...(g.short ? [g.short] : []), ...g.aliases]),
    ),
  ].flat();
  const statements = dataset.statements.map((s) => ({
    id: s.id,
    speaker: s.speaker,
    ...(s.date ? { date: s.date } : {}),
    stems: stemsOf(s.title).filter((x) => !STATEMENT_WORDS.has(x)),
  }));
  // A statement's title names who issued it ("ISPR statement"): its other words are a name of its speaker.
  for (const statement of dataset.statements) {
    const title = statement.title.replace(/\b(statement|press release|post|release)\b/gi, '').trim();
    const kind = speakers.find((n) => n.id === statement.speaker)?.kind;
    if (title && kind) speakers.push(...namesOf(statement.speaker, kind, [title]));
  }
  const responsible = new Set(
    dataset.incidents.flatMap((i) => (i.responsible_group ? [i.responsible_group] : [])),
  );
  const perpetrators = new Set([
    ...responsible,
    ...dataset.people.filter((p) => p.group && responsible.has(p.group)).map((p) => p.id),
  ]);
  return {
    measures: dataset.measures.map((measure) => ({ measure, phrases: measurePhrases(measure) })),
    equivalents,
    speakers,
    places: dataset.places.flatMap((p) => namesOf(p.id, 'place', [p.name, ...p.aliases])),
    statements,
    positions: dataset.points.flatMap((point) =>
      point.positions.map((position) => positionWords(point, position)),
    ),
    perpetrators,
  };
}

const STATEMENT_WORDS = new Set(['statement', 'press', 'release', 'post'].map(stem));

function measurePhrases(measure: Measure): string[][] {
  const label = measure.label.replace(/\([^)]*\)/g, ' ');
  const id = measure.id.replace(/[._-]+/g, ' ');
  return [id, label, ...measure.synonyms].map(stemsOf).filter((phrase) => phrase.length > 0);
}

/**
 * "killed" is met by "died", "dead", "deaths" where the measure `killed` has them as synonyms, and
 * "injured" by "wounded": a total's one-word synonyms stand for the word of its id, in every measure
 * that uses that word ("soldiers killed" is met by "the deaths of two soldiers").
 */
function equivalentStems(measures: readonly Measure[]): Map<string, Set<string>> {
  const equivalents = new Map<string, Set<string>>();
  for (const measure of measures) {
    const idStems = stemsOf(measure.id.replace(/[._-]+/g, ' '));
    if (idStems.length !== 1) continue;
    const [word] = idStems as [string];
    const same = equivalents.get(word) ?? new Set([word]);
    for (const synonym of measure.synonyms) {
      const stems = stemsOf(synonym);
      if (stems.length === 1) same.add(stems[0] as string);
    }
    equivalents.set(word, same);
  }
  return equivalents;
}

function namesOf(id: string, kind: Name['kind'], names: readonly string[]): Name[] {
  return [...new Set(names)]
    .map((name) => name.replace(/^the\s+/i, ''))
    .filter((name) => name.length > 0)
    .map((name) => ({
      id,
      kind,
      stems: stemsOfName(name),
      ...(/^[\p{Lu}.]+$/u.test(name) && name.replace(/\./g, '').length <= 4 ? { exact: name } : {}),
    }))
    .filter((n) => n.stems.length > 0);
}

/** A name's words, all of them: in a name "the" or "of" are part of it, but case is not. */
function stemsOfName(name: string): string[] {
  return name
    .split(/\s+/)
    .map((w) => stem(w.replace(/[^\p{L}\p{N}.'’-]/gu, '')))
    .filter((w) => w.length > 0);
}

/**
 * "the military" for "the Pakistani military", "experts" for "military experts": a declared
 * speaker's name ending in a common noun is known by that noun alone too.
 */
function headOf(id: string, name: string): Name[] {
  const words = name.replace(/^the\s+/i, '').split(/\s+/);
  const last = words.at(-1) ?? '';
  if (words.length < 2 || !/^\p{Ll}+$/u.test(last)) return [];
  return [{ id, kind: 'speaker', stems: [stem(last)], head: true }];
}

/** "Sarfraz Bugti" is "Bugti" later in a report. */
function surname(name: string): string {
  return name.split(/\s+/).at(-1) ?? name;
}

function positionWords(point: Point, position: Position): PositionWords {
  const synonymPhrases = position.synonyms.map(stemsOf).filter((p) => p.length > 0);
  return {
    point,
    position,
    phrases: [stemsOf(position.label), ...synonymPhrases].filter((p) => p.length > 0),
    pointStems: new Set([point.label, ...point.synonyms].flatMap(stemsOf)),
    synonymPhrases,
  };
}
