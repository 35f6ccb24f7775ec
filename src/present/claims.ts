/** One claim as a line a reader can trust: what is said, by whom, in which report, in its words. */
import type { ClaimRecord, Dataset } from '../dataset/dataset.js';
import type { Speaker, Status } from '../dataset/schema.js';
import { escapeText, quoteText } from './markdown.js';
import { sourceTag } from './sources.js';

const VERBS: Record<Exclude<Exclude<Speaker, 'report'>['verb'], 'according_to'>, string> = {
  reported: 'reported',
  said: 'said',
  claimed: 'claimed',
  believe: 'believe',
  described: 'described it',
};

/** "the report", "officials said", "Khan (not identified in the report) said" */
export function attribution(speaker: Speaker): string {
  if (speaker === 'report') return 'the report';
  const who = [
    speaker.name,
    speaker.role ? ` (${speaker.role})` : '',
    speaker.incomplete ? ' (speaker not identified in the report)' : '',
  ].join('');
  return speaker.verb === 'according_to'
    ? `according to ${escapeText(who)}`
    : `${escapeText(who)} ${VERBS[speaker.verb]}`;
}

/** "[2] officials said" */
export function citation(dataset: Dataset, claim: ClaimRecord): string {
  return `${sourceTag(dataset, claim.source)} ${attribution(claim.speaker)}`;
}

const STATUS_LABELS: Partial<Record<Status, string>> = {
  perpetrator_claim: 'perpetrators’ claim, unverified',
  unverified: 'could not be independently verified',
  analyst_view: 'analyst’s view',
  official: 'official',
};

export function statusLabel(status: Status): string | undefined {
  return STATUS_LABELS[status];
}

/** "(official) — [2] officials said: “…”": the part of a line that says who says it, and how. */
export function evidence(dataset: Dataset, claim: ClaimRecord): string {
  const status = statusLabel(claim.status);
  return `${status ? `_(${status})_ ` : ''}— ${citation(dataset, claim)}: ${quoteText(claim.quote)}`;
}

/** "At least 24 officers were killed. — [1] the report: “killing at least 24 officers”" */
export function claimLine(dataset: Dataset, claim: ClaimRecord): string {
  return `${escapeText(claim.statement)} ${evidence(dataset, claim)}`;
}
