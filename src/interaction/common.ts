/** Options and replies several commands share. */
import type { SlashCommandBuilder } from '@discordjs/builders';
import type { Dataset } from '../dataset/dataset.js';
import { escapeText } from '../present/markdown.js';
import type { Reply } from '../render/briefing.js';
import { stringOption } from './options.js';
import { respond } from './respond.js';
import type { CommandInput } from './types.js';

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

export function unknownIncident(input: CommandInput, dataset: Dataset): Reply {
  const typed = stringOption(input, 'incident') ?? '';
  return respond(input, {
    title: 'Unknown incident',
    description: `No incident matches “${escapeText(typed)}”. Pick one from the list as you type, or leave the option empty for the latest.`,
    sections: [
      {
        heading: 'Incidents in the dataset',
        lines: dataset.incidents.map((i) => `• ${escapeText(i.title)} (\`${i.id}\`, ${i.date})`),
      },
    ],
    tone: 'notice',
  });
}
