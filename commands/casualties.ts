/**
 * /casualties: per measure, a few lines at a glance: the verdict and the range, the figures grouped
 * by value with the reports (and relayed statements) behind each, what conflicts; figures that span
 * the incident and other events apart, reconciled. The quotes are one click away.
 */

import { ApplicationCommandOptionType } from 'discord-api-types/v10';
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
import { plural } from '../src/plural.js';

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
  const conflicts = comparisons.filter((c) => c.verdict === 'differ').length;
  const claims = comparisons.flatMap((c) => [...c.reports, ...c.perpetratorClaims, ...c.likelyErrors]);
  return {
    briefing: {
      title: `Casualties: ${escapeText(incident.title)}`,
      description:
        comparisons.length === 0
          ? 'No casualty figures are recorded for this incident.'
          : conflicts > 0
            ? `⚠️ The reports conflict on ${conflicts} of ${plural(comparisons.length, 'figure')}; each is shown with its reports, none is picked.`
            : `No figures conflict across the ${plural(comparisons.length, 'measure')}.`,
      sections: comparisons.map((c) => ({
        heading: escapeText(comparisonHeading(dataset, c)),
        lines: measureGlance(dataset, c),
      })),
      sources: citedSources(
        dataset,
        claims.map((r) => r.claim.source),
      ),
      footer: 'Conservative: the lowest figure reported, as ACLED codes fatalities when reports differ.',
      tone: conflicts > 0 ? 'conflict' : 'neutral',
    },
    actions: [
      ...quotesMenuFor(dataset, incident.id, comparisons),
      ...(chart || comparisons.length === 0 ? [] : [chartButton(incident.id)]),
      allSourcesButton(),
      compareButton(incident.id, 'casualties', 'Casualties'),
    ],
    ...(chart ? { chart } : {}),
  };
}
