/**
 * The comparison of sources, summed up: everything the reports say about an incident, sorted into
 * where they agree, where they differ, what one origin alone reports, what the perpetrators claim,
 * and what the curator marked as probable errors. Nothing here assumes two sources.
 */
import type { ClaimRecord, Dataset } from '../dataset/dataset.js';
import { isCounted, isLikelyError, isPerpetratorClaim, memoPerClaimList, type Verdict } from './claims.js';
import { compareFigures, type MeasureComparison } from './figures.js';
import { compareStatements, type PointComparison } from './statements.js';

export type Comparison = MeasureComparison | PointComparison;

export interface ComparisonSummary {
  agree: Comparison[];
  differ: Comparison[];
  singleOrigin: Comparison[];
  /** Claims that make no comparable point: reported by one source, in its own words. */
  uncompared: ClaimRecord[];
  perpetratorClaims: ClaimRecord[];
  likelyErrors: ClaimRecord[];
}

/** Everything the sources say about an incident, sorted into agree / differ / one origin / perpetrators / errors. */
export const summariseComparison: (claims: readonly ClaimRecord[], dataset: Dataset) => ComparisonSummary =
  memoPerClaimList((claims, dataset) => {
    const comparisons: Comparison[] = [
      ...compareFigures(claims, dataset),
      ...compareStatements(claims, dataset),
    ];
    const of = (verdict: Verdict) =>
      Object.freeze(comparisons.filter((c) => c.verdict === verdict)) as Comparison[];
    return {
      agree: of('agree'),
      differ: of('differ'),
      singleOrigin: of('single_origin'),
      uncompared: Object.freeze(claims.filter((c) => !c.point && !c.figure && isCounted(c))) as ClaimRecord[],
      perpetratorClaims: Object.freeze(claims.filter(isPerpetratorClaim)) as ClaimRecord[],
      likelyErrors: Object.freeze(
        claims.filter((c) => !isPerpetratorClaim(c) && isLikelyError(c)),
      ) as ClaimRecord[],
    };
  });

/** The claims a comparison counts: neither the perpetrators' nor probable errors. */
export function countedClaims(comparison: Comparison): ClaimRecord[] {
  return comparison.kind === 'figures'
    ? comparison.reports.map((r) => r.claim)
    : comparison.positions.flatMap((p) => p.claims);
}

/** Every claim a comparison rests on, the perpetrators' and the probable errors included. */
export function comparisonClaims(comparison: Comparison): ClaimRecord[] {
  return comparison.kind === 'figures'
    ? [...comparison.reports, ...comparison.perpetratorClaims, ...comparison.likelyErrors].map((r) => r.claim)
    : [
        ...comparison.positions.flatMap((p) => p.claims),
        ...comparison.perpetratorClaims,
        ...comparison.likelyErrors,
      ];
}
