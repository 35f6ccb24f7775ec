/**
 * /timeline's briefing: the dated events around an incident, in order, each with its reports; the
 * incident itself among them, with the times of day the reports give.
 */
import { timesAgree } from '../compare/times.js';
import type { ClaimRecord, Dataset } from '../dataset/dataset.js';
import { memoPerObject } from '../dataset/memo.js';
import type { ClockTime, Incident } from '../dataset/schema.js';
import { plural } from '../plural.js';
import { framingBottomLine } from './bottom-line.js';
import { REPLY_BUDGET } from './budget.js';
import { VERDICT_MARKS } from './comparisons.js';
import { formatDateWindow, formatPartialDateWithPrecision, howLongAgo } from './dates.js';
import { claimsOnce } from './lines.js';
import { escapeText } from './markdown.js';
import type { Briefing, Section } from './model.js';
import { citedSources, sourceTags } from './sources.js';

interface Item {
  date: string;
  /** The last day of an event known only to fall between two days. */
  until?: string;
  /** Among items of the same date: events, then loose claims, then the incident itself. */
  rank: number;
  section: Section;
  conflict: boolean;
}

/**
 * The dated events around the incident, in order, each with its reports: a view of the dataset,
 * like the context's, worked out once per incident.
 */
export const timelineBriefing = memoPerObject((dataset, incident: Incident): Briefing => {
  const claims = dataset.claimsByIncident.get(incident.id) ?? [];
  const cited = new Set<string>();
  const { byEvent, loose } = claimsByEvent(dataset, incident);
  const items: Item[] = [
    ...eventItems(dataset, byEvent, cited),
    ...looseItems(dataset, loose, cited),
    {
      date: incident.date,
      rank: 2,
      section: incidentSection(dataset, incident, claims, cited),
      conflict: false,
    },
  ];
  // By first day, then by last: an event between the attack's day and the next comes after the attack.
  items.sort(
    (a, b) => compare(a.date, b.date) || compare(a.until ?? a.date, b.until ?? b.date) || a.rank - b.rank,
  );
  const conflicts = items.filter((i) => i.conflict).length;
  return briefingOf(incident, items, conflicts, dataset, cited, [...[...byEvent.values()].flat(), ...loose]);
});

