/** /incident: the overview of one incident, one line per thing the reports say or dispute. */

import { figuresBottomLine } from '../src/briefing/bottom-line.js';
import {
  comparisonRank,
  FRAME,
  PLAIN,
  QUOTES_BELOW,
  type RankedLine,
  type RankedSection,
  REPLY_BUDGET,
  ranked,
  withinBudget,
} from '../src/briefing/budget.js';
import { isCasualtyFigure, VERDICT_MARKS } from '../src/briefing/comparisons.js';
import { formatPartialDateWithPrecision, howLongAgo } from '../src/briefing/dates.js';
import { groupTitle } from '../src/briefing/entities.js';
import {
  disagreementLine,
  figureRangeLine,
  pointLine,
  SORTED_UNDER,
  sortByMeasure,
} from '../src/briefing/lines.js';
import { escapeText } from '../src/briefing/markdown.js';
import { citedSources, sourceTag } from '../src/briefing/sources.js';
import type { Comparison } from '../src/compare/compare.js';
import { compareFigures, type MeasureComparison } from '../src/compare/figures.js';
import { compareStatements, type PointComparison } from '../src/compare/statements.js';
import { allSourcesButton, compareButton, quotesMenuFor } from '../src/contract/actions.js';
import {
  type Answer,
  answerAboutIncident,
  INCIDENT_OPTION,
  incidentAutocomplete,
} from '../src/contract/common.js';
import { defineCommand } from '../src/contract/define.js';
import type { ClaimRecord, Dataset } from '../src/dataset/dataset.js';
import type { Incident, Topic } from '../src/dataset/schema.js';

const definition = {
  name: 'incident',
  description: 'The overview: what, when, where, the figures, who claimed it, where sources differ',
  options: [INCIDENT_OPTION],
} as const;

export const incident = defineCommand(definition, {
  reply: { visibility: 'asked', reuse: 'same-minute' },
  handle: (input, env) => answerAboutIncident(input, env, incidentAnswer),
  autocomplete: incidentAutocomplete,
});

/** What /incident shows of an incident's comparisons, sorted by where each goes. */
interface Overview {
  claims: readonly ClaimRecord[];
  figures: MeasureComparison[];
  statements: PointComparison[];
  open: Comparison[];
}

function overviewOf(dataset: Dataset, incident: Incident): Overview {
  const claims = dataset.claimsByIncident.get(incident.id) ?? [];
  const figures = sortByMeasure(
    dataset,
    compareFigures(claims, dataset).filter((c) => c.subject === incident.id),
  );
  const statements = compareStatements(claims, dataset);
  const open = [...figures, ...statements].filter((c) => c.verdict === 'differ');
  return { claims, figures, statements, open };
}

