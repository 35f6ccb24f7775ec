/**
 * The answer to a question, as a value: what kind of question it is, what it is about (a measure,
 * a point, an actor), the figure groups or positions it cites with their reports and origins, the
 * verdict, and what the data does not hold. Everything cited comes from the comparison; sentence.ts
 * turns the value into the reply's first sentence.
 */
import type { Verdict } from '../compare/claims.js';
import { compareFigures, conflictingGroups, isWithin, type MeasureComparison } from '../compare/figures.js';
import { describeAmount, intervalsOverlap } from '../compare/intervals.js';
import { compareStatements, type PointComparison } from '../compare/statements.js';
import type { ClaimRecord, Dataset } from '../dataset/dataset.js';
import { labelOf } from '../dataset/labels.js';
import { memoPerDataset, oncePerDataset } from '../dataset/memo.js';
import { condenseQuestion } from '../search/answers.js';
import {
  askedTerms,
  type Named,
  namedInQuestion,
  QUESTION_WORDS,
  subjectTerms,
  termsOf,
} from '../search/named.js';
import { searchDataset, unheardWords } from '../search/search.js';
import { CONCEPTS, STOP_WORDS } from '../search/synonyms.js';
import { isConcept, processTerm } from '../search/terms.js';
import { type Cited, citeGroups, type FigureCluster } from './clusters.js';
import { isCueWord, readQuestion, withoutIncidentNames, wordsOf } from './kinds.js';
import { EVENT_VERBS, INDEFINITE_WORDS, type QuestionKind, REPORT_LABEL_COMMON } from './vocabulary.js';

export type { Cited, FigureCluster } from './clusters.js';

/** yes / no / reports differ for a checked figure or fact; the comparison's own verdict otherwise. */
export type AnswerVerdict = Verdict | 'yes' | 'no' | 'reports_differ' | 'not_in_data';

export interface PositionCited extends Cited {
  position: string;
  label: string;
}

export interface ClaimCited {
  claim: string;
  statement: string;
  speaker: string;
  sources: string[];
}

/** One reason figures differ, as the comparison records it. */
export type Reason =
  | { kind: 'counted'; words: string[] }
  | { kind: 'includes'; amount: string }
  | { kind: 'span'; amounts: string[] }
  | { kind: 'relayed'; statements: string[] }
  | { kind: 'error'; claim: string; source: string }
  | { kind: 'claimed'; claim: string; speaker: string }
  | { kind: 'qualifiers' }
  | { kind: 'rose'; first: { date: string; amounts: string[] }; last: { date: string; amounts: string[] } };

export interface AnswerValue {
  kind: QuestionKind;
  incident: string;
  /** The measure, point or actor the answer is about. */
  about?: { kind: 'measure' | 'point' | 'actor' | 'report'; id: string };
  /** The subject of a measure: the incident or a related event. */
  subject?: string;
  /** Figure groups cited, most independent origins first. */
  figures: FigureCluster[];
  /** The perpetrators' own figures, kept apart. */
  claimed: Cited[];
  positions: PositionCited[];
  /** Each point's verdict, by point id. */
  pointVerdicts: Record<string, Verdict>;
  claims: ClaimCited[];
  /** The figure checked, when the question states one, and the reported figures that allow it. */
  checked?: number;
  fits?: string[];
  verdict?: AnswerVerdict;
  /** Why figures differ, from the data. */
  reasons: Reason[];
  /**
   * What the data does not hold: a measure with no figure, or a distance from a place (as the
   * question names it) no report measures from; the measure's own figures follow.
   */
  missing: { measure: string; from?: string }[];
  /** A day the question names: whether the incident or a related event with figures falls on it. */
  day?: { date: string; held: boolean };
  /** For the latest figure: reports by date, and the undated ones. */
  dated?: { latest: string | null; since?: string; undated: string[]; fresh?: string[] };
  /** The actor asked about, when no report quotes it: the reports' account of it answers. */
  unquoted?: string;
  /** For "how many", when the reports span days: what the latest day's reports give. */
  newest?: { date: string; amounts: string[]; sources: string[] };
  /** For "when" when no report gives a time: the date the dataset records the incident on. */
  recordedDate?: string;
  /** A point the question asks (its kind's) that no report of the incident answers. */
  unheldPoint?: string;
  /** For "how many X" when no measure counts X: X, as the question words it. */
  uncounted?: string;
  /** For "who is X": what the dataset records X as (a role, a kind of group or place). */
  identity?: { actor: string; description: string };
  /** Nothing in the dataset answers the question well. */
  unanswered: boolean;
  /** The question's words of substance that no report holds, when it is about nothing else. */
  unheard?: string[];
}

export function emptyAnswer(kind: QuestionKind, incident: string): AnswerValue {
  return {
    kind,
    incident,
    figures: [],
    claimed: [],
    positions: [],
    pointVerdicts: {},
    claims: [],
    reasons: [],
    missing: [],
    unanswered: false,
  };
}

