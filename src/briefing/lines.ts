/**
 * Comparisons and claims in one line each, for overviews (/incident) and the digest; and the
 * headings every comparison of sources is sorted under. A line is worked out once per comparison
 * or claim, which lives as long as its dataset: every reply that shows it reads the same line.
 */

import { isPerpetratorClaim } from '../compare/claims.js';
import type { Comparison } from '../compare/compare.js';
import { amountOf, type MeasureComparison } from '../compare/figures.js';
import { describeFigure } from '../compare/intervals.js';
import type { PointComparison } from '../compare/statements.js';
import type { ClaimRecord, Dataset } from '../dataset/dataset.js';
import { memoPerObject } from '../dataset/memo.js';
import { nameKey } from '../dataset/names.js';
import { citation } from './claims.js';
import {
  comparisonHeading,
  countsPeople,
  disagreementText,
  heldText,
  pointHeading,
  positionLabel,
  reportCount,
  VERDICT_MARKS,
  verdictMark,
  whoGives,
} from './comparisons.js';
import { escapeText } from './markdown.js';
import { sourceTags } from './sources.js';

/** The headings a comparison of sources is sorted under, the same in every reply and the digest. */
export const SORTED_UNDER = {
  agree: '✅ Where the sources agree',
  differ: '⚠️ Where they differ',
  alone: 'ℹ️ Only one source or statement',
  perpetrators: '🏴 What the perpetrators claim (unverified)',
  errors: '❓ Probable errors (not counted)',
} as const;

/** "Security forces killed: 23 to at least 25 (8 sources, 5 origins, ⚠️ conflicting; conservative 23)" */
export const figureRangeLine = memoPerObject((dataset, c: MeasureComparison): string => {
  const label = capitalise(comparisonHeading(dataset, c));
  const parts: string[] = [];
  if (c.lowest && c.highest) {
    const low = c.lowest.amount;
    const high = c.highest.amount;
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
    parts.push(`${range} (${reportCount(c)}: ${sourceTags(dataset, c.sources)}; ${verdict}${conservative})`);
    if (c.countedWords.length > 1)
      parts.push(`counted as ${c.countedWords.map((w) => `“${escapeText(w)}”`).join(' / ')}`);
  } else {
    parts.push('no figure from a source');
  }
  for (const p of c.perpetratorClaims) {
    parts.push(
      `🏴 perpetrators claim ${escapeText(amountOf(dataset, c.measure, p.figure))} ${sourceTags(dataset, [p.claim.source])}`,
    );
  }
  return `**${escapeText(label)}:** ${parts.join('; ')}`;
});
/** A point in one line: its verdict, and the position held (agreeing) or the positions (differing). */
export const pointLine = memoPerObject((dataset, c: PointComparison): string => {
  const label = escapeText(pointHeading(dataset, c.point));
  if (c.verdict === 'differ') return `${VERDICT_MARKS.differ} · ${label}: ${positionsText(dataset, c)}`;
  const held =
    c.positions.length > 0
      ? c.positions.map((p) => positionLabel(dataset, c.point, p.position)).join('; ')
      : c.perpetratorClaims.length > 0
        ? escapeText(c.perpetratorClaims[0]?.statement ?? '')
        : c.likelyErrors
            .map((e) => `${positionLabel(dataset, c.point, e.position ?? '')} (probable error, not counted)`)
            .join('; ');
  const perpetrators =
    c.perpetratorClaims.length > 0
      ? ` · 🏴 ${sourceTags(
          dataset,
          c.perpetratorClaims.map((p) => p.source),
        )}`
      : '';
  return `${verdictMark(dataset, c)} · ${label}: ${held} ${sourceTags(dataset, c.sources)}${perpetrators}`;
});
function positionsText(dataset: Dataset, c: PointComparison): string {
  return c.positions.map((p) => heldText(dataset, c, p)).join(' vs ');
}
/** "⚠️ Attackers killed: 5 [1] · 6 [2]" */
export const disagreementLine = memoPerObject((dataset, c: Comparison): string => {
  const heading = escapeText(capitalise(comparisonHeading(dataset, c)));
  return `⚠️ **${heading}:** ${disagreementText(dataset, c)}`;
});
/** One line per comparison: each figure or statement with its source. */
export const comparisonLine = memoPerObject((dataset, comparison: Comparison): string => {
  const heading = `**${escapeText(comparisonHeading(dataset, comparison))}**`;
  if (comparison.kind === 'figures') {
    const figures = comparison.groups.map((g) => `${escapeText(g.amount)} ${whoGives(dataset, g)}`);
    return `${heading}: ${figures.join('; ')}`;
  }
  // Each position with the reports that hold it; a disagreement is said once, by its sides.
  if (comparison.verdict === 'differ') return `⚠️ ${heading}: ${disagreementText(dataset, comparison)}`;
  const held = comparison.positions.map((p) => heldText(dataset, comparison, p));
  return `${heading}: ${held.join('; ')}`;
});
/**
 * Claims as lines, a statement several reports make in the same words said once with all their
 * labels ("TJP claimed responsibility for the attack. — Dawn, ARY News, KabulNow +6"); a claim
 * alone keeps who says it. In the order the claims come, each statement where it first appears.
 */
export function claimsOnce(dataset: Dataset, claims: readonly ClaimRecord[], mark = '•'): string[] {
  return sameSaying(claims).map((same) => {
    const [first] = same as [ClaimRecord];
    const lead = isPerpetratorClaim(first) ? '🏴' : mark;
    const sources = new Set(same.map((c) => c.source));
    return sources.size > 1
      ? `${lead} ${sharedSaying(dataset, first)} — ${sourceTags(dataset, sources)}`
      : `${lead} ${claimBrief(dataset, first)}`;
  });
}

/** What several reports say alike: the point and position they hold ("Who claimed responsibility: TJP"), else their words. */
export function sharedSaying(dataset: Dataset, claim: ClaimRecord): string {
  return claim.point
    ? `${escapeText(pointHeading(dataset, claim.point))}: ${positionLabel(dataset, claim.point, claim.position ?? '')}`
    : escapeText(claim.statement);
}

/**
 * Claims in their order, those that say the same thing together: the same position on a declared
 * point (the data's own word that they say the same), else the same words; the perpetrators' apart.
 */
export function sameSaying(claims: readonly ClaimRecord[]): ClaimRecord[][] {
  const groups = new Map<string, ClaimRecord[]>();
  for (const c of claims) {
    const key = sayingKey(c);
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  return [...groups.values()];
}

/** What a claim says, as sameSaying compares it: worked out once per claim, which never changes. */
const sayingKeys = new WeakMap<ClaimRecord, string>();

function sayingKey(c: ClaimRecord): string {
  let key = sayingKeys.get(c);
  if (key === undefined) {
    const what = c.point ? `${c.point}\u0000${c.position ?? ''}` : nameKey(c.statement);
    key = [isPerpetratorClaim(c), c.relation ? JSON.stringify(c.relation) : '', c.date ?? '', what].join(
      '\u0000',
    );
    sayingKeys.set(c, key);
  }
  return key;
}

/** A claim in one line, with who says it (and the figure, for a perpetrators' claim). */
export const claimBrief = memoPerObject((dataset, claim: ClaimRecord): string => {
  const figure =
    claim.figure && isPerpetratorClaim(claim) ? ` (${escapeText(describeFigure(claim.figure))})` : '';
  return `${escapeText(claim.statement)}${figure} — ${citation(dataset, claim)}`;
});
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
