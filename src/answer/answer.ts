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
import { oncePerDataset } from '../dataset/memo.js';
import { namedInQuestion } from '../search/named.js';
import { searchDataset } from '../search/search.js';
import { CONCEPTS, STOP_WORDS } from '../search/synonyms.js';
import { fold } from '../search/terms.js';
import { type Cited, citeGroups, type FigureCluster } from './clusters.js';
import { readQuestion, wordsOf } from './kinds.js';
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
  | { kind: 'relayed'; statement: string }
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
  /** For the latest figure: reports by date, and the undated ones. */
  dated?: { latest: string | null; since?: string; undated: string[] };
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
  const namedMeasure = named.find((n) => n.kind === 'measure')?.id;
  // A point counts as named only when this incident's reports speak to it.
  const namedPoint = named.find((n) => n.kind === 'point' && points.some((p) => p.point === n.id))?.id;
  const answer = emptyAnswer(read.kind, incident);
  const context = { dataset, question, read, measures, points, incident, answer, claims };

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
      if (namedMeasure && (read.number !== undefined || !namedPoint))
        return measureAnswer(context, namedMeasure);
      // A position named in full ("in Daraban") says which point is checked better than its words.
      const checked = positionNamed(context) ?? namedPoint;
      return checked ? pointAnswer(context, [checked]) : claimsAnswer(context);
    }
    case 'who':
    case 'where':
    case 'when':
    case 'how': {
      if (namedPoint && !read.actorAsked && (read.kind !== 'who' || bestClaimPoint(context) === namedPoint))
        return pointAnswer(
          context,
          [namedPoint, ...pointsOfKind(context).filter((p) => p !== namedPoint)].slice(0, 3),
        );
      // "who condemned it" names no point: the claims that match it answer.
      const byTopic = read.kind === 'who' ? [] : pointsOfKind(context);
      return byTopic.length > 0 && !read.actorAsked ? pointAnswer(context, byTopic) : claimsAnswer(context);
    }
    default:
      if (namedMeasure && read.kind === 'other') return measureAnswer(context, namedMeasure);
      if (namedPoint && read.kind === 'other') return pointAnswer(context, [namedPoint]);
      return claimsAnswer(context);
  }
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

/** The related event a question names by its title, else the incident. */
function subjectOf({ dataset, question, incident, measures }: Context): string {
  const asked = new Set(wordsOf(question));
  const withFigures = new Set(measures.map((m) => m.subject));
  const named = eventWords(dataset).find((e) => withFigures.has(e.id) && e.words.some((w) => asked.has(w)));
  return named?.id ?? incident;
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
  const subject = subjectOf(context);
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
  const exact = comparison.groups.filter((g) => g.precise && g.interval.lo === value);
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
    ...[...relayed].map((statement) => ({ kind: 'relayed' as const, statement })),
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
}

/** The point of the claim that matches the question best, if it has one. */
function bestClaimPoint({ dataset, question, incident }: Context): string | undefined {
  const best = searchDataset(dataset, question, { incident, limit: 3 }).hits.find((h) => h.kind === 'claim');
  return best?.kind === 'claim' ? best.item.point : undefined;
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

/** Claims that match the question best, by search: what an actor said or did, who condemned it. */
function claimsAnswer(context: Context): AnswerValue {
  const { dataset, question, incident, answer, read } = context;
  const { hits } = searchDataset(dataset, question, { incident, limit: 12 });
  const best = hits[0]?.score ?? 0;
  const claims = hits.flatMap((h) => (h.kind === 'claim' && h.score >= best * 0.5 ? [h.item] : []));
  const byActor =
    read.actors.length > 0
      ? claims.filter(
          (c) => read.actors.includes(c.speaker.id) || c.about.some((a) => read.actors.includes(a)),
        )
      : claims;
  const chosen = (byActor.length > 0 ? byActor : claims).filter(
    (c) => c.status !== 'perpetrator_claim' || read.kind !== 'said',
  );
  const seen = new Set<string>();
  for (const claim of chosen) {
    const key = fold(claim.statement);
    if (seen.has(key)) {
      const same = answer.claims.find((c) => fold(c.statement) === key);
      if (same && !same.sources.includes(claim.source)) same.sources.push(claim.source);
      continue;
    }
    if (answer.claims.length >= 2) continue;
    seen.add(key);
    answer.claims.push({
      claim: claim.id,
      statement: claim.statement,
      speaker: claim.speaker.id,
      sources: [claim.source],
    });
  }
  if (read.actors[0]) answer.about = { kind: 'actor', id: read.actors[0] };
  answer.unanswered = answer.claims.length === 0;
  return answer;
}