/** The answer value to a question on one incident. */
export function answerQuestion(dataset: Dataset, question: string, incident: string): AnswerValue {
  const read = readQuestion(dataset, question);
  const claims = dataset.claimsByIncident.get(incident) ?? [];
  const measures = compareFigures(claims, dataset);
  const points = compareStatements(claims, dataset);
  // The incident's own title words name nothing, unless nothing else does ("was it a suicide bombing").
  const inIncident = namedInQuestion(dataset, question, incident);
  const named = inIncident.length > 0 ? inIncident : namedInQuestion(dataset, question);
  const measureNamed = named.find((n) => n.kind === 'measure');
  const namedMeasure = measureNamed?.id;
  // A point counts as named only when this incident's reports speak to it.
  const namedPoint = named.find((n) => n.kind === 'point' && points.some((p) => p.point === n.id))?.id;
  const answer = emptyAnswer(read.kind, incident);
  /** Whether a measure or point named is all the question asks of, its other words explained. */
  const explains = (id: string) =>
    asksNothingElse(
      { dataset, question, incident },
      named.filter((n) => n.id === id).flatMap((n) => n.terms),
    );
  const context = {
    dataset,
    question,
    read,
    measures,
    points,
    incident,
    answer,
    claims,
    // Named by a word of substance: "who" alone names who claimed it, and asks no more than its kind.
    namedPoints: named.flatMap((n) =>
      n.kind === 'point' && n.terms.some((t) => !QUESTION_WORDS.has(t)) ? [n.id] : [],
    ),
  };

  // "what does Dawn say", "does Live Mint say 24 killed": one report's account.
  const report =
    read.kind === 'said' ||
    read.kind === 'other' ||
    read.kind === 'how_many' ||
    (read.kind === 'check' && read.number !== undefined)
      ? reportNamed(context)
      : undefined;
  if (report) return reportAnswer(context, report, namedMeasure);
  const unheard = offTopicWords(context);
  if (unheard.length > 0) {
    answer.unanswered = true;
    answer.unheard = unheard;
    return answer;
  }

  const identified = identityAsked(context);
  if (identified) return identityAnswer(context, identified);
  // "who was the target", "what was hit": a point named by every word after the opening is asked.
  const pointAsked = read.identity && pointNamedBy(context, named, read.identity);
  if (pointAsked) return pointAnswer(context, [pointAsked]);

  switch (read.kind) {
    case 'how_many': {
      // "how many buildings collapsed": a count of what no measure counts is not a death toll.
      const uncounted = namedMeasure === undefined ? uncountedThing(context) : undefined;
      if (uncounted) {
        answer.uncounted = uncounted;
        return claimsAnswer(context);
      }
      return measureAnswer(context, namedMeasure);
    }
    case 'why':
      // "why did they attack": the motive, as the reports give it, not why figures differ.
      if (namedMeasure === undefined && !read.figuresWhy) return claimsAnswer(context);
      return measureAnswer(context, namedMeasure);
    case 'latest':
    case 'how_far':
      return measureAnswer(
        context,
        namedMeasure ?? (read.kind === 'how_far' ? unitMeasure(dataset) : undefined),
      );
    case 'check': {
      // A measure answers "were any civilians killed", not "did the attackers use a truck": the
      // question must be about a number, or about nothing but the measure.
      const aboutMeasure =
        read.number !== undefined ||
        (measureNamed !== undefined && unexplained(context, measureNamed.terms).length === 0);
      if (namedMeasure && aboutMeasure && (read.number !== undefined || !namedPoint))
        return measureAnswer(context, namedMeasure);
      // "is 25 right", "who says 24": the number is checked against the measure that gives it, else
      // the one most reports give, unless a point is named by a word of substance.
      if (read.number !== undefined && context.namedPoints.length === 0)
        return measureAnswer(context, measureGiving(context, read.number));
      // A position named in full ("in Daraban") says which point is checked better than its words;
      // a point checks the question only when it is all the question asks ("was there a gun
      // battle", not "was the attack linked to the election").
      const byPosition = positionNamed(context);
      const checked =
        (byPosition && positionExplains(context, byPosition, named)) || (namedPoint && explains(namedPoint))
          ? (byPosition ?? namedPoint)
          : undefined;
      return checked ? pointAnswer(context, [checked]) : claimsAnswer(context);
    }
    case 'who':
    case 'where':
    case 'when':
    case 'how': {
      // A named point answers only a question of its own kind: "who attacked the police station"
      // names the target, but asks who; the points of the kind's topic answer it then.
      const fitting = namedPoint && answersKind(context, namedPoint) ? namedPoint : undefined;
      const ofKind = pointsOfKind(context);
      // "who was killed", "who are the victims": the people a measure counts, when nothing else is asked.
      const fitsBySubstance = fitting !== undefined && context.namedPoints.includes(fitting);
      if (read.kind === 'who' && !fitsBySubstance && !read.actorAsked && asksWhoIsCounted(context))
        return measureAnswer(context, namedMeasure);
      if (fitting && !read.actorAsked) {
        // More points of the same topic (the town, then the district), never an unasked topic.
        const topic = dataset.pointById.get(fitting)?.topic;
        const alongside = ofKind.filter((p) => p !== fitting && dataset.pointById.get(p)?.topic === topic);
        return pointAnswer(context, [fitting, ...alongside].slice(0, 3));
      }
      if (ofKind.length > 0 && !read.actorAsked) return pointAnswer(context, ofKind);
      // The kind's own point, which no report of this incident answers: said so, the nearest after.
      // (Who claimed it: that none says is news. When and where: the incident's record says.)
      const [strongest] = context.namedPoints;
      const unheld =
        read.kind === 'who' && !read.actorAsked && (!strongest || answersKindTopic(context, strongest))
          ? kindPoint(context)
          : undefined;
      if (unheld) answer.unheldPoint = unheld;
      if (read.kind === 'when' && !read.actorAsked)
        answer.recordedDate = dataset.incidentById.get(incident)?.date;
      return claimsAnswer(context);
    }
    default:
      // "what weapons did the attackers use" names the attackers, but asks of weapons.
      if (namedMeasure && read.kind === 'other' && explains(namedMeasure))
        return measureAnswer(context, namedMeasure);
      if (namedPoint && read.kind === 'other' && explains(namedPoint))
        return pointAnswer(context, [namedPoint]);
      return claimsAnswer(context);
  }
}

/** The measure of the incident with a figure of exactly this number, or "at least" it, most reported first. */
function measureGiving({ measures, incident }: Context, value: number): string | undefined {
  return givingFirst(
    measures.filter((m) => m.subject === incident),
    value,
  )?.measure;
}

/**
 * Of the comparisons, the one most reported that gives the number itself, else one that gives it
 * as a bound ("at least 24"), else the one most reported: a number checked is checked where it is given.
 */
function givingFirst(
  comparisons: readonly MeasureComparison[],
  value: number,
): MeasureComparison | undefined {
  const exactly = comparisons.filter((m) =>
    m.groups.some((g) => g.interval.lo === value && g.interval.hi === value),
  );
  const bounded = comparisons.filter((m) => m.groups.some((g) => g.interval.lo === value));
  return mostReported(exactly) ?? mostReported(bounded) ?? mostReported(comparisons);
}

