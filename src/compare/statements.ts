/**
 * Statements compared per declared point. Claims holding the same position agree; different
 * positions differ only when they cannot both be true:
 *
 * - a position declared broader than, or compatible with, another is no rival to it;
 * - a position naming a group and one naming "an affiliate of" another group are compatible when
 *   the reports record the two groups as related (a splinter, an affiliate, a front, the same);
 * - on a point whose positions are facets (how a group is described, from different angles), the
 *   positions differ only where declared to contradict one another.
 *
 * Perpetrator claims and probable errors are kept apart; agreement counts independent origins.
 */
import { type ClaimRecord, type Dataset, positionOf } from '../dataset/dataset.js';
import { oncePerDataset } from '../dataset/memo.js';
import type { Position, Topic } from '../dataset/schema.js';
import {
  distinct,
  isCounted,
  isLikelyError,
  isPerpetratorClaim,
  memoPerClaimList,
  originOf,
  pairs,
  type Verdict,
  verdictOf,
} from './claims.js';

export interface PositionHeld {
  position: string;
  claims: ClaimRecord[];
  sources: string[];
  origins: string[];
}

/** Why two different positions on a point are no disagreement. */
export type Compatibility = 'broader' | 'compatible' | 'related_groups' | 'facets';

export interface CompatiblePair {
  a: PositionHeld;
  b: PositionHeld;
  why: Compatibility;
  /** For `broader`: the broader of the two. */
  broader?: PositionHeld;
}

export interface PointComparison {
  kind: 'statements';
  point: string;
  topic: Topic;
  positions: PositionHeld[];
  /** Pairs of positions that cannot both be true. */
  conflicts: [PositionHeld, PositionHeld][];
  /** Pairs of different positions that can both be true, with the reason. */
  compatible: CompatiblePair[];
  perpetratorClaims: ClaimRecord[];
  likelyErrors: ClaimRecord[];
  sources: string[];
  origins: string[];
  verdict: Verdict;
}

export const compareStatements: (claims: readonly ClaimRecord[], dataset: Dataset) => PointComparison[] =
  memoPerClaimList(compareStatementsOnce);

function compareStatementsOnce(claims: readonly ClaimRecord[], dataset: Dataset): PointComparison[] {
  const byPoint = new Map<string, ClaimRecord[]>();
  for (const claim of claims) {
    if (!claim.point) continue;
    const list = byPoint.get(claim.point);
    if (list) list.push(claim);
    else byPoint.set(claim.point, [claim]);
  }
  return [...byPoint].map(([point, all]) => comparePoint(dataset, point, all));
}

function comparePoint(dataset: Dataset, point: string, all: readonly ClaimRecord[]): PointComparison {
  const counted = all.filter(isCounted);
  const positions = distinct(counted.map((c) => c.position ?? '')).map((position) => {
    const held = counted.filter((c) => c.position === position);
    return {
      position,
      claims: held,
      sources: distinct(held.map((c) => c.source)),
      origins: distinct(held.map((c) => originOf(dataset, c))),
    };
  });
  const conflicts: [PositionHeld, PositionHeld][] = [];
  const compatible: CompatiblePair[] = [];
  for (const [a, b] of pairs(positions)) {
    const why = compatibility(dataset, point, a.position, b.position);
    if (why === null) conflicts.push([a, b]);
    else
      compatible.push({
        a,
        b,
        why: why.why,
        broader: why.broader === a.position ? a : why.broader ? b : undefined,
      });
  }
  const perpetratorClaims = all.filter(isPerpetratorClaim);
  const origins = distinct(positions.flatMap((p) => p.origins));
  return {
    kind: 'statements',
    point,
    topic: dataset.pointById.get(point)?.topic ?? (all[0]?.topic as Topic),
    positions,
    conflicts,
    compatible,
    perpetratorClaims,
    likelyErrors: all.filter((c) => !isPerpetratorClaim(c) && isLikelyError(c)),
    sources: distinct(counted.map((c) => c.source)),
    origins,
    verdict: verdictOf(counted.length, origins.length, conflicts.length > 0, perpetratorClaims.length),
  };
}

/** Why two positions of a point can both be true, or null when they cannot. */
export function compatibility(
  dataset: Dataset,
  point: string,
  a: string,
  b: string,
): { why: Compatibility; broader?: string } | null {
  const pa = positionOf(dataset, point, a);
  const pb = positionOf(dataset, point, b);
  if (!pa || !pb) return a === b ? { why: 'compatible' } : null;
  if (a === b) return { why: 'compatible' };
  if (pa.contradicts.includes(b) || pb.contradicts.includes(a)) return null;
  if (pa.broader_than.includes(b)) return { why: 'broader', broader: a };
  if (pb.broader_than.includes(a)) return { why: 'broader', broader: b };
  if (pa.compatible_with.includes(b) || pb.compatible_with.includes(a)) return { why: 'compatible' };
  const groups = groupsCompatibility(dataset, pa, pb);
  if (groups) return groups;
  if (dataset.pointById.get(point)?.exclusive === false) return { why: 'facets' };
  return null;
}

/** A position naming a group against one naming the same group, or "an affiliate of" a related one. */
function groupsCompatibility(
  dataset: Dataset,
  a: Position,
  b: Position,
): { why: Compatibility; broader?: string } | null {
  const related = (named: string | undefined, affiliateOf: string | undefined) =>
    named !== undefined && affiliateOf !== undefined && areAffiliated(dataset, named, affiliateOf);
  if (related(a.group, b.affiliate_of)) return { why: 'related_groups', broader: b.id };
  if (related(b.group, a.affiliate_of)) return { why: 'related_groups', broader: a.id };
  if (a.group !== undefined && b.group !== undefined && areSame(dataset, a.group, b.group))
    return { why: 'related_groups' };
  return null;
}

/** Relation types that make one group part of, or a face of, another. */
const AFFILIATIONS = new Set(['splinter_of', 'affiliate_of', 'front_for', 'same_as']);

/** Recorded affiliations between groups, either way round, from counted claims only. */
const affiliations = oncePerDataset((dataset) => {
  const pairsOf = new Set<string>();
  for (const claim of dataset.claims) {
    if (!claim.relation || !AFFILIATIONS.has(claim.relation.type) || !isCounted(claim)) continue;
    const { subject, object, type } = claim.relation;
    pairsOf.add(`${subject}\u0000${object}`);
    pairsOf.add(`${object}\u0000${subject}`);
    if (type === 'same_as')
      pairsOf.add(`same\u0000${subject}\u0000${object}`).add(`same\u0000${object}\u0000${subject}`);
  }
  return pairsOf;
});

export function areAffiliated(dataset: Dataset, group: string, other: string): boolean {
  return group === other || affiliations(dataset).has(`${group}\u0000${other}`);
}

function areSame(dataset: Dataset, group: string, other: string): boolean {
  return group === other || affiliations(dataset).has(`same\u0000${group}\u0000${other}`);
}
