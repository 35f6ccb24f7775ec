/**
 * /casualties: per measure, a few lines at a glance: the verdict and the range, the figures grouped
 * by value with the reports (and relayed statements) behind each, what conflicts; figures that span
 * the incident and other events apart, reconciled. The quotes are one click away.
 */

import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { figuresBottomLine } from '../src/briefing/bottom-line.js';
import { comparisonRank, QUOTES_BELOW, REPLY_BUDGET, ranked, withinBudget } from '../src/briefing/budget.js';
import { casualtyComparisons } from '../src/briefing/casualties.js';
import { comparisonHeading } from '../src/briefing/comparisons.js';
import { measureGlance } from '../src/briefing/glance.js';
import { escapeText } from '../src/briefing/markdown.js';
import { citedSources } from '../src/briefing/sources.js';
import { casualtiesChart } from '../src/chart/figures.js';
import { allSourcesButton, chartButton, compareButton, quotesMenuFor } from '../src/contract/actions.js';
import {
  type Answer,
  answerAboutIncident,
  INCIDENT_OPTION,
  incidentAutocomplete,
} from '../src/contract/common.js';
import { defineCommand, type InputOf } from '../src/contract/define.js';
import { booleanOption } from '../src/contract/options.js';
import type { Dataset } from '../src/dataset/dataset.js';
import type { Incident } from '../src/dataset/schema.js';

const definition = {
  name: 'casualties',
  description: 'Killed, injured and attackers: every figure with its source, and where they conflict',
  options: [
    INCIDENT_OPTION,
    {
      type: ApplicationCommandOptionType.Boolean,
      name: 'chart',
      description: 'With a chart of the figures by source (a picture)',
    },
  ],
} as const;

const policy = { visibility: 'asked', reuse: 'same-minute' } as const;

export const casualties = defineCommand(definition, {
  reply: policy,
  handle: (input, env) => answerAboutIncident(input, env, casualtiesAnswer),
  autocomplete: incidentAutocomplete,
});

export function casualtiesAnswer(
  dataset: Dataset,
  incident: Incident,
  input: InputOf<typeof definition, typeof policy.visibility>,
): Answer {
  const comparisons = casualtyComparisons(dataset, incident);
  const chart = booleanOption(input, 'chart') ? casualtiesChart(dataset, incident) : undefined;
  const claims = comparisons.flatMap((c) => [...c.reports, ...c.perpetratorClaims, ...c.likelyErrors]);
  return {
    briefing: withinBudget(
      {
        title: `Casualties: ${escapeText(incident.title)}`,
        bottomLine:
          comparisons.length === 0
            ? 'No casualty figures are recorded for this incident.'
            : figuresBottomLine(dataset, comparisons),
        sections: comparisons.map((c) => ({
          heading: escapeText(comparisonHeading(dataset, c)),
          lines: ranked(comparisonRank(c), measureGlance(dataset, c)),
        })),
        sources: citedSources(
          dataset,
          claims.map((r) => r.claim.source),
        ),
        footer: 'Conservative: the lowest figure reported, as ACLED codes fatalities when reports differ.',
        tone: comparisons.some((c) => c.verdict === 'differ') ? 'conflict' : 'neutral',
      },
      REPLY_BUDGET,
      { pages: false, where: QUOTES_BELOW },
    ),
    actions: [
      ...quotesMenuFor(dataset, incident.id, comparisons),
      ...(chart || comparisons.length === 0 ? [] : [chartButton(incident.id)]),
      allSourcesButton(),
      compareButton(incident.id, 'casualties', 'Casualties'),
    ],
    ...(chart ? { chart } : {}),
  };
}
