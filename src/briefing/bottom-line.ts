/**
 * The bottom line a reply opens with: at most three sentences, about 400 characters, composed from
 * the comparisons (what most reports give, by whom; the main disagreement; what no report says),
 * never guessed. Each reply picks the sentences that fit what it is about (docs/replies.md).
 */

import { citeGroups } from '../answer/clusters.js';
import { leadFigure } from '../answer/sentence.js';
import { firstPublisher, isLikelyError, isPerpetratorClaim, originOf } from '../compare/claims.js';
import type { Comparison } from '../compare/compare.js';
import { conflictingGroups, type MeasureComparison } from '../compare/figures.js';
import type { PointComparison, PositionHeld } from '../compare/statements.js';
import type { ClaimRecord, Dataset } from '../dataset/dataset.js';
import { memoPerObject } from '../dataset/memo.js';
import { sourcesInOrder } from '../dataset/order.js';
import { plural } from '../plural.js';
import { compareRanks, comparisonRank } from './budget.js';
import { comparisonHeading, countsPeople, measureLabel, positionLabel } from './comparisons.js';
import { formatShortDate } from './dates.js';
import { capitalise, sameSaying, sharedSaying } from './lines.js';
import { escapeText } from './markdown.js';
import { sourceTags } from './sources.js';

export const BOTTOM_LINE_MAX = 400;
const SENTENCES_AT_MOST = 3;

/** The sentences in their order, each whole, as many as fit in three and about 400 characters. */
export function bottomLine(sentences: readonly (string | undefined)[]): string {
  const kept: string[] = [];
  for (const sentence of sentences) {
    if (!sentence || kept.length === SENTENCES_AT_MOST) continue;
    if ([...kept, sentence].join(' ').length <= BOTTOM_LINE_MAX) kept.push(sentence);
  }
  return kept.join(' ');
}

/** The comparisons in the order a reader needs them: a disagreement first, a figure first, more origins first. */
export function byRank<T extends Comparison>(comparisons: readonly T[]): T[] {
  return [...comparisons].sort((a, b) => compareRanks(comparisonRank(a), comparisonRank(b)));
}

/**
 * "Security forces killed: 23 or at least 23, the Pakistani military's figure (Dawn, ARY News +7),
 * most often reported, of figures from at least 3 to at least 25.": the lead figure as /ask gives it.
 */
export function mostGivenSentence(dataset: Dataset, c: MeasureComparison): string | undefined {
  const cited = citeGroups(c.groups);
  const lead = leadFigure(dataset, cited);
  if (!lead) return undefined;
  const label = escapeText(capitalise(comparisonHeading(dataset, c)));
  const spread =
    lead.shown < cited.length && c.lowest && c.highest && c.lowest !== c.highest
      ? `, of figures from ${c.lowest.amount} to ${c.highest.amount}`
      : '';
  return `${label}: ${escapeText(lead.text + spread)}.`;
}

/**
 * "They differ on 5 figures and points, above all on Target: a police station (Dawn +3) against a
 * security post (VOA)." The sides most origins hold, of the disagreement ranked first.
 */
export function mainDisagreementSentence(
  dataset: Dataset,
  comparisons: readonly Comparison[],
  lead?: Comparison,
): string | undefined {
  const open = byRank(comparisons.filter((c) => c.verdict === 'differ'));
  const [main] = open;
  if (!main) return undefined;
  const sides = mainSides(dataset, main);
  const kinds = new Set(open.map((c) => c.kind));
  const noun = kinds.size > 1 ? 'figures and points' : kinds.has('figures') ? 'figures' : 'points';
  // The sentence before named it: "on this one" says which without repeating its label.
  const what = main === lead ? 'this one' : escapeText(comparisonHeading(dataset, main));
  const count = open.length > 1 ? `They differ on ${open.length} ${noun}, above all on` : 'They differ on';
  return `${count} ${what}${sides ? `: ${sides}` : ''}.`;
}

