/**
 * The digest: a pure function of the dataset and the previous digest. It says where the sources
 * agree, where they differ (each figure with its source), what only one reports, what the
 * perpetrators claim, and what changed since the previous digest.
 */
import { comparisonHeading, positionLabel, reportCount } from '../briefing/comparisons.js';
import { discordTimestamp, formatPartialDate } from '../briefing/dates.js';
import { capitalise, claimBrief, comparisonLine, SORTED_UNDER } from '../briefing/lines.js';
import { escapeText } from '../briefing/markdown.js';
import type { Briefing, Section } from '../briefing/model.js';
import { citedSources, sourceNames } from '../briefing/sources.js';
import { casualtiesChart, type FiguresChart } from '../chart/figures.js';
import { type Comparison, type ComparisonSummary, summariseComparison } from '../compare/compare.js';
import { allSourcesButton, quotesMenuFor } from '../contract/actions.js';
import type { Action } from '../contract/types.js';
import type { ClaimRecord, Dataset } from '../dataset/dataset.js';
import type { Incident } from '../dataset/schema.js';
import { plural } from '../plural.js';
import { renderBriefing } from '../render/render.js';
import type { DigestSnapshot } from '../store/records.js';
import { comparisonKey, type DigestChanges, diffSnapshot, hasChanges, takeSnapshot } from './snapshot.js';

export interface DigestInput {
  dataset: Dataset;
  incident: Incident;
  previous: DigestSnapshot | null;
  /** Set when the digest is posted after its slot, e.g. after downtime. */
  lateFor?: { slot: Date; timeZone: string } | undefined;
}

export interface Digest {
  briefing: Briefing;
  /** The quotes behind its lines, every source: posted with it as buttons and a menu. */
  actions: readonly Action[];
  snapshot: DigestSnapshot;
  changed: boolean;
  /** The incident's figures by source, drawn with the digest; none when it has no figures. */
  chart: FiguresChart | undefined;
}

/** Topics about the incident itself; the rest is background, counted but not listed in full. */
const BACKGROUND_TOPICS = new Set(['context']);
const MAX_CHANGE_LINES = 6;

/**
 * What changed since the last digest first (new reports, revised figures, new disagreements), then
 * the standing picture: where the reports differ, where they agree, what one origin alone says,
 * what the perpetrators claim, probable errors. One line per comparison, so the digest of a story
 * told by many reports stays one message; the quotes are a click away.
 */
export function buildDigest({ dataset, incident, previous, lateFor }: DigestInput): Digest {
  const claims = dataset.claimsByIncident.get(incident.id) ?? [];
  const summary = summariseComparison(claims, dataset);
  const snapshot = takeSnapshot(dataset, incident.id);
  // A digest that moves to another incident compares nothing with the previous one: it says so.
  const switched = previous !== null && previous.incident !== incident.id;
  const changes = previous && !switched ? diffSnapshot(dataset, previous, snapshot) : null;
  const chart = casualtiesChart(dataset, incident);
  const briefingAt = (detail: Detail): Briefing => ({
    title: `Digest: ${escapeText(incident.title)}`,
    description: [lateFor ? lateLine(lateFor) : '', incidentLine(incident)].filter(Boolean).join('\n'),
    sections: [
      ...changeSections(dataset, incident, { previous, changes, summary }, detail),
      ...standingSections(dataset, incident, summary, claims, detail),
    ],
    sources: citedSources(dataset, snapshot.sources),
    footer: `Reports named by label; figures never merged or picked. Quotes: the menu below. Dataset ${dataset.version}.`,
    tone: summary.differ.length > 0 ? 'conflict' : 'neutral',
  });
  return {
    briefing: mostThatFits(briefingAt),
    actions: digestActions(dataset, incident, summary),
    snapshot,
    changed: changes === null || hasChanges(changes),
    chart,
  };
}

/** How much the standing picture lists beyond its disagreements, which are always there in full. */
interface Detail {
  /** Lines of what one origin alone says; the rest are counted. */
  aloneLines: number;
  /** Figures or positions named on a line of agreement; the rest are counted. */
  agreedValues: number;
  /** Claims added to or corrected in reports already cited, listed since the last digest. */
  claimChanges: number;
}

const DETAILS: readonly Detail[] = [
  { aloneLines: 6, agreedValues: Number.POSITIVE_INFINITY, claimChanges: 6 },
  { aloneLines: 3, agreedValues: 2, claimChanges: 3 },
  { aloneLines: 0, agreedValues: 1, claimChanges: 0 },
];

/** The digest at the most detail that is one message: as a story grows, the detail gives way first. */
function mostThatFits(briefingAt: (detail: Detail) => Briefing): Briefing {
  for (const detail of DETAILS.slice(0, -1)) {
    const briefing = briefingAt(detail);
    if (renderBriefing(briefing).messages.length === 1) return briefing;
  }
  return briefingAt(DETAILS[DETAILS.length - 1] as Detail);
}

function changeSections(
  dataset: Dataset,
  incident: Incident,
  since: { previous: DigestSnapshot | null; changes: DigestChanges | null; summary: ComparisonSummary },
  detail: Detail,
): Section[] {
  const { previous, changes, summary } = since;
  if (previous === null) return [];
  const heading = '🆕 Since the last digest';
  if (previous.incident !== incident.id) {
    const before = dataset.incidentById.get(previous.incident)?.title ?? previous.incident;
    return [
      { heading, lines: [`Now covering this incident; the last digest covered ${escapeText(before)}.`] },
    ];
  }
  if (!changes || !hasChanges(changes)) return [{ heading, lines: ['Nothing: the dataset is as it was.'] }];
  return [{ heading, lines: changeLines(dataset, summary, changes, detail) }];
}

