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
import { memoPerDataset, oncePerDataset } from '../dataset/memo.js';
import { condenseQuestion } from '../search/answers.js';
import { askedTerms, namedInQuestion, QUESTION_WORDS, subjectTerms, termsOf } from '../search/named.js';
import { searchDataset } from '../search/search.js';
import { CONCEPTS, STOP_WORDS } from '../search/synonyms.js';
import { type Cited, citeGroups, type FigureCluster } from './clusters.js';
import { readQuestion, withoutIncidentNames, wordsOf } from './kinds.js';
import type { QuestionKind } from './vocabulary.js';

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
  | { kind: 'qualifiers' };

export interface AnswerValue {
  kind: QuestionKind;
  incident: string;
  /** The measure, point or actor the answer is about. */
  about?: { kind: 'measure' | 'point' | 'actor'; id: string };
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
  /** What the data does not hold: a measure with no figure. */
  missing: { measure: string }[];
  /** A day the question names: whether the incident or a related event with figures falls on it. */
  day?: { date: string; held: boolean };
  /** For the latest figure: reports by date, and the undated ones. */
  dated?: { latest: string | null; since?: string; undated: string[]; fresh?: string[] };
  /** The actor asked about, when no report quotes it: the reports' account of it answers. */
  unquoted?: string;
  /** Nothing in the dataset answers the question well. */
  unanswered: boolean;
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

  switch (read.kind) {
    case 'why':
    case 'latest':
    case 'how_far':
    case 'how_many':
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
      // A position named in full ("in Daraban") says which point is checked better than its words.
      const checked = positionNamed(context) ?? namedPoint;
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
      if (fitting && !read.actorAsked) {
        // More points of the same topic (the town, then the district), never an unasked topic.
        const topic = dataset.pointById.get(fitting)?.topic;
        const alongside = ofKind.filter((p) => p !== fitting && dataset.pointById.get(p)?.topic === topic);
        return pointAnswer(context, [fitting, ...alongside].slice(0, 3));
      }
      return ofKind.length > 0 && !read.actorAsked ? pointAnswer(context, ofKind) : claimsAnswer(context);
    }
    default:
      if (namedMeasure && read.kind === 'other') return measureAnswer(context, namedMeasure);
      if (namedPoint && read.kind === 'other') return pointAnswer(context, [namedPoint]);
      return claimsAnswer(context);
  }
}

/**
 * The question's words of substance (as search reads them) that the given terms leave unexplained:
 * question words and the incident's own title words ("attack") aside.
 */
function unexplained({ dataset, question, incident }: Context, terms: Iterable<string>): string[] {
  const explained = new Set([...terms, ...subjectTerms(dataset, incident), ...QUESTION_WORDS]);
  return [...askedTerms(dataset, question)].filter((t) => !explained.has(t));
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
  return mostReported(family);
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
  if (read.kind === 'why') answer.reasons = reasonsFor(context.measures, comparison);
  if (read.kind === 'latest') latestOf(answer, comparison, dataset, read.date);
  if (read.kind === 'check') checkFigure(answer, comparison, read.number);
  return answer;
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
function reasonsFor(measures: readonly MeasureComparison[], comparison: MeasureComparison): Reason[] {
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
  ];
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

/** The kind of each point's own question, read as a question is. */
const pointQuestionKinds = oncePerDataset(
  (dataset) => new Map(dataset.points.map((p) => [p.id, readQuestion(dataset, p.question).kind])),
);

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
  if (matching.length === 0) return mine.length === 1 ? 'yes' : 'reports_differ';
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
  const best = hits[0]?.score ?? 0;
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
  const preferred = context.namedPoints.some((p) => answersKind(context, p)) ? [] : ofTopic;
  const chosen = said && said.claims.length > 0 ? said.claims : preferred.length > 0 ? preferred : found;
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
  const ofActor = claims.filter(
    (c) => spokenBy(c, actor) || (c.speaker.id === REPORT_VOICE && involves(c, actor)),
  );
  // Worked out once per claim, not at every comparison of the sort.
  const score = new Map(ofActor.map((c) => [c, others.filter((ids) => involves(c, ids)).length]));
  const spoken = new Map(ofActor.map((c) => [c, Number(spokenBy(c, actor))]));
  const sorted = [...ofActor].sort(
    (a, b) =>
      (score.get(b) ?? 0) - (score.get(a) ?? 0) ||
      (spoken.get(b) ?? 0) - (spoken.get(a) ?? 0) ||
      // A statement it made (relayed, dated) before the background the reports give.
      Number(b.origin !== undefined) - Number(a.origin !== undefined) ||
      (rank.get(a.id) ?? hits.length) - (rank.get(b.id) ?? hits.length),
  );
  return { claims: sorted, spoken: ofActor.some((c) => spoken.get(c) === 1) };
}

/** The speaker id of a report's own voice. */
const REPORT_VOICE = 'report';

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
  return [entity.value.name, ...('aliases' in entity.value ? entity.value.aliases : [])].join(' ');
}
