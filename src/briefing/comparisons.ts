/** Comparisons as lines: the figures grouped by value with who gives them, the range, the verdict. */
import type { Verdict } from '../compare/claims.js';
import type { Comparison } from '../compare/compare.js';
import type { Named } from '../compare/conflicts.js';
import {
  conflictsToName,
  consistentToName,
  type FigureGroup,
  fitsParts,
  type MeasureComparison,
  measureUnit,
  type PartCheck,
  partChecksOf,
} from '../compare/figures.js';
import {
  countInterval,
  describeAmount,
  describeFigure,
  describeInterval,
  describeIntervalIn,
  formatCount,
} from '../compare/intervals.js';
import type { CompatiblePair, PointComparison, PositionHeld } from '../compare/statements.js';
import { type ClaimRecord, type Dataset, positionOf } from '../dataset/dataset.js';
import { plural } from '../plural.js';
import { claimLine, evidence, likelyErrorLine } from './claims.js';
import { entityName } from './entities.js';
import { escapeText } from './markdown.js';
import { sourceTags } from './sources.js';

export const VERDICT_MARKS: Record<Verdict, string> = {
  agree: '✅ Sources agree',
  differ: '⚠️ Sources differ',
  single_origin: 'ℹ️ Only one source reports this',
  perpetrator_only: '🏴 Only the perpetrators claim this',
  errors_only: '❓ Only a probable error reports this',
};

/**
 * The verdict's mark, saying so when a disagreement is within one report, and when what one
 * origin says is carried by several reports (one statement relayed is one confirmation).
 */
export function verdictMark(dataset: Dataset, c: Comparison): string {
  if (c.kind === 'figures' && c.verdict === 'differ' && c.conflictCount === 0)
    return '⚠️ Figures of its parts do not fit in it';
  if (c.verdict === 'differ' && c.sources.length === 1)
    return '⚠️ The figures or statements differ within one source';
  if (c.verdict === 'single_origin' && c.sources.length > 1) {
    const [origin = ''] = c.origins;
    return `ℹ️ One origin only: ${originName(dataset, origin)}, carried by ${c.sources.length} reports`;
  }
  if (c.verdict === 'agree' && c.origins.length < c.sources.length)
    return `${VERDICT_MARKS.agree} (${reportCount(c)})`;
  return VERDICT_MARKS[c.verdict];
}

/**
 * "5 reports, 3 independent accounts": how many reports, and how many of them are independent when
 * fewer (a statement several reports carry, or copies of one wire, count once). The one wording.
 */
export function reportCount(c: Comparison): string {
  const reports = plural(c.sources.length, 'report');
  return c.origins.length < c.sources.length
    ? `${reports}, ${plural(c.origins.length, 'independent account')}`
    : reports;
}

/** "ISPR statement", else "[2] officials": an origin as readers know it. */
export function originName(dataset: Dataset, origin: string): string {
  if (origin.startsWith('statement:')) {
    const statement = dataset.statementById.get(origin.slice('statement:'.length));
    return escapeText(statement?.title ?? origin);
  }
  return 'one report';
}

export function measureLabel(dataset: Dataset, measure: string): string {
  return dataset.measureById.get(measure)?.label ?? measure;
}

/** The measure's label, naming the related event, or the span, when the figures are not about the incident alone. */
export function comparisonHeading(dataset: Dataset, comparison: Comparison): string {
  if (comparison.kind === 'statements') return pointHeading(dataset, comparison.point);
  const label = measureLabel(dataset, comparison.measure);
  if (comparison.covers) return `${label}: ${spanName(dataset, comparison.covers)}`;
  const entity = dataset.entityById.get(comparison.subject);
  return entity?.kind === 'event' ? `${label}: ${entity.value.title}` : label;
}

/** "this incident", "the Kulachi operation": a subject of figures as a sentence names it. */
export function subjectName(dataset: Dataset, id: string): string {
  if (dataset.incidentById.has(id)) return 'this incident';
  return entityName(dataset, id).replace(/^The (?=\p{Lu})/u, 'the ');
}

