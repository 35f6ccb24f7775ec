/**
 * What a digest covered, kept in state so the next digest can say what changed: the sources and a
 * fingerprint of every claim. One schema in zod, since it is read back from disk.
 */
import { z } from 'zod';
import { type ClaimRecord, claimFingerprint, type Dataset } from '../dataset/dataset.js';
import { memoPerDataset } from '../dataset/memo.js';

export const DigestSnapshot = z.object({
  incident: z.string(),
  sources: z.array(z.string()),
  claims: z.record(z.string(), z.string()),
});
export type DigestSnapshot = z.infer<typeof DigestSnapshot>;

/** A claim's fingerprint (a hash of its content) is worked out once per dataset: a dataset never changes. */
const fingerprintOf = memoPerDataset((_dataset, claim: ClaimRecord) => claimFingerprint(claim));

export function takeSnapshot(dataset: Dataset, incidentId: string): DigestSnapshot {
  const claims = dataset.claimsByIncident.get(incidentId) ?? [];
  return {
    incident: incidentId,
    sources: [...new Set(claims.map((c) => c.source))],
    claims: Object.fromEntries(claims.map((c) => [c.id, fingerprintOf(dataset, c)])),
  };
}

export interface DigestChanges {
  newSources: string[];
  newClaims: ClaimRecord[];
  changedClaims: ClaimRecord[];
  removedClaims: string[];
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
  };
}

export function hasChanges(changes: DigestChanges): boolean {
  return (
    changes.newSources.length +
      changes.newClaims.length +
      changes.changedClaims.length +
      changes.removedClaims.length >
    0
  );
}