function briefingOf(
  incident: Incident,
  items: readonly Item[],
  conflicts: number,
  dataset: Dataset,
  cited: ReadonlySet<string>,
  dated: readonly ClaimRecord[],
): Briefing {
  return {
    title: `Timeline: ${escapeText(incident.title)}`,
    description: framingBottomLine(dataset, dated, conflicts),
    sections: items.map((i) => i.section),
    sources: citedSources(dataset, cited),
    footer: `${plural(items.length, 'dated item')}, oldest first; ▶ marks this incident; a year or month alone sorts before its days. Dates are as precise as the reports make them; none is guessed.`,
    tone: conflicts > 0 ? 'conflict' : 'neutral',
    partBudget: REPLY_BUDGET,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The incident's claims naming each event, and its dated claims that name none. */
export const claimsByEvent = memoPerObject(
  (dataset, incident: Incident): { byEvent: Map<string, ClaimRecord[]>; loose: ClaimRecord[] } => {
    const byEvent = new Map<string, ClaimRecord[]>();
    const loose: ClaimRecord[] = [];
    for (const claim of dataset.claimsByIncident.get(incident.id) ?? []) {
      const events = claim.about.filter((id) => dataset.entityById.get(id)?.kind === 'event');
      for (const id of events) byEvent.set(id, [...(byEvent.get(id) ?? []), claim]);
      if (events.length === 0 && claim.date) loose.push(claim);
    }
    return { byEvent, loose };
  },
);

/** An item for each event that a claim names, in dataset order of the events. */
function eventItems(dataset: Dataset, byEvent: Map<string, ClaimRecord[]>, cited: Set<string>): Item[] {
  const items: Item[] = [];
  for (const event of dataset.events) {
    const named = byEvent.get(event.id);
    if (!named) continue;
    const lines: string[] = [];
    if (event.date_note) lines.push(`_Date: ${escapeText(event.date_note)}_`);
    const dateConflict = dateConflictLine(dataset, named);
    if (dateConflict) lines.push(dateConflict);
    lines.push(...onePerSource(dataset, named, cited, event.date));
    items.push({
      date: event.date,
      ...(event.date_until ? { until: event.date_until } : {}),
      rank: 0,
      section: {
        heading: `${formatDateWindow(event.date, event.date_until)}: ${escapeText(event.title)}`,
        lines,
      },
      conflict: dateConflict !== undefined,
    });
  }
  return items;
}

/** When the claims about an event give it different dates: each date with its sources. */
/** The times of day the reports give for the incident, each with its sources, and whether they agree. */
function timesLine(dataset: Dataset, claims: readonly ClaimRecord[]): string | undefined {
  const times = new Map<string, { time: ClockTime; sources: Set<string> }>();
  for (const c of claims) {
    if (!c.time || c.date) continue;
    const key = `${c.time.about ? 'about ' : ''}${c.time.at}`;
    const entry = times.get(key) ?? { time: c.time, sources: new Set<string>() };
    times.set(key, entry.sources.add(c.source) && entry);
  }
  if (times.size === 0) return undefined;
  const given = [...times].map(([key, { sources }]) => `${key} ${sourceTags(dataset, sources)}`);
  const all = [...times.values()].map((t) => t.time);
  const conflict = all.some((a, i) => all.slice(i + 1).some((b) => !timesAgree(a, b)));
  if (conflict) return `${VERDICT_MARKS.differ} on the time of day: ${given.join(' vs ')}`;
  return `Time of day given: ${given.join(' · ')}${times.size > 1 ? ', consistent' : ''}`;
}

function dateConflictLine(dataset: Dataset, claims: readonly ClaimRecord[]): string | undefined {
  const dates = new Map<string, Set<string>>();
  for (const c of claims) if (c.date) dates.set(c.date, (dates.get(c.date) ?? new Set()).add(c.source));
  if (dates.size <= 1) return undefined;
  const given = [...dates].map(([d, s]) => `${formatPartialDateWithPrecision(d)} ${sourceTags(dataset, s)}`);
  return `${VERDICT_MARKS.differ} on the date: ${given.join(' vs ')}`;
}

/** Dated claims that name no event: one item per date, "also reported". */
function looseItems(dataset: Dataset, loose: readonly ClaimRecord[], cited: Set<string>): Item[] {
  const byDate = new Map<string, ClaimRecord[]>();
  for (const c of loose) if (c.date) byDate.set(c.date, [...(byDate.get(c.date) ?? []), c]);
  return [...byDate].map(([date, dated]) => ({
    date,
    rank: 1,
    section: {
      heading: `${formatPartialDateWithPrecision(date)}: also reported`,
      lines: citing(dated, cited, claimsOnce(dataset, dated)),
    },
    conflict: false,
  }));
}

/** The lines, once the claims they come from are cited. */
function citing(claims: readonly ClaimRecord[], cited: Set<string>, lines: string[]): string[] {
  for (const c of claims) cited.add(c.source);
  return lines;
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
  const clock = timesLine(dataset, claims);
  if (clock) lines.push(clock);
  const timed = claims.filter((c) => c.topic === 'time');
  lines.push(...onePerSource(dataset, timed.length > 0 ? timed : claims, cited, undefined, claims));
  return {
    heading: `▶ ${formatPartialDateWithPrecision(incident.date)}: ${escapeText(incident.title)}`,
    lines,
  };
}

/**
 * One claim per source (the first that gives the item's own date, else its first), the same words
 * from several sources said once, then how many reports report the item: every report with a
 * claim on it (`reportedBy`), not only those whose claims are shown.
 */
function onePerSource(
  dataset: Dataset,
  claims: readonly ClaimRecord[],
  cited: Set<string>,
  date?: string,
  reportedBy: readonly ClaimRecord[] = claims,
): string[] {
  const firsts = new Map<string, ClaimRecord>();
  const preferred = [...claims.filter((c) => c.date === date), ...claims.filter((c) => c.date !== date)];
  for (const c of preferred) if (!firsts.has(c.source)) firsts.set(c.source, c);
  const lines = claimsOnce(dataset, [...firsts.values()]);
  const reports = new Set(reportedBy.map((c) => c.source));
  for (const source of reports) cited.add(source);
  const tags = sourceTags(dataset, reports);
  lines.push(
    reports.size > 1 ? `Reported by ${reports.size} reports: ${tags}` : `ℹ️ Only ${tags} reports this`,
  );
  return lines;
}
