/** What every comparison shares: which claims count, who they come from, and the verdict rule. */
import type { ClaimRecord, Dataset } from '../dataset/dataset.js';
import { memoPerObject } from '../dataset/memo.js';
import { nameKey } from '../dataset/names.js';

/**
 * agree: two or more independent origins, consistent; differ: some cannot all be true;
 * single_origin: one origin only (a report's own finding, or one statement however many reports
 * carry it); perpetrator_only: only the perpetrators claim it; errors_only: only claims the
 * curator marked as probable errors.
 */
export type Verdict = 'agree' | 'differ' | 'single_origin' | 'perpetrator_only' | 'errors_only';

export function isPerpetratorClaim(claim: ClaimRecord): boolean {
  return claim.status === 'perpetrator_claim';
}

export function isLikelyError(claim: ClaimRecord): boolean {
  return claim.likely_error !== undefined;
}

/** Whether a claim counts towards agreement and ranges: not the perpetrators', not a probable error. */
export function isCounted(claim: ClaimRecord): boolean {
  return !isPerpetratorClaim(claim) && !isLikelyError(claim);
}

/**
 * Where a claim's content comes from, for counting independent confirmations: the original
 * statement it relays, else the report it first appeared in (a republished copy counts as its
 * original; copies of one news agency's wire count once). Counted by report, not by speaker: two
 * voices quoted in one report are one report's account, as a reader counts them.
 */
export function originOf(dataset: Dataset, claim: ClaimRecord): string {
  if (claim.origin !== undefined) return `statement:${claim.origin}`;
  return firstPublisher(dataset, claim.source);
}

/** Where a report's text first appeared: its original, its agency's wire, else the report itself. */
export function firstPublisher(dataset: Dataset, sourceId: string): string {
  const source = dataset.sourceById.get(sourceId);
  if (source?.copy_of?.source !== undefined) return `source:${source.copy_of.source}`;
  if (source?.kind === 'wire_copy' && source.agency !== undefined) return `agency:${nameKey(source.agency)}`;
  return `source:${sourceId}`;
}

export function verdictOf(
  counted: number,
  origins: number,
  disagreement: boolean,
  perpetrators: number,
): Verdict {
  if (counted === 0) return perpetrators > 0 ? 'perpetrator_only' : 'errors_only';
  if (disagreement) return 'differ';
  return origins > 1 ? 'agree' : 'single_origin';
}

/**
 * Comparisons are asked for again and again on the same claims (an incident's, from
 * `claimsByIncident`): each list of claims is compared once per dataset, and the frozen result shared.
 */
export function memoPerClaimList<T>(compare: (claims: readonly ClaimRecord[], dataset: Dataset) => T) {
  const once = memoPerObject((dataset, claims: readonly ClaimRecord[]) =>
    Object.freeze(compare(claims, dataset)),
  );
  return (claims: readonly ClaimRecord[], dataset: Dataset): T => once(dataset, claims);
}

export function distinct<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

export function pairs<T>(items: readonly T[]): [T, T][] {
  return items.flatMap((a, i) => items.slice(i + 1).map((b) => [a, b] as [T, T]));
}

/** Unlike subtraction, safe for two infinite bounds. */
export function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