/**
 * What a "how many" question counts when no measure counts it: its words after "how many", as
 * typed, when any of them is a word of substance that is no concept of the search ("buildings").
 */
function uncountedThing(context: Context): string | undefined {
  const counts = measureTerms(context.dataset);
  const substance = unexplained(context, []).filter(
    (t) => !counts.has(t) && !QUESTION_CONCEPTS.has(t) && !isCueWord(t),
  );
  if (substance.length === 0) return undefined;
  // "how many hostages were taken" → hostages: the thing counted ends where its verb begins.
  const counted =
    /\b(?:how\s+(?:many|much)|number\s+of)\s+(.+?)(?:\s+(?:were|was|are|is|did|do|does|have|has|had)\b.*)?[?.!\s]*$/i.exec(
      context.question,
    )?.[1];
  return counted?.trim();
}

/** Whether every word of substance of the question is one of what measures count ("killed", "victims"). */
function asksWhoIsCounted(context: Context): boolean {
  const counts = measureTerms(context.dataset);
  const asked = unexplained(context, []);
  return asked.length > 0 && asked.every((t) => counts.has(t) || t === CASUALTY);
}

/** The search's concept of an attack: every incident is one. */
const ATTACK = 'ATTACK';

/** The search's concept of casualties ("victims"): what every measure of people counts. */
const CASUALTY = 'CASUALTY';

/** The terms of every measure's label and synonyms: what the dataset counts. */
const measureTerms = oncePerDataset(
  (dataset) => new Set(dataset.measures.flatMap((m) => [m.label, ...m.synonyms]).flatMap(termsOf)),
);

/** Concepts a question asks by (when, where, why), not things it counts. */
const QUESTION_CONCEPTS: ReadonlySet<string> = new Set(['TIME', 'LOCATION', 'MOTIVE']);

/**
 * The question's words of substance (as search reads them) that the given terms leave unexplained:
 * question words and the incident's own title words ("attack") aside.
 */
function unexplained(
  { dataset, question, incident }: Pick<Context, 'dataset' | 'question' | 'incident'>,
  terms: Iterable<string>,
): string[] {
  // "the attack" is the incident, whatever its title calls it ("Bombing near a procession").
  const explained = new Set([...terms, ...subjectTerms(dataset, incident), ...QUESTION_WORDS, ATTACK]);
  return [...askedTerms(dataset, question)].filter((t) => !explained.has(t));
}

/**
 * The question's words of substance when no report, name or label holds any of them ("who won the
 * cricket match": cricket, match): then nothing in the dataset answers it, whatever its kind asks.
 * Question words, the cue table's words and the incident's own title words are not of substance.
 */