/** Worked out once per comparison: the bottom lines of several replies name the same sides. */
const mainSides = memoPerObject((dataset, c: Comparison): string | undefined => {
  if (c.kind === 'figures') {
    // The figures most origins give, each against the one most origins give among those it conflicts with.
    const pairs = [...c.groups]
      .sort((a, b) => b.origins.length - a.origins.length)
      .slice(0, PAIRS_LOOKED_AT)
      .flatMap((a) => {
        const b = widest(conflictingGroups(c, a));
        return b ? [{ a, b, origins: [...a.origins, ...b.origins] }] : [];
      });
    const pair = widest(pairs);
    if (!pair) return undefined;
    const [low, high] = pair.a.interval.lo <= pair.b.interval.lo ? [pair.a, pair.b] : [pair.b, pair.a];
    return `${escapeText(low.amount)} (${sourceTags(dataset, low.sources)}) against ${escapeText(high.amount)} (${sourceTags(dataset, high.sources)})`;
  }
  const pair = widest(c.conflicts.map(([a, b]) => ({ a, b, origins: [...a.origins, ...b.origins] })));
  if (!pair) return undefined;
  return `${held(dataset, c, pair.a)} against ${held(dataset, c, pair.b)}`;
});

/** A measure of thousands of figures is looked at by its most given figures only. */
const PAIRS_LOOKED_AT = 20;

function held(dataset: Dataset, c: PointComparison, p: PositionHeld): string {
  return `${positionLabel(dataset, c.point, p.position)} (${sourceTags(dataset, p.sources)})`;
}

function widest<T extends { origins: readonly string[] }>(items: readonly T[]): T | undefined {
  return [...items].sort((a, b) => b.origins.length - a.origins.length)[0];
}

/**
 * "No report gives a figure for civilians killed.": the declared counts of people next to those
 * given (a part of one, or the total one is part of) that no report gives.
 */
export function unsaidSentence(dataset: Dataset, given: readonly MeasureComparison[]): string | undefined {
  const have = new Set(given.filter((c) => c.reports.length > 0).map((c) => c.measure));
  const related = (id: string) => {
    const m = dataset.measureById.get(id);
    return (
      (m?.part_of ?? []).some((t) => have.has(t)) ||
      dataset.measures.some((o) => have.has(o.id) && o.part_of.includes(id))
    );
  };
  const missing = dataset.measures.filter((m) => !have.has(m.id) && m.unit === 'people' && related(m.id));
  if (missing.length === 0 || !given.some((c) => countsPeople(dataset, c))) return undefined;
  const names = missing.map((m) => escapeText(measureLabel(dataset, m.id).toLowerCase()));
  return `No report gives a figure for ${names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0]}.`;
}

/** The bottom line of the figures of an incident: what most give, the main disagreement, what none says. */
export function figuresBottomLine(
  dataset: Dataset,
  figures: readonly MeasureComparison[],
  others: readonly Comparison[] = [],
): string {
  // The measure most independent origins give figures for: what a reader has heard most.
  const [lead] = [...figures]
    .filter((c) => c.reports.length > 0)
    .sort((a, b) => b.origins.length - a.origins.length);
  return bottomLine([
    lead ? mostGivenSentence(dataset, lead) : 'No report gives a figure.',
    mainDisagreementSentence(dataset, [...figures, ...others], lead),
    unsaidSentence(dataset, figures),
  ]);
}

/** "Target: most reports say a police station (Dawn, ARY News +3)." The position most origins hold. */
export function mostHeldSentence(dataset: Dataset, c: PointComparison): string | undefined {
  const most = widest(c.positions);
  if (!most) return undefined;
  const label = escapeText(capitalise(comparisonHeading(dataset, c)));
  const said = held(dataset, c, most);
  return c.positions.length === 1
    ? `${label}: ${said}, the one position held.`
    : `${label}: most often ${said}.`;
}

