/**
 * Views of a dataset's claims that several replies read, worked out once per dataset (which never
 * changes once loaded) and let go with it on a reload.
 */
import type { ClaimRecord, Dataset } from '../dataset/dataset.js';
import { memoPerDataset, memoPerObject, oncePerDataset } from '../dataset/memo.js';
import type { Topic } from '../dataset/schema.js';
import { type Comparison, countedClaims, summariseComparison } from './compare.js';

const claimsByTopic = memoPerDataset((dataset, incidentId: string): ReadonlyMap<Topic, ClaimRecord[]> => {
  const byTopic = new Map<Topic, ClaimRecord[]>();
  for (const claim of dataset.claimsByIncident.get(incidentId) ?? []) {
    const list = byTopic.get(claim.topic);
    if (list) list.push(claim);
    else byTopic.set(claim.topic, [claim]);
  }
  return byTopic;
});

/**
 * An incident's claims on a topic, as one list per dataset: the comparisons of a list are kept by
 * the list itself (memoPerClaimList), so the same topic asked again reuses them.
 */
export function claimsOnTopic(dataset: Dataset, incidentId: string, topic: Topic): readonly ClaimRecord[] {
  return claimsByTopic(dataset, incidentId).get(topic) ?? [];
}

/** The ids of the claims the incident's comparison finds in dispute, figures and points alike. */
export const disputedClaims = memoPerDataset(
  (dataset, incidentId: string): ReadonlySet<string> =>
    new Set(
      summariseComparison(dataset.claimsByIncident.get(incidentId) ?? [], dataset)
        .differ.flatMap(countedClaims)
        .map((c) => c.id),
    ),
);

/** The claims that only one source makes, by source id (100 ms with 1,000 incidents). */
export const claimsReportedAlone: (dataset: Dataset) => ReadonlyMap<string, readonly ClaimRecord[]> =
  oncePerDataset((dataset) => {
    const alone = new Set<string>();
    for (const claims of dataset.claimsByIncident.values()) {
      const summary = summariseComparison(claims, dataset);
      for (const c of summary.singleOrigin.filter((s) => s.sources.length === 1).flatMap(countedClaims))
        alone.add(c.id);
      for (const c of summary.uncompared) alone.add(c.id);
    }
    const bySource = new Map<string, ClaimRecord[]>();
    for (const claim of dataset.claims) {
      if (!alone.has(claim.id)) continue;
      const list = bySource.get(claim.source);
      if (list) list.push(claim);
      else bySource.set(claim.source, [claim]);
    }
    return bySource;
  });

/** A comparison without the perpetrators' claims, for a reply that shows them apart, under their own heading. */
export const withoutPerpetratorClaims = memoPerObject(
  (_dataset, c: Comparison): Comparison => ({ ...c, perpetratorClaims: [] }),
);