function offTopicWords({ dataset, question, incident }: Context): string[] {
  const subject = subjectTerms(dataset, incident);
  const substance = wordsOf(question).filter((word) => {
    const term = processTerm(word, { question: true });
    return (
      term !== null &&
      !subject.has(term) &&
      !QUESTION_WORDS.has(word) &&
      !isCueWord(word) &&
      !EVENT_VERBS.includes(word)
    );
  });
  if (substance.length === 0) return [];
  const unheard = new Set(unheardWords(dataset, question));
  if (!substance.every((word) => unheard.has(word))) return [];
  // As typed ("Paris"), each once.
  const typed = new Map(question.split(/[^\p{L}\p{N}'-]+/u).map((w) => [wordsOf(w).join(''), w] as const));
  return [...new Set(substance.map((word) => typed.get(word) ?? word))];
}

type Context = {
  dataset: Dataset;
  question: string;
  read: ReturnType<typeof readQuestion>;
  measures: readonly MeasureComparison[];
  points: readonly PointComparison[];
  incident: string;
  answer: AnswerValue;
  claims: readonly ClaimRecord[];
  /** The declared points the question names, held by this incident's reports or not. */
  namedPoints: readonly string[];
};

function unitMeasure(dataset: Dataset): string | undefined {
  return dataset.measures.find((m) => m.unit !== undefined && m.unit !== null)?.id;
}

/**
 * Words of each related event's title that name it alone: in no other event's or incident's title,
 * and no word of a measure ("killed", "security forces"), which every figure question uses.
 */
const eventWords = oncePerDataset((dataset) => {
  const common = new Set([
    ...dataset.incidents.flatMap((i) => wordsOf(i.title)),
    ...dataset.measures.flatMap((m) => [m.label, ...m.synonyms].flatMap(wordsOf)),
    ...Object.values(CONCEPTS).flat().flatMap(wordsOf),
  ]);
  const titles = dataset.events.map((e) => ({ id: e.id, words: new Set(wordsOf(e.title)) }));
  return titles.map(({ id, words }) => ({
    id,
    words: [...words].filter(
      (w) => w.length > 4 && !common.has(w) && titles.every((t) => t.id === id || !t.words.has(w)),
    ),
  }));
});

/**
 * The related event a question names by its title, else the one of the day it names ("how many
 * were killed on 12 December"), else the incident; undefined when the day it names is neither the
 * incident's nor a related event's with figures.
 */
function subjectOf({ dataset, question, incident, measures, read }: Context): string | undefined {
  // A distance is the incident's place's, whatever else the question names ("how far from Peshawar").
  if (read.kind === 'how_far') return incident;
  const asked = new Set(wordsOf(question));
  const withFigures = new Set(measures.map((m) => m.subject));
  const named = eventWords(dataset).find((e) => withFigures.has(e.id) && e.words.some((w) => asked.has(w)));
  if (named) return named.id;
  const day = read.kind === 'latest' ? undefined : read.date;
  if (day === undefined || dataset.incidentById.get(incident)?.date === day) return incident;
  return dataset.events.find(
    (e) => withFigures.has(e.id) && e.date <= day && day <= (e.date_until ?? e.date) && e.date.length === 10,
  )?.id;
}

/**
 * The measure answered: the one named, or, unless the question asks for the whole, the part of it
 * with the most independent origins ("how many died" is answered by the count most reports give).
 */
function chooseMeasure(
  context: Context,
  named: string | undefined,
  subject: string,
): MeasureComparison | undefined {
  const { dataset, measures, read } = context;
  const ofSubject = measures.filter((m) => m.subject === subject && m.groups.length > 0);
  if (named === undefined) return mostReported(ofSubject);
  if (read.whole) {
    const whole = rootOf(dataset, named);
    const own = ofSubject.find((m) => m.measure === whole);
    if (own) return own;
  }
  const family = ofSubject.filter((m) => m.measure === named || isWithin(dataset, m.measure, named));
  return read.kind === 'check' && read.number !== undefined
    ? givingFirst(family, read.number)
    : mostReported(family);
}

/** The total a measure is ultimately part of ("attackers killed" → all killed). */
function rootOf(dataset: Dataset, measure: string): string {
  let current = measure;
  for (
    let parent = dataset.measureById.get(current)?.part_of?.[0];
    parent !== undefined;
    parent = dataset.measureById.get(current)?.part_of?.[0]
  ) {
    if (parent === current) break;
    current = parent;
  }
  return current;
}

function mostReported(comparisons: readonly MeasureComparison[]): MeasureComparison | undefined {
  return comparisons.reduce<MeasureComparison | undefined>(
    (best, c) => (!best || c.origins.length > best.origins.length ? c : best),
    undefined,
  );
}

function measureAnswer(context: Context, named: string | undefined): AnswerValue {
  const { answer, read, dataset } = context;
  const found = subjectOf(context);
  if (read.date !== undefined && read.kind !== 'latest')
    answer.day = { date: read.date, held: found !== undefined };
  // A day with no figures: what the reports give for the incident follows.
  const subject = found ?? context.incident;
  answer.subject = subject;
  if (
    named !== undefined &&
    !context.measures.some((m) => m.subject === subject && m.measure === named && m.groups.length > 0)
  ) {
    const descendants = context.measures.some(
      (m) => m.subject === subject && m.groups.length > 0 && isWithin(dataset, m.measure, named),
    );
    if (!descendants) {
      answer.missing.push({ measure: named });
      answer.about = { kind: 'measure', id: named };
      if (read.kind === 'check') answer.verdict = 'not_in_data';
      // What the reports do count, from the total the measure is part of.
      const parent = dataset.measureById.get(named)?.part_of?.[0];
      const fallback = parent ? chooseMeasure(context, parent, subject) : undefined;
      if (fallback) citeMeasure(answer, fallback);
      return answer;
    }
  }
  const comparison = chooseMeasure(context, named, subject);
  if (!comparison) {
    answer.unanswered = true;
    return answer;
  }
  citeMeasure(answer, comparison);
  answer.verdict = comparison.verdict;
  const from = read.kind === 'how_far' ? unmeasuredFrom(context, comparison.measure) : undefined;
  if (from) answer.missing.push({ measure: comparison.measure, from });
  if (read.kind === 'why') answer.reasons = reasonsFor(context.measures, comparison, dataset);
  if (read.kind === 'latest') latestOf(answer, comparison, dataset, read.date);
  else if (read.kind === 'how_many') answer.newest = newestFigure(comparison, dataset);
  if (read.kind === 'check') checkFigure(answer, comparison, read.number);
  return answer;
}

/**
 * The place a distance question measures from ("… from the Afghan border"), as typed, when the
 * measure's label does not measure from it and it is not where the incident happened: against
 * "distance from Dera Ismail Khan city", "from the city" and "from Dera Ismail Khan" are answered.
 */
function unmeasuredFrom({ dataset, question, incident }: Context, measure: string): string | undefined {
  const typed = question.split(/\s+/);
  const at = typed.findLastIndex((w) => /^(from|to)$/i.test(w));
  if (at < 0) return undefined;
  const phrase = typed
    .slice(at + 1)
    .join(' ')
    .replace(/[?.!]+$/, '')
    .replace(/^the\s+/i, '');
  const words = wordsOf(phrase).filter((w) => w.length > 3);
  if (words.length === 0) return undefined;
  const known = new Set([
    ...wordsOf(dataset.measureById.get(measure)?.label ?? ''),
    ...(dataset.incidentById.get(incident)?.place.place_ids ?? []).flatMap((id) =>
      wordsOf(actorNameWords(dataset, id)),
    ),
  ]);
  return words.some((w) => known.has(w)) ? undefined : phrase;
}

function citeMeasure(answer: AnswerValue, comparison: MeasureComparison): void {
  answer.about = { kind: 'measure', id: comparison.measure };
  answer.subject = comparison.subject;
  answer.figures = citeGroups(comparison.groups);
  answer.claimed = comparison.perpetratorClaims.map((r) => ({
    amounts: [describeAmount(r.figure)],
    sources: [r.claim.source],
    origins: [r.origin],
    statements: [],
    speakers: [r.claim.speaker.id],
  }));
}

/** Yes when a report gives the number, no when none does; the groups it fits are kept. */
function checkFigure(answer: AnswerValue, comparison: MeasureComparison, value: number | undefined): void {
  if (value === undefined) {
    answer.verdict = comparison.groups.length > 0 ? 'yes' : 'not_in_data';
    return;
  }
  answer.checked = value;
  const point = { lo: value, hi: value };
  // Given as it is asked: "at least 52" allows 52 but does not give it.
  const exact = comparison.groups.filter((g) => g.interval.lo === value && g.interval.hi === value);
  const fits = comparison.groups.filter((g) => intervalsOverlap(g.interval, point));
  const opposed = exact.some((g) => conflictingGroups(comparison, g).length > 0);
  answer.verdict = exact.length === 0 ? 'no' : opposed ? 'reports_differ' : 'yes';
  answer.fits = fits.map((g) => g.amount);
}

/** Why the figures differ, from the comparison: who counts what, what spans and includes, who relays, errors, claims. */
function reasonsFor(
  measures: readonly MeasureComparison[],
  comparison: MeasureComparison,
  dataset: Dataset,
): Reason[] {
  const rose = roseOverDays(comparison, dataset);
  const spans = measures.filter(
    (span) => span.covers?.includes(comparison.subject) && span.measure === comparison.measure,
  );
  const relayed = new Set(comparison.reports.flatMap((r) => (r.claim.origin ? [r.claim.origin] : [])));
  const bounded = comparison.groups.some((g) => !g.precise || g.figure.qualifier !== 'exact');
  return [
    ...(comparison.countedWords.length > 1
      ? [{ kind: 'counted' as const, words: comparison.countedWords }]
      : []),
    ...comparison.groups
      .filter((g) => g.figure.includes.length > 0)
      .map((g) => ({ kind: 'includes' as const, amount: g.amount })),
    ...spans.map((span) => ({ kind: 'span' as const, amounts: span.groups.map((g) => g.amount) })),
    ...(relayed.size > 0 ? [{ kind: 'relayed' as const, statements: [...relayed] }] : []),
    ...comparison.likelyErrors.map((r) => ({
      kind: 'error' as const,
      claim: r.claim.id,
      source: r.claim.source,
    })),
    ...comparison.perpetratorClaims.map((r) => ({
      kind: 'claimed' as const,
      claim: r.claim.id,
      speaker: r.claim.speaker.id,
    })),
    ...(bounded ? [{ kind: 'qualifiers' as const }] : []),
    ...(rose ? [rose] : []),
  ];
}

/** A toll the later reports give higher than the first day's: the count rose as reports came in. */
function roseOverDays(comparison: MeasureComparison, dataset: Dataset): Reason | undefined {
  const days = fullDays(
    dataset,
    comparison.groups.flatMap((g) => g.sources),
  );
  const [first, last] = [days[0], days.at(-1)];
  if (first === undefined || last === undefined || first === last) return undefined;
  const [early, late] = [givenOn(dataset, comparison, first), givenOn(dataset, comparison, last)];
  const highest = (groups: typeof early) => Math.max(...groups.map((g) => g.interval.lo));
  if (highest(late) <= highest(early)) return undefined;
  return {
    kind: 'rose',
    first: { date: first, amounts: early.map((g) => g.amount) },
    last: { date: last, amounts: late.map((g) => g.amount) },
  };
}

/**
 * When the reports span more than one day: the figures of the latest day's reports, which a toll
 * that rose over days ("15, then 34, then 59") needs beside the figure most reports give.
 */
function newestFigure(comparison: MeasureComparison, dataset: Dataset): AnswerValue['newest'] {
  const days = fullDays(
    dataset,
    comparison.reports.map((r) => r.claim.source),
  );
  const latest = days.at(-1);
  if (latest === undefined || days.length < 2) return undefined;
  const groups = givenOn(dataset, comparison, latest);
  return {
    date: latest,
    amounts: groups.map((g) => g.amount),
    sources: [...new Set(groups.flatMap((g) => g.sources.filter((s) => publishedOn(dataset, s) === latest)))],
  };
}

/** A report's date of publication as its record gives it ("2023-12-12", "2023-12"), '' if undated. */
function publishedOn(dataset: Dataset, source: string): string {
  return dataset.sourceById.get(source)?.published ?? '';
}

/** The whole days (not a month or a year) the reports were published on, earliest first. */
function fullDays(dataset: Dataset, sources: readonly string[]): string[] {
  return [...new Set(sources.map((s) => publishedOn(dataset, s)))].filter((d) => d.length === 10).sort();
}

/** The figure groups a report published that day gives. */
function givenOn(dataset: Dataset, comparison: MeasureComparison, day: string): MeasureComparison['groups'] {
  return comparison.groups.filter((g) => g.sources.some((s) => publishedOn(dataset, s) === day));
}

/** The figures of the latest dated reports; those first given after a date, when one is named. */
function latestOf(
  answer: AnswerValue,
  comparison: MeasureComparison,
  dataset: Dataset,
  since: string | undefined,
): void {
  const published = (id: string) => dataset.sourceById.get(id)?.published ?? null;
  const dates = comparison.reports
    .map((r) => published(r.claim.source))
    .filter((d): d is string => d !== null && d.length === 10);
  const latest = dates.sort().at(-1) ?? null;
  const undated = [
    ...new Set(comparison.reports.map((r) => r.claim.source).filter((s) => published(s) === null)),
  ];
  answer.dated = { latest, undated, ...(since ? { since } : {}) };
  const after = (s: string) => {
    const date = published(s);
    return date !== null && (since ? date > since : date === latest);
  };
  const groups = comparison.groups.filter((g) => g.reports.some((r) => after(r.claim.source)));
  answer.figures = citeGroups(groups).map((c) => ({ ...c, sources: c.sources.filter(after) }));
  if (since === undefined) return;
  // What changed: the figures no report dated on or before that day gave.
  const before = (s: string) => {
    const date = published(s);
    return date !== null && date <= since;
  };
  answer.dated.fresh = groups
    .filter((g) => !g.reports.some((r) => before(r.claim.source)))
    .map((g) => g.amount);
}

/**
 * Whether a point answers a question of the asked kind: its topic is the kind's, or its own
 * question (data, "Who condemned the attack?") is of that kind.
 */
function answersKind({ dataset, read }: Context, point: string): boolean {
  const declared = dataset.pointById.get(point);
  if (!declared) return false;
  return read.topics.includes(declared.topic) || pointQuestionKinds(dataset).get(point) === read.kind;
}

/** Whether a point is of the topic its kind asks by default (who: responsibility). */
function answersKindTopic({ dataset, read }: Context, point: string): boolean {
  const topic = dataset.pointById.get(point)?.topic;
  return topic !== undefined && read.topics.includes(topic);
}

/** The kind of each point's own question, read as a question is. */
const pointQuestionKinds = oncePerDataset(
  (dataset) => new Map(dataset.points.map((p) => [p.id, readQuestion(dataset, p.question).kind])),
);

/** The first declared point of the kind's own topic (who: who claimed responsibility). */
function kindPoint({ dataset, read }: Context): string | undefined {
  return dataset.points.find((p) => read.topics.includes(p.topic))?.id;
}

/** The points of the topics a kind asks about, the most widely reported first. */
function pointsOfKind({ dataset, points, read }: Context): string[] {
  const topics = new Set<string>(read.topics);
  return points
    .filter((p) => topics.has(p.topic) && p.positions.length > 0)
    .sort((a, b) => b.origins.length - a.origins.length)
    .map((p) => p.point)
    .filter((id) => dataset.pointById.has(id))
    .slice(0, 3);
}

function pointAnswer(context: Context, ids: readonly string[]): AnswerValue {
  const { answer, points, dataset, read, question } = context;
  const compared = ids.flatMap((id) => points.filter((p) => p.point === id));
  answer.about = { kind: 'point', id: ids[0] ?? '' };
  if (compared.length === 0) {
    answer.unanswered = true;
    return answer;
  }
  answer.positions = compared.flatMap((c) =>
    [...c.positions]
      .sort((a, b) => b.origins.length - a.origins.length)
      .map((held) => ({
        position: `${c.point}\u0000${held.position}`,
        label: dataset.positionByKey.get(`${c.point}\u0000${held.position}`)?.label ?? held.position,
        amounts: [],
        sources: held.sources,
        origins: held.origins,
        statements: [...new Set(held.claims.flatMap((cl) => (cl.origin ? [cl.origin] : [])))],
        speakers: [],
      })),
  );
  answer.pointVerdicts = Object.fromEntries(compared.map((c) => [c.point, c.verdict]));
  const first = compared[0] as PointComparison;
  answer.verdict = first.verdict;
  if (read.kind === 'check') answer.verdict = checkPosition(first, answer.positions, question);
  return answer;
}

/** Yes when the position the question names is held unopposed, reports differ when opposed, no when another is held. */
function checkPosition(
  comparison: PointComparison,
  positions: readonly PositionCited[],
  question: string,
): AnswerVerdict {
  const asked = new Set(wordsOf(question).filter((w) => !STOP_WORDS.has(w)));
  const mine = positions.filter((p) => p.position.startsWith(`${comparison.point}\u0000`));
  const matching = mine.filter((p) => wordsOf(p.label).some((w) => asked.has(w)));
  // "did anyone claim it" names no position: that reports hold one answers it.
  if (matching.length === 0) return mine.length > 0 ? 'yes' : 'not_in_data';
  if (comparison.conflicts.length === 0) return 'yes';
  return matching.length === mine.length ? 'yes' : 'reports_differ';
}

/** The point one of whose positions the question names in full ("was it in Daraban"). */
function positionNamed({ dataset, points, question }: Context): string | undefined {
  const asked = new Set(wordsOf(question));
  return points.find((c) =>
    c.positions.some((held) => {
      const words = wordsOf(
        dataset.positionByKey.get(`${c.point}\u0000${held.position}`)?.label ?? '',
      ).filter((w) => w.length > 3 && !STOP_WORDS.has(w) && !CONCEPT_WORDS.has(w));
      return words.length > 0 && words.every((w) => asked.has(w));
    }),
  )?.point;
}

/**
 * Whether a point one of whose positions the question names is all it asks: "was the attack in
 * Daraban", not "has anyone been arrested over the Daraban attack".
 */
function positionExplains(context: Context, point: string, named: readonly Named[]): boolean {
  const { dataset, points } = context;
  const labels = (points.find((p) => p.point === point)?.positions ?? []).map(
    (held) => dataset.positionByKey.get(`${point}\u0000${held.position}`)?.label ?? '',
  );
  const terms = [...named.filter((n) => n.id === point).flatMap((n) => n.terms), ...labels.flatMap(termsOf)];
  return asksNothingElse(context, terms);
}

/** Whether the terms leave nothing of the question unexplained, words that name no one ("anyone") aside. */
function asksNothingElse(
  context: Pick<Context, 'dataset' | 'question' | 'incident'>,
  terms: readonly string[],
): boolean {
  return unexplained(context, [...terms, ...indefiniteTerms()]).length === 0;
}

let indefinite: readonly string[] | undefined;

/** The indefinite words ("anyone") as a question's terms read them. */
function indefiniteTerms(): readonly string[] {
  indefinite ??= INDEFINITE_WORDS.flatMap(termsOf);
  return indefinite;
}

/** Words of the search's concepts ("attack", "killed"): every question about the incident uses them. */
const CONCEPT_WORDS: ReadonlySet<string> = new Set(Object.values(CONCEPTS).flat().flatMap(wordsOf));

/** How many of the search's hits an answer of claims reads. */
const ANSWER_HITS = 12;
/** How many distinct statements an answer of claims cites. */
const CLAIMS_CITED = 3;

/** Claims that match the question best: what an actor said or did, else by search. */
function claimsAnswer(context: Context): AnswerValue {
  const { dataset, question, incident, answer, read } = context;
  // Searched as the reply's evidence is, so that one search serves both.
  // Within the incident, the place that names it ("Mastung") says nothing more.
  const { hits } = searchDataset(
    dataset,
    condenseQuestion(withoutIncidentNames(dataset, question, incident)),
    {
      incident,
      limit: ANSWER_HITS,
    },
  );
  // Claims within half the best claim's score: an event or a name scoring higher says nothing of them.
  const best = hits.find((h) => h.kind === 'claim')?.score ?? 0;
  const found = hits.flatMap((h) => (h.kind === 'claim' && h.score >= best * 0.5 ? [h.item] : []));
  const rank = new Map(hits.flatMap((h, i) => (h.kind === 'claim' ? [[h.item.id, i] as const] : [])));
  const ofTopic = context.claims
    .filter((c) => read.topics.includes(c.topic))
    .sort((a, b) => (rank.get(a.id) ?? hits.length) - (rank.get(b.id) ?? hits.length));
  const [actor] = read.mentions;
  const said = read.actorAsked && actor ? actorClaims(context, hits) : undefined;
  if (actor && said?.spoken === false) answer.unquoted = actor[0];
  // A kind with topics (who: responsibility) asks for claims of them first when no point holds
  // them; a point the question names ("who condemned it") says better what it asks.
  // A point the question names ("who condemned it") says better what it asks, its words searched,
  // unless nothing matches them ("who was behind it" where no report names a group).
  const namesOwnPoint = context.namedPoints.some((p) => answersKind(context, p));
  const preferred = namesOwnPoint && found.length > 0 && !answer.unheldPoint ? [] : ofTopic;
  const chosen = said && said.claims.length > 0 ? said.claims : preferred.length > 0 ? preferred : found;
  citeClaims(dataset, answer, chosen);
  if (actor?.[0]) answer.about = { kind: 'actor', id: actor[0] };
  answer.unanswered = answer.claims.length === 0;
  // A fact no point declares: yes when a report's words hold every word of the question, else no
  // report says so (its nearest words follow).
  if (read.kind === 'check' && !answer.unanswered) {
    const held = answer.claims.some(
      (c) =>
        unexplained(context, termsOf(`${c.statement} ${actorNameWords(dataset, c.speaker)}`)).length === 0,
    );
    answer.verdict = held ? 'yes' : 'not_in_data';
  }
  return answer;
}

/** Cites claims in order, each statement once, at most `CLAIMS_CITED` of them. */
function citeClaims(dataset: Dataset, answer: AnswerValue, chosen: readonly ClaimRecord[]): void {
  for (const claim of chosen) {
    const same = answer.claims.find((c) => sameStatement(dataset, c.statement, claim.statement));
    if (same) {
      // A report is named for the words it gives: another wording of a statement cited takes no
      // place of its own, and lends the first no report.
      if (same.statement === claim.statement && !same.sources.includes(claim.source))
        same.sources.push(claim.source);
      continue;
    }
    if (answer.claims.length >= CLAIMS_CITED) continue;
    answer.claims.push({
      claim: claim.id,
      statement: claim.statement,
      speaker: claim.speaker.id,
      sources: [claim.source],
    });
  }
}

/** Each report's label by its words that name it ("Dawn"; "Al Jazeera" → al, jazeera). */
const reportWords = oncePerDataset((dataset) =>
  dataset.sources.map((s) => ({
    id: s.id,
    words: wordsOf(labelOf(dataset, s.id)).filter((w) => w.length > 1 && !REPORT_LABEL_COMMON.includes(w)),
  })),
);

/** The report a question names by every distinctive word of its label, the most specific first. */
function reportNamed({ dataset, question }: Context): string | undefined {
  const asked = new Set(wordsOf(question));
  const named = reportWords(dataset).filter((r) => r.words.length > 0 && r.words.every((w) => asked.has(w)));
  return named.sort((a, b) => b.words.length - a.words.length)[0]?.id;
}

const measureOrders = oncePerDataset((dataset) => new Map(dataset.measures.map((m, i) => [m.id, i])));

function measureOrder(dataset: Dataset, measure: string): number {
  return measureOrders(dataset).get(measure) ?? Number.MAX_SAFE_INTEGER;
}

/** How many measures one report's account names. */
const REPORT_MEASURES = 4;
/** How many of the points it takes a position on. */
const REPORT_POINTS = 2;

/**
 * One report's account ("what does Dawn say", "what did Al Jazeera report about the toll"): its
 * figures for the measures most reports give (or the one named), then its positions.
 */
function reportAnswer(context: Context, source: string, named: string | undefined): AnswerValue {
  const { answer, dataset, incident, measures, points } = context;
  answer.about = { kind: 'report', id: source };
  const counted = measures
    .filter(
      (m) =>
        m.subject === incident &&
        (named === undefined || m.measure === named || isWithin(dataset, m.measure, named)) &&
        m.groups.some((g) => g.sources.includes(source)),
    )
    // In the curator's order of measures: the dead before the injured, before distances.
    .sort((a, b) => measureOrder(dataset, a.measure) - measureOrder(dataset, b.measure))
    .slice(0, REPORT_MEASURES);
  answer.figures = counted.map((m) => {
    const groups = m.groups.filter((g) => g.sources.includes(source));
    return {
      measure: m.measure,
      amounts: groups.map((g) => g.amount),
      sources: [source],
      origins: [...new Set(groups.flatMap((g) => g.origins))],
      statements: [...new Set(citeGroups(groups).flatMap((c) => c.statements))],
      speakers: [],
    };
  });
  if (named === undefined)
    answer.positions = points
      .flatMap((p) =>
        p.positions
          .filter((held) => held.sources.includes(source))
          .map((held) => ({
            position: `${p.point}\u0000${held.position}`,
            label: dataset.positionByKey.get(`${p.point}\u0000${held.position}`)?.label ?? held.position,
            amounts: [],
            sources: [source],
            origins: held.origins,
            statements: [],
            speakers: [],
          })),
      )
      .slice(0, REPORT_POINTS);
  if (named !== undefined && answer.figures.length === 0) answer.missing.push({ measure: named });
  answer.unanswered = answer.figures.length === 0 && answer.positions.length === 0;
  const checked = context.read.number;
  if (context.read.kind === 'check' && checked !== undefined) {
    answer.checked = checked;
    answer.verdict = answer.figures.some((f) => f.amounts.includes(String(checked))) ? 'yes' : 'no';
  }
  return answer;
}

/** The point of this incident one of whose phrases holds every one of the words. */
function pointNamedBy(
  { points, dataset, incident }: Context,
  named: readonly Named[],
  words: readonly string[],
): string | undefined {
  const subject = subjectTerms(dataset, incident);
  const asked = termsOf(words.join(' ')).filter((t) => !subject.has(t));
  if (asked.length === 0) return undefined;
  return named.find(
    (n) =>
      n.kind === 'point' && points.some((p) => p.point === n.id) && asked.every((t) => n.terms.includes(t)),
  )?.id;
}

/**
 * The actor a "who is" question asks about: one it names by nothing but its names ("who is TJP"),
 * else a person whose role and group its words describe ("who is the prime minister").
 */
function identityAsked({ dataset, read }: Context): string | undefined {
  const words = read.identity;
  if (!words || words.length === 0) return undefined;
  const described = (id: string, extra: string[] = []) => {
    const held = new Set([...wordsOf(actorNameWords(dataset, id)), ...extra]);
    return words.every((w) => held.has(w));
  };
  const named = read.mentions[0]?.find((id) => described(id));
  if (named) return named;
  // A role is a name ("the prime minister"), never an event ("who was killed").
  if (words.some((w) => isConcept(processTerm(w, { question: true }) ?? ''))) return undefined;
  return dataset.people.find((p) =>
    described(p.id, wordsOf(`${p.role} ${p.group ? actorNameWords(dataset, p.group) : ''}`)),
  )?.id;
}

/**
 * What the dataset records an actor as, then what the reports say it is and did: those that
 * describe it first (a group's profile), then its own words, then the rest that involve it.
 */
function identityAnswer(context: Context, actor: string): AnswerValue {
  const { dataset, claims, answer } = context;
  answer.about = { kind: 'actor', id: actor };
  answer.identity = { actor, description: describeActor(dataset, actor) };
  const involves = (c: ClaimRecord) => c.speaker.id === actor || c.about.includes(actor);
  const rank = (c: ClaimRecord) => (c.topic === 'group_profile' ? 0 : c.speaker.id === actor ? 1 : 2);
  citeClaims(
    dataset,
    answer,
    claims.filter(involves).sort((a, b) => rank(a) - rank(b)),
  );
  return answer;
}

/** "caretaker Interior Minister of Pakistan", "militant group", "town in Dera Ismail Khan". */
function describeActor(dataset: Dataset, id: string): string {
  const entity = dataset.entityById.get(id);
  switch (entity?.kind) {
    case 'person': {
      const group = entity.value.group;
      const role = entity.value.role;
      const groupWords = group ? wordsOf(actorNameWords(dataset, group)) : [];
      const named = groupWords.some((w) => wordsOf(role).includes(w));
      return group && !named ? `${role} (${groupLabel(dataset, group)})` : role;
    }
    case 'group':
      return entity.value.kind;
    case 'place': {
      const within = entity.value.within ? dataset.entityById.get(entity.value.within) : undefined;
      return within?.kind === 'place' ? `${entity.value.kind} in ${within.value.name}` : entity.value.kind;
    }
    case 'speaker':
      return entity.value.role ?? '';
    case 'event':
      return entity.value.date;
    default:
      return '';
  }
}

function groupLabel(dataset: Dataset, id: string): string {
  const entity = dataset.entityById.get(id);
  return entity?.kind === 'group' ? (entity.value.short ?? entity.value.name) : id;
}

/**
 * What the actor a question names first said or did: its own statements (its spokesman's
 * included) and the reports' own account of what it did, those involving more of the question's
 * actors first ("what did Pakistan say to Afghanistan"), then its own words, then by search.
 * `spoken` is false when no report quotes it: the reports' account of it answers then.
 */
function actorClaims(
  { dataset, claims, read }: Context,
  hits: ReturnType<typeof searchDataset>['hits'],
): { claims: ClaimRecord[]; spoken: boolean } {
  const [actor = [], ...others] = read.mentions;
  const rank = new Map(hits.flatMap((h, i) => (h.kind === 'claim' ? [[h.item.id, i] as const] : [])));
  const spokenBy = (claim: ClaimRecord, ids: readonly string[]) => {
    const speaker = dataset.entityById.get(claim.speaker.id);
    return (
      ids.includes(claim.speaker.id) ||
      (speaker?.kind === 'person' && speaker.value.group !== undefined && ids.includes(speaker.value.group))
    );
  };
  const involves = (claim: ClaimRecord, ids: readonly string[]) =>
    spokenBy(claim, ids) || claim.about.some((a) => ids.includes(a));
  // What others say of it follows its own words: "Pakistan accuses the Afghan Taliban of …".
  const ofActor = claims.filter((c) => involves(c, actor));
  // Worked out once per claim, not at every comparison of the sort.
  const score = new Map(ofActor.map((c) => [c, others.filter((ids) => involves(c, ids)).length]));
  const spoken = new Map(ofActor.map((c) => [c, Number(spokenBy(c, actor))]));
  const sorted = [...ofActor].sort(
    (a, b) =>
      (score.get(b) ?? 0) - (score.get(a) ?? 0) ||
      (spoken.get(b) ?? 0) - (spoken.get(a) ?? 0) ||
      // What it counted before what else it said: "what did the ISPR say" is first its toll.
      Number(b.figure !== undefined) - Number(a.figure !== undefined) ||
      // A statement it made (relayed, dated) before the background the reports give.
      Number(b.origin !== undefined) - Number(a.origin !== undefined) ||
      (rank.get(a.id) ?? hits.length) - (rank.get(b.id) ?? hits.length),
  );
  return { claims: sorted, spoken: ofActor.some((c) => spoken.get(c) === 1) };
}

/**
 * Two statements say the same when every word of substance of one is in the other: a report's
 * shorter wording of the same statement ("called in the Afghan chargé d'affaires") is cited once.
 */
function sameStatement(dataset: Dataset, a: string, b: string): boolean {
  const [x, y] = [contentWords(dataset, a), contentWords(dataset, b)];
  const [shorter, longer] = x.size <= y.size ? [x, y] : [y, x];
  if (shorter.size === 0) return false;
  for (const w of shorter) if (!longer.has(w)) return false;
  return true;
}

const contentWords = memoPerDataset(
  (_dataset, text: string): ReadonlySet<string> => new Set(wordsOf(text).filter((w) => !STOP_WORDS.has(w))),
);

/** A speaker's names, for a question that names who says it ("did Bugti condemn it"). */
function actorNameWords(dataset: Dataset, id: string): string {
  const entity = dataset.entityById.get(id);
  if (!entity || entity.kind === 'event') return '';
  const short = entity.kind === 'group' ? [entity.value.short ?? ''] : [];
  return [entity.value.name, ...short, ...('aliases' in entity.value ? entity.value.aliases : [])].join(' ');
}
