/** Options and replies several commands share. */
import type { SlashCommandBuilder } from '@discordjs/builders';
import { escapeText } from '../briefing/markdown.js';
import type { Briefing } from '../briefing/model.js';
import type { FiguresChart } from '../chart/figures.js';
import type { Dataset } from '../dataset/dataset.js';
import { findIncident } from '../dataset/names.js';
import type { Incident } from '../dataset/schema.js';
import { didYouMean, incidentChoices, nearest } from './choices.js';
import { addPrivateOption, slashCommand } from './define.js';
import { stringOption } from './options.js';
import { respond } from './respond.js';
import type { Action, CommandInput, CommandModule } from './types.js';

/** What a command about one incident answers: a briefing, and what it offers next. */
export interface Answer {
  briefing: Briefing;
  actions?: readonly Action[];
  chart?: FiguresChart;
}

export function addIncidentOption(builder: SlashCommandBuilder): SlashCommandBuilder {
  builder.addStringOption((o) =>
    o
      .setName('incident')
      .setDescription('Which incident (default: the latest)')
      .setAutocomplete(true)
      .setMaxLength(100),
  );
  return builder;
}

/** What a command says when the incident named is not in the dataset: the ones that are. */
export function unknownIncident(input: CommandInput, dataset: Dataset): Briefing {
  const typed = stringOption(input, 'incident') ?? '';
  return {
    title: 'Unknown incident',
    description: `No incident matches “${escapeText(typed)}”.${didYouMean(
      nearest(dataset.incidents, (i) => [i.id, i.title], typed).map((i) => i.title),
    )} Pick one from the list as you type, or leave the option empty for the latest.`,
    sections: [
      {
        heading: 'Incidents in the dataset',
        lines: dataset.incidents.map((i) => `• ${escapeText(i.title)} (\`${i.id}\`, ${i.date})`),
      },
    ],
    tone: 'notice',
  };
}

/**
 * A command about one incident (the latest unless one is named), whose answer is a briefing built
 * from the dataset and that incident: the definition, the handler and the autocomplete in one.
 */
export function incidentCommand(
  name: string,
  description: string,
  answer: (dataset: Dataset, incident: Incident, input: CommandInput) => Answer,
  /** Adds options of its own, between the incident and `private`. */
  addOptions: (builder: SlashCommandBuilder) => unknown = () => undefined,
): CommandModule {
  const builder = addIncidentOption(slashCommand(name, description));
  addOptions(builder);
  return {
    definition: addPrivateOption(builder).toJSON(),
    handle(input, { dataset }) {
      const incident = findIncident(dataset, stringOption(input, 'incident'));
      if (!incident) return respond(input, unknownIncident(input, dataset));
      const { briefing, actions, chart } = answer(dataset, incident, input);
      return { ...respond(input, briefing, actions), ...(chart ? { chart } : {}) };
    },
    autocomplete: (focused, _input, { dataset }) => incidentChoices(dataset, focused.value),
  };
}
