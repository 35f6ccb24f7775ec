/** One claim as a line a reader can trust: what is said, by whom, in which report, in its words. */
import type { ClaimRecord, Dataset } from '../dataset/dataset.js';
import type { Speaker, Status } from '../dataset/schema.js';
import { escapeText, quoteText } from './markdown.js';
import { sourceTag } from './sources.js';

const VERBS: Record<Exclude<Speaker['verb'], 'according_to'>, string> = {
  reported: 'reported',
  said: 'said',
  claimed: 'claimed',
  believe: 'believe',
  described: 'described it',
};

/**
 * A declared speaker, person or group as readers should see it: "Sarfraz Bugti (caretaker
 * Interior Minister of Pakistan)", "Khan (not identified in the report)", "TJP".
 */
export function speakerName(dataset: Dataset, id: string): string {
  const entity = dataset.entityById.get(id);
  switch (entity?.kind) {
    case 'person':
      return `${entity.value.name} (${entity.value.role})`;
    case 'group':
      return entity.value.short ?? entity.value.name;
    case 'speaker':
      // A declared speaker's name says who it is ("officials"); its role is for /ask and the data.
      return entity.value.incomplete
        ? `${entity.value.name} (not identified in the report)`
        : entity.value.name;
    default:
      return id;
  }
}

/** "the report", "officials said", "the ISPR said (ISPR statement)", "Khan (not identified in the report) said" */
export function attribution(dataset: Dataset, claim: ClaimRecord): string {
  const { speaker } = claim;
  if (speaker.id === 'report') return 'the report';
  const who = escapeText(speakerName(dataset, speaker.id));
  const said = speaker.verb === 'according_to' ? `according to ${who}` : `${who} ${VERBS[speaker.verb]}`;
  const statement = claim.origin === undefined ? undefined : dataset.statementById.get(claim.origin);
  const notes = [speaker.note, statement?.title].filter((n): n is string => n !== undefined);
  return notes.length > 0 ? `${said} (${escapeText(notes.join('; '))})` : said;
}

/** "countryroque.com, officials said"; "indileak.com" when the report speaks in its own voice. */
export function citation(dataset: Dataset, claim: ClaimRecord): string {
  const label = sourceTag(dataset, claim.source);
  return claim.speaker.id === 'report' ? label : `${label}, ${attribution(dataset, claim)}`;
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

/** "❓ Probable error of [3]: … (curator: …)": a claim shown apart, never counted. */
export function likelyErrorLine(dataset: Dataset, claim: ClaimRecord): string {
  return `❓ ${claimLine(dataset, claim)} — _probable error, not counted: ${escapeText(claim.likely_error ?? '')}_`;
}
