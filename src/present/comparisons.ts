/** Comparisons as lines: every figure with its source, the range, the conservative figure, the verdict. */
import type { Comparison, MeasureComparison, PointComparison, Verdict } from '../compare/compare.js';
import { describeFigure, describeInterval, formatCount } from '../compare/intervals.js';
import type { Dataset } from '../dataset/dataset.js';
import { claimLine, evidence } from './claims.js';
import { entityName } from './entities.js';
import { escapeText } from './markdown.js';
import { sourceTag } from './sources.js';

export const VERDICT_MARKS: Record<Verdict, string> = {
  agree: '✅ Sources agree',
  differ: '⚠️ Sources differ',
  single_source: 'ℹ️ Only one source reports this',
  perpetrator_only: '🏴 Only the perpetrators claim this',
};

/** The verdict's mark, saying so when the disagreement is within a single report. */
export function verdictMark(c: Comparison): string {
  return c.verdict === 'differ' && c.sources.length === 1
    ? '⚠️ The figures or statements differ within one source'
    : VERDICT_MARKS[c.verdict];
}

export function measureLabel(dataset: Dataset, measure: string): string {
  return dataset.measureById.get(measure)?.label ?? measure;
}

/** The measure's label, naming the related event when the figures are not about the incident. */
export function comparisonHeading(dataset: Dataset, comparison: Comparison): string {
  if (comparison.kind === 'statements') return pointHeading(dataset, comparison.point);
  const label = measureLabel(dataset, comparison.measure);
  const entity = dataset.entityById.get(comparison.subject);
  return entity?.kind === 'event' ? `${label}: ${entity.value.title}` : label;
}

/** Like pointLabel, but a point that starts with an entity's id names it: `tjp.characterisation` → "TJP: characterisation". */
export function pointHeading(dataset: Dataset, point: string): string {
  const [head = '', ...rest] = point.split('.');
  const entity = dataset.entityById.get(head);
  if (!entity || rest.length === 0) return pointLabel(point);
  const name =
    entity.kind === 'group'
      ? (entity.value.short ?? entity.value.name)
      : 'name' in entity.value
        ? entity.value.name
        : entity.value.title;
  return `${name}: ${pointLabel(rest.join('.')).replace(/^\p{Lu}/u, (c) => c.toLowerCase())}`;
}

/** `attack.point-of-impact` → "Attack: point of impact" */
export function pointLabel(point: string): string {
  const [head = '', ...rest] = point.split('.');
  const words = (s: string) => s.replace(/[-_]/g, ' ');
  const first = words(head).replace(/^\w/, (c) => c.toUpperCase());
  return rest.length ? `${first}: ${rest.map(words).join(', ')}` : first;
}

export function measureLines(dataset: Dataset, comparison: MeasureComparison): string[] {
  const lines = comparison.reports.map(
    (r) => `• **${escapeText(describeFigure(r.figure))}** ${evidence(dataset, r.claim)}`,
  );
  if (comparison.reports.length > 1) lines.push(summaryLine(comparison));
  else if (comparison.reports.length === 1) lines.push(VERDICT_MARKS.single_source);
  for (const r of comparison.perpetratorClaims) {
    lines.push(
      `🏴 Perpetrators’ claim: **${escapeText(describeFigure(r.figure))}** ${evidence(dataset, r.claim)}`,
    );
  }
  return lines;
}

function summaryLine(c: MeasureComparison): string {
  const parts = [verdictMark(c)];
  if (c.lowest && c.highest && c.lowest !== c.highest) {
    parts.push(
      `range ${escapeText(`${describeFigure(c.lowest.figure)} to ${describeFigure(c.highest.figure)}`)}`,
    );
  }
  if (c.conservative !== null) {
    const ceiling =
      c.conservativeFrom?.figure.qualifier === 'up_to' ? ' (a maximum: a report says “up to”)' : '';
    parts.push(`conservative figure ${formatCount(c.conservative)}${ceiling}`);
  }
  if (c.common) parts.push(`all reports allow ${describeInterval(c.common)}`);
  if (c.countedWords.length > 1)
    parts.push(`counted as ${c.countedWords.map((w) => `“${escapeText(w)}”`).join(' / ')}`);
  return parts.join(' · ');
}

export function pointLines(dataset: Dataset, comparison: PointComparison): string[] {
  const lines: string[] = [];
  for (const position of comparison.positions) {
    for (const claim of position.claims) lines.push(`• ${claimLine(dataset, claim)}`);
  }
  lines.push(pointSummary(dataset, comparison));
  for (const claim of comparison.perpetratorClaims) lines.push(`🏴 ${claimLine(dataset, claim)}`);
  return lines;
}

function pointSummary(dataset: Dataset, c: PointComparison): string {
  if (c.verdict !== 'differ') return VERDICT_MARKS[c.verdict];
  if (c.sources.length === 1)
    return `${verdictMark(c)}: ${c.positions.map((p) => positionLabel(dataset, p.position)).join(' vs ')}`;
  const held = c.positions.map(
    (p) => `${positionLabel(dataset, p.position)} (${p.sources.map((s) => sourceTag(dataset, s)).join(' ')})`,
  );
  return `${VERDICT_MARKS.differ}: ${held.join(' vs ')}`;
}

export function comparisonLines(dataset: Dataset, comparison: Comparison): string[] {
  return comparison.kind === 'figures' ? measureLines(dataset, comparison) : pointLines(dataset, comparison);
}

export function comparisonClaims(comparison: Comparison) {
  return comparison.kind === 'figures'
    ? [...comparison.reports, ...comparison.perpetratorClaims].map((r) => r.claim)
    : [...comparison.positions.flatMap((p) => p.claims), ...comparison.perpetratorClaims];
}

/**
 * A position as readers say it: the name of the group, person, place or event when the position is
 * one's id (`tjp` → "TJP"), else its words (`main-gate-of-police-station` → "main gate of police station").
 */
export function positionLabel(dataset: Dataset, position: string): string {
  if (dataset.entityById.has(position)) return entityName(dataset, position);
  return escapeText(position.replace(/[-_]/g, ' '));
}
