/**
 * What a digest covered, kept in the store so the next digest can say what changed: the sources
 * and a fingerprint of every claim (its schema is the store's, src/store/records.ts).
 */
import { type Comparison, comparisonClaims, summariseComparison } from '../compare/compare.js';
import { type ClaimRecord, claimFingerprint, type Dataset } from '../dataset/dataset.js';
import { memoPerDataset } from '../dataset/memo.js';
import type { DigestSnapshot } from '../store/records.js';

/** A claim's fingerprint (a hash of its content) is worked out once per dataset: a dataset never changes. */
const fingerprintOf = memoPerDataset((_dataset, claim: ClaimRecord) => claimFingerprint(claim));

/**
 * What a digest of the incident covers: the same for every digest of a dataset, so taken once and
 * shared (read, never changed).
 */
export const takeSnapshot = memoPerDataset((dataset, incidentId: string): DigestSnapshot => {
  const claims = dataset.claimsByIncident.get(incidentId) ?? [];
  const summary = summariseComparison(claims, dataset);
  const comparisons = [...summary.agree, ...summary.differ, ...summary.singleOrigin];
  return {
    format: RANGES_KEPT,
    incident: incidentId,
    sources: [...new Set(claims.map((c) => c.source))],
    claims: Object.fromEntries(claims.map((c) => [c.id, fingerprintOf(dataset, c)])),
    standing: Object.fromEntries(
      comparisons.map((c) => {
        const range = rangeOf(c);
        return [comparisonKey(c), { verdict: c.verdict, holds: holds(c), ...(range ? { range } : {}) }];
      }),
    ),
  };
});

/** "figures:<subject>:<measure>" or "point:<point>": a comparison's name, stable across versions of the data. */
export function comparisonKey(c: Comparison): string {
  return c.kind === 'figures' ? `figures:${c.subject}:${c.measure}` : `point:${c.point}`;
}

/** "23 to at least 25": a measure's range as reported, what a digest says it was and is now. */
export function rangeOf(c: Comparison): string | undefined {
  if (c.kind !== 'figures' || !c.lowest || !c.highest) return undefined;
  return c.lowest === c.highest ? c.lowest.amount : `${c.lowest.amount} to ${c.highest.amount}`;
}

/** Whether a snapshot keeps ranges: those of older versions of the bot do not, and cannot be compared range by range. */
export function keepsRanges(snapshot: DigestSnapshot): boolean {
  return (snapshot.format ?? 1) >= RANGES_KEPT;
}

/** The snapshot format from which each measure's range is kept. */
const RANGES_KEPT = 2;

/** The claims of a comparison new or changed since a snapshot: the reports that changed it. */
export function claimsChangedSince(previous: DigestSnapshot, c: Comparison, dataset: Dataset): ClaimRecord[] {
  return comparisonClaims(c).filter((claim) => previous.claims[claim.id] !== fingerprintOf(dataset, claim));
}

function holds(c: Comparison): string {
  return c.kind === 'figures'
    ? c.groups.map((g) => g.amount).join(' · ')
    : c.positions.map((p) => p.position).join(' · ');
}

export interface DigestChanges {
  newSources: string[];
  newClaims: ClaimRecord[];
  changedClaims: ClaimRecord[];
  removedClaims: string[];
  /** Keys of comparisons whose figures or positions changed. */
  revised: string[];
  /** Keys of comparisons that differ now and did not. */
  newDisagreements: string[];
  /** Keys of comparisons that differed and no longer do. */
  settled: string[];
}

export function diffSnapshot(
  dataset: Dataset,
  previous: DigestSnapshot,
  current: DigestSnapshot,
): DigestChanges {
  const claims = dataset.claimsByIncident.get(current.incident) ?? [];
  return {
    newSources: current.sources.filter((s) => !previous.sources.includes(s)),
    newClaims: claims.filter((c) => previous.claims[c.id] === undefined),
    changedClaims: claims.filter(
      (c) => previous.claims[c.id] !== undefined && previous.claims[c.id] !== current.claims[c.id],
    ),
    removedClaims: Object.keys(previous.claims).filter((id) => current.claims[id] === undefined),
    ...standingChanges(previous.standing, current.standing ?? {}),
  };
}

function standingChanges(
  before: DigestSnapshot['standing'],
  now: NonNullable<DigestSnapshot['standing']>,
): Pick<DigestChanges, 'revised' | 'newDisagreements' | 'settled'> {
  if (!before) return { revised: [], newDisagreements: [], settled: [] };
  const keys = Object.keys(now);
  return {
    revised: keys.filter((k) => before[k] !== undefined && before[k]?.holds !== now[k]?.holds),
    newDisagreements: keys.filter((k) => now[k]?.verdict === 'differ' && before[k]?.verdict !== 'differ'),
    settled: Object.keys(before).filter(
      (k) => before[k]?.verdict === 'differ' && now[k]?.verdict !== 'differ',
    ),
  };
}

export function hasChanges(changes: DigestChanges): boolean {
  return (
    changes.newSources.length +
      changes.newClaims.length +
      changes.changedClaims.length +
      changes.removedClaims.length +
      changes.revised.length +
      changes.newDisagreements.length >
    0
  );
}