/** What most reports give on the comparison most origins speak to: a figure if there is one, else a position. */
export function mostReportedSentence(
  dataset: Dataset,
  comparisons: readonly Comparison[],
): string | undefined {
  const [lead] = [...comparisons]
    .filter((c) => c.origins.length > 0)
    .sort(
      (a, b) =>
        Number(b.kind === 'figures') - Number(a.kind === 'figures') || b.origins.length - a.origins.length,
    );
  if (!lead) return undefined;
  return lead.kind === 'figures' ? mostGivenSentence(dataset, lead) : mostHeldSentence(dataset, lead);
}

/** "⚠️ **People injured**: more than 12 to at least 34; 24 (Live Mint) against 34 (The Hills Times and indileak.com)": a disagreement in a short line. */
export function disagreementBrief(dataset: Dataset, c: Comparison): string {
  const range =
    c.kind === 'figures' && c.lowest && c.highest && c.lowest !== c.highest
      ? `${escapeText(c.lowest.amount)} to ${escapeText(c.highest.amount)}`
      : '';
  const sides = mainSides(dataset, c);
  return `⚠️ **${escapeText(capitalise(comparisonHeading(dataset, c)))}**: ${[range, sides].filter(Boolean).join('; ') || 'its parts do not fit'}`;
}

/**
 * "17 reports, from 12 Dec 2023 to 15 Dec 2023 (1 undated), 14 independent (copies of one text
 * count once). 2 probable errors, not counted.": the dataset's reports at a glance.
 */
export function sourcesBottomLine(dataset: Dataset): string {
  const reports = sourcesInOrder(dataset);
  const dated = reports.flatMap((s) => (s.published ? [s.published] : []));
  const undated = reports.length - dated.length;
  const span =
    dated.length === 0
      ? ''
      : dated[0] === dated.at(-1)
        ? `, all of ${formatShortDate(dated[0] as string)}`
        : `, from ${formatShortDate(dated[0] as string)} to ${formatShortDate(dated.at(-1) as string)}`;
  const origins = new Set(reports.map((s) => firstPublisher(dataset, s.id))).size;
  const errors = dataset.claims.filter(isLikelyError).length;
  return bottomLine([
    `${plural(reports.length, 'report')} and ${plural(dataset.claims.length, 'claim')} in all${span}${undated > 0 ? ` (${undated} undated)` : ''}; ${origins} of the reports independent, copies of one text counting once.`,
    errors > 0
      ? `${plural(errors, 'probable error')}, each marked and never counted.`
      : 'No probable error is marked.',
  ]);
}

/** Facts the bottom line frames a reply with: those the most independent origins state. */
const FRAMING_FACTS = 2;

/**
 * "Who claimed responsibility: Tehreek-e-Jihad Pakistan (TJP) (Al Jazeera, ARY News +10). … 3 items
 * are disputed: ⚠️ marks them.": what most reports state, then what they dispute.
 */
export function framingBottomLine(
  dataset: Dataset,
  claims: readonly ClaimRecord[],
  disputed: number,
): string {
  const facts = sameSaying(claims.filter((c) => !isPerpetratorClaim(c) && !isLikelyError(c)))
    .map((same) => ({ same, origins: new Set(same.map((c) => originOf(dataset, c))).size }))
    .sort((a, b) => b.origins - a.origins)
    .slice(0, FRAMING_FACTS)
    .map(({ same }) => {
      const [first] = same as [ClaimRecord];
      const said = same.length > 1 ? sharedSaying(dataset, first) : escapeText(first.statement);
      return `${capitalise(said.replace(/[.\s]+$/, ''))} (${sourceTags(
        dataset,
        same.map((c) => c.source),
      )}).`;
    });
  return bottomLine([
    ...(facts.length > 0 ? facts : ['Nothing is recorded here yet.']),
    disputed > 0
      ? `The reports differ on ${plural(disputed, 'item')}, each marked ⚠️.`
      : 'The reports dispute none of it.',
  ]);
}
