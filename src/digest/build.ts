/**
 * The digest: a pure function of the dataset and the previous digest. It says where the sources
 * agree, where they differ (each figure with its source), what only one reports, what the
 * perpetrators claim, and what changed since the previous digest.
 */

import { disagreementBrief, figuresBottomLine } from '../briefing/bottom-line.js';
import {
  comparisonRank,
  DIGEST_BUDGET,
  FRAME,
  PLAIN,
  QUOTES_BELOW,
  type RankedLine,
  type RankedSection,
  ranked,
  withinBudget,
} from '../briefing/budget.js';
import { comparisonHeading, isCasualtyFigure, positionLabel, reportCount } from '../briefing/comparisons.js';
import { discordTimestamp, formatPartialDate, formatShortDate } from '../briefing/dates.js';
import { capitalise, claimBrief, comparisonLine, SORTED_UNDER, sortByMeasure } from '../briefing/lines.js';
import { escapeText } from '../briefing/markdown.js';
import type { Briefing } from '../briefing/model.js';
import { citedSources, sourceNames, sourceTag } from '../briefing/sources.js';
import { casualtiesChart, type FiguresChart } from '../chart/figures.js';
import { type Comparison, type ComparisonSummary, summariseComparison } from '../compare/compare.js';
import { allSourcesButton, quotesMenuFor } from '../contract/actions.js';
import type { Action } from '../contract/types.js';
import type { ClaimRecord, Dataset } from '../dataset/dataset.js';
import { LABELS_SHOWN } from '../dataset/labels.js';
import { memoPerDataset, memoPerObject } from '../dataset/memo.js';
import { sourcesInOrder } from '../dataset/order.js';
import type { Incident } from '../dataset/schema.js';
import { plural } from '../plural.js';
import type { DigestSnapshot } from '../store/records.js';
import {
  claimsChangedSince,
  comparisonKey,
  type DigestChanges,
  diffSnapshot,
  hasChanges,
  keepsRanges,
  rangeOf,
  takeSnapshot,
} from './snapshot.js';

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

/**
 * The digest as `/digest preview` shows it: it compares with no earlier digest, so it depends on
 * the dataset and the incident alone and is worked out once per dataset.
 */
export const digestPreview = memoPerDataset((dataset, incident: Incident) =>
  buildDigest({ dataset, incident, previous: null }),
);

/** Topics about the incident itself; the rest is background, counted but not listed in full. */
const BACKGROUND_TOPICS = new Set(['context']);

/**
 * What changed since the last digest first (new reports, revised figures, new disagreements), then
 * the standing picture: where the reports differ, where they agree, what one origin alone says,
 * what the perpetrators claim, probable errors. One line per comparison, so the digest of a story
 * told by many reports stays one message; the quotes are a click away.
 */
export function buildDigest({ dataset, incident, previous, lateFor }: DigestInput): Digest {
  const standing = standingOf(dataset, incident);
  const { summary, snapshot } = standing;
  // A digest that moves to another incident compares nothing with the previous one: it says so.
  const switched = previous !== null && previous.incident !== incident.id;
  const changes = previous && !switched ? diffSnapshot(dataset, previous, snapshot) : null;
  const briefing = withinBudget(
    {
      title: `Digest: ${escapeText(incident.title)}`,
      bottomLine: [lateFor ? lateLine(lateFor) : '', standing.bottomLine].filter(Boolean).join('\n'),
      sections: [...changeSections(dataset, incident, { previous, changes, summary }), ...standing.sections],
      sources: standing.sources,
      footer: `${incidentLine(incident)} Reports named by label; figures never merged or picked. Quotes: the menu below. Dataset ${dataset.version}.`,
      tone: summary.differ.length > 0 ? 'conflict' : 'neutral',
    },
    DIGEST_BUDGET,
    { pages: false, where: QUOTES_BELOW },
  );
  return {
    briefing,
    actions: standing.actions,
    snapshot,
    changed: changes === null || hasChanges(changes),
    chart: casualtiesChart(dataset, incident),
  };
}

/**
 * What every digest of the incident says whatever the previous one: its standing picture, worked
 * out once per dataset; only what changed since the previous digest is a digest's own.
 */
const standingOf = memoPerObject((dataset, incident: Incident) => {
  const claims = dataset.claimsByIncident.get(incident.id) ?? [];
  const summary = summariseComparison(claims, dataset);
  const snapshot = takeSnapshot(dataset, incident.id);
  const onIncident = [...summary.differ, ...summary.agree, ...summary.singleOrigin].filter((c) =>
    isOnIncident(incident, c),
  );
  return {
    summary,
    snapshot,
    bottomLine: figuresBottomLine(
      dataset,
      sortByMeasure(dataset, onIncident.filter(isCasualtyFigure)),
      onIncident,
    ),
    sections: standingSections(dataset, incident, summary, claims),
    sources: citedSources(dataset, snapshot.sources),
    actions: [...quotesMenuFor(dataset, incident.id, onIncident), allSourcesButton()],
  };
});

const SINCE = '🆕 Since the last digest';

function changeSections(
  dataset: Dataset,
  incident: Incident,
  since: { previous: DigestSnapshot | null; changes: DigestChanges | null; summary: ComparisonSummary },
): RankedSection[] {
  const { previous, changes, summary } = since;
  if (previous === null) return [];
  const section = (lines: string[]) => [{ heading: SINCE, lines: ranked(FRAME, lines) }];
  if (previous.incident !== incident.id) {
    const before = dataset.incidentById.get(previous.incident)?.title ?? previous.incident;
    return section([`Now covering this incident; the last digest covered ${escapeText(before)}.`]);
  }
  if (!changes || !hasChanges(changes)) return section(['Nothing: the dataset is as it was.']);
  return section(changeLines(dataset, summary, previous, changes));
}