export function incidentAnswer(dataset: Dataset, incident: Incident): Answer {
  const overview = overviewOf(dataset, incident);
  const { claims, figures, statements, open } = overview;
  const shown = new Set<Comparison>();
  // A point only a probable error makes is said once, with the probable errors below.
  const lines = (comparisons: readonly Comparison[]) =>
    comparisons
      .filter((c) => c.verdict !== 'errors_only')
      .flatMap((c) => {
        shown.add(c);
        return ranked(comparisonRank(c), [
          c.kind === 'figures' ? figureRangeLine(dataset, c) : pointLine(dataset, c),
        ]);
      });
  const ofTopic = (topic: Topic) => lines(statements.filter((c) => c.topic === topic));
  const casualties = figures.filter(isCasualtyFigure);
  const errors = claims.filter((c) => c.likely_error !== undefined && c.status !== 'perpetrator_claim');
  const sections: RankedSection[] = [
    { heading: 'What', lines: [...ranked(FRAME, whatLines(incident)), ...ofTopic('target')] },
    { heading: 'When', lines: [...ranked(FRAME, [whenLine(incident)]), ...ofTopic('time')] },
    {
      heading: 'Where',
      lines: [
        ...ranked(FRAME, [whereLine(incident)]),
        ...ofTopic('location'),
        ...lines(figures.filter((c) => c.topic === 'location')),
      ],
    },
    {
      heading: 'Headline figures',
      lines:
        casualties.length > 0
          ? lines(casualties)
          : ranked(FRAME, ['No casualty figures are recorded for this incident.']),
    },
    {
      heading: 'Who claimed it',
      lines: [...ranked(FRAME, [claimedLine(dataset, incident)]), ...ofTopic('responsibility')],
    },
    {
      heading: `${VERDICT_MARKS.differ}: open disagreements`,
      lines: openLines(dataset, open, shown),
    },
  ];
  if (errors.length > 0)
    sections.push({
      heading: SORTED_UNDER.errors,
      lines: ranked(
        PLAIN,
        errors.map((c) => errorBrief(dataset, c)),
      ),
    });
  return {
    briefing: withinBudget(
      {
        title: escapeText(incident.title),
        bottomLine: figuresBottomLine(dataset, casualties, statements),
        sections,
        sources: citedSources(
          dataset,
          claims.map((c) => c.source),
        ),
        footer: 'More: /casualties, /compare, /group, /timeline, /sources.',
        tone: open.length > 0 ? 'conflict' : 'neutral',
      },
      REPLY_BUDGET,
      { pages: false, where: QUOTES_BELOW },
    ),
    actions: [
      ...quotesMenuFor(dataset, incident.id, [...shown]),
      allSourcesButton(),
      compareButton(incident.id, 'casualties', 'Casualties'),
    ],
  };
}

/**
 * Each disagreement not yet stated by its sides above (a point's line says both sides; a figure's
 * line gives only its range), so no disagreement is said twice.
 */
function openLines(dataset: Dataset, open: readonly Comparison[], shown: Set<Comparison>): RankedLine[] {
  if (open.length === 0) return ranked(PLAIN, ['None: the reports do not contradict one another.']);
  const notYet = open.filter((c) => c.kind === 'figures' || !shown.has(c));
  for (const c of notYet) shown.add(c);
  return notYet.length > 0
    ? notYet.flatMap((c) => ranked(comparisonRank(c), [disagreementLine(dataset, c)]))
    : ranked(PLAIN, ['Each is stated above, with its sides.']);
}

function whatLines(incident: Incident): string[] {
  return [
    `**Attack:** ${escapeText(incident.attack_type)}`,
    ...(incident.weapons.length > 0 ? [`**Weapons:** ${incident.weapons.map(escapeText).join('; ')}`] : []),
  ];
}

function claimedLine(dataset: Dataset, incident: Incident): string {
  const group = incident.responsible_group ? dataset.entityById.get(incident.responsible_group) : undefined;
  return group?.kind === 'group'
    ? `**${groupTitle(group.value)}** claimed responsibility (the dataset records the claimed group; /group for more).`
    : 'No group is recorded as responsible.';
}

/** "❓ The attack took place in Dera Ismail Khan, which the report calls a city. — indileak.com (probable error, not counted)" */
function errorBrief(dataset: Dataset, claim: ClaimRecord): string {
  return `❓ ${escapeText(claim.statement)} — ${sourceTag(dataset, claim.source)} (probable error, not counted)`;
}

function whenLine(incident: Incident): string {
  const parts = [`**${formatPartialDateWithPrecision(incident.date)}**`];
  if (incident.time_of_day) parts.push(escapeText(incident.time_of_day));
  return [parts.join(', '), howLongAgo(incident.date, incident.timezone)].filter(Boolean).join(' ');
}

function whereLine(incident: Incident): string {
  const { place } = incident;
  const names = [place.area, place.town, place.district, place.province, place.country].filter(
    (n): n is string => n !== undefined,
  );
  const coordinates = place.coordinates ? ` (${place.coordinates.lat}, ${place.coordinates.lon})` : '';
  return `**${escapeText(names.join(', '))}**${coordinates} · known to ${place.precision} precision`;
}
