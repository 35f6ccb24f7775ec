/**
 * The digest: a pure function of the dataset and the previous digest. It says where the sources
 * agree, where they differ (each figure with its source), what only one reports, what the
 * perpetrators claim, and what changed since the previous digest.
 */
import { time } from '@discordjs/formatters';
import { formatPartialDate } from '../briefing/dates.js';
import { claimBrief, comparisonLine, SORTED_UNDER } from '../briefing/lines.js';
import { escapeText } from '../briefing/markdown.js';
import type { Briefing, Section } from '../briefing/model.js';
import { sourceLines, sourceName, sourceTag } from '../briefing/sources.js';
import { type Comparison, summariseComparison } from '../compare/compare.js';
import type { Dataset } from '../dataset/dataset.js';
import type { Incident } from '../dataset/schema.js';
import { type DigestSnapshot, diffSnapshot, hasChanges, takeSnapshot } from './snapshot.js';

export interface DigestInput {
  dataset: Dataset;
  incident: Incident;
  previous: DigestSnapshot | null;
  /** Set when the digest is posted after its slot, e.g. after downtime. */
  lateFor?: { slot: Date; timeZone: string } | undefined;
}

export interface Digest {
  briefing: Briefing;
  snapshot: DigestSnapshot;
  changed: boolean;
}

/** Topics about the incident itself; the rest is background, counted but not listed in full. */
const BACKGROUND_TOPICS = new Set(['context']);
const MAX_SINGLE_SOURCE_LINES = 12;

export function buildDigest({ dataset, incident, previous, lateFor }: DigestInput): Digest {
  const claims = dataset.claimsByIncident.get(incident.id) ?? [];
  const summary = summariseComparison(claims, dataset);
  const snapshot = takeSnapshot(dataset, incident.id);
  // A digest that moves to another incident compares nothing with the previous one: it says so.
  const switched = previous !== null && previous.incident !== incident.id;
  const changes = previous && !switched ? diffSnapshot(dataset, previous, snapshot) : null;
  const onIncident = (c: Comparison) =>
    !BACKGROUND_TOPICS.has(c.topic) && (c.kind === 'statements' || c.subject === incident.id);

  const singleSource = [
    ...summary.singleOrigin.filter(onIncident).map((c) => comparisonLine(dataset, c)),
    ...summary.uncompared.filter((c) => !BACKGROUND_TOPICS.has(c.topic)).map((c) => claimBrief(dataset, c)),
  ];
  const background = claims.filter((c) => BACKGROUND_TOPICS.has(c.topic)).length;

  const sections: Section[] = [
    {
      heading: SORTED_UNDER.agree,
      lines: orNone(summary.agree.filter(onIncident).map((c) => comparisonLine(dataset, c))),
    },
    {
      heading: SORTED_UNDER.differ,
      lines: orNone(summary.differ.filter(onIncident).map((c) => comparisonLine(dataset, c))),
    },
    {
      heading: SORTED_UNDER.alone,
      lines: orNone([
        ...capped(singleSource, MAX_SINGLE_SOURCE_LINES),
        ...(background > 0
          ? [`Background and context: ${background} claims, see /context and /timeline.`]
          : []),
      ]),
    },
    {
      heading: SORTED_UNDER.perpetrators,
      lines: orNone(summary.perpetratorClaims.map((c) => claimBrief(dataset, c))),
    },
  ];
  if (summary.likelyErrors.length > 0)
    sections.push({
      heading: SORTED_UNDER.errors,
      lines: summary.likelyErrors.map(
        (c) => `${claimBrief(dataset, c)}: ${escapeText(c.likely_error ?? '')}`,
      ),
    });
  if (switched) {
    const before = dataset.incidentById.get(previous.incident)?.title ?? previous.incident;
    sections.push({
      heading: '🆕 Changed since the last digest',
      lines: [`Now covering this incident; the last digest covered ${escapeText(before)}.`],
    });
  } else if (changes && hasChanges(changes))
    sections.push({ heading: '🆕 Changed since the last digest', lines: changeLines(dataset, changes) });
  else if (changes)
    sections.push({
      heading: '🆕 Changed since the last digest',
      lines: ['Nothing: the dataset is as it was.'],
    });

  return {
    briefing: {
      title: `Digest: ${escapeText(incident.title)}`,
      description: [lateFor ? lateLine(lateFor) : '', incidentLine(incident)].filter(Boolean).join('\n'),
      sections,
      sources: sourceLines(dataset, snapshot.sources),
      footer: `Each line cites its source as [n]; figures are never merged or picked. /casualties and /compare give the quotes. Dataset version ${dataset.version}.`,
      tone: summary.differ.length > 0 ? 'conflict' : 'neutral',
    },
    snapshot,
    changed: changes === null || hasChanges(changes),
  };
}

function incidentLine(incident: Incident): string {
  const where = [
    incident.place.area,
    incident.place.district,
    incident.place.province,
    incident.place.country,
  ]
    .filter(Boolean)
    .join(', ');
  const when = `${formatPartialDate(incident.date)}${incident.time_of_day ? `, ${escapeText(incident.time_of_day)}` : ''}`;
  return `**${escapeText(incident.title)}**: ${escapeText(incident.attack_type)}; ${when}; ${escapeText(where)}.`;
}

function lateLine({ slot, timeZone }: { slot: Date; timeZone: string }): string {
  return `⏰ **Late**: this digest was due ${time(slot, 'f')} (${timeZone}) and is posted after the bot was offline.`;
}

function changeLines(dataset: Dataset, changes: ReturnType<typeof diffSnapshot>): string[] {
  const lines: string[] = [];
  for (const id of changes.newSources) {
    const source = dataset.sourceById.get(id);
    if (source) lines.push(`New source ${sourceTag(dataset, id)}: ${sourceName(source)}`);
  }
  lines.push(
    ...capped(
      changes.newClaims.map((c) => `New: ${claimBrief(dataset, c)}`),
      8,
    ),
  );
  lines.push(
    ...capped(
      changes.changedClaims.map((c) => `Revised: ${claimBrief(dataset, c)}`),
      8,
    ),
  );
  if (changes.removedClaims.length > 0)
    lines.push(`${changes.removedClaims.length} claims withdrawn from the dataset.`);
  return lines;
}

function capped(lines: string[], max: number): string[] {
  return lines.length <= max ? lines : [...lines.slice(0, max), `…and ${lines.length - max} more.`];
}

function orNone(lines: string[]): string[] {
  return lines.length > 0 ? lines : ['None.'];
}