function standingSections(
  dataset: Dataset,
  incident: Incident,
  summary: ComparisonSummary,
  claims: readonly ClaimRecord[],
  detail: Detail,
): Section[] {
  const onIncident = (c: Comparison) => isOnIncident(incident, c);
  const alone = [
    ...summary.singleOrigin.filter(onIncident).map((c) => comparisonLine(dataset, c)),
    ...summary.uncompared.filter((c) => !BACKGROUND_TOPICS.has(c.topic)).map((c) => claimBrief(dataset, c)),
  ];
  const background = claims.filter((c) => BACKGROUND_TOPICS.has(c.topic)).length;
  const sections: Section[] = [
    {
      heading: SORTED_UNDER.differ,
      lines: orNone(summary.differ.filter(onIncident).map((c) => comparisonLine(dataset, c))),
    },
    {
      heading: SORTED_UNDER.agree,
      lines: orNone(
        summary.agree.filter(onIncident).map((c) => agreementLine(dataset, c, detail.agreedValues)),
      ),
    },
    {
      heading: SORTED_UNDER.alone,
      lines: orNone([
        ...capped(alone, detail.aloneLines),
        ...(background > 0
          ? [`Background and context: ${plural(background, 'claim')}, see /context and /timeline.`]
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
  return sections;
}

/** "Time of the attack: on Tuesday 12 December 2023 (7 reports, 5 origins)": an agreement without listing every report. */
function agreementLine(dataset: Dataset, c: Comparison, values: number): string {
  const all =
    c.kind === 'figures'
      ? c.groups.map((g) => escapeText(g.amount))
      : c.positions.map((p) => positionLabel(dataset, c.point, p.position));
  const held = [
    ...all.slice(0, values),
    ...(all.length > values ? [`${all.length - values} more`] : []),
  ].join(c.kind === 'figures' ? ' · ' : '; ');
  return `**${escapeText(comparisonHeading(dataset, c))}**: ${held} (${reportCount(c)})`;
}

/** The quotes behind every figure and point it lists, a click away; and every source. */
function digestActions(dataset: Dataset, incident: Incident, summary: ComparisonSummary): Action[] {
  const shown = [...summary.differ, ...summary.agree, ...summary.singleOrigin].filter((c) =>
    isOnIncident(incident, c),
  );
  return [...quotesMenuFor(dataset, incident.id, shown), allSourcesButton()];
}

/** Whether a comparison is about the incident itself, not its background or a related event. */
function isOnIncident(incident: Incident, c: Comparison): boolean {
  return !BACKGROUND_TOPICS.has(c.topic) && (c.kind === 'statements' || c.subject === incident.id);
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
  return `${capitalise(escapeText(incident.attack_type))}; ${when}; ${escapeText(where)}.`;
}

function lateLine({ slot, timeZone }: { slot: Date; timeZone: string }): string {
  return `⏰ **Late**: this digest was due ${discordTimestamp(slot, 'f')} (${timeZone}) and is posted after the bot was offline.`;
}

function changeLines(
  dataset: Dataset,
  summary: ComparisonSummary,
  changes: DigestChanges,
  detail: Detail,
): string[] {
  const byKey = new Map(
    [...summary.agree, ...summary.differ, ...summary.singleOrigin].map((c) => [comparisonKey(c), c]),
  );
  const named = (keys: readonly string[]) =>
    keys.flatMap((k) => {
      const c = byKey.get(k);
      return c ? [escapeText(comparisonHeading(dataset, c))] : [];
    });
  const lines: string[] = [];
  if (changes.newSources.length > 0) lines.push(`New reports: ${sourceNames(dataset, changes.newSources)}`);
  const disagreements = named(changes.newDisagreements);
  if (disagreements.length > 0) lines.push(`⚠️ New disagreements: ${disagreements.join('; ')}`);
  const revised = changes.revised.flatMap((k) => {
    const c = byKey.get(k);
    return c?.kind === 'figures'
      ? [
          `${escapeText(comparisonHeading(dataset, c))}: now ${c.groups.map((g) => escapeText(g.amount)).join(' · ')}`,
        ]
      : [];
  });
  lines.push(
    ...capped(
      revised.map((r) => `Revised: ${r}`),
      MAX_CHANGE_LINES,
    ),
  );
  // A new report is named above; what changed inside reports already cited is listed claim by claim.
  const fromNewReports = new Set(changes.newSources);
  lines.push(
    ...capped(
      [
        ...changes.newClaims
          .filter((c) => !fromNewReports.has(c.source))
          .map((c) => `New: ${claimBrief(dataset, c)}`),
        ...changes.changedClaims.map((c) => `Corrected: ${claimBrief(dataset, c)}`),
      ],
      detail.claimChanges,
    ),
  );
  const settled = changes.settled.length;
  if (settled > 0) lines.push(`✅ ${plural(settled, 'disagreement')} no longer open.`);
  const counts = [
    changes.newClaims.length > 0 ? `${plural(changes.newClaims.length, 'claim')} added` : '',
    changes.changedClaims.length > 0 ? `${changes.changedClaims.length} revised` : '',
    changes.removedClaims.length > 0 ? `${changes.removedClaims.length} withdrawn` : '',
  ].filter(Boolean);
  if (counts.length > 0) lines.push(`In all: ${counts.join(', ')}.`);
  return lines;
}

function capped(lines: string[], max: number): string[] {
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), `${max > 0 ? '…and ' : ''}${plural(lines.length - max, 'more line')}.`];
}

function orNone(lines: string[]): string[] {
  return lines.length > 0 ? lines : ['None.'];
}
