/** Options and replies several commands share. */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { escapeText } from '../briefing/markdown.js';
import type { Briefing } from '../briefing/model.js';
import type { FiguresChart } from '../chart/figures.js';
import type { Dataset } from '../dataset/dataset.js';
import { findIncident } from '../dataset/names.js';
import type { Incident } from '../dataset/schema.js';
import { didYouMean, incidentChoices, nearest } from './choices.js';
import type { ValueOption } from './define.js';
import { stringOption } from './options.js';
import { respond } from './respond.js';
import type { Action, Choice, CommandEnv, CommandInput, CommandReply, FocusedOption } from './types.js';

/** What a command about one incident answers: a briefing, and what it offers next. */
export interface Answer {
  briefing: Briefing;
  actions?: readonly Action[];
  chart?: FiguresChart;
}

/** The incident a command is about: the latest unless one is named. */
export const INCIDENT_OPTION = {
  type: ApplicationCommandOptionType.String,
  name: 'incident',
  description: 'Which incident (default: the latest)',
  autocomplete: true,
  max_length: 100,
} as const satisfies ValueOption;

/** The input of a command with the incident option. */
type AboutIncident = CommandInput & { readonly options: { readonly incident?: string } };

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
 * The reply of a command about one incident (the latest unless one is named): the answer built
 * from the dataset and that incident, or the incidents there are when none matches.
 */
export function answerAboutIncident<I extends AboutIncident>(
  input: I,
  { dataset }: CommandEnv,
  answer: (dataset: Dataset, incident: Incident, input: I) => Answer,
): CommandReply {
  const incident = findIncident(dataset, stringOption(input, 'incident'));
  if (!incident) return respond(input, unknownIncident(input, dataset));
  const { briefing, actions, chart } = answer(dataset, incident, input);
  return { ...respond(input, briefing, actions), ...(chart ? { chart } : {}) };
}

/** The incidents whose names match what was typed. */
export function incidentAutocomplete(
  focused: FocusedOption,
  _input: unknown,
  { dataset }: CommandEnv,
): Choice[] {
  return incidentChoices(dataset, focused.value);
}