/** "this incident and the Kulachi operation, together": what a span covers, as readers name it. */
export function spanName(dataset: Dataset, covers: readonly string[]): string {
  const names = covers.map((id) => subjectName(dataset, id));
  return names.length > 1
    ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}, together`
    : (names[0] ?? '');
}

/** A point's declared label ("Target"); its id when it is not declared. */
export function pointHeading(dataset: Dataset, point: string): string {
  return dataset.pointById.get(point)?.label ?? point;
}

/** A position's declared label ("a police station"), escaped for display. */
export function positionLabel(dataset: Dataset, point: string, position: string): string {
  return escapeText(positionOf(dataset, point, position)?.label ?? position);
}

export function measureLines(dataset: Dataset, c: MeasureComparison): string[] {
  const lines: string[] = [];
  if (c.reports.length > 0) lines.push(summaryLine(dataset, c));
  for (const group of c.groups) {
    lines.push(groupLine(dataset, c, group));
    lines.push(
      ...evidenceLines(
        group.reports.map((r) => r.claim),
        (claim) => evidence(dataset, claim),
      ),
    );
  }
  lines.push(...partLines(dataset, c), ...spanLines(dataset, c));
  for (const r of c.perpetratorClaims) {
    lines.push(
      `🏴 Perpetrators’ claim: **${escapeText(describeFigure(r.figure))}** ${evidence(dataset, r.claim)}`,
    );
  }
  for (const r of c.likelyErrors) lines.push(likelyErrorLine(dataset, r.claim));
  return lines;
}

/** "⚠️ Sources differ · range 23 to at least 25 · conservative figure 23 · counted as “soldiers” / “officers”" */
function summaryLine(dataset: Dataset, c: MeasureComparison): string {
  const parts = [verdictMark(dataset, c)];
  if (c.verdict === 'differ' && c.origins.length < c.sources.length) parts.push(reportCount(c));
  if (c.lowest && c.highest && c.lowest !== c.highest) {
    parts.push(
      `range ${escapeText(`${describeFigure(c.lowest.figure)} to ${describeFigure(c.highest.figure)}`)}`,
    );
  }
  if (c.conservative !== null && c.groups.length > 1 && countsPeople(dataset, c)) {
    const ceiling =
      c.conservativeFrom?.figure.qualifier === 'up_to' ? ' (a maximum: a report says “up to”)' : '';
    parts.push(`conservative figure ${formatCount(c.conservative)}${ceiling}`);
  }
  if (c.common && c.groups.length > 1)
    parts.push(`all reports allow ${describeIntervalIn(c.common, measureUnit(dataset, c.measure))}`);
  if (c.countedWords.length > 1)
    parts.push(`counted as ${c.countedWords.map((w) => `“${escapeText(w)}”`).join(' / ')}`);
  return parts.join(' · ');
}

/** Whether a comparison is of casualties or attackers: what /casualties and the headline figures show. */
export function isCasualtyFigure(c: Comparison): c is MeasureComparison {
  return c.kind === 'figures' && (c.topic === 'casualties' || c.topic === 'attackers');
}

/** Whether a measure counts people: the conservative figure is a rule for counts of people, not distances or sums. */
export function countsPeople(dataset: Dataset, c: MeasureComparison): boolean {
  return (dataset.measureById.get(c.measure)?.unit ?? 'people') === 'people';
}

/** "• **more than 30** [2] [3], consistent with 34; ⚠️ conflicts with 25" */
function groupLine(dataset: Dataset, c: MeasureComparison, group: FigureGroup): string {
  const parts = [
    `• **${escapeText(group.amount)}** ${whoGives(dataset, group)}${includedText(dataset, group)}`,
  ];
  if (c.groups.length > 1) {
    const fits = consistentToName(c, group, NAMED_AT_MOST);
    const clashes = conflictsToName(c, group, NAMED_AT_MOST);
    if (fits.items.length > 0) parts.push(`consistent with ${amountList(fits)}`);
    if (clashes.items.length > 0) parts.push(`⚠️ conflicts with ${amountList(clashes)}`);
  }
  return parts.join('; ');
}

/** Figures a figure fits or conflicts with, named at most: a measure of thousands stays readable. */
export const NAMED_AT_MOST = 6;

/** "25, at least 26 and 40 more" */
export function amountList(named: Named<FigureGroup>): string {
  const amounts = named.items.map((g) => escapeText(g.amount)).join(', ');
  return named.more > 0 ? `${amounts} and ${formatCount(named.more)} more` : amounts;
}

/** "Dawn and KabulNow (ISPR statement, via ARY News and The Hills Times)": the reports behind a figure, a relayed statement named once. */
export function whoGives(dataset: Dataset, group: FigureGroup): string {
  const byOrigin = new Map<string, string[]>();
  for (const r of group.reports) {
    const list = byOrigin.get(r.origin) ?? [];
    if (!list.includes(r.claim.source)) list.push(r.claim.source);
    byOrigin.set(r.origin, list);
  }
  const relayed: string[] = [];
  const own: string[] = [];
  for (const [origin, sources] of byOrigin) {
    if (origin.startsWith('statement:'))
      relayed.push(`(${originName(dataset, origin)}, via ${sourceTags(dataset, sources)})`);
    else own.push(...sources);
  }
  return [...(own.length > 0 ? [sourceTags(dataset, own)] : []), ...relayed].join(' ');
}

/** " (including attackers killed: 1; the rest: 23)", or that the rest cannot be derived. */
export function includedText(dataset: Dataset, group: FigureGroup): string {
  const { includes } = group.figure;
  if (includes.length === 0) return '';
  const counts = includes.map(
    (c) =>
      `${measureLabel(dataset, c.measure).toLowerCase()}: ${
        c.value === undefined
          ? 'number not given'
          : describeAmount({ ...group.figure, value: c.value, qualifier: c.qualifier, words: undefined })
      }`,
  );
  const known = includes.flatMap((c) => (c.value === undefined ? [] : [countInterval(c.value, c.qualifier)]));
  const taken = { lo: known.reduce((sum, i) => sum + i.lo, 0), hi: known.reduce((sum, i) => sum + i.hi, 0) };
  const rest = {
    lo: Math.max(group.interval.lo - taken.hi, 0),
    hi: Math.max(group.interval.hi - taken.lo, 0),
  };
  const restText =
    known.length < includes.length
      ? 'the rest cannot be derived'
      : rest.lo === 0 && rest.hi === Number.POSITIVE_INFINITY
        ? ''
        : `the rest: ${describeInterval(rest)}`;
  return ` (including ${escapeText([...counts, ...(restText ? [restText] : [])].join('; '))})`;
}

/**
 * A total against its parts: for each figure of the total that a part's figure cannot fit in, the
 * conflict and what does fit; when every part fits every figure, one line that says so.
 */
function partLines(dataset: Dataset, c: MeasureComparison): string[] {
  if (c.partChecks.length === 0) return [];
  const partText = (checks: readonly PartCheck[]) => partFiguresText(dataset, checks);
  // What fits is said of the total's own parts only: parts of parts follow from them.
  const direct = (p: PartCheck) =>
    dataset.measureById.get(p.partMeasure)?.part_of.includes(c.measure) === true;
  if (c.partChecks.every((p) => p.consistent))
    return [`✅ Its parts fit within it: ${partText(c.partChecks.filter(direct))}`];
  const lines: string[] = [];
  for (const total of c.groups) {
    const checks = partChecksOf(c, total);
    const clashes = checks.filter((p) => !p.consistent);
    if (clashes.length === 0) continue;
    const fits = checks.filter((p) => p.consistent && direct(p));
    lines.push(
      `⚠️ **${escapeText(total.amount)}** in all ${sourceTags(dataset, total.sources)} leaves no room for ${partText(clashes)}${fits.length > 0 ? `; consistent with ${partText(fits)}` : ''}`,
    );
  }
  return lines;
}

/**
 * "security forces killed (officers, soldiers) at least 24 indileak.com, at least 25 Business
 * Recorder": the part figures of checks, each part's measure named once, each figure once.
 */
export function partFiguresText(dataset: Dataset, checks: readonly PartCheck[]): string {
  const byMeasure = new Map<string, Set<FigureGroup>>();
  for (const p of checks)
    byMeasure.set(p.partMeasure, (byMeasure.get(p.partMeasure) ?? new Set()).add(p.part));
  return [...byMeasure]
    .map(
      ([measure, parts]) =>
        `${escapeText(measureLabel(dataset, measure).toLowerCase())} ${[...parts]
          .map((part) => `${escapeText(part.amount)} ${sourceTags(dataset, part.sources)}`)
          .join(', ')}`,
    )
    .join('; ');
}

/** For a figure spanning several subjects: what their own figures allow together, and whether it fits. */
function spanLines(dataset: Dataset, c: MeasureComparison): string[] {
  const r = c.reconciliation;
  if (!r) return [];
  const parts = r.parts.map(
    (p) => `${subjectName(dataset, p.subject)}: ${p.interval ? describeInterval(p.interval) : 'no figure'}`,
  );
  const verdicts = c.groups.map((g) =>
    fitsParts(g, r) ? `✅ ${escapeText(g.amount)} fits` : `⚠️ ${escapeText(g.amount)} does not add up`,
  );
  return [
    `Spans several events; their own figures: ${parts.join(' + ')} = ${describeInterval(r.sum)} · ${verdicts.join(' · ')}`,
  ];
}

/** Every claim behind a figure or position, quoted: this is what /quotes is for (it pages when long). */
function evidenceLines(claims: readonly ClaimRecord[], line: (claim: ClaimRecord) => string): string[] {
  return claims.map((claim) => `  ◦ ${line(claim)}`);
}

export function pointLines(dataset: Dataset, c: PointComparison): string[] {
  const lines: string[] = [];
  for (const held of c.positions) {
    lines.push(
      `• **${positionLabel(dataset, c.point, held.position)}** ${sourceTags(dataset, held.sources)}`,
    );
    lines.push(...evidenceLines(held.claims, (claim) => claimLine(dataset, claim)));
  }
  lines.push(pointSummary(dataset, c));
  for (const pair of c.compatible.filter((p) => p.why !== 'facets'))
    lines.push(compatibleLine(dataset, c, pair));
  for (const claim of c.perpetratorClaims) lines.push(`🏴 ${claimLine(dataset, claim)}`);
  for (const claim of c.likelyErrors) lines.push(likelyErrorLine(dataset, claim));
  return lines;
}

function pointSummary(dataset: Dataset, c: PointComparison): string {
  if (c.verdict !== 'differ') {
    const facets = c.compatible.some((p) => p.why === 'facets')
      ? ' (different angles, none contradicting another)'
      : '';
    return `${verdictMark(dataset, c)}${facets}`;
  }
  const pair = ([a, b]: [PositionHeld, PositionHeld]) =>
    `${heldText(dataset, c, a)} vs ${heldText(dataset, c, b)}`;
  return `${verdictMark(dataset, c)}: ${c.conflicts.map(pair).join('; ')}`;
}

/** "a police station [1]" */
export function heldText(dataset: Dataset, c: PointComparison, held: PositionHeld): string {
  return `${positionLabel(dataset, c.point, held.position)} ${sourceTags(dataset, held.sources)}`;
}

const COMPATIBLE_WORDS = {
  broader: 'is a broader answer than',
  compatible: 'can be true together with',
  related_groups: 'is a broader answer than',
  facets: 'can be true together with',
} as const;

/** "↔ an affiliate of the TTP [5] is a broader answer than TJP [1] [2] (the reports relate the groups)" */
function compatibleLine(dataset: Dataset, c: PointComparison, pair: CompatiblePair): string {
  const [first, second] = pair.broader === pair.b ? [pair.b, pair.a] : [pair.a, pair.b];
  const why = pair.why === 'related_groups' ? ' (the reports relate the two groups)' : '';
  const words =
    pair.broader || pair.why !== 'related_groups' ? COMPATIBLE_WORDS[pair.why] : 'is compatible with';
  return `↔ ${heldText(dataset, c, first)} ${words} ${heldText(dataset, c, second)}${why}: no disagreement`;
}

export function comparisonLines(dataset: Dataset, comparison: Comparison): string[] {
  return comparison.kind === 'figures' ? measureLines(dataset, comparison) : pointLines(dataset, comparison);
}

/** "⚠️ Attackers killed: 5 [1] · 6 [2] (the military)": each side of a disagreement in one line. */
export function disagreementText(dataset: Dataset, c: Comparison): string {
  if (c.kind === 'statements')
    return conflictSides(c.conflicts)
      .map(
        ({ one, others }) =>
          `${heldText(dataset, c, one)} vs ${others.map((o) => heldText(dataset, c, o)).join(', ')}`,
      )
      .join('; ');
  const sides = c.groups.map((g) => `${escapeText(g.amount)} ${whoGives(dataset, g)}`);
  const parts = c.partChecks.filter((p) => !p.consistent).map((p) => partConflictText(dataset, p));
  return [...(c.conflictCount > 0 ? [sides.join('; ')] : []), ...parts].join('; ');
}

/**
 * The pairs of positions that conflict, each position that conflicts with several named once:
 * "a police station vs a security post, a military camp" rather than two pairs that repeat it.
 */
export function conflictSides(
  conflicts: readonly (readonly [PositionHeld, PositionHeld])[],
): { one: PositionHeld; others: PositionHeld[] }[] {
  const count = new Map<PositionHeld, number>();
  for (const pair of conflicts) for (const p of pair) count.set(p, (count.get(p) ?? 0) + 1);
  const sides = new Map<PositionHeld, PositionHeld[]>();
  for (const [a, b] of conflicts) {
    const [one, other] = (count.get(b) ?? 0) > (count.get(a) ?? 0) ? [b, a] : [a, b];
    sides.set(one, [...(sides.get(one) ?? []), other]);
  }
  return [...sides].map(([one, others]) => ({ one, others }));
}

function partConflictText(dataset: Dataset, p: PartCheck): string {
  return `${escapeText(p.total.amount)} in all ${sourceTags(dataset, p.total.sources)} vs ${escapeText(measureLabel(dataset, p.partMeasure).toLowerCase())} ${escapeText(p.part.amount)} ${sourceTags(dataset, p.part.sources)}`;
}
