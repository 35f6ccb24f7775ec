import { claimLine } from '../src/briefing/claims.js';
import { VERDICT_MARKS } from '../src/briefing/comparisons.js';
import { formatPartialDateWithPrecision, howLongAgo } from '../src/briefing/dates.js';
import { escapeText } from '../src/briefing/markdown.js';
import type { Briefing, Section } from '../src/briefing/model.js';
import { sourceLines, sourceTags } from '../src/briefing/sources.js';
import { incidentCommand } from '../src/command/common.js';
import type { ClaimRecord, Dataset } from '../src/dataset/dataset.js';
import type { Incident } from '../src/dataset/schema.js';
import { plural } from '../src/plural.js';

export const timeline = incidentCommand(
  'timeline',
  'The dated events around the incident, in order, each with its sources',
  timelineBriefing,
);

interface Item {
  date: string;
  /** Among items of the same date: events, then loose claims, then the incident itself. */
  rank: number;
  section: Section;
  conflict: boolean;
}

export function timelineBriefing(dataset: Dataset, incident: Incident): Briefing {
  const claims = dataset.claimsByIncident.get(incident.id) ?? [];
  const cited = new Set<string>();
  const items: Item[] = [];

  // The claims naming each event, in dataset order of the events.
  const byEvent = new Map<string, ClaimRecord[]>();
  const loose: ClaimRecord[] = [];
  for (const claim of claims) {
    const events = claim.about.filter((id) => dataset.entityById.get(id)?.kind === 'event');
    for (const id of events) byEvent.set(id, [...(byEvent.get(id) ?? []), claim]);
    if (events.length === 0 && claim.date) loose.push(claim);
  }

  for (const event of dataset.events) {
    const named = byEvent.get(event.id);
    if (!named) continue;
    const lines: string[] = [];
    if (event.date_note) lines.push(`_Date: ${escapeText(event.date_note)}_`);
    const dates = new Map<string, Set<string>>();
    for (const c of named) if (c.date) dates.set(c.date, (dates.get(c.date) ?? new Set()).add(c.source));
    const conflict = dates.size > 1;
    if (conflict) {
      const given = [...dates].map(
        ([d, s]) => `${formatPartialDateWithPrecision(d)} ${sourceTags(dataset, s)}`,
      );
      lines.push(`${VERDICT_MARKS.differ} on the date: ${given.join(' vs ')}`);
    }
    lines.push(...onePerSource(dataset, named, cited, event.date));
    items.push({
      date: event.date,
      rank: 0,
      section: {
        heading: `${formatPartialDateWithPrecision(event.date)}: ${escapeText(event.title)}`,
        lines,
      },
      conflict,
    });
  }

  const looseByDate = new Map<string, ClaimRecord[]>();
  for (const c of loose) if (c.date) looseByDate.set(c.date, [...(looseByDate.get(c.date) ?? []), c]);
  for (const [date, dated] of looseByDate) {
    items.push({
      date,
      rank: 1,
      section: {
        heading: `${formatPartialDateWithPrecision(date)}: also reported`,
        lines: dated.map((c) => {
          cited.add(c.source);
          return `• ${claimLine(dataset, c)}`;
        }),
      },
      conflict: false,
    });
  }

  items.push({
    date: incident.date,
    rank: 2,
    section: incidentSection(dataset, incident, claims, cited),
    conflict: false,
  });

  items.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.rank - b.rank));
  const conflicts = items.filter((i) => i.conflict).length;
  return {
    title: `Timeline: ${escapeText(incident.title)}`,
    description: [
      `${plural(items.length, 'dated item')}, oldest first; ▶ marks this incident. A year or month alone sorts before the days within it.`,
      conflicts > 0 ? `⚠️ The sources date ${conflicts} of them differently.` : '',
    ]
      .filter(Boolean)
      .join(' '),
    sections: items.map((i) => i.section),
    sources: sourceLines(dataset, cited),
    footer: 'Dates are as precise as the reports make them; none is guessed.',
    tone: conflicts > 0 ? 'conflict' : 'neutral',
  };
}

function incidentSection(
  dataset: Dataset,
  incident: Incident,
  claims: readonly ClaimRecord[],
  cited: Set<string>,
): Section {
  const lines: string[] = [];
  const when = incident.time_of_day ? escapeText(incident.time_of_day) : 'Time of day not given';
  lines.push([when, howLongAgo(incident.date, incident.timezone)].filter(Boolean).join(' '));
  const timed = claims.filter((c) => c.topic === 'time');
  lines.push(...onePerSource(dataset, timed.length > 0 ? timed : claims, cited));
  return {
    heading: `▶ ${formatPartialDateWithPrecision(incident.date)}: ${escapeText(incident.title)}`,
    lines,
  };
}

/**
 * One claim per source (the first that gives the item's own date, else its first), then whether
 * one source or several report the item.
 */
function onePerSource(
  dataset: Dataset,
  claims: readonly ClaimRecord[],
  cited: Set<string>,
  date?: string,
): string[] {
  const firsts = new Map<string, ClaimRecord>();
  const preferred = [...claims.filter((c) => c.date === date), ...claims.filter((c) => c.date !== date)];
  for (const c of preferred) if (!firsts.has(c.source)) firsts.set(c.source, c);
  const lines = [...firsts.values()].map((c) => {
    cited.add(c.source);
    return `${c.status === 'perpetrator_claim' ? '🏴' : '•'} ${claimLine(dataset, c)}`;
  });
  const tags = sourceTags(dataset, firsts.keys());
  lines.push(firsts.size > 1 ? `Reported by ${firsts.size} sources: ${tags}` : `ℹ️ Only ${tags} reports this`);
  return lines;
}
