import { claimLine, likelyErrorLine } from '../src/briefing/claims.js';
import { isCasualtyFigure, pointHeading, pointLines, VERDICT_MARKS } from '../src/briefing/comparisons.js';
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
import type { Briefing, Section } from '../src/briefing/model.js';
import { sourceLines } from '../src/briefing/sources.js';
import { incidentCommand } from '../src/command/common.js';
import type { Comparison } from '../src/compare/compare.js';
import { compareFigures } from '../src/compare/figures.js';
import { compareStatements } from '../src/compare/statements.js';
import type { ClaimRecord, Dataset } from '../src/dataset/dataset.js';
import type { Incident } from '../src/dataset/schema.js';
import { plural } from '../src/plural.js';

export const incident = incidentCommand(
  'incident',
  'The overview: what, when, where, the figures, who claimed it, where sources differ',
  incidentBriefing,
);

export function incidentBriefing(dataset: Dataset, incident: Incident): Briefing {
  const claims = dataset.claimsByIncident.get(incident.id) ?? [];
  const cited = new Set<string>();
  const cite = (sources: Iterable<string>) => {
    for (const s of sources) cited.add(s);
  };
  const cl = (claim: ClaimRecord) => {
    cited.add(claim.source);
    return claimLine(dataset, claim);
  };

  const figures = sortByMeasure(
    dataset,
    compareFigures(claims, dataset).filter((c) => c.subject === incident.id),
  );
  const statements = compareStatements(claims, dataset);
  const open: Comparison[] = [...figures, ...statements].filter((c) => c.verdict === 'differ');
  const reportCount = new Set(claims.map((c) => c.source)).size;

  const compact = (c: Comparison) => {
    cite(c.sources);
    return c.kind === 'figures' ? figureRangeLine(dataset, c) : pointLine(dataset, c);
  };

  // What: the attack type, then the target, each side shown when the sources differ on it.
  const what: string[] = [`**Attack:** ${escapeText(incident.attack_type)}`];
  const targetPoints = statements.filter((c) => c.topic === 'target');
  const targetDiffers = targetPoints.filter((c) => c.verdict === 'differ');
  if (targetDiffers.length > 0) {
    what.push(`**Target:** ${VERDICT_MARKS.differ} on the target; each side with its source:`);
    for (const c of targetDiffers) {
      cite(c.sources);
      cite(c.perpetratorClaims.map((p) => p.source));
      what.push(`__${escapeText(pointHeading(dataset, c.point))}__`, ...pointLines(dataset, c));
    }
  } else {
    what.push(`**Target:** ${escapeText(incident.target)}`);
    what.push(...targetPoints.map(compact));
  }
  if (incident.weapons.length > 0) what.push(`**Weapons:** ${incident.weapons.map(escapeText).join('; ')}`);

  // When: the date at the precision the data has, a Discord timestamp for a day-precise date.
  const when: string[] = [whenLine(incident)];
  when.push(...statements.filter((c) => c.topic === 'time').map(compact));

  // Where: the place fields, most precise first, then what the sources say about the location.
  const where: string[] = [whereLine(incident)];
  where.push(...statements.filter((c) => c.topic === 'location').map(compact));
  where.push(...figures.filter((c) => c.topic === 'location').map(compact));

  const casualties = figures.filter(isCasualtyFigure);
  const headline =
    casualties.length > 0 ? casualties.map(compact) : ['No casualty figures are recorded for this incident.'];

  const who: string[] = [];
  const group = incident.responsible_group ? dataset.entityById.get(incident.responsible_group) : undefined;
  who.push(
    group?.kind === 'group'
      ? `**${groupTitle(group.value)}** claimed responsibility (the dataset records the claimed group; /group for more).`
      : 'No group is recorded as responsible.',
  );
  const responsibility = claims.filter((c) => c.topic === 'responsibility');
  for (const c of statements.filter((s) => s.topic === 'responsibility')) {
    cite(c.sources);
    cite(c.perpetratorClaims.map((p) => p.source));
    who.push(...pointLines(dataset, c));
  }
  for (const claim of responsibility.filter((c) => !c.point)) {
    who.push(`${claim.status === 'perpetrator_claim' ? '🏴' : '•'} ${cl(claim)}`);
  }

  const disagreements = open.map((c) => {
    cite(c.sources);
    return disagreementLine(dataset, c);
  });

  const errors = claims.filter((c) => c.likely_error !== undefined && c.status !== 'perpetrator_claim');
  cite(errors.map((c) => c.source));

  const sections: Section[] = [
    { heading: 'What', lines: what },
    { heading: 'When', lines: when },
    { heading: 'Where', lines: where },
    { heading: 'Headline figures', lines: headline },
    { heading: 'Who claimed it', lines: who },
    {
      heading: `${VERDICT_MARKS.differ}: open disagreements`,
      lines: disagreements.length > 0 ? disagreements : ['None: the sources do not contradict one another.'],
    },
  ];
  if (errors.length > 0)
    sections.push({
      heading: SORTED_UNDER.errors,
      lines: errors.map((c) => likelyErrorLine(dataset, c)),
    });

  return {
    title: escapeText(incident.title),
    description: [
      `Reported by ${plural(reportCount, 'source')} (${claims.length} claims).`,
      open.length > 0
        ? `⚠️ They differ on ${plural(open.length, 'point')}; each side is shown with its source, none is picked.`
        : 'They do not contradict one another on anything they both report.',
    ].join(' '),
    sections,
    sources: sourceLines(dataset, cited),
    footer: 'More: /casualties, /compare, /group, /timeline, /sources. [n] refers to the Sources list.',
    tone: open.length > 0 ? 'conflict' : 'neutral',
  };
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
