/**
 * /quotes: every report's words behind one figure, point, or group, person, place or event of an
 * incident, each with who says it and the verbatim quote. What the other replies' "The quotes
 * behind…" menu runs, so every figure shown traces to its quote in one click.
 */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import {
  bottomLine,
  byRank,
  mainDisagreementSentence,
  mostReportedSentence,
} from '../src/briefing/bottom-line.js';
import { REPLY_BUDGET } from '../src/briefing/budget.js';
import { claimLine } from '../src/briefing/claims.js';
import {
  comparisonHeading,
  comparisonLines,
  measureLabel,
  pointHeading,
} from '../src/briefing/comparisons.js';
import { plainEntityName } from '../src/briefing/entities.js';
import { escapeText } from '../src/briefing/markdown.js';
import type { Briefing } from '../src/briefing/model.js';
import { citedSources } from '../src/briefing/sources.js';
import { type Comparison, comparisonClaims } from '../src/compare/compare.js';
import { compareFigures } from '../src/compare/figures.js';
import { compareStatements } from '../src/compare/statements.js';
import { didYouMean, matchChoices, nearest } from '../src/contract/choices.js';
import { INCIDENT_OPTION, unknownIncident } from '../src/contract/common.js';
import { defineCommand } from '../src/contract/define.js';
import { stringOption } from '../src/contract/options.js';
import { respond } from '../src/contract/respond.js';
import type { Choice } from '../src/contract/types.js';
import type { ClaimRecord, Dataset } from '../src/dataset/dataset.js';
import { findIncident, nameKey } from '../src/dataset/names.js';
import type { Incident } from '../src/dataset/schema.js';
import { plural } from '../src/plural.js';

const definition = {
  name: 'quotes',
  description: 'Every report’s words behind one figure, point, group, place or event',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'about',
      description: 'A figure (killed, injured…), a point (target, who claimed it…), or a name',
      required: true,
      autocomplete: true,
      max_length: 100,
    },
    INCIDENT_OPTION,
  ],
} as const;

export const quotes = defineCommand(definition, {
  reply: { visibility: 'asked', reuse: 'same-minute' },
  handle(input, { dataset }) {
    const incident = findIncident(dataset, stringOption(input, 'incident'));
    if (!incident) return respond(input, unknownIncident(input, dataset));
    const typed = stringOption(input, 'about') ?? '';
    return respond(input, quotesBriefing(dataset, incident, typed));
  },

  autocomplete(focused, input, { dataset }) {
    const incident = findIncident(dataset, stringOption(input, 'incident'));
    if (focused.name === 'incident' || !incident) return [];
    return matchChoices(
      aboutChoices(dataset, incident),
      (c) => [c.name, c.value],
      (c) => c,
      focused.value,
    );
  },
});

/** What /quotes can be about, in an incident: its measures, its points, the entities its claims name. */
export function aboutChoices(dataset: Dataset, incident: Incident): Choice[] {
  const claims = dataset.claimsByIncident.get(incident.id) ?? [];
  const measures = [...new Set(claims.flatMap((c) => (c.measure ? [c.measure] : [])))];
  const points = [...new Set(claims.flatMap((c) => (c.point ? [c.point] : [])))];
  const entities = [...new Set(claims.flatMap((c) => c.about))];
  return [
    ...measures.map((id) => ({ name: measureLabel(dataset, id), value: id })),
    ...points.map((id) => ({ name: pointHeading(dataset, id), value: id })),
    ...entities.map((id) => ({ name: plainEntityName(dataset, id), value: id })),
  ];
}

export function quotesBriefing(dataset: Dataset, incident: Incident, typed: string): Briefing {
  const claims = dataset.claimsByIncident.get(incident.id) ?? [];
  const about = findAbout(dataset, incident, typed);
  if (!about) return unknownAbout(dataset, incident, typed);
  const comparisons = [...compareFigures(claims, dataset), ...compareStatements(claims, dataset)].filter(
    (c) => (c.kind === 'figures' ? c.measure === about.id : c.point === about.id),
  );
  const named = claimsNaming(claims, about.id);
  // The figures and points in the order a reader needs them, their quotes in full, a part at a time.
  const sections =
    comparisons.length > 0
      ? byRank(comparisons).map((c) => ({
          heading: escapeText(comparisonHeading(dataset, c)),
          lines: comparisonLines(dataset, c),
        }))
      : [{ heading: escapeText(about.label), lines: named.map((c) => `• ${claimLine(dataset, c)}`) }];
  const cited = [...comparisons.flatMap(comparisonClaims), ...named];
  const reports = new Set(cited.map((c) => c.source)).size;
  return {
    title: `Quotes: ${escapeText(about.label)}`,
    description: bottomLine([
      mainDisagreementSentence(dataset, comparisons),
      mostReportedSentence(dataset, comparisons),
      `Every report’s words on it, ${plural(cited.length, 'claim')} from ${plural(reports, 'report')}, for ${escapeText(incident.title)}.`,
    ]),
    sections,
    sources: citedSources(
      dataset,
      cited.map((c) => c.source),
    ),
    tone: comparisons.some((c: Comparison) => c.verdict === 'differ') ? 'conflict' : 'neutral',
    partBudget: REPLY_BUDGET,
  };
}

function claimsNaming(claims: readonly ClaimRecord[], id: string): ClaimRecord[] {
  return claims.filter(
    (c) => c.about.includes(id) || c.relation?.subject === id || c.relation?.object === id,
  );
}

/** The measure, point or entity named by id, label or a declared synonym, in any case and punctuation. */
function findAbout(
  dataset: Dataset,
  incident: Incident,
  typed: string,
): { id: string; label: string } | undefined {
  const key = nameKey(typed);
  const found = aboutChoices(dataset, incident).find((c) =>
    aboutNames(dataset, c).some((name) => nameKey(name) === key),
  );
  return found ? { id: found.value, label: found.name } : undefined;
}

/** Every name a choice of /quotes goes by: its label, its id, and a measure's or point's synonyms. */
function aboutNames(dataset: Dataset, choice: Choice): string[] {
  const { synonyms = [] } =
    dataset.measureById.get(choice.value) ?? dataset.pointById.get(choice.value) ?? {};
  return [choice.name, choice.value, ...synonyms];
}

function unknownAbout(dataset: Dataset, incident: Incident, typed: string): Briefing {
  const choices = aboutChoices(dataset, incident);
  return {
    title: 'Quotes of what?',
    description: `Nothing in ${escapeText(incident.title)} is called “${escapeText(typed)}”.${didYouMean(
      nearest(choices, (c) => aboutNames(dataset, c), typed).map((c) => c.name),
    )} Pick one as you type; these have quotes:`,
    sections: [
      { heading: 'Figures, points and names', lines: [choices.map((c) => escapeText(c.name)).join(' · ')] },
    ],
    tone: 'notice',
  };
}