function standingSections(
  dataset: Dataset,
  incident: Incident,
  summary: ComparisonSummary,
  claims: readonly ClaimRecord[],
): RankedSection[] {
  const onIncident = (c: Comparison) => isOnIncident(incident, c);
  const lineOf = (line: (c: Comparison) => string) => (c: Comparison) => ({
    text: line(c),
    rank: comparisonRank(c),
  });
  const alone = [
    ...summary.singleOrigin.filter(onIncident).map(lineOf((c) => comparisonLine(dataset, c))),
    ...ranked(
      PLAIN,
      summary.uncompared.filter((c) => !BACKGROUND_TOPICS.has(c.topic)).map((c) => claimBrief(dataset, c)),
    ),
  ];
  const background = claims.filter((c) => BACKGROUND_TOPICS.has(c.topic)).length;
  const sections: RankedSection[] = [
    {
      heading: SORTED_UNDER.differ,
      lines: orNone(summary.differ.filter(onIncident).map(lineOf((c) => disagreementBrief(dataset, c)))),
    },
    {
      heading: SORTED_UNDER.agree,
      lines: orNone(summary.agree.filter(onIncident).map(lineOf((c) => agreementLine(dataset, c)))),
    },
    {
      heading: SORTED_UNDER.alone,
      lines: orNone([
        ...alone,
        ...ranked(
          PLAIN,
          background > 0
            ? [`Background and context: ${plural(background, 'claim')}, see /context and /timeline.`]
            : [],
        ),
      ]),
    },
    {
      heading: SORTED_UNDER.perpetrators,
      lines: orNone(
        ranked(
          PLAIN,
          summary.perpetratorClaims.map((c) => claimBrief(dataset, c)),
        ),
      ),
    },
  ];
  if (summary.likelyErrors.length > 0)
    sections.push({
      heading: SORTED_UNDER.errors,
      lines: ranked(
        PLAIN,
        summary.likelyErrors.map((c) => `${claimBrief(dataset, c)}: ${escapeText(c.likely_error ?? '')}`),
      ),
    });
  return sections;
}

/**
 * "Time of the attack: on Tuesday 12 December 2023 (7 reports, 5 origins)": an agreement without
 * listing every report; every figure or position named, precise figures first.
 */
export function agreementLine(dataset: Dataset, c: Comparison): string {
  const held =
    c.kind === 'figures'
      ? [...c.groups.filter((g) => g.precise), ...c.groups.filter((g) => !g.precise)]
          .map((g) => escapeText(g.amount))
          .join(' · ')
      : c.positions.map((p) => positionLabel(dataset, c.point, p.position)).join('; ');
  return `**${escapeText(comparisonHeading(dataset, c))}**: ${held} (${reportCount(c)})`;
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
  previous: DigestSnapshot,
  changes: DigestChanges,
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
  const ranges = keepsRanges(previous);
  if (!ranges && changes.revised.length + changes.newDisagreements.length > 0) lines.push(OLDER_SNAPSHOT);
  for (const k of changes.revised) {
    const c = byKey.get(k);
    if (c?.kind !== 'figures') continue;
    const heading = escapeText(comparisonHeading(dataset, c));
    const now = escapeText(rangeOf(c) ?? '');
    const before = ranges ? previous.standing?.[k]?.range : undefined;
    const by = changedBy(dataset, claimsChangedSince(previous, c, dataset));
    lines.push(
      before === undefined
        ? `Revised: ${heading}: now ${now}${by}`
        : `Revised: ${heading}: ${before === now ? `still ${now}` : `${escapeText(before)} → ${now}`}${by}`,
    );
  }
  // A new report is named above; what changed inside reports already cited is listed claim by claim.
  const fromNewReports = new Set(changes.newSources);
  lines.push(
    ...changes.newClaims
      .filter((c) => !fromNewReports.has(c.source))
      .map((c) => `New: ${claimBrief(dataset, c)}`),
    ...changes.changedClaims.map((c) => `Corrected: ${claimBrief(dataset, c)}`),
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

/** Said once, by the first digest after the upgrade: the snapshot it follows kept no ranges. */
export const OLDER_SNAPSHOT =
  'The last digest was kept by an older version of the bot, without its ranges: revised figures are given as they are now, this once.';

/** ", Business Recorder, 13 Dec 2023": the reports whose new or corrected claims changed a measure, with their dates. */
function changedBy(dataset: Dataset, claims: readonly ClaimRecord[]): string {
  const sources = [...new Set(claims.map((c) => c.source))];
  if (sources.length === 0) return '';
  const named = sourcesInOrder(dataset)
    .filter((s) => sources.includes(s.id))
    .map((s) => `${sourceTag(dataset, s.id)}${s.published ? `, ${formatShortDate(s.published)}` : ''}`);
  // Each report with its date, so "; " between them; a long list cut short as every list of labels is.
  const shown = named.slice(0, LABELS_SHOWN + (named.length > LABELS_SHOWN + 1 ? 0 : 1));
  const rest = named.length - shown.length;
  return `, ${shown.join('; ')}${rest > 0 ? ` +${rest}` : ''}`;
}

function orNone(lines: RankedLine[]): RankedLine[] {
  return lines.length > 0 ? lines : ranked(PLAIN, ['None.']);
}
