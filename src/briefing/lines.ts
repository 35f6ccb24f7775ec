/**
 * Comparisons and claims in one line each, for overviews (/incident) and the digest; and the
 * headings every comparison of sources is sorted under.
 */

import { isPerpetratorClaim } from '../compare/claims.js';
import type { Comparison } from '../compare/compare.js';
import type { MeasureComparison } from '../compare/figures.js';
import { describeAmount, describeFigure } from '../compare/intervals.js';
import type { PointComparison } from '../compare/statements.js';
import type { ClaimRecord, Dataset } from '../dataset/dataset.js';
import { plural } from '../plural.js';
import { citation } from './claims.js';
import {
  comparisonHeading,
  countsPeople,
  disagreementText,
  heldText,
  pointHeading,
  positionLabel,
  VERDICT_MARKS,
  verdictMark,
  whoGives,
} from './comparisons.js';
import { escapeText } from './markdown.js';
import { sourceNumber, sourceTags } from './sources.js';

/** The headings a comparison of sources is sorted under, the same in every reply and the digest. */
export const SORTED_UNDER = {
  agree: '✅ Where the sources agree',
  differ: '⚠️ Where they differ',
  alone: 'ℹ️ Only one source or statement',
  perpetrators: '🏴 What the perpetrators claim (unverified)',
  errors: '❓ Probable errors (not counted)',
} as const;

/** "Security forces killed: 23 to at least 25 (8 sources, 5 origins, ⚠️ conflicting; conservative 23)" */
export function figureRangeLine(dataset: Dataset, c: MeasureComparison): string {
  const label = capitalise(comparisonHeading(dataset, c));
  const parts: string[] = [];
  if (c.lowest && c.highest) {
    const low = describeAmount(c.lowest.figure);
    const high = describeAmount(c.highest.figure);
    const range = low === high ? low : `${low} to ${high}`;
    const verdict =
      c.verdict === 'differ'
        ? '⚠️ conflicting'
        : c.verdict === 'agree'
          ? '✅ consistent'
          : 'ℹ️ one origin only';
    const conservative =
      c.conservative !== null && c.groups.length > 1 && countsPeople(dataset, c)
        ? `; conservative ${c.conservative}`
        : '';
    parts.push(
      `${range} (${plural(c.sources.length, 'source')} ${sourceTags(dataset, c.sources)}, ${plural(c.origins.length, 'origin')}, ${verdict}${conservative})`,
    );
    if (c.countedWords.length > 1)
      parts.push(`counted as ${c.countedWords.map((w) => `“${escapeText(w)}”`).join(' / ')}`);
  } else {
    parts.push('no figure from a source');
  }
  for (const p of c.perpetratorClaims) {
    parts.push(
      `🏴 perpetrators claim ${escapeText(describeAmount(p.figure))} ${sourceTags(dataset, [p.claim.source])}`,
    );
  }
  return `**${escapeText(label)}:** ${parts.join('; ')}`;
}
/** A point in one line: its verdict, and the position held (agreeing) or the positions (differing). */
export function pointLine(dataset: Dataset, c: PointComparison): string {
  const label = escapeText(pointHeading(dataset, c.point));
  if (c.verdict === 'differ') return `${VERDICT_MARKS.differ} · ${label}: ${positionsText(dataset, c)}`;
  const held =
    c.positions.length > 0
      ? c.positions.map((p) => positionLabel(dataset, c.point, p.position)).join('; ')
      : escapeText(c.perpetratorClaims[0]?.statement ?? '');
  const perpetrators =
    c.perpetratorClaims.length > 0
      ? ` · 🏴 ${sourceTags(
          dataset,
          c.perpetratorClaims.map((p) => p.source),
        )}`
      : '';
  return `${verdictMark(dataset, c)} · ${label}: ${held} ${sourceTags(dataset, c.sources)}${perpetrators}`;
}
function positionsText(dataset: Dataset, c: PointComparison): string {
  return c.positions.map((p) => heldText(dataset, c, p)).join(' vs ');
}
/** "⚠️ Attackers killed: 5 [1] · 6 [2]" */
export function disagreementLine(dataset: Dataset, c: Comparison): string {
  const heading = escapeText(capitalise(comparisonHeading(dataset, c)));
  return `⚠️ **${heading}:** ${disagreementText(dataset, c)}`;
}
/** One line per comparison: each figure or statement with its source. */
export function comparisonLine(dataset: Dataset, comparison: Comparison): string {
  const heading = `**${escapeText(comparisonHeading(dataset, comparison))}**`;
  if (comparison.kind === 'figures') {
    const figures = comparison.groups.map((g) => `${escapeText(g.amount)} ${whoGives(dataset, g)}`);
    return `${heading}: ${figures.join('; ')}`;
  }
  // Each position with those who hold it, so no one's words stand under another's number.
  const held = comparison.positions.map((p) => {
    const who = [...p.claims]
      .sort((a, b) => sourceNumber(dataset, a.source) - sourceNumber(dataset, b.source))
      .map((c) => citation(dataset, c));
    return `${positionLabel(dataset, comparison.point, p.position)} (${who.join(' · ')})`;
  });
  const disputed = comparison.verdict === 'differ' ? ` — ⚠️ ${disagreementText(dataset, comparison)}` : '';
  return `${heading}: ${held.join('; ')}${disputed}`;
}
/** A claim in one line, with who says it (and the figure, for a perpetrators' claim). */
export function claimBrief(dataset: Dataset, claim: ClaimRecord): string {
  const figure =
    claim.figure && isPerpetratorClaim(claim) ? ` (${escapeText(describeFigure(claim.figure))})` : '';
  return `${escapeText(claim.statement)}${figure} ${citation(dataset, claim)}`;
}
/** Figures in the order the dataset declares its measures (killed before injured, and so on). */
export function sortByMeasure(dataset: Dataset, comparisons: MeasureComparison[]): MeasureComparison[] {
  const order = (m: string) => {
    const i = dataset.measures.findIndex((x) => x.id === m);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...comparisons].sort((a, b) => order(a.measure) - order(b.measure));
}
export function capitalise(text: string): string {
  return text.replace(/^\p{Ll}/u, (c) => c.toUpperCase());
}
